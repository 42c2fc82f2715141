"""One async method per Pixieset endpoint, returning the wire TypedDicts.

The client knows paths, parameters and envelopes, not records: mapping is
:mod:`adapters.pixieset.mapping`'s job. Error bodies (either documented shape) become the error
tree here, through :func:`adapters.http.error_for_status`. Auth (cookie session + CSRF) rides on
the ``httpx.Auth`` of :mod:`adapters.pixieset.auth`, so no method here thinks about sessions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import httpx

from adapters.errors import BackendError, BadUpstreamResponse
from adapters.http import BackendHTTP, error_for_status, parse_retry_after
from adapters.pixieset.mapping import error_info
from adapters.pixieset.wire import (
    BootstrapWire,
    ClientWire,
    CollectionEditWire,
    CollectionUpdateWire,
    CollectionWire,
    DownloadWire,
    FavoriteWire,
    GalleryWire,
    ListEnvelope,
    LoginWire,
    MediaWire,
    ObjectEnvelope,
    SharingLinkWire,
    VisitorEmailWire,
)

__all__ = ["PixiesetClient", "error_from_response", "read_login"]


def _decode(response: httpx.Response, source: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise BadUpstreamResponse(
            f"{source} answered with something that is not JSON", source=source
        ) from exc
    if not isinstance(body, dict):
        raise BadUpstreamResponse(f"{source} answered without an envelope", source=source)
    return body


def error_from_response(response: httpx.Response, source: str) -> BackendError:
    """The error-tree exception for an error response, from either body shape."""
    try:
        body: object = response.json()
    except ValueError:
        body = None
    info = error_info(body, fallback=f"{source} answered {response.status_code}")
    return error_for_status(
        response.status_code,
        message=info.message,
        source=source,
        backend_code=info.code,
        field=info.field,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


def _checked(response: httpx.Response, source: str) -> dict[str, Any]:
    if response.status_code >= 400:
        raise error_from_response(response, source)
    return _decode(response, source)


def read_login(response: httpx.Response, source: str) -> LoginWire:
    """The ``data`` of a login answer, or the error it is."""
    data = _checked(response, source).get("data")
    if isinstance(data, list):  # the documented "data as list or object" variance
        data = data[0] if data else None
    if not isinstance(data, dict):
        raise BadUpstreamResponse(f"{source} login answer has no data", source=source)
    return cast(LoginWire, data)


class PixiesetClient:
    """Typed calls to the Pixieset gallery API of one source."""

    def __init__(self, http: BackendHTTP) -> None:
        self._http = http

    @property
    def source(self) -> str:
        return self._http.source

    async def _get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        response = await self._http.request("GET", path, params=params)
        return _checked(response, self.source)

    # -- account -------------------------------------------------------------------------

    async def bootstrap(self) -> ObjectEnvelope[BootstrapWire]:
        """``GET /data/bootstrap``: account data; also the session check."""
        return cast(ObjectEnvelope[BootstrapWire], await self._get("data/bootstrap"))

    async def logout(self) -> None:
        """``POST /logout`` (invented): ends the session; the next call logs in again."""
        response = await self._http.request("POST", "logout")
        if response.status_code >= 400:
            raise error_from_response(response, self.source)

    # -- collections ---------------------------------------------------------------------

    async def list_collections(self, *, limit: int, offset: int) -> ListEnvelope[CollectionWire]:
        body = await self._get("collections", {"limit": limit, "offset": offset})
        return cast(ListEnvelope[CollectionWire], body)

    async def get_collection(self, collection_id: str) -> ObjectEnvelope[CollectionWire]:
        return cast(ObjectEnvelope[CollectionWire], await self._get(f"collections/{collection_id}"))

    async def edit_collection(self, collection_id: str) -> ObjectEnvelope[CollectionEditWire]:
        body = await self._get(f"collections/{collection_id}/edit")
        return cast(ObjectEnvelope[CollectionEditWire], body)

    async def update_collection(
        self, collection_id: str, body: CollectionUpdateWire
    ) -> ObjectEnvelope[CollectionWire]:
        # A PUT of the same fields is idempotent, so retrying it is safe.
        response = await self._http.request(
            "PUT", f"collections/{collection_id}", json=body, retry=True
        )
        return cast(ObjectEnvelope[CollectionWire], _checked(response, self.source))

    async def collection_galleries(self, collection_id: str) -> ListEnvelope[GalleryWire]:
        body = await self._get(f"collections/{collection_id}/galleries")
        return cast(ListEnvelope[GalleryWire], body)

    async def collection_clients(self, collection_id: str) -> ListEnvelope[ClientWire]:
        body = await self._get(f"collections/{collection_id}/clients")
        return cast(ListEnvelope[ClientWire], body)

    async def visitor_emails(self, collection_id: str) -> ListEnvelope[VisitorEmailWire]:
        body = await self._get(f"collections/{collection_id}/visitor_emails")
        return cast(ListEnvelope[VisitorEmailWire], body)

    async def favorites(self, collection_id: str) -> ListEnvelope[FavoriteWire]:
        body = await self._get(f"collections/{collection_id}/favorites")
        return cast(ListEnvelope[FavoriteWire], body)

    async def photo_downloads(self, collection_id: str) -> ListEnvelope[DownloadWire]:
        body = await self._get(f"collections/{collection_id}/photo_downloads")
        return cast(ListEnvelope[DownloadWire], body)

    async def video_downloads(self, collection_id: str) -> ListEnvelope[DownloadWire]:
        body = await self._get(f"collections/{collection_id}/gallery_video_downloads")
        return cast(ListEnvelope[DownloadWire], body)

    async def downloads(self, collection_id: str) -> ListEnvelope[DownloadWire]:
        # The documented path really ends in a slash.
        body = await self._get(f"collections/{collection_id}/downloads/")
        return cast(ListEnvelope[DownloadWire], body)

    async def sharing_links(self, collection_id: str) -> ListEnvelope[SharingLinkWire]:
        body = await self._get(f"collections/{collection_id}/photo_sharing_links")
        return cast(ListEnvelope[SharingLinkWire], body)

    async def before_show(self, collection_id: str) -> ObjectEnvelope[dict[str, object]]:
        body = await self._get(f"collections/{collection_id}/before_show")
        return cast(ObjectEnvelope[dict[str, object]], body)

    async def before_download_settings(
        self, collection_id: str
    ) -> ObjectEnvelope[dict[str, object]]:
        body = await self._get(f"collections/{collection_id}/before_download_settings")
        return cast(ObjectEnvelope[dict[str, object]], body)

    async def before_collection_default_settings(
        self, default_id: str
    ) -> ObjectEnvelope[dict[str, object]]:
        body = await self._get(
            f"collection_defaults/{default_id}/before_collection_default_settings"
        )
        return cast(ObjectEnvelope[dict[str, object]], body)

    # -- galleries and media (invented endpoints, see the emulator docstring) -------------

    async def get_gallery(self, gallery_id: str) -> ObjectEnvelope[GalleryWire]:
        return cast(ObjectEnvelope[GalleryWire], await self._get(f"galleries/{gallery_id}"))

    async def gallery_photos(
        self, gallery_id: str, *, page: int, per_page: int
    ) -> ListEnvelope[MediaWire]:
        body = await self._get(
            f"galleries/{gallery_id}/photos", {"page": page, "per_page": per_page}
        )
        return cast(ListEnvelope[MediaWire], body)

    async def get_photo(self, photo_id: str) -> ObjectEnvelope[MediaWire]:
        return cast(ObjectEnvelope[MediaWire], await self._get(f"photos/{photo_id}"))

    async def starred_photos(self, *, page: int, per_page: int) -> ListEnvelope[MediaWire]:
        body = await self._get("photos/starred", {"page": page, "per_page": per_page})
        return cast(ListEnvelope[MediaWire], body)
