"""The root Mutation: every write the backends support, behind one idempotency rule.

Each mutation names its target (a global id, or ``source`` for creations) and takes an
optional ``idempotencyKey``. With a key, a retried mutation with the same input returns the
first outcome and writes nothing twice; the same key with another input is refused. The key
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
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.base import (
    CollectionPatch,
    CollectionWriter,
    GalleryDraft,
    GalleryPatch,
    GalleryWriter,
    ManifestImporter,
    MediaPlacement,
    MediaWriter,
    SetDraft,
    SetPatch,
    SetWriter,
    TranslationWriter,
)
from adapters.errors import Conflict, InvalidInput, NotFound, NotSupported
from schema.errors import InvalidArgument
from schema.idempotency import KeyReused, Outcome
from schema.ids import InvalidId, decode_id
from schema.inputs import (
    CollectionPayload,
    CreateGalleryInput,
    CreateSetInput,
    DeletePayload,
    GalleryPayload,
    ImagePlacementInput,
    SetPayload,
    TranslationInput,
    UpdateCollectionInput,
    UpdateGalleryInput,
    UpdateSetInput,
)
from schema.query import parse_id
from schema.records import CollectionRecord, GalleryRecord, OperationRecord, SetRecord
from schema.types import context_of, wrap_collection, wrap_gallery, wrap_operation, wrap_set
from schema.values import UserError

__all__ = ["Mutation"]

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
class _Target:
    """Where a mutation writes: the source, its adapter, and the native id of the object."""

    source: str
    adapter: Any
    native: str = ""


def _target(
    info: Info[Any, Any],
    *,
    protocol: type,
    what: str,
    id: str | None = None,
    expect: str = "",
    field: str = "id",
    source: str | None = None,
) -> _Target:
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
    return _Target(source, adapter, native)


def _native(value: str, *, expect: str, source: str, field: str) -> str:
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


def _optional_native(value: str | None, *, expect: str, source: str, field: str) -> str | None:
    return _native(value, expect=expect, source=source, field=field) if value else None


def _fingerprint(name: str, arguments: dict[str, Any]) -> str:
    raw = json.dumps([name, arguments], sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


async def _write(
    info: Info[Any, Any],
    name: str,
    target: _Target,
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
    scope = f"{ctx.principal.name}:{name}"
    if idempotency_key is not None:
        fingerprint = _fingerprint(name, {"target": target.native, **arguments})
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
    except BaseException:
        if idempotency_key is not None:
            await ctx.idempotency.release(scope, key)
        raise
    if idempotency_key is not None:
        await ctx.idempotency.finish(scope, key, Outcome(value))
    return value


def _split(value: object, record_type: type) -> tuple[Any, OperationRecord | None, list[UserError]]:
    """(record, pending operation, user errors): what every payload is made of."""
    if isinstance(value, _UserErrors):
        return None, None, list(value.errors)
    if isinstance(value, OperationRecord):
        return None, value, []
    if value is None or isinstance(value, record_type):
        return value, None, []
    raise TypeError(f"unexpected write result {type(value).__name__}")


def _gallery_payload(source: str, value: object) -> GalleryPayload:
    record, operation, errors = _split(value, GalleryRecord)
    return GalleryPayload(
        gallery=wrap_gallery(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def _set_payload(source: str, value: object) -> SetPayload:
    record, operation, errors = _split(value, SetRecord)
    return SetPayload(
        set=wrap_set(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def _collection_payload(source: str, value: object) -> CollectionPayload:
    record, operation, errors = _split(value, CollectionRecord)
    return CollectionPayload(
        collection=wrap_collection(source, record) if record else None,
        operation=wrap_operation(source, operation) if operation else None,
        user_errors=errors,
    )


def _delete_payload(source: str, deleted: str, value: object) -> DeletePayload:
    _, operation, errors = _split(value, type(None))
    pending = operation is not None and operation.status.value != "SUCCEEDED"
    return DeletePayload(
        deleted_id=None if errors or pending else strawberry.ID(deleted),
        operation=wrap_operation(source, operation) if pending and operation else None,
        user_errors=errors,
    )


def _placements(items: list[ImagePlacementInput], source: str) -> tuple[MediaPlacement, ...]:
    return tuple(
        MediaPlacement(
            image_id=_native(p.image_id, expect="Image", source=source, field="imageId"),
            caption=p.caption,
            position=p.position,
        )
        for p in items
    )


def _image_ids(ids: list[strawberry.ID], source: str) -> tuple[str, ...]:
    return tuple(_native(i, expect="Image", source=source, field="imageIds") for i in ids)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a gallery in a source.")
    async def create_gallery(
        self,
        info: Info[Any, Any],
        input: CreateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(info, protocol=GalleryWriter, what="create galleries", source=input.source)
        draft = GalleryDraft(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            collection_id=_optional_native(
                input.collection_id, expect="Collection", source=t.source, field="collectionId"
            ),
            cover_image_id=_optional_native(
                input.cover_image_id, expect="Image", source=t.source, field="coverImageId"
            ),
            translations=tuple(tr.to_record() for tr in input.translations or ()),
        )
        value = await _write(
            info,
            "createGallery",
            t,
            idempotency_key,
            {"draft": draft},
            lambda key: t.adapter.create_gallery(draft, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Change a gallery's fields; omitted fields stay as they are.")
    async def update_gallery(
        self,
        info: Info[Any, Any],
        input: UpdateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info, protocol=GalleryWriter, what="update galleries", id=input.id, expect="Gallery"
        )
        languages = input.allowed_languages
        patch = GalleryPatch(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            cover_image_id=_optional_native(
                input.cover_image_id, expect="Image", source=t.source, field="coverImageId"
            ),
            allowed_languages=tuple(languages) if languages is not None else None,
        )
        value = await _write(
            info,
            "updateGallery",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_gallery(t.native, patch, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Delete a gallery (soft delete where the backend does so).")
    async def delete_gallery(
        self, info: Info[Any, Any], id: strawberry.ID, idempotency_key: IdempotencyKeyArg = None
    ) -> DeletePayload:
        t = _target(info, protocol=GalleryWriter, what="delete galleries", id=id, expect="Gallery")
        value = await _write(
            info,
            "deleteGallery",
            t,
            idempotency_key,
            {},
            lambda key: t.adapter.delete_gallery(t.native, idempotency_key=key),
        )
        return _delete_payload(t.source, id, value)

    @strawberry.mutation(
        description="Add images to a gallery, with optional captions and positions."
    )
    async def add_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        images: list[ImagePlacementInput],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=MediaWriter,
            what="add images",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        placements = _placements(images, t.source)
        value = await _write(
            info,
            "addImages",
            t,
            idempotency_key,
            {"placements": placements},
            lambda key: t.adapter.add_images(t.native, placements, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Change an image's caption or position within a gallery.")
    async def update_image_placement(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image: ImagePlacementInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=MediaWriter,
            what="update images",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        (placement,) = _placements([image], t.source)
        value = await _write(
            info,
            "updateImagePlacement",
            t,
            idempotency_key,
            {"placement": placement},
            lambda key: t.adapter.update_image_placement(t.native, placement, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Take images out of a gallery (the media files are kept).")
    async def remove_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=MediaWriter,
            what="remove images",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        ids = _image_ids(image_ids, t.source)
        value = await _write(
            info,
            "removeImages",
            t,
            idempotency_key,
            {"ids": ids},
            lambda key: t.adapter.remove_images(t.native, ids, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(
        description="Put a gallery's images in this order. Some backends (CMS) need every image."
    )
    async def reorder_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=MediaWriter,
            what="reorder images",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        ids = _image_ids(image_ids, t.source)
        value = await _write(
            info,
            "reorderImages",
            t,
            idempotency_key,
            {"ids": ids},
            lambda key: t.adapter.reorder_images(t.native, ids, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Create or replace a gallery's text in one language.")
    async def upsert_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        translation: TranslationInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=TranslationWriter,
            what="write translations",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        record = translation.to_record()
        value = await _write(
            info,
            "upsertTranslation",
            t,
            idempotency_key,
            {"translation": record},
            lambda key: t.adapter.upsert_translation(t.native, record, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Remove a gallery's text in one language.")
    async def delete_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        language: str,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _target(
            info,
            protocol=TranslationWriter,
            what="write translations",
            id=gallery_id,
            expect="Gallery",
            field="galleryId",
        )
        value = await _write(
            info,
            "deleteTranslation",
            t,
            idempotency_key,
            {"language": language},
            lambda key: t.adapter.delete_translation(t.native, language, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)

    @strawberry.mutation(description="Create a set, optionally under a parent set.")
    async def create_set(
        self, info: Info[Any, Any], input: CreateSetInput, idempotency_key: IdempotencyKeyArg = None
    ) -> SetPayload:
        t = _target(info, protocol=SetWriter, what="create sets", source=input.source)
        draft = SetDraft(
            name=input.name,
            parent_id=_optional_native(
                input.parent_id, expect="Set", source=t.source, field="parentId"
            ),
            description=input.description,
            colour=input.colour,
            type=input.type,
        )
        value = await _write(
            info,
            "createSet",
            t,
            idempotency_key,
            {"draft": draft},
            lambda key: t.adapter.create_set(draft, idempotency_key=key),
        )
        return _set_payload(t.source, value)

    @strawberry.mutation(description="Rename, recolour, set the lead image of, or move a set.")
    async def update_set(
        self, info: Info[Any, Any], input: UpdateSetInput, idempotency_key: IdempotencyKeyArg = None
    ) -> SetPayload:
        t = _target(info, protocol=SetWriter, what="update sets", id=input.id, expect="Set")
        if input.move_to_top and input.parent_id:
            raise InvalidArgument("give parentId or moveToTop, not both", field="moveToTop")
        patch = SetPatch(
            name=input.name,
            description=input.description,
            colour=input.colour,
            type=input.type,
            lead_image_id=_optional_native(
                input.lead_image_id, expect="Image", source=t.source, field="leadImageId"
            ),
            parent_id=_optional_native(
                input.parent_id, expect="Set", source=t.source, field="parentId"
            ),
            move_to_top=bool(input.move_to_top),
        )
        value = await _write(
            info,
            "updateSet",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_set(t.native, patch, idempotency_key=key),
        )
        return _set_payload(t.source, value)

    @strawberry.mutation(description="Delete a set.")
    async def delete_set(
        self, info: Info[Any, Any], id: strawberry.ID, idempotency_key: IdempotencyKeyArg = None
    ) -> DeletePayload:
        t = _target(info, protocol=SetWriter, what="delete sets", id=id, expect="Set")
        value = await _write(
            info,
            "deleteSet",
            t,
            idempotency_key,
            {},
            lambda key: t.adapter.delete_set(t.native, idempotency_key=key),
        )
        return _delete_payload(t.source, id, value)

    @strawberry.mutation(description="Put sibling sets in this order (top level when no parentId).")
    async def reorder_sets(
        self,
        info: Info[Any, Any],
        source: str,
        set_ids: list[strawberry.ID],
        parent_id: strawberry.ID | None = None,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = _target(info, protocol=SetWriter, what="reorder sets", source=source)
        parent = _optional_native(parent_id, expect="Set", source=source, field="parentId")
        ids = tuple(_native(i, expect="Set", source=source, field="setIds") for i in set_ids)
        value = await _write(
            info,
            "reorderSets",
            t,
            idempotency_key,
            {"parent": parent, "ids": ids},
            lambda key: t.adapter.reorder_sets(parent, ids, idempotency_key=key),
        )
        return _set_payload(source, value)

    @strawberry.mutation(
        description="Hide or show images of a set; with activationTime, they come out then."
    )
    async def set_visibility(
        self,
        info: Info[Any, Any],
        set_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        hidden: bool,
        activation_time: datetime | None = None,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = _target(
            info,
            protocol=SetWriter,
            what="change visibility",
            id=set_id,
            expect="Set",
            field="setId",
        )
        ids = _image_ids(image_ids, t.source)
        value = await _write(
            info,
            "setVisibility",
            t,
            idempotency_key,
            {"ids": ids, "hidden": hidden, "at": activation_time},
            lambda key: t.adapter.set_visibility(
                t.native, ids, hidden=hidden, activation_time=activation_time, idempotency_key=key
            ),
        )
        return _set_payload(t.source, value)

    @strawberry.mutation(description="Put a set back as a snapshot saved it.")
    async def restore_snapshot(
        self,
        info: Info[Any, Any],
        set_id: strawberry.ID,
        snapshot_id: strawberry.ID,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = _target(
            info,
            protocol=SetWriter,
            what="restore snapshots",
            id=set_id,
            expect="Set",
            field="setId",
        )
        value = await _write(
            info,
            "restoreSnapshot",
            t,
            idempotency_key,
            {"snapshot": snapshot_id},
            lambda key: t.adapter.restore_snapshot(t.native, snapshot_id, idempotency_key=key),
        )
        return _set_payload(t.source, value)

    @strawberry.mutation(description="Change a collection's name, privacy, expiry and downloads.")
    async def update_collection(
        self,
        info: Info[Any, Any],
        input: UpdateCollectionInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> CollectionPayload:
        t = _target(
            info,
            protocol=CollectionWriter,
            what="update collections",
            id=input.id,
            expect="Collection",
        )
        patch = CollectionPatch(
            title=input.title,
            description=input.description,
            private=input.private,
            downloadable=input.downloadable,
            expires_on=input.expires_on,
            clear_expiry=input.clear_expiry,
        )
        value = await _write(
            info,
            "updateCollection",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_collection(t.native, patch, idempotency_key=key),
        )
        return _collection_payload(t.source, value)

    @strawberry.mutation(
        name="importIIIFManifest",
        description="Create a gallery in a collection from a IIIF Presentation manifest URL.",
    )
    async def import_iiif_manifest(
        self,
        info: Info[Any, Any],
        collection_id: strawberry.ID,
        manifest_url: str,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        if not manifest_url.startswith(("http://", "https://")):
            raise InvalidArgument("manifestUrl must be an http(s) URL", field="manifestUrl")
        t = _target(
            info,
            protocol=ManifestImporter,
            what="import manifests",
            id=collection_id,
            expect="Collection",
            field="collectionId",
        )
        value = await _write(
            info,
            "importIIIFManifest",
            t,
            idempotency_key,
            {"url": manifest_url},
            lambda key: t.adapter.import_manifest(t.native, manifest_url, idempotency_key=key),
        )
        return _gallery_payload(t.source, value)
