"""A faithful, stateful emulator of the DPG (Digital Photo Gallery) ``/v1`` API.

Built from the "Sets & galleries" and "Overview" guides (the seeds) and the wider DPG notes
(error shape, paging headers, Operations, idempotency, scopes, ETags, user tokens). Usage::

    emulator = create_emulator(control=EmulatorControl(clock=ManualClock()), operation_delay=2)
    transport = httpx.ASGITransport(app=emulator.app)

Documented behaviour it follows:

* Paths under ``/v1``; bearer tokens; the nine scopes (reads need ``api.images.read``, set
  writes ``api.sets.write``; a missing scope is ``403 forbidden``; no or a bad token ``401
  unauthorized``). While the account's API is off every endpoint answers ``403
  api_not_enabled``, whatever the token.
* Errors: ``{"error": {"code", "message", "detail", "field", "request_id"}}``, every one of
  them, unknown paths and wrong methods included ("every error comes back in the same shape").
* Lists are bare JSON arrays paged by ``limit`` (default 50, max 200) and ``offset``, with
  ``X-Has-More`` and ``X-Next-Offset``. Every GET has an ``ETag``; ``If-None-Match`` with it
  gives an empty ``304``.
* Writes need ``Idempotency-Key`` and answer ``202`` with an Operation. The same key and body
  return the original Operation and do the work once; the same key with another request is
  ``409 idempotency_key_conflict``.
* Every request is checked as it arrives: a body of the wrong shape is ``400 validation`` with
  the field, before any Operation exists.
* ``colour`` and ``type`` take only the fixed choices (:data:`seed.COLOURS`,
  :data:`seed.SET_TYPES`); ``hidden`` only a JSON boolean. A snapshot is taken before every
  rearrangement. Sign-in is the only rate-limited call (``429 rate_limited`` + ``Retry-After``).
* User tokens: ``/v1/auth/sign_in`` -> ``{refresh_token, accounts}``; ``/v1/auth/token`` ->
  ``{access_token, token_type, expires_in: 900, refresh_token}``. The refresh token rotates on
  every use: the one sent is spent, even though the request succeeds.

Choices where the docs are silent (the shapes below are invented unless marked):

* Ids are UUIDv4 strings from the seeded RNG; Operation ids are ``op-<uuid>``.
* ``request_id``: the client's ``X-Request-Id`` when it sends one (the header is echoed on
  every answer too), else ``req-`` + 16 hex digits from a second RNG seeded like the first,
  not ``uuid4``: the same requests give the same ids, and because the stream is separate, how
  many errors a test provokes never changes the ids of the sets and Operations made later.
* Unknown paths are ``404 not_found`` and a known path with another method is ``405
  method_not_allowed`` with ``Allow`` listing the path's methods; neither looks at the token or
  the API switch (no endpoint was reached). ``HEAD`` is answered like ``GET``.
* A ``202`` carries ``Location: /v1/operations/{uuid}``, the Operation to poll.
* ``GET /v1/operations/{uuid}`` needs a valid token but no scope: whoever may write may poll,
  and an Operation says nothing the write's own 202 did not.
* Set: ``public_uuid, name, description, colour, type, parent_public_uuid,
  lead_image_public_uuid, position, image_count, child_count, website{uuid,name,url},
  created_at, updated_at``, the same in lists and detail. ``image_count`` counts what
  ``/images`` lists (embargoed images are left out). Lists and detail do not carry child ids.
* ``GET /v1/sets/tree`` is a bare array of top-level nodes ``{public_uuid, name, colour, type,
  parent_public_uuid, position, image_count, child_count, children: [...]}``, not paged.
* Image: ``public_uuid, title, description, filename, alt_text, width, height, creation_date,
  created_at, updated_at, rating, rotation, has_video, keywords[{namespace, value}] (namespace
  null when bare), metadata{creator, copyright_notice, city}, exif{}, set_public_uuids,
  versions[{name, width, height, access, url}]``. Versions are ``thumbnail``, ``standard``,
  ``wuxga`` (public, with a CDN url in the style of ``media.digitalphotogallery.com``) and
  ``original`` (``access: private``, no url). ``/v1/sets/{u}/images`` adds ``position``,
  ``hidden`` and ``activation_time``. ``/v1/images`` is newest first, with ``keyword``,
  ``namespace`` and a plain substring ``query``; the other documented filters are ignored.
* ``X-Next-Offset`` is ``offset + returned`` also on the last page (``X-Has-More`` says stop).
* Operation: ``uuid, status, type, set_public_uuids, image_public_uuids, result{message,
  set_public_uuid}, error{code, message, detail, field} | null, created_at, updated_at``.
  Types: ``create, update, delete, add_images, remove_images, order, reorder, visibility,
  restore``. Statuses: ``queued`` for the first half of ``operation_delay`` (0 by default, so
  most Operations read ``succeeded`` in the 202), ``running`` for the second half, then
  ``succeeded`` or ``failed``; the work runs when the clock reaches the due time.
* Body checks are ``400 validation`` on arrival, with the field:

  - ``name`` is a non-blank string of at most 191 characters (the limit of the documented
    ``title`` error);
  - every id in a body (``image_public_uuids``, ``set_public_uuids``, ``parent_public_uuid``,
    ``lead_image_public_uuid``, ``snapshot_uuid``) is a uuid in the canonical 36-character
    form; an id list is non-empty, holds at most 200 ids (the documented keyword cap) and no
    id twice;
  - ``colour`` and ``type``, when present, are one of the choices: ``null`` is refused like an
    off-palette value, and the palette's own ``"none"`` is how a colour is cleared;
  - ``activation_time`` is ISO-8601 with a timezone (a bare local time would be ambiguous for
    a release deadline);
  - a ``PATCH /v1/sets/{u}`` with nothing to change is refused (``detail`` "nothing to
    change", no field).

  An unknown set in the path (or in ``?parent_public_uuid=``) is ``404 set_not_found`` on
  arrival, whatever the id's shape. Whether the ids in a body name anything is checked when the
  work runs (images, parent, snapshot, a move into the set's own subtree, a reorder that is not
  a permutation), failing the Operation (``image_not_found``, ``set_not_found``,
  ``snapshot_not_found``, ``validation``) with the field: the Operation's status is the truth.
* A new set without ``colour`` or ``type`` gets ``"none"`` and ``"gallery"``.
* A missing ``Idempotency-Key`` is ``400 idempotency_key_missing``. Keys are kept 24 hours,
  per account, and looked up before anything else (so a retried delete still gets its
  Operation). The fingerprint is method + path + JSON body.
* Bodies: create ``{name, parent_public_uuid?, colour?, description?, type?}``; update the same
  plus ``lead_image_public_uuid`` (must be in the set), ``parent_public_uuid`` (null moves to
  the top level); images add/remove/order ``{image_public_uuids}`` (order: the listed images
  lead in that order, the others follow as they were); reorder ``{parent_public_uuid?,
  set_public_uuids}`` (every child of that parent, once); visibility ``{image_public_uuids,
  hidden, activation_time?}``; restore ``{snapshot_uuid}``.
* Embargo: with an ``activation_time`` in the future an image is left out of
  ``/v1/sets/{u}/images`` (and of ``image_count``) until the emulator clock reaches it, then
  listed with ``hidden: false``. Without one, ``hidden`` is stored and shown as given: hidden
  images are still listed for the owner, with ``hidden: true``, and still counted.
* Deleting a set deletes the sets nested in it; images stay in the library.
* Snapshots: ``{uuid, set_public_uuid, created_at, reason, image_count}``, newest first. A
  set is snapshotted before every write that changes its images, their visibility or its
  child sets; ``reason`` says which: ``add_images``, ``remove_images``, ``order``,
  ``visibility``, ``restore``, ``reorder`` (of its children), ``move`` (a child moved out or
  in: both parents are snapshotted), ``delete_child`` and ``create_child``. The top level is
  no set, so a top-level reorder, or a move to or from the top, snapshots only the set parents
  involved. A restore puts back the images, their visibility and the order of the children
  still in the set; it does not bring back a deleted or moved-away child set.
* ``/v1/me``: ``{account{uuid, name, unique_id}, service_token{uuid, name} | user{uuid,
  login}, capabilities[...]}`` (the service-token shape is documented).
* Sign-in: after ``sign_in_attempts`` (5) failures for a login within ``sign_in_lockout``
  (60 s) further attempts get 429 until the window passes. ``api_not_enabled`` does not apply
  to the two auth endpoints except when a token is made for a switched-off account.
"""

from __future__ import annotations

from adapters.dpg.emulator.app import create_app
from adapters.dpg.emulator.state import DPGState
from adapters.emulation import Emulator, EmulatorControl, EmulatorMiddleware

__all__ = ["DPGState", "create_emulator"]


def create_emulator(
    *,
    control: EmulatorControl | None = None,
    seed: int = 7,
    operation_delay: float = 0.0,
    api_enabled: bool = True,
    sign_in_attempts: int = 5,
) -> Emulator:
    """A seeded DPG emulator; ``credentials`` hold the account's service ``token``."""
    control = control or EmulatorControl()
    state = DPGState(
        control.clock,
        seed=seed,
        operation_delay=operation_delay,
        api_enabled=api_enabled,
        sign_in_attempts=sign_in_attempts,
    )
    return Emulator(
        kind="dpg",
        app=EmulatorMiddleware(create_app(state), control),
        control=control,
        credentials={"token": state.service_token.value},
        base_path="/v1",
        state=state,
    )
