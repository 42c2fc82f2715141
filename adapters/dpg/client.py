"""DPGClient: one async method per DPG endpoint the adapter uses, returning wire TypedDicts.

Reads are conditional (``If-None-Match`` from a small :class:`ETagCache`); lists return a
:class:`Listing` read from the ``X-Has-More`` / ``X-Next-Offset`` headers. Writes send the
caller's ``Idempotency-Key`` and may be retried with it (``retry=True``), since DPG does the
work once per key. Error bodies (``{"error": {code, message, field, ...}}``) become the error
tree through :func:`error_for_response`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlencode

import httpx

from adapters.dpg import mapping
from adapters.dpg.etags import CachedAnswer, ETagCache
from adapters.dpg.wire import (
    ImageWire,
    Listing,
    MeWire,
    NewSetBody,
    OperationWire,
    SetChangesBody,
    SetWire,
    SignInWire,
    SnapshotWire,
    TokenWire,
    VisibilityBody,
)
from adapters.errors import BackendError, BadUpstreamResponse
from adapters.http import BackendHTTP, error_for_status, parse_retry_after

__all__ = ["DPGClient", "error_for_response", "sign_in_answer", "token_answer"]


def error_for_response(response: httpx.Response, source: str) -> BackendError:
    """The error-tree exception for a DPG error answer, keeping its ``code`` and ``field``."""
    code: str | None = None
    field: str | None = None
    message = f"{source} answered {response.status_code}"
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        code = error.get("code") if isinstance(error.get("code"), str) else None
        field = error.get("field") if isinstance(error.get("field"), str) else None
        if isinstance(error.get("message"), str):
            message = error["message"]
    return error_for_status(
        response.status_code,
        message=message,
        source=source,
        backend_code=code,
        field=mapping.input_field(field),
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


def sign_in_answer(response: httpx.Response, source: str) -> SignInWire:
    """The body of ``POST /v1/auth/sign_in`` (sent by the auth flow, read here)."""
    body = _decode_object(response.content, source)
    accounts = body.get("accounts")
    if accounts is not None and not (
        isinstance(accounts, list)
        and all(isinstance(a, dict) and isinstance(a.get("uuid"), str) for a in accounts)
    ):
        raise BadUpstreamResponse(f"{source} sent an unexpected sign-in answer", source=source)
    return cast(SignInWire, body)


def token_answer(response: httpx.Response, source: str) -> TokenWire:
    """The body of ``POST /v1/auth/token``, checked to hold both tokens."""
    body = _decode_object(response.content, source)
    if not isinstance(body.get("access_token"), str) or not isinstance(
        body.get("refresh_token"), str
    ):
        raise BadUpstreamResponse(f"{source} sent a token answer without tokens", source=source)
    if not isinstance(body.get("expires_in", 0), int):
        body.pop("expires_in")
    return cast(TokenWire, body)


def _decode_object(content: bytes, source: str) -> dict[str, Any]:
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise BadUpstreamResponse(f"{source} sent a body that is not a JSON object", source=source)
    return body


class DPGClient:
    """Usage::

    client = DPGClient(BackendHTTP(settings, transport, auth=auth))
    page = await client.list_sets(parent=None, limit=50, offset=0)
    """

    def __init__(self, http: BackendHTTP, etags: ETagCache | None = None) -> None:
        self.http = http
        self.etags = etags or ETagCache()

    @property
    def source(self) -> str:
        return self.http.source

    # ---- reads ----------------------------------------------------------------------------

    async def me(self) -> MeWire:
        return cast(MeWire, self._object(await self._get("me")))

    async def list_sets(self, *, parent: str | None, limit: int, offset: int) -> Listing[SetWire]:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if parent is not None:
            params["parent_public_uuid"] = parent
        return cast(Listing[SetWire], self._listing(await self._get("sets", params), offset))

    async def set_tree(self) -> list[SetWire]:
        return cast(list[SetWire], self._array(await self._get("sets/tree")))

    async def get_set(self, set_uuid: str) -> SetWire:
        return cast(SetWire, self._object(await self._get(f"sets/{set_uuid}")))

    async def list_set_images(
        self, set_uuid: str, *, limit: int, offset: int
    ) -> Listing[ImageWire]:
        params = {"limit": limit, "offset": offset}
        return cast(
            Listing[ImageWire],
            self._listing(await self._get(f"sets/{set_uuid}/images", params), offset),
        )

    async def list_snapshots(
        self, set_uuid: str, *, limit: int, offset: int
    ) -> Listing[SnapshotWire]:
        params = {"limit": limit, "offset": offset}
        answer = await self._get(f"sets/{set_uuid}/snapshots", params)
        return cast(Listing[SnapshotWire], self._listing(answer, offset))

    async def list_images(self, *, limit: int, offset: int) -> Listing[ImageWire]:
        params = {"limit": limit, "offset": offset}
        return cast(Listing[ImageWire], self._listing(await self._get("images", params), offset))

    async def get_image(self, image_uuid: str) -> ImageWire:
        return cast(ImageWire, self._object(await self._get(f"images/{image_uuid}")))

    async def get_operation(self, operation_uuid: str) -> OperationWire:
        return cast(OperationWire, self._object(await self._get(f"operations/{operation_uuid}")))

    # ---- writes (each answers 202 + Operation) --------------------------------------------

    async def create_set(self, body: NewSetBody, *, key: str) -> OperationWire:
        return await self._write("POST", "sets", body, key)

    async def update_set(self, set_uuid: str, body: SetChangesBody, *, key: str) -> OperationWire:
        return await self._write("PATCH", f"sets/{set_uuid}", body, key)

    async def delete_set(self, set_uuid: str, *, key: str) -> OperationWire:
        return await self._write("DELETE", f"sets/{set_uuid}", None, key)

    async def add_set_images(
        self, set_uuid: str, image_uuids: Sequence[str], *, key: str
    ) -> OperationWire:
        body = {"image_public_uuids": list(image_uuids)}
        return await self._write("POST", f"sets/{set_uuid}/images", body, key)

    async def remove_set_images(
        self, set_uuid: str, image_uuids: Sequence[str], *, key: str
    ) -> OperationWire:
        body = {"image_public_uuids": list(image_uuids)}
        return await self._write("DELETE", f"sets/{set_uuid}/images", body, key)

    async def order_set_images(
        self, set_uuid: str, image_uuids: Sequence[str], *, key: str
    ) -> OperationWire:
        body = {"image_public_uuids": list(image_uuids)}
        return await self._write("PATCH", f"sets/{set_uuid}/order", body, key)

    async def reorder_sets(
        self, parent: str | None, set_uuids: Sequence[str], *, key: str
    ) -> OperationWire:
        body = {"parent_public_uuid": parent, "set_public_uuids": list(set_uuids)}
        return await self._write("PATCH", "sets/reorder", body, key)

    async def set_visibility(
        self, set_uuid: str, body: VisibilityBody, *, key: str
    ) -> OperationWire:
        return await self._write("PATCH", f"sets/{set_uuid}/visibility", body, key)

    async def restore_set(self, set_uuid: str, snapshot_uuid: str, *, key: str) -> OperationWire:
        body = {"snapshot_uuid": snapshot_uuid}
        return await self._write("POST", f"sets/{set_uuid}/restore", body, key)

    # ---- plumbing -------------------------------------------------------------------------

    async def _get(
        self, path: str, params: Mapping[str, Any] | None = None
    ) -> tuple[bytes, httpx.Headers]:
        target = f"{path}?{urlencode(sorted((params or {}).items()))}"
        cached = self.etags.get(target)
        headers = {"If-None-Match": cached.etag} if cached else None
        response = await self.http.request("GET", path, params=params, headers=headers)
        if response.status_code == 304 and cached is not None:
            return cached.content, httpx.Headers(cached.headers)
        if response.status_code != 200:
            raise error_for_response(response, self.source)
        etag = response.headers.get("ETag")
        if etag:
            self.etags.put(target, CachedAnswer(etag, response.content, dict(response.headers)))
        return response.content, response.headers

    async def _write(self, method: str, path: str, body: object, key: str) -> OperationWire:
        # DPG does the work once per key, so resending the same key after a lost answer is safe.
        response = await self.http.request(
            method, path, json=body, headers={"Idempotency-Key": key}, retry=True
        )
        if response.status_code not in (200, 201, 202):
            raise error_for_response(response, self.source)
        return cast(OperationWire, self._object((response.content, response.headers)))

    def _decode(self, content: bytes) -> Any:
        try:
            return json.loads(content)
        except ValueError as exc:
            raise BadUpstreamResponse(
                f"{self.source} sent a body that is not JSON", source=self.source
            ) from exc

    def _object(self, answer: tuple[bytes, httpx.Headers]) -> dict[str, Any]:
        body = self._decode(answer[0])
        if not isinstance(body, dict):
            raise BadUpstreamResponse(f"{self.source} sent an unexpected shape", source=self.source)
        return body

    def _array(self, answer: tuple[bytes, httpx.Headers]) -> list[dict[str, Any]]:
        body = self._decode(answer[0])
        if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
            raise BadUpstreamResponse(f"{self.source} sent an unexpected shape", source=self.source)
        return body

    def _listing(self, answer: tuple[bytes, httpx.Headers], offset: int) -> Listing[dict[str, Any]]:
        items = self._array(answer)
        headers = answer[1]
        has_more = headers.get("X-Has-More", "false").strip().lower() == "true"
        try:
            next_offset = int(headers.get("X-Next-Offset", offset + len(items)))
        except ValueError:
            next_offset = offset + len(items)
        return Listing(items=items, has_more=has_more, next_offset=next_offset)
