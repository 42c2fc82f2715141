"""One async method per Glycerine Server endpoint the adapter uses; wire TypedDicts out.

Every request sends ``Accept: application/json`` (without it Laravel redirects an auth failure
to ``/login`` instead of answering 401) and the bearer token. An error answer is read as
Laravel's ``{"message", "errors"}`` and raised through :func:`adapters.http.error_for_status`,
with the first ``errors`` key as the field. Writes are not retried: Glycerine has no
idempotency keys, and a repeated ``POST`` would create a second image set.
"""

from __future__ import annotations

from typing import Any, cast

import httpx

from adapters.base import SourceSettings
from adapters.errors import BadUpstreamResponse
from adapters.http import BackendHTTP, error_for_status, parse_retry_after
from adapters.iiif.glycerine import mapping
from adapters.iiif.glycerine.wire import (
    WireCollection,
    WireImage,
    WireImageSet,
    WireImageSetWrite,
    WireLanguage,
    WireUser,
)

__all__ = ["GlycerineClient"]


class GlycerineClient:
    """The Glycerine API of one source. Paths are relative to the base URL (``.../api``)."""

    def __init__(
        self, settings: SourceSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        headers = {"Accept": "application/json"}
        token = settings.credentials.get("token")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.http = BackendHTTP(settings, transport, headers=headers)

    @property
    def source(self) -> str:
        return self.http.source

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- endpoints ---------------------------------------------------------------------------

    async def auth_user(self) -> WireUser:
        return cast(WireUser, await self._object("GET", "/auth-user"))

    async def list_languages(self) -> list[WireLanguage]:
        return cast(list[WireLanguage], await self._list("GET", "/languages"))

    async def list_collections(self) -> list[WireCollection]:
        return cast(list[WireCollection], await self._list("GET", "/collections"))

    async def get_collection(self, collection_id: int) -> WireCollection:
        return cast(WireCollection, await self._object("GET", f"/collections/{collection_id}"))

    async def list_image_sets(self, collection_id: int) -> list[WireImageSet]:
        path = f"/collections/{collection_id}/image-sets"
        return cast(list[WireImageSet], await self._list("GET", path))

    async def get_image_set(self, collection_id: int, image_set_id: int) -> WireImageSet:
        path = f"/collections/{collection_id}/image-sets/{image_set_id}"
        return cast(WireImageSet, await self._object("GET", path))

    async def create_image_set(self, collection_id: int, body: WireImageSetWrite) -> WireImageSet:
        path = f"/collections/{collection_id}/image-sets"
        return cast(WireImageSet, await self._object("POST", path, json=body))

    async def update_image_set(
        self, collection_id: int, image_set_id: int, body: WireImageSetWrite
    ) -> WireImageSet:
        path = f"/collections/{collection_id}/image-sets/{image_set_id}"
        return cast(WireImageSet, await self._object("PUT", path, json=body))

    async def delete_image_set(self, collection_id: int, image_set_id: int) -> WireImageSet:
        path = f"/collections/{collection_id}/image-sets/{image_set_id}"
        return cast(WireImageSet, await self._object("DELETE", path))

    async def import_manifest(self, collection_id: int, manifest_url: str) -> WireImageSet:
        path = f"/collections/{collection_id}/import/manifest"
        body = {"manifest": manifest_url}
        return cast(WireImageSet, await self._object("POST", path, json=body))

    async def list_images(self, image_set_id: int) -> list[WireImage]:
        path = f"/image-sets/{image_set_id}/images"
        return cast(list[WireImage], await self._list("GET", path))

    async def get_image(self, image_id: int) -> WireImage:
        return cast(WireImage, await self._object("GET", f"/images/{image_id}"))

    # -- plumbing ----------------------------------------------------------------------------

    async def _object(self, method: str, path: str, *, json: object = None) -> dict[str, Any]:
        data = await self._send(method, path, json=json)
        if not isinstance(data, dict) or "id" not in data:
            raise BadUpstreamResponse(
                f"{self.source} answered {method} {path} with something that is not an object",
                source=self.source,
            )
        return data

    async def _list(self, method: str, path: str) -> list[dict[str, Any]]:
        data = await self._send(method, path)
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise BadUpstreamResponse(
                f"{self.source} answered {method} {path} with something that is not a list",
                source=self.source,
            )
        return data

    async def _send(self, method: str, path: str, *, json: object = None) -> object:
        response = await self.http.request(method, path, json=json)
        if not response.is_success:
            raise self._error(response)
        try:
            return response.json()
        except ValueError as exc:
            raise BadUpstreamResponse(
                f"{self.source} answered {method} {path} with a body that is not JSON",
                source=self.source,
                status=response.status_code,
            ) from exc

    def _error(self, response: httpx.Response) -> Exception:
        message = f"{self.source} answered HTTP {response.status_code}"
        field: str | None = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            if isinstance(body.get("message"), str) and body["message"]:
                message = body["message"]
            errors = body.get("errors")
            if isinstance(errors, dict) and errors:
                field = str(next(iter(errors)))
                first = errors[field]
                if isinstance(first, list) and first and isinstance(first[0], str):
                    message = first[0]
        return error_for_status(
            response.status_code,
            message=message,
            source=self.source,
            field=mapping.input_field(field),
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
