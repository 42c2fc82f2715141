"""A faithful emulator of the Glycerine Server API (Laravel), for tests, the demo and benchmarks.

``create_emulator()`` returns an :class:`~adapters.emulation.Emulator` whose app serves
``/api/...`` (base path ``/api``) and, as the image server, ``/iiif/{key}/info.json``. The
data is seeded deterministically (``seed.py``); ``credentials`` is ``{"token": ...}``.

Behaviour the seed and the public docs specify, reproduced as written:

* Bearer tokens; every ``/api`` route needs one except ``/api/publications/...``.
* Lists are bare JSON arrays of everything (no paging, no envelope).
* ``DELETE`` answers 200 with the deleted object.
* Image sets: ``allowed_languages`` is written as codes and read as ``{name, code}``;
  ``image_ids`` adds images; ``published`` on ``PUT`` publishes or unpublishes, which shows
  as ``publication {id, image_set_id, active, created_at, updated_at, persistent_url}``.
* ``GET /api/image-sets/{id}/images`` lists a set's images by ascending ``weight``.
* ``POST /api/collections/{id}/import/manifest`` with ``{manifest: URL}`` builds a new image set
  with one image per canvas (weight = canvas order) and returns it.

Choices where the docs are silent (Laravel's defaults unless said otherwise):

* Success is always 200, creations included (the docs mention only 200).
* An error body is ``{"message"}``; 401 ``Unauthenticated.``, 403 ``This action is
  unauthorized.``, 404 ``No query results for model [App\\Models\\X] id`` (or ``The route ...
  could not be found.``). Validation is 422 ``{"message", "errors": {field: [...]}}`` with
  Laravel's wording; array items are keyed ``image_ids.0``, ``allowed_languages.1``.
* Without ``Accept: application/json`` an auth failure redirects (302) to ``/login``, a
  validation failure redirects back, and any other error (403, 404, 405) is an HTML page with
  the same status and the message as its ``<title>``, never JSON; with a valid token, successes
  are JSON either way.
* Auth is checked before the object is looked up (401 comes before 404) on every route that
  needs a token, whatever the id: ids are read after auth, and one that is not a number (``abc``)
  is the model's 404 (``No query results for model [App\\Models\\Collection] abc``), as
  Laravel's route-model binding gives, not a "route could not be found".
* Policies: a collection's owner has ``access, write, manage, delete``; a user it is shared with
  has ``access`` only (view it, create image sets in it). An image set gives all four to the
  owner of the set or of its collection, and otherwise follows the collection. ``PUT`` needs
  ``write``; ``published`` also needs ``manage`` on an image set (``write`` on a collection);
  ``DELETE`` needs ``delete``. The seed has one collection shared with the token's user and one
  that is not (403).
* ``PUT`` is partial: absent fields stay as they are; ``allowed_languages`` replaces the list;
  ``image_ids`` appends the images in the given order after the current last weight (an image
  already in the set stays where it is; one in another set moves). ``image_ids`` must name
  existing images the user can access, else 422 on ``image_ids.N``. ``published`` on ``POST``
  is ignored (the seed lists it for ``PUT`` only).
* A set is addressed under its own collection only: ``/collections/{other}/image-sets/{id}`` is
  a 404. Deleting a set deletes its images; deleting a collection deletes its sets.
* The first publish creates the publication; unpublishing keeps it with ``active: false``;
  publishing again reactivates the same one. ``persistent_url`` is the public manifest URL.
  Public ``/api/publications/{collections|image-sets}/{id}/{info|json|manifest}`` answer 404
  for an inactive publication; ``json`` of a set adds ``images`` and ``annotation_sets: []``,
  ``json`` of a collection adds its published ``image_sets``.
* Import: the manifest is fetched through ``fetch_transport`` (an httpx transport; None means
  the network), following redirects. Presentation 2.1 and 3.0 are read (``manifest_import``).
  A manifest that cannot be fetched, is not JSON, or has no image is 422
  ``{"message", "errors": {"manifest": [...]}}`` (the brief's status; the reference guessed
  400). The set is named from the manifest label and records the URL in its metadata.
* ``/api/iiif/manifest/{id}`` and ``/api/iiif/collection/{id}`` emit IIIF Presentation 3.0.
* Images: seeded images are ``type: iiif`` with ``uri`` = ``iiif_url`` =
  ``http://images.glycerine.emulator/iiif/{key}``, half ``api_version: v2`` and half ``v3``; the
  app serves ``/iiif/{key}/info.json`` (level 2, with ``sizes`` and ``tiles``) in that version,
  but not pixels. ``POST /api/images/iiif`` (``file`` = a service base) reads the service's
  ``info.json`` through ``fetch_transport`` for the size and version. ``PUT /api/images/{id}``
  accepts ``name``, ``description``, ``metadata`` and ``weight``. ``persistent_url`` of an image
  is null.
"""

from __future__ import annotations

import random

import httpx

from adapters.emulation import Emulator, EmulatorControl, EmulatorMiddleware
from adapters.iiif.emulator.app import GlycerineApp, build_app
from adapters.iiif.emulator.seed import IMAGE_HOST, image_base_url, seed_state
from adapters.iiif.emulator.state import GlycerineState

__all__ = ["IMAGE_HOST", "KIND", "PUBLIC_BASE", "create_emulator", "image_base_url"]

KIND = "glycerine"
#: The URL the emulator believes it is served at (in ids of IIIF documents and publications).
PUBLIC_BASE = "http://glycerine.emulator"


def create_emulator(
    *,
    control: EmulatorControl | None = None,
    seed: int = 7,
    fetch_transport: httpx.AsyncBaseTransport | None = None,
    public_base: str = PUBLIC_BASE,
) -> Emulator:
    """A seeded Glycerine emulator; ``emulator.state`` is its :class:`GlycerineState`."""
    control = control or EmulatorControl()
    state = GlycerineState(clock=control.clock)
    credentials = seed_state(state, random.Random(seed))
    glycerine = GlycerineApp(state, public_base=public_base, fetch_transport=fetch_transport)
    app = EmulatorMiddleware(build_app(glycerine), control)
    return Emulator(
        kind=KIND,
        app=app,
        control=control,
        credentials=credentials,
        base_path="/api",
        state=state,
    )
