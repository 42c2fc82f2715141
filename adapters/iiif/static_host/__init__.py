"""A static IIIF host: what a museum's web server or S3 bucket of IIIF JSON looks like.

``create_emulator()`` serves deterministic Presentation 2.1 and 3.0 collections and manifests
and Image API 2 and 3 ``info.json`` (paths in :mod:`.seed`), plus the failure cases:

* ``GET /manifests/missing.json``: 404, plain text ``Not Found`` (any unknown path does).
* ``GET /manifests/not-json.json``: 200 ``text/html`` (a maintenance page).
* ``GET /manifests/not-iiif.json``: 200 JSON that is not a IIIF document.
* ``GET /manifests/huge.json``: 200, a valid 50 MB manifest streamed lazily, no
  ``Content-Length`` (chunked), like a generated document.
* ``GET /redirects/{n}``: ``302`` to ``/redirects/{n-1}``, the last hop to album 01, so it
  takes exactly ``n`` redirects.
* ``/collections/broken.json`` lists these plus a manifest on a foreign host and one on a
  link-local address.

Choices where a static host has no spec: only ``GET`` (and Starlette's implicit ``HEAD``); any
other method is 405. No authentication. v3 documents are served as
``application/ld+json;profile=".../presentation/3/context.json"``, v2 and info.json as
``application/json``, with ``Access-Control-Allow-Origin: *`` as IIIF hosts do. Image bytes
(``/iiif/.../default.jpg``, ``/images/...``) are not served (404): the gateway only builds
their URLs. ``Emulator.credentials`` is empty: the adapter reads no credentials.
"""

from __future__ import annotations

from adapters.emulation import Emulator, EmulatorControl, EmulatorMiddleware
from adapters.iiif.static_host.app import build_app
from adapters.iiif.static_host.seed import (
    ACCEPTANCE_MANIFESTS,
    ATLAS_CANVASES,
    FOREIGN_MANIFEST_URL,
    PRIVATE_MANIFEST_URL,
    seed_state,
)
from adapters.iiif.static_host.state import HUGE_DOCUMENT_BYTES, ImageSpec, StaticHostState

__all__ = [
    "ACCEPTANCE_MANIFESTS",
    "ATLAS_CANVASES",
    "DEFAULT_BASE_URL",
    "FOREIGN_MANIFEST_URL",
    "HUGE_DOCUMENT_BYTES",
    "PRIVATE_MANIFEST_URL",
    "ImageSpec",
    "StaticHostState",
    "create_emulator",
]

DEFAULT_BASE_URL = "http://iiif.emulator"


def create_emulator(
    *, control: EmulatorControl | None = None, seed: int = 7, base_url: str = DEFAULT_BASE_URL
) -> Emulator:
    """The static host, with every id built from ``base_url`` (no trailing slash)."""
    control = control or EmulatorControl()
    state = StaticHostState(base_url=base_url.rstrip("/"))
    seed_state(state, seed)
    app = EmulatorMiddleware(build_app(state), control)
    return Emulator(kind="iiif", app=app, control=control, credentials={}, state=state)
