"""How every mutation writes: target, idempotency, user errors and payloads.

A mutation names its target (a global id, or ``source`` for creations) and takes an optional
``idempotencyKey``. With a key, a retried mutation with the same input returns the first
outcome and writes nothing twice; the same key with another input is refused. The key
(given, or generated per mutation) is also passed to the adapter, which sends it to backends
that support one (DPG) and reuses it on its own retries.

What the caller can fix (validation, conflicts, missing targets) comes back in ``userErrors``;
what they cannot (auth, unavailable backends, unsupported writes) is a GraphQL error. A
mutation needs the ``write`` permission.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.base import Capability, MediaPlacement
from adapters.errors import (
    BackendError,
    Conflict,
    InvalidInput,
    NotFound,
    NotSupported,
    RateLimited,
    Unavailable,
)
from schema.context import context_of
from schema.errors import InvalidArgument
from schema.idempotency import KeyReused, Outcome
from schema.ids import InvalidId, decode_id
from schema.inputs import (
    CollectionPayload,
    DeletePayload,
    GalleryPayload,
    ImagePlacementInput,
    SetPayload,
)
from schema.query import parse_id
from schema.records import CollectionRecord, GalleryRecord, OperationRecord, SetRecord
from schema.types import wrap_collection, wrap_gallery, wrap_operation, wrap_set
from schema.values import UserError

__all__ = [
    "IdempotencyKeyArg",
    "Target",
    "collection_payload",
    "delete_payload",
    "gallery_payload",
    "media_placements",
    "native",
    "native_image_ids",
    "optional_native",
    "set_payload",
    "target",
    "write",
]

IdempotencyKeyArg = Annotated[
    str | None,
    strawberry.argument(
        description="Send the same key when retrying: the first outcome is returned, nothing "
        "is written twice."
    ),
]


@dataclass(frozen=True)
class _UserErrors:
    errors: tuple[UserError, ...]


@dataclass(frozen=True)
class Target:
    """Where a mutation writes: the source, its adapter, and the native id of the object."""

    source: str
    adapter: Any
    native: str = ""


def target(
    info: Info[Any, Any],
    *,
    protocol: type,
    what: str,
    id: str | None = None,
    expect: str = "",
    field: str = "id",
    source: str | None = None,
) -> Target:
    """Resolve a mutation's target and check the source can do ``what`` at all."""
    ctx = context_of(info)
    native = ""
    if id is not None:
        gid = parse_id(id, expect=expect, field=field)
        source, native = gid.source, gid.native
    assert source is not None, "a mutation names an id or a source"
    adapter = ctx.adapter(source)
    if not isinstance(adapter, protocol):
        raise NotSupported(f"source {source!r} cannot {what}", source=source)
    return Target(source, adapter, native)


def native(value: str, *, expect: str, source: str, field: str) -> str:
    """The backend id inside a global id of type ``expect``; ``value`` itself if not one."""
    try:
        gid = decode_id(value)
    except InvalidId:
        return value
    if gid.type != expect:
        raise InvalidArgument(f"expected an id of a {expect}, got one of a {gid.type}", field=field)
    if gid.source != source:
        raise InvalidArgument(
            f"{field} belongs to source {gid.source!r}, not {source!r}", field=field
        )
    return gid.native


def optional_native(value: str | None, *, expect: str, source: str, field: str) -> str | None:
    return native(value, expect=expect, source=source, field=field) if value else None


def _fingerprint(name: str, arguments: dict[str, Any]) -> str:
    raw = json.dumps([name, arguments], sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


async def write(
    info: Info[Any, Any],
    name: str,
    target: Target,
    idempotency_key: str | None,
    arguments: dict[str, Any],
    call: Callable[[str], Awaitable[object]],
) -> object:
    """Run one backend write under the idempotency rule; returns its value or ``_UserErrors``."""
    ctx = context_of(info)
    ctx.require("write", field=name)
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 255:
        raise InvalidArgument("idempotencyKey must be 1 to 255 characters", field="idempotencyKey")
    key = idempotency_key or str(uuid.uuid4())
    scope = f"{ctx.principal.name}:{name}:{target.source}"
    if idempotency_key is not None:
        fingerprint = _fingerprint(
            name, {"source": target.source, "target": target.native, **arguments}
        )
        try:
            stored = await ctx.idempotency.claim(scope, key, fingerprint)
        except KeyReused:
            return _UserErrors(
                (
                    UserError(
                        code="IDEMPOTENCY_KEY_REUSED",
                        field="idempotencyKey",
                        message="this idempotency key was already used with a different input",
                        backend_code=None,
                    ),
                )
            )
        if stored is not None:
            return stored.value
    try:
        value = await call(key)
    except (InvalidInput, Conflict, NotFound) as exc:
        error = UserError(
            code=exc.code, field=exc.field, message=exc.message, backend_code=exc.backend_code
        )
        value = _UserErrors((error,))
    except BaseException as exc:
        if ctx.cache is not None:
            ctx.cache.invalidate(target.source)
        if idempotency_key is not None:
            if _outcome_unknown(exc) and not _keys_honoured(target):
                # The backend may have done the write, and it cannot recognise a retry:
                # answering the retry is safer than writing twice.
                await ctx.idempotency.finish(scope, key, Outcome(_unknown(target.source)))
            else:
                await ctx.idempotency.release(scope, key)
        raise
    if ctx.cache is not None:
        ctx.cache.invalidate(target.source)  # a write may change anything read from there
    if idempotency_key is not None:
        await ctx.idempotency.finish(scope, key, Outcome(value))
    return value


def _outcome_unknown(exc: BaseException) -> bool:
    """Whether a failed write may still have happened at the backend."""
    if isinstance(exc, BackendError):
        if exc.unsent or isinstance(exc, RateLimited):
            return False
        if isinstance(exc, Unavailable):
            # 502/503/504: a gateway or the backend said it did not take the request
            return exc.status not in (502, 503, 504)
        return False  # the backend answered with a refusal (auth, not supported, ...)
    return True  # cancelled mid-call, or a failure after the response: unknown


def _keys_honoured(target: Target) -> bool:
    """Whether the backend itself recognises a retried write by its idempotency key."""
    return Capability.IDEMPOTENCY_KEYS in target.adapter.capabilities


def _unknown(source: str) -> _UserErrors:
    return _UserErrors(
        (
            UserError(
                code="WRITE_OUTCOME_UNKNOWN",
                field="idempotencyKey",
                message=f"{source} may or may not have done this write (the first attempt "
                "failed mid-call and this backend cannot recognise a retry); check the object, "
                "then send the write again with a new key if it is missing",
                backend_code=None,
            ),
        )
    )


def _split(value: object, record_type: type) -> tuple[Any, OperationRecord | None, list[UserError]]:
    """(record, pending operation, user errors): what every payload is made of."""
    if isinstance(value, _UserErrors):
        return None, None, list(value.errors)
    if isinstance(value, OperationRecord):
        return None, value, []
    if value is None or isinstance(value, record_type):
        return value, None, []
    raise TypeError(f"unexpected write result {type(value).__name__}")


def gallery_payload(source: str, value: object) -> GalleryPayload:
    record, operation, errors = _split(value, GalleryRecord)
    return GalleryPayload(
        gallery=wrap_gallery(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def set_payload(source: str, value: object) -> SetPayload:
    record, operation, errors = _split(value, SetRecord)
    return SetPayload(
        set=wrap_set(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def collection_payload(source: str, value: object) -> CollectionPayload:
    record, operation, errors = _split(value, CollectionRecord)
    return CollectionPayload(
        collection=wrap_collection(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def delete_payload(source: str, deleted: str, value: object) -> DeletePayload:
    _, operation, errors = _split(value, type(None))
    pending = operation is not None and operation.status.value != "SUCCEEDED"
    return DeletePayload(
        deleted_id=None if errors or pending else strawberry.ID(deleted),
        operation=wrap_operation(source, operation) if pending and operation else None,
        user_errors=errors,
    )


def media_placements(items: list[ImagePlacementInput], source: str) -> tuple[MediaPlacement, ...]:
    return tuple(
        MediaPlacement(
            image_id=native(p.image_id, expect="Image", source=source, field="imageId"),
            caption=p.caption,
            position=p.position,
        )
        for p in items
    )


def native_image_ids(ids: list[strawberry.ID], source: str) -> tuple[str, ...]:
    return tuple(native(i, expect="Image", source=source, field="imageIds") for i in ids)
