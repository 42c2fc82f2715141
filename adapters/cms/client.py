"""The CMS HTTP API, one async method per endpoint, returning wire TypedDicts.

Paths are relative to the source's ``base_url`` (the API root, e.g. ``https://cms.example/api/v1``).
Error responses are read here (FastAPI's ``{"detail": ...}``) and raised as the error tree via
:func:`adapters.http.error_for_status`, with the input ``field`` taken from a 422's ``loc`` or
from the documented ``detail`` message. Writes are never retried: the CMS has no idempotency
key, and a repeated add-media or create would fail or duplicate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote

import httpx

from adapters.cms import wire
from adapters.cms.mapping import field_for_detail, field_for_loc
from adapters.errors import BadUpstreamResponse
from adapters.http import BackendHTTP, error_for_status, parse_retry_after

__all__ = ["CMSClient"]


def _seg(value: str) -> str:
    return quote(value, safe="")


class CMSClient:
    def __init__(self, http: BackendHTTP) -> None:
        self._http = http

    @property
    def source(self) -> str:
        return self._http.source

    # -- galleries ---------------------------------------------------------------------------

    async def list_galleries(
        self, *, skip: int, limit: int, status: str | None = None
    ) -> list[wire.GallerySummary]:
        """``GET /galleries?skip&limit[&status]``: summaries only."""
        params: dict[str, Any] = {"skip": skip, "limit": limit}
        if status is not None:
            params["status"] = status
        body = await self._call("GET", "galleries", params=params)
        return cast(list[wire.GallerySummary], self._objects(body, "galleries"))

    async def get_gallery(self, gallery_id: str) -> wire.GalleryResponse:
        return self._gallery(await self._call("GET", f"galleries/{_seg(gallery_id)}"))

    async def create_gallery(self, body: wire.GalleryCreateBody) -> wire.GalleryResponse:
        return self._gallery(await self._call("POST", "galleries", json=body))

    async def update_gallery(
        self, gallery_id: str, body: wire.GalleryPatchBody
    ) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}"
        return self._gallery(await self._call("PATCH", path, json=body))

    async def delete_gallery(self, gallery_id: str) -> None:
        """A soft delete: 204."""
        await self._call("DELETE", f"galleries/{_seg(gallery_id)}")

    # -- translations ------------------------------------------------------------------------

    async def upsert_translation(
        self, gallery_id: str, body: wire.TranslationBody
    ) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/translations"
        return self._gallery(await self._call("PUT", path, json=body))

    async def delete_translation(self, gallery_id: str, language_id: str) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/translations/{_seg(language_id)}"
        return self._gallery(await self._call("DELETE", path))

    # -- gallery media -----------------------------------------------------------------------

    async def add_media(self, gallery_id: str, body: wire.MediaAddBody) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/media"
        return self._gallery(await self._call("POST", path, json=body))

    async def update_media(
        self, gallery_id: str, media_id: str, body: wire.MediaPatchBody
    ) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/media/{_seg(media_id)}"
        return self._gallery(await self._call("PATCH", path, json=body))

    async def remove_media(self, gallery_id: str, media_id: str) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/media/{_seg(media_id)}"
        return self._gallery(await self._call("DELETE", path))

    async def reorder_media(self, gallery_id: str, media_ids: list[str]) -> wire.GalleryResponse:
        path = f"galleries/{_seg(gallery_id)}/media/reorder"
        body = wire.ReorderBody(media_ids=media_ids)
        return self._gallery(await self._call("POST", path, json=body))

    # -- languages and media -----------------------------------------------------------------

    async def list_languages(self) -> list[wire.Language]:
        body = await self._call("GET", "languages")
        languages = self._objects(body, "languages")
        if not all(
            isinstance(x.get("id"), str) and isinstance(x.get("code"), str) for x in languages
        ):
            raise self._bad("languages without an id or code")
        return cast(list[wire.Language], languages)

    async def list_media(self, *, skip: int, limit: int) -> list[wire.MediaSummary]:
        """``GET /media?skip&limit``: a bare array, or the ``{data, pagination}`` variant."""
        body = await self._call("GET", "media", params={"skip": skip, "limit": limit})
        if isinstance(body, dict) and "data" in body:
            body = body["data"]
        return cast(list[wire.MediaSummary], self._objects(body, "media"))

    async def get_media(self, media_id: str) -> wire.MediaSummary:
        body = await self._call("GET", f"media/{_seg(media_id)}")
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            raise self._bad("a media item without an id")
        return cast(wire.MediaSummary, body)

    # -- plumbing ----------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: object = None,
    ) -> Any:
        response = await self._http.request(method, path, params=params, json=json)
        if response.is_success:
            if response.status_code == 204 or not response.content:
                return None
            try:
                return response.json()
            except ValueError as exc:
                raise self._bad("a body that is not JSON") from exc
        raise self._error(response)

    def _error(self, response: httpx.Response) -> Exception:
        status = response.status_code
        message = f"the CMS answered {status}"
        field: str | None = None
        backend_code: str | None = None
        try:
            detail = response.json().get("detail")
        except (ValueError, AttributeError):
            detail = None
        if isinstance(detail, str):
            message = detail
            field = field_for_detail(detail)
        elif isinstance(detail, list) and detail and isinstance(detail[0], dict):
            first: dict[str, Any] = detail[0]
            loc = first.get("loc")
            field = field_for_loc(loc) if isinstance(loc, list) else None
            backend_code = first.get("type") if isinstance(first.get("type"), str) else None
            message = "; ".join(
                f"{field_for_loc(item.get('loc') or []) or 'request'}: {item.get('msg')}"
                for item in detail
                if isinstance(item, dict)
            )
        if status == 409:
            field = field or "slug"  # the only documented conflict
        return error_for_status(
            status,
            message=message,
            source=self.source,
            backend_code=backend_code,
            field=field,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )

    def _bad(self, what: str) -> BadUpstreamResponse:
        return BadUpstreamResponse(f"the CMS answered with {what}", source=self.source)

    def _objects(self, body: Any, what: str) -> list[dict[str, Any]]:
        if not isinstance(body, list) or not all(
            isinstance(x, dict) and isinstance(x.get("id"), str) for x in body
        ):
            raise self._bad(f"a {what} list that is not an array of objects with ids")
        return body

    def _gallery(self, body: Any) -> wire.GalleryResponse:
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            raise self._bad("a gallery without an id")
        for key, child in (("gallery_media", "media_id"), ("translations", "language_id")):
            items = body.get(key)
            if items is not None and not (
                isinstance(items, list)
                and all(isinstance(x, dict) and isinstance(x.get(child), str) for x in items)
            ):
                raise self._bad(f"a gallery whose {key} cannot be read")
        return cast(wire.GalleryResponse, body)
