"""An emulator of the Omnitcode-style CMS galleries API (FastAPI conventions), in-process.

It serves ``/api/v1`` as the galleries page of the CMS docs describes it (see ``app.py`` for
the routes) plus the languages table, the media library and the uploaded files, seeded
deterministically (``seed.py``): 4 languages (en default, fr, de, es inactive), 320 media,
24 galleries (23 live, 1 soft-deleted, one empty draft, one without an English translation).

Usage::

    emulator = create_emulator(seed=7)
    transport = httpx.ASGITransport(app=emulator.app)
    # Authorization: Bearer emulator.credentials["token"]

Documented by the docs and reproduced: bare-array lists with ``skip``/``limit`` (default 100)
and a ``status`` filter; summaries ``{id, slug, status}``; the full GalleryResponse on every
gallery write; 201 on create and add-media, 204 on gallery delete, 200 with the full object
on translation delete and media remove; slug 2-255 characters and unique (409); cover image
must exist (404); upsert of a translation keyed by ``language_id`` (404 unknown language);
``order`` 0 or absent appends; caption at most 500 characters; reorder must list every media
id (400) and only ids in the gallery (404); soft delete.

Choices where the docs are silent (each pinned by a test):

* Errors are FastAPI's: ``{"detail": "..."}``; validation failures are 422 with Pydantic v2
  items ``{type, loc, msg, input[, ctx]}``. Malformed UUIDs in the path, query or body give
  422 (``uuid_parsing``); unknown routes ``404 {"detail": "Not Found"}``.
* Auth is checked before validation: missing or unknown bearer token -> 401
  ``{"detail": "Not authenticated"}`` (with ``WWW-Authenticate: Bearer``); a token without the
  route's permission -> 403 ``{"detail": "Not enough permissions"}``. Permissions: reads
  ``galleries:read``, create ``galleries:create``, delete ``galleries:delete``, every other
  gallery write ``galleries:update``, media library ``media:read``. ``GET /languages`` needs
  any valid token (reference data every editor needs). Uploaded files need no token.
* Seeded tokens: ``cms-demo-editor-token`` (all ``galleries:*`` and ``media:read``) and
  ``cms-demo-reader-token`` (``galleries:read``); ``extra_tokens`` adds more.
* Lists are in creation order (no explicit ``ORDER BY`` in the docs); ``skip`` and ``limit``
  must be >= 0 (422 otherwise); no maximum ``limit``. There is no total and no has-more.
* A soft-deleted gallery is absent from the list, 404 on every route, and its slug stays
  reserved (the unique index still covers the row): reusing it gives 409.
* A create or PATCH that breaks several rules gets the first of: 422 validation, 404 gallery
  (PATCH), 404 cover image, 409 slug, 404 language (create's translations). So a cover that
  does not exist together with a taken slug is 404 "Cover image not found", never 409.
* Translations: ``language_id`` and ``title`` (1-255) are required, the rest optional; a PUT
  replaces the translation's text (fields not sent become null). Any existing language may be
  used, active or not. Deleting a translation of a language that has none -> 404
  "Translation not found".
* The docs give no limits for the other translation fields; the emulator invents column-like
  ones: ``description`` at most 10,000 characters, ``meta_title`` 255, ``meta_description``
  500 (longer is 422 ``string_too_long``, on PUT and inside a create's ``translations``).
* ``order`` is an integer >= 0 with a default, never nullable: an explicit ``"order": null``
  is 422 ``int_type`` on add and on PATCH (as FastAPI refuses null for an ``int`` field),
  while ``"caption": null`` is accepted (no caption on add; PATCH clears it). A non-zero
  ``order`` is stored as given (no shifting); media are listed by ``order`` then by when they
  were added. Removing media leaves the other orders alone. Reorder sets ``order`` to
  0..n-1; unknown ids are checked before completeness (404 wins over 400); duplicates count
  as "not all items" (400).
* PATCH ``cover_image_id: null`` clears the cover; ``author_id`` is any UUID (users are not
  emulated) and defaults to the token's user. ``author_id: null`` means "not given" on both
  routes: the token's user on create, unchanged on PATCH (a gallery always has an author and
  the docs give no way to remove one), so PATCH ``author_id: null`` is a 200 that keeps it.
  Any change to a gallery, its translations or its media sets its ``updated_at`` (from the
  injected clock).
* ``GET /media`` returns the bare-array variant of the docs; ``GET /media/{id}`` a
  MediaSummary. ``/uploads/media/<filename>`` serves a 1x1 PNG or JPEG for every library file.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from adapters.cms.emulator.app import API_PREFIX, build_app
from adapters.cms.emulator.seed import EDITOR_TOKEN, READER_TOKEN, id_stream, seed_data
from adapters.cms.emulator.state import CMSState, Principal
from adapters.emulation import Emulator, EmulatorControl, EmulatorMiddleware

__all__ = ["EDITOR_TOKEN", "READER_TOKEN", "create_emulator"]


def create_emulator(
    *,
    control: EmulatorControl | None = None,
    seed: int = 7,
    gallery_count: int = 24,
    media_count: int = 320,
    extra_tokens: Mapping[str, Iterable[str]] | None = None,
) -> Emulator:
    """A fresh CMS emulator. ``extra_tokens`` maps more bearer tokens to their permissions."""
    control = control or EmulatorControl()
    data = seed_data(seed, gallery_count=gallery_count, media_count=media_count)
    tokens = dict(data.tokens)
    for n, (token, permissions) in enumerate((extra_tokens or {}).items()):
        user_id = f"00000000-0000-4000-8000-{n:012d}"
        tokens[token] = Principal(user_id=user_id, permissions=frozenset(permissions))
    state = CMSState(
        clock=control.clock,
        ids=id_stream(random.Random(seed + 1)),
        languages=data.languages,
        media=data.media,
        galleries=data.galleries,
        tokens=tokens,
    )
    return Emulator(
        kind="cms",
        app=EmulatorMiddleware(build_app(state), control),
        control=control,
        credentials={"token": EDITOR_TOKEN},
        base_path=API_PREFIX,
        state=state,
    )
