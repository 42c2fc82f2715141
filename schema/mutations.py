"""The root Mutation: every write the backends support, behind one idempotency rule.

Each mutation names its target (a global id, or ``source`` for creations) and takes an
optional ``idempotencyKey``. With a key, a retried mutation with the same input returns the
first outcome and writes nothing twice; the same key with another input is refused. The key
(given, or generated per mutation) is also passed to the adapter, which sends it to backends
that support one (DPG) and reuses it on its own retries.

What the caller can fix (validation, conflicts, missing targets) comes back in ``userErrors``;
what they cannot (auth, unavailable backends, unsupported writes) is a GraphQL error.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

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
from schema.query import parse_id
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    OperationRecord,
    PublicationStatus,
    SetRecord,
    Translation as TranslationRecord,
)
from schema.types import (
    Collection,
    Gallery,
    Operation,
    Set,
    context_of,
    wrap_collection,
    wrap_gallery,
    wrap_operation,
    wrap_set,
)
from schema.values import UserError

__all__ = ["Mutation"]

P = TypeVar("P")
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


@strawberry.input
class TranslationInput:
    language: str = strawberry.field(description='A BCP-47 language code, e.g. "fr".')
    title: str | None = None
    description: str | None = None
    caption: str | None = None
    slug: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None

    def to_record(self) -> TranslationRecord:
        return TranslationRecord(
            language=self.language,
            title=self.title,
            description=self.description,
            caption=self.caption,
            slug=self.slug,
            meta_title=self.meta_title,
            meta_description=self.meta_description,
        )


@strawberry.input
class CreateGalleryInput:
    source: str
    collection_id: strawberry.ID | None = None
    title: str | None = None
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    cover_image_id: strawberry.ID | None = None
    translations: list[TranslationInput] | None = None


@strawberry.input
class UpdateGalleryInput:
    id: strawberry.ID
    title: str | None = None
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    cover_image_id: strawberry.ID | None = None
    allowed_languages: list[str] | None = None


@strawberry.input
class ImagePlacementInput:
    image_id: strawberry.ID = strawberry.field(
        description="An Image id from this gateway, or the backend's own media id."
    )
    caption: str | None = None
    position: int | None = None


@strawberry.input
class CreateSetInput:
    source: str
    name: str
    parent_id: strawberry.ID | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None


@strawberry.input
class UpdateSetInput:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None
    lead_image_id: strawberry.ID | None = None
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Move the set under this parent."
    )
    move_to_top: bool | None = strawberry.field(
        default=None, description="Move the set to the top level (leave parentId out)."
    )


@strawberry.input
class UpdateCollectionInput:
    id: strawberry.ID
    title: str | None = None
    description: str | None = None
    private: bool | None = None
    downloadable: bool | None = None
    expires_on: date | None = None
    clear_expiry: bool = False


@strawberry.type
class GalleryPayload:
    gallery: Gallery | None
    operation: Operation | None = strawberry.field(
        description="Set while the backend is still working; poll it with operation(id)."
    )
    user_errors: list[UserError]


@strawberry.type
class SetPayload:
    set: Set | None
    operation: Operation | None
    user_errors: list[UserError]


@strawberry.type
class CollectionPayload:
    collection: Collection | None
    operation: Operation | None
    user_errors: list[UserError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    operation: Operation | None
    user_errors: list[UserError]


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


def _fingerprint(name: str, arguments: dict[str, Any]) -> str:
    raw = json.dumps([name, arguments], sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def _capable(adapter: Any, protocol: type, source: str, what: str) -> Any:
    if not isinstance(adapter, protocol):
        raise NotSupported(f"source {source!r} cannot {what}", source=source)
    return adapter


async def _write(
    info: Info[Any, Any],
    name: str,
    source: str,
    idempotency_key: str | None,
    arguments: dict[str, Any],
    call: Callable[[str], Awaitable[object]],
) -> object:
    """Run one backend write under the idempotency rule; returns its value or ``_UserErrors``."""
    ctx = context_of(info)
    ctx.require("write", field=name)
    ctx.adapter(source)
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 255:
        raise InvalidArgument("idempotencyKey must be 1 to 255 characters", field="idempotencyKey")
    key = idempotency_key or str(uuid.uuid4())
    scope = f"{ctx.principal.name}:{name}"
    if idempotency_key is not None:
        try:
            stored = await ctx.idempotency.claim(scope, key, _fingerprint(name, arguments))
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
        value = _UserErrors(
            (
                UserError(
                    code=exc.code,
                    field=exc.field,
                    message=exc.message,
                    backend_code=exc.backend_code,
                ),
            )
        )
    except BaseException:
        if idempotency_key is not None:
            await ctx.idempotency.release(scope, key)
        raise
    if idempotency_key is not None:
        await ctx.idempotency.finish(scope, key, Outcome(value))
    return value


def _gallery_payload(source: str, value: object) -> GalleryPayload:
    if isinstance(value, _UserErrors):
        return GalleryPayload(gallery=None, operation=None, user_errors=list(value.errors))
    if isinstance(value, OperationRecord):
        return GalleryPayload(gallery=None, operation=wrap_operation(source, value), user_errors=[])
    if isinstance(value, GalleryRecord):
        return GalleryPayload(gallery=wrap_gallery(source, value), operation=None, user_errors=[])
    raise TypeError(f"unexpected write result {type(value).__name__}")


def _set_payload(source: str, value: object) -> SetPayload:
    if isinstance(value, _UserErrors):
        return SetPayload(set=None, operation=None, user_errors=list(value.errors))
    if isinstance(value, OperationRecord):
        return SetPayload(set=None, operation=wrap_operation(source, value), user_errors=[])
    if isinstance(value, SetRecord):
        return SetPayload(set=wrap_set(source, value), operation=None, user_errors=[])
    raise TypeError(f"unexpected write result {type(value).__name__}")


def _collection_payload(source: str, value: object) -> CollectionPayload:
    if isinstance(value, _UserErrors):
        return CollectionPayload(collection=None, operation=None, user_errors=list(value.errors))
    if isinstance(value, OperationRecord):
        return CollectionPayload(
            collection=None, operation=wrap_operation(source, value), user_errors=[]
        )
    if isinstance(value, CollectionRecord):
        return CollectionPayload(
            collection=wrap_collection(source, value), operation=None, user_errors=[]
        )
    raise TypeError(f"unexpected write result {type(value).__name__}")


def _delete_payload(source: str, deleted: str, value: object) -> DeletePayload:
    if isinstance(value, _UserErrors):
        return DeletePayload(deleted_id=None, operation=None, user_errors=list(value.errors))
    if isinstance(value, OperationRecord) and value.status.value not in ("SUCCEEDED",):
        return DeletePayload(
            deleted_id=None, operation=wrap_operation(source, value), user_errors=[]
        )
    return DeletePayload(deleted_id=strawberry.ID(deleted), operation=None, user_errors=[])


def _placements(items: list[ImagePlacementInput], source: str) -> tuple[MediaPlacement, ...]:
    return tuple(
        MediaPlacement(
            image_id=_native(p.image_id, expect="Image", source=source, field="imageId"),
            caption=p.caption,
            position=p.position,
        )
        for p in items
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a gallery in a source.")
    async def create_gallery(
        self,
        info: Info[Any, Any],
        input: CreateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        source = input.source
        adapter = _capable(
            context_of(info).adapter(source), GalleryWriter, source, "create galleries"
        )
        draft = GalleryDraft(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            collection_id=(
                _native(
                    input.collection_id, expect="Collection", source=source, field="collectionId"
                )
                if input.collection_id
                else None
            ),
            cover_image_id=(
                _native(input.cover_image_id, expect="Image", source=source, field="coverImageId")
                if input.cover_image_id
                else None
            ),
            translations=tuple(t.to_record() for t in input.translations or ()),
        )
        value = await _write(
            info,
            "createGallery",
            source,
            idempotency_key,
            {"draft": draft},
            lambda key: adapter.create_gallery(draft, idempotency_key=key),
        )
        return _gallery_payload(source, value)

    @strawberry.mutation(description="Change a gallery's fields; omitted fields stay as they are.")
    async def update_gallery(
        self,
        info: Info[Any, Any],
        input: UpdateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        gid = parse_id(input.id, expect="Gallery")
        adapter = _capable(
            context_of(info).adapter(gid.source), GalleryWriter, gid.source, "update galleries"
        )
        patch = GalleryPatch(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            cover_image_id=(
                _native(
                    input.cover_image_id, expect="Image", source=gid.source, field="coverImageId"
                )
                if input.cover_image_id
                else None
            ),
            allowed_languages=tuple(input.allowed_languages)
            if input.allowed_languages is not None
            else None,
        )
        value = await _write(
            info,
            "updateGallery",
            gid.source,
            idempotency_key,
            {"id": gid.native, "patch": patch},
            lambda key: adapter.update_gallery(gid.native, patch, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Delete a gallery (soft delete where the backend does so).")
    async def delete_gallery(
        self,
        info: Info[Any, Any],
        id: strawberry.ID,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> DeletePayload:
        gid = parse_id(id, expect="Gallery")
        adapter = _capable(
            context_of(info).adapter(gid.source), GalleryWriter, gid.source, "delete galleries"
        )
        value = await _write(
            info,
            "deleteGallery",
            gid.source,
            idempotency_key,
            {"id": gid.native},
            lambda key: adapter.delete_gallery(gid.native, idempotency_key=key),
        )
        return _delete_payload(gid.source, id, value)

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
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source), MediaWriter, gid.source, "add images"
        )
        placements = _placements(images, gid.source)
        value = await _write(
            info,
            "addImages",
            gid.source,
            idempotency_key,
            {"id": gid.native, "placements": placements},
            lambda key: adapter.add_images(gid.native, placements, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Change an image's caption or position within a gallery.")
    async def update_image_placement(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image: ImagePlacementInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source), MediaWriter, gid.source, "update images"
        )
        (placement,) = _placements([image], gid.source)
        value = await _write(
            info,
            "updateImagePlacement",
            gid.source,
            idempotency_key,
            {"id": gid.native, "placement": placement},
            lambda key: adapter.update_image_placement(gid.native, placement, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Take images out of a gallery (the media files are kept).")
    async def remove_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source), MediaWriter, gid.source, "remove images"
        )
        ids = tuple(
            _native(i, expect="Image", source=gid.source, field="imageIds") for i in image_ids
        )
        value = await _write(
            info,
            "removeImages",
            gid.source,
            idempotency_key,
            {"id": gid.native, "ids": ids},
            lambda key: adapter.remove_images(gid.native, ids, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

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
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source), MediaWriter, gid.source, "reorder images"
        )
        ids = tuple(
            _native(i, expect="Image", source=gid.source, field="imageIds") for i in image_ids
        )
        value = await _write(
            info,
            "reorderImages",
            gid.source,
            idempotency_key,
            {"id": gid.native, "ids": ids},
            lambda key: adapter.reorder_images(gid.native, ids, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Create or replace a gallery's text in one language.")
    async def upsert_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        translation: TranslationInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source),
            TranslationWriter,
            gid.source,
            "write translations",
        )
        record = translation.to_record()
        value = await _write(
            info,
            "upsertTranslation",
            gid.source,
            idempotency_key,
            {"id": gid.native, "translation": record},
            lambda key: adapter.upsert_translation(gid.native, record, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Remove a gallery's text in one language.")
    async def delete_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        language: str,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        gid = parse_id(gallery_id, expect="Gallery", field="galleryId")
        adapter = _capable(
            context_of(info).adapter(gid.source),
            TranslationWriter,
            gid.source,
            "write translations",
        )
        value = await _write(
            info,
            "deleteTranslation",
            gid.source,
            idempotency_key,
            {"id": gid.native, "language": language},
            lambda key: adapter.delete_translation(gid.native, language, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)

    @strawberry.mutation(description="Create a set, optionally under a parent set.")
    async def create_set(
        self,
        info: Info[Any, Any],
        input: CreateSetInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        source = input.source
        adapter = _capable(context_of(info).adapter(source), SetWriter, source, "create sets")
        draft = SetDraft(
            name=input.name,
            parent_id=(
                _native(input.parent_id, expect="Set", source=source, field="parentId")
                if input.parent_id
                else None
            ),
            description=input.description,
            colour=input.colour,
            type=input.type,
        )
        value = await _write(
            info,
            "createSet",
            source,
            idempotency_key,
            {"draft": draft},
            lambda key: adapter.create_set(draft, idempotency_key=key),
        )
        return _set_payload(source, value)

    @strawberry.mutation(description="Rename, recolour, set the lead image of, or move a set.")
    async def update_set(
        self,
        info: Info[Any, Any],
        input: UpdateSetInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        gid = parse_id(input.id, expect="Set")
        source = gid.source
        adapter = _capable(context_of(info).adapter(source), SetWriter, source, "update sets")
        if input.move_to_top and input.parent_id:
            raise InvalidArgument("give parentId or moveToTop, not both", field="moveToTop")
        patch = SetPatch(
            name=input.name,
            description=input.description,
            colour=input.colour,
            type=input.type,
            lead_image_id=(
                _native(input.lead_image_id, expect="Image", source=source, field="leadImageId")
                if input.lead_image_id
                else None
            ),
            parent_id=(
                _native(input.parent_id, expect="Set", source=source, field="parentId")
                if input.parent_id
                else None
            ),
            move_to_top=bool(input.move_to_top),
        )
        value = await _write(
            info,
            "updateSet",
            source,
            idempotency_key,
            {"id": gid.native, "patch": patch},
            lambda key: adapter.update_set(gid.native, patch, idempotency_key=key),
        )
        return _set_payload(source, value)

    @strawberry.mutation(description="Delete a set.")
    async def delete_set(
        self,
        info: Info[Any, Any],
        id: strawberry.ID,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> DeletePayload:
        gid = parse_id(id, expect="Set")
        adapter = _capable(
            context_of(info).adapter(gid.source), SetWriter, gid.source, "delete sets"
        )
        value = await _write(
            info,
            "deleteSet",
            gid.source,
            idempotency_key,
            {"id": gid.native},
            lambda key: adapter.delete_set(gid.native, idempotency_key=key),
        )
        return _delete_payload(gid.source, id, value)

    @strawberry.mutation(description="Put sibling sets in this order (top level when no parentId).")
    async def reorder_sets(
        self,
        info: Info[Any, Any],
        source: str,
        set_ids: list[strawberry.ID],
        parent_id: strawberry.ID | None = None,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        adapter = _capable(context_of(info).adapter(source), SetWriter, source, "reorder sets")
        parent = (
            _native(parent_id, expect="Set", source=source, field="parentId") if parent_id else None
        )
        ids = tuple(_native(i, expect="Set", source=source, field="setIds") for i in set_ids)
        value = await _write(
            info,
            "reorderSets",
            source,
            idempotency_key,
            {"parent": parent, "ids": ids},
            lambda key: adapter.reorder_sets(parent, ids, idempotency_key=key),
        )
        if value is None:
            return SetPayload(set=None, operation=None, user_errors=[])
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
        gid = parse_id(set_id, expect="Set", field="setId")
        adapter = _capable(
            context_of(info).adapter(gid.source), SetWriter, gid.source, "change visibility"
        )
        ids = tuple(
            _native(i, expect="Image", source=gid.source, field="imageIds") for i in image_ids
        )
        value = await _write(
            info,
            "setVisibility",
            gid.source,
            idempotency_key,
            {"id": gid.native, "ids": ids, "hidden": hidden, "at": activation_time},
            lambda key: adapter.set_visibility(
                gid.native, ids, hidden=hidden, activation_time=activation_time, idempotency_key=key
            ),
        )
        return _set_payload(gid.source, value)

    @strawberry.mutation(description="Put a set back as a snapshot saved it.")
    async def restore_snapshot(
        self,
        info: Info[Any, Any],
        set_id: strawberry.ID,
        snapshot_id: strawberry.ID,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        gid = parse_id(set_id, expect="Set", field="setId")
        adapter = _capable(
            context_of(info).adapter(gid.source), SetWriter, gid.source, "restore snapshots"
        )
        value = await _write(
            info,
            "restoreSnapshot",
            gid.source,
            idempotency_key,
            {"id": gid.native, "snapshot": snapshot_id},
            lambda key: adapter.restore_snapshot(gid.native, snapshot_id, idempotency_key=key),
        )
        return _set_payload(gid.source, value)

    @strawberry.mutation(description="Change a collection's name, privacy, expiry and downloads.")
    async def update_collection(
        self,
        info: Info[Any, Any],
        input: UpdateCollectionInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> CollectionPayload:
        gid = parse_id(input.id, expect="Collection")
        adapter = _capable(
            context_of(info).adapter(gid.source), CollectionWriter, gid.source, "update collections"
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
            gid.source,
            idempotency_key,
            {"id": gid.native, "patch": patch},
            lambda key: adapter.update_collection(gid.native, patch, idempotency_key=key),
        )
        return _collection_payload(gid.source, value)

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
        gid = parse_id(collection_id, expect="Collection", field="collectionId")
        if not manifest_url.startswith(("http://", "https://")):
            raise InvalidArgument("manifestUrl must be an http(s) URL", field="manifestUrl")
        adapter = _capable(
            context_of(info).adapter(gid.source), ManifestImporter, gid.source, "import manifests"
        )
        value = await _write(
            info,
            "importIIIFManifest",
            gid.source,
            idempotency_key,
            {"id": gid.native, "url": manifest_url},
            lambda key: adapter.import_manifest(gid.native, manifest_url, idempotency_key=key),
        )
        return _gallery_payload(gid.source, value)
