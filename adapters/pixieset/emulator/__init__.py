"""A faithful emulator of the Pixieset gallery API (the studio side, ``/api/v1``).

The seed document (the unofficial, reverse-engineered docs) fixes little; each behaviour below
is marked **[documented]** (from the seed and the docs it comes from) or **[chosen]** (the docs
are silent; this is the most plausible behaviour, and the adapter must not rely on more).

Auth and sessions
  * [documented] Cookie session (``Cookie: session_cookie=...``); writes also need
    ``X-CSRF-Token``. Auth errors use the flat shape: 401
    ``{"error":"Unauthorized","message":"Session expired or invalid"}``, 403
    ``{"error":"Forbidden","message":...}``. ``GET /data/bootstrap`` returns account, user,
    custom URL and workspace settings and doubles as the session check.
  * [chosen] ``POST /api/v1/login`` with JSON ``{"email","password"}`` (the real login is a web
    form at ``/login``). 200 answers ``{"data":{"csrf_token","expires_at","user"}}`` and sets
    the ``session_cookie`` cookie; wrong credentials 401 (flat shape, "Invalid email or
    password"); missing fields 422 ``validation_failed``. The studio login is in
    ``Emulator.credentials`` (keys ``email``, ``password``).
  * [chosen] Sessions last ``session_ttl`` seconds from login (no sliding renewal), measured
    on the control clock; an expired or unknown cookie is 401. ``Studio.expire_sessions()``
    ends them all at once (a server restart).
  * [chosen] A write (POST/PUT/PATCH/DELETE other than login) whose ``X-CSRF-Token`` does not
    match the session's token is 403 ``{"error":"Forbidden","message":"CSRF token mismatch"}``.
    Bootstrap also returns the session's ``csrf_token``. ``POST /logout`` (204) ends a session.
  * [chosen] ``rate_limit`` (requests per fixed minute per caller: the session cookie, else
    the client address; off by default) answers 429
    ``{"error":{"code":"rate_limited",...}}`` with ``Retry-After`` in seconds; the docs only say
    a 429 may happen. Fault injection (``control.faults``) can force one too.

Envelope, errors, ids
  * [documented] Objects come as ``{"data":{...}}``, lists as ``{"data":[...],"meta":{...}}``.
    Errors use ``{"error":{"code","message","details":{field:[...]}}}`` with codes
    ``resource_not_found`` (404), ``validation_failed`` (422), ``invalid_id_format`` (400).
    Collection ids have 8 digits, gallery ids 9, photo ids are numeric (here 10 digits).
  * [documented shape, chosen place] The flat ``{"error":"Resource not found","message":...}``
    that the docs' id-formats page shows is what ``GET /photos/{id}`` answers for a photo id
    that does not exist: 404 ``{"error":"Resource not found","message":"No photo found with
    ID: N"}``. Every other missing object (collection, gallery) is the general
    ``resource_not_found`` envelope, so a client must read both shapes, as the docs warn.
  * [chosen] Unknown routes and methods answer in the general error shape (404/405). A
    non-numeric id is 400 ``invalid_id_format`` (the photo route included); bad paging
    parameters 422.

Collections
  * [documented] ``GET /collections?limit&offset`` (offset paging). [chosen] Default limit 30,
    max 100 (else 422); newest first; every item is the full collection object (as the
    detail); ``meta`` is ``{"total","limit","offset"}``.
  * [documented] ``GET /collections/{id}[?expand=...]`` with ``id, name, description,
    gallery_count, photo_count, video_count, password_protected, downloadable, expiry_date``
    and ``client_count``. [chosen] Also ``slug, event_date, private, favorites_count,
    created_at, updated_at``; ``expand`` is accepted and ignored. ``expiry_date`` is a
    ``YYYY-MM-DD`` date or null; the collection is open through that day. No password, ever
    (not in the detail, the list, ``/edit`` or the ``PUT`` answer).
  * [documented] ``GET /collections/{id}/edit``: tags, expiry reminders, message languages,
    watermark settings. [chosen] Their shapes (see ``payloads.collection_edit_payload``), plus
    the privacy and download settings; never the password itself.
  * [documented, body chosen] ``PUT /collections/{id}`` with any of ``name`` (non-empty),
    ``description`` (string or null), ``private`` and ``downloadable`` (real booleans),
    ``expiry_date`` (``YYYY-MM-DD`` or null to clear), ``password`` (string of 4+ characters,
    or null/"" to remove). Unknown keys are ignored; an invalid field is 422 with
    ``details`` naming it and nothing changes. Answers the updated collection object.
  * [documented] ``GET /collections/{id}/galleries``: ``{"data":[{id, collection_id, name,
    description, photo_count, video_count, private, download, cover_photo}]}``, all of them,
    no ``meta``. [chosen] ``cover_photo`` is ``{"id","url"}`` (the gallery's first photo) or
    null; ``url`` is one the photo's own ``urls`` holds: ``medium``, else the first of
    ``small``, ``thumb``, ``original`` it has. Plus ``favorites_count`` and ``created_at``.
  * [documented] ``GET /collections/{id}/clients``: ``[{id, email, name, access_level,
    last_accessed, favorites_count}]``. [chosen] ``access_level`` is view/favorite/download.
  * [documented paths, chosen shapes] ``/visitor_emails`` ``[{email, first_visited_at}]``;
    ``/favorites`` ``[{photo_id, gallery_id, client_email, client_name, created_at}]``;
    ``/photo_downloads`` and ``/gallery_video_downloads`` ``[{id, type, photo_id, gallery_id,
    client_email, size, downloaded_at}]``; ``/downloads/`` (documented trailing slash: without
    it the path is a 404, no redirect) all of them; ``/photo_sharing_links`` ``[{id, photo_id,
    url, views, created_at}]``. All unpaged ``{"data":[...]}``.
  * [documented paths, chosen bodies] ``before_show`` ``{"data":{"allowed":true,"expired"}}``,
    ``before_download_settings`` ``{"data":{"allowed":true,"downloadable"}}``,
    ``/collection_defaults/{id}/before_collection_default_settings`` ``{"data":{"allowed":
    true}}``: harmless checks, 404 for an unknown collection.

Galleries and media (all [chosen]: the docs never show them)
  * ``GET /galleries/{id}``: the same gallery object as in the collection's list.
  * ``GET /galleries/{id}/photos?page&per_page`` (page from 1; per_page default 50, max 100)
    returns photos and videos in gallery order with ``meta`` ``{current_page, per_page,
    total}`` plus, as the docs themselves disagree, ``total_pages`` for galleries with an even
    id and ``last_page, from, to`` for odd ids. A page past the end is an empty ``data``.
  * Media objects: ``{id, gallery_id, collection_id, name (the filename), type ("photo" |
    "video"), width, height (of the original), size (bytes), urls, starred, favorites_count,
    download_count, created_at}`` and ``duration`` (seconds) for videos. ``urls`` maps size
    names to CDN URLs (``https://images.pixieset.com/<gallery>/<photo>-<size>.jpg``): thumb
    300, small 600, medium 1024, large 1600, xlarge 2048, xxlarge 3200 px on the longest
    edge, only those smaller than the original, plus ``original`` (for a video, the video
    file on ``videos.pixieset.com``; the sizes are its poster frames).
  * ``GET /photos/{id}``: one media object (an unknown id is the flat 404 above).
    ``GET /photos/starred?page&per_page``: starred media across all collections,
    ``last_page`` style ``meta``.

Seed: ``seed_studio`` builds 12 collections (one expired 45 days before the clock's date, two
password protected, one private), 44 galleries and about 1,800 photos and videos,
clients, favourites, downloads and share links, all from ``random.Random(seed)``.
"""

from __future__ import annotations

from datetime import timedelta

from adapters.emulation import Emulator, EmulatorControl, EmulatorMiddleware
from adapters.pixieset.emulator.app import API_PREFIX, SESSION_COOKIE, build_app
from adapters.pixieset.emulator.seed import STUDIO_EMAIL, STUDIO_PASSWORD, seed_studio
from adapters.pixieset.emulator.state import Studio

__all__ = ["API_PREFIX", "SESSION_COOKIE", "Studio", "create_emulator"]


def create_emulator(
    *,
    control: EmulatorControl | None = None,
    seed: int = 7,
    collections: int = 12,
    session_ttl: float = 7200.0,
    rate_limit: int | None = None,
) -> Emulator:
    """A seeded Pixieset emulator; ``Emulator.state`` is its :class:`Studio`.

    Args:
        control: journal, faults and clock (a fresh one, on the system clock, by default).
        seed: the seed of the sample data.
        collections: how many collections to seed (at least 3).
        session_ttl: seconds a login session lasts.
        rate_limit: requests per minute per session before 429s; None for no limit.
    """
    control = control or EmulatorControl()
    studio = seed_studio(
        seed=seed,
        today=control.clock.now().date(),
        collections=max(3, collections),
        session_ttl=timedelta(seconds=session_ttl),
    )
    app = build_app(studio, control.clock, rate_limit=rate_limit)
    return Emulator(
        kind="pixieset",
        app=EmulatorMiddleware(app, control),
        control=control,
        credentials={"email": STUDIO_EMAIL, "password": STUDIO_PASSWORD},
        base_path=API_PREFIX,
        state=studio,
    )
