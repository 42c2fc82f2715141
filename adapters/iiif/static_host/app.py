"""The static host's routes: documents, info.json, redirects and the failure cases."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from adapters.iiif.static_host.seed import info_json
from adapters.iiif.static_host.state import HUGE_DOCUMENT_BYTES, StaticHostState

__all__ = ["build_app"]

CHUNK = 64 * 1024
P3_MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
CORS = {"Access-Control-Allow-Origin": "*"}


def _json(document: object, media_type: str = "application/json") -> Response:
    return Response(
        json.dumps(document, ensure_ascii=False).encode(), media_type=media_type, headers=CORS
    )


def _not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404)


async def _huge_body(base_url: str) -> AsyncIterator[bytes]:
    """A valid 50 MB manifest, produced chunk by chunk (never held in memory)."""
    head = (
        '{"@context":"http://iiif.io/api/presentation/3/context.json",'
        f'"id":"{base_url}/manifests/huge.json","type":"Manifest","label":{{"none":["'
    ).encode()
    tail = b'"]},"items":[]}'
    remaining = HUGE_DOCUMENT_BYTES - len(head) - len(tail)
    yield head
    filler = b"x" * CHUNK
    while remaining > 0:
        piece = filler[: min(CHUNK, remaining)]
        remaining -= len(piece)
        yield piece
    yield tail


def build_app(state: StaticHostState) -> Starlette:
    async def document(request: Request) -> Response:
        path = "/" + request.path_params["path"]
        if path == "/manifests/not-json.json":
            return Response(
                "<html><body><h1>Maintenance</h1></body></html>", media_type="text/html"
            )
        if path == "/manifests/huge.json":
            return StreamingResponse(
                _huge_body(state.base_url), media_type="application/json", headers=CORS
            )
        if path.endswith("/info.json"):
            spec = state.images.get(path.removesuffix("/info.json"))
            return _not_found() if spec is None else _json(info_json(state, spec))
        found = state.documents.get(path)
        if found is None:
            return _not_found()
        version_3 = found.get("@context") == "http://iiif.io/api/presentation/3/context.json"
        return _json(found, P3_MEDIA_TYPE if version_3 else "application/json")

    async def redirect(request: Request) -> Response:
        hops: int = request.path_params["hops"]
        target = "/manifests/v3/album-01.json" if hops <= 1 else f"/redirects/{hops - 1}"
        return RedirectResponse(f"{state.base_url}{target}", status_code=302)

    return Starlette(
        routes=[
            Route("/redirects/{hops:int}", redirect, methods=["GET"]),
            Route("/{path:path}", document, methods=["GET"]),
        ]
    )
