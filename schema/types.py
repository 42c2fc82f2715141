"""The node types: Collection, Gallery, Set, Image and Operation, with their relations.

Each wraps a record from :mod:`schema.records` and the name of the source it came from.
Relations and incomplete records resolve through the request's loaders, never through an
adapter's HTTP directly, so sibling objects batch into one backend call per level.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import strawberry
from strawberry.types import Info

from adapters.base import Capability, ClientReader, SetTreeReader
from adapters.errors import NotSupported
from schema.arguments import AfterArg, FirstArg, LanguagesArg
from schema.context import context_of
from schema.errors import InvalidArgument
from schema.ids import encode_id
from schema.image_urls import image_url
from schema.loaders import Entity
from schema.pagination import (
    Connection,
    connection_from_page,
    embedded_page,
    load_page,
)
from schema.records import (
    Access as AccessRecord,
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    SetRecord,
    Translation as TranslationRecord,
)
from schema.values import (
    Access,
    Client,
    Keyword,
    MediaType,
    MetadataEntry,
    OperationStatus,
    PublicationStatus,
    Snapshot,
    Translation,
    filter_translations,
    pick_translation,
)

__all__ = [
    "Collection",
    "Gallery",
    "Image",
    "Node",
    "Operation",
    "Set",
    "Translatable",
    "wrap_collection",
    "wrap_gallery",
    "wrap_image",
    "wrap_set",
]


class _Record(Protocol):
    """What every node record has (the frozen dataclasses of :mod:`schema.records`)."""

    @property
    def id(self) -> str: ...

    @property
    def translations(self) -> tuple[TranslationRecord, ...]: ...


R = TypeVar("R", bound=_Record)
MAX_IMAGE_EDGE = 10_000


@strawberry.interface(description="An object with a global id, fetchable with node(id).")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id: encodes the source, the type and the backend's own id."
    )


@strawberry.interface(description="An object with text in one or more languages.")
class Translatable:
    """Fields every translatable type shares; implementations provide the records."""

    async def _translation_records(self, info: Info[Any, Any]) -> tuple[Any, ...]:
        raise AssertionError("subclasses override _translation_records")

    # Nullable, like every field that needs the object's own backend read: when that read
    # fails, only this field is null (with its error), not the list the object is in.
    @strawberry.field(description="Its text in each language (null if it could not be read).")
    async def translations(
        self, info: Info[Any, Any], languages: LanguagesArg = None
    ) -> list[Translation] | None:
        return filter_translations(await self._translation_records(info), languages)

    @strawberry.field(
        description="The text in one language; with fallback, the closest one available "
        "(base language, then no-language, then English, then the first)."
    )
    async def translation(
        self, info: Info[Any, Any], language: str, fallback: bool = True
    ) -> Translation | None:
        chosen = pick_translation(
            await self._translation_records(info), language, fallback=fallback
        )
        return Translation.from_record(chosen) if chosen else None


class _Loaded(Generic[R]):
    """What the node types share: their record, loaded in full when a list gave a summary,
    its translations, and federation's ``resolve_reference`` through the same loaders."""

    entity: ClassVar[Entity]
    source: str
    record: R

    async def _full(self, info: Info[Any, Any]) -> R:
        if getattr(self.record, "complete", True):
            return self.record
        record: R = await context_of(info).loaders.load(self.entity, self.source, self.record.id)
        return record

    async def _translation_records(self, info: Info[Any, Any]) -> tuple[Any, ...]:
        return (await self._full(info)).translations

    @classmethod
    async def resolve_reference(cls, info: Info[Any, Any], id: strawberry.ID) -> Any:
        from schema.query import load_node  # the root query owns id lookups (no cycle)

        node = await load_node(info, id, expect=cls.__name__)
        assert isinstance(node, cls)
        return node


@strawberry.federation.type(keys=["id"], description="A photo or video (or other media item).")
class Image(_Loaded[ImageRecord], Node, Translatable):
    entity: ClassVar[Entity] = "image"
    source: str = strawberry.field(description="The name of the source it comes from.")
    record: strawberry.Private[ImageRecord]

    @strawberry.field
    def title(self) -> str | None:
        return self.record.title

    @strawberry.field
    def description(self) -> str | None:
        return self.record.description

    @strawberry.field
    def alt_text(self) -> str | None:
        return self.record.alt_text

    @strawberry.field(description="Its caption within the gallery it was listed from.")
    def caption(self) -> str | None:
        return self.record.caption

    @strawberry.field(description="Its 0-based position within the gallery it was listed from.")
    def position(self) -> int | None:
        return self.record.position

    @strawberry.field(description="Width of the original in pixels, where the backend says.")
    def width(self) -> int | None:
        return self.record.width

    @strawberry.field(description="Height of the original in pixels, where the backend says.")
    def height(self) -> int | None:
        return self.record.height

    @strawberry.field(description="PHOTO, VIDEO or OTHER (a PDF in a CMS library, say).")
    def media_type(self) -> MediaType:
        return self.record.media_type

    @strawberry.field
    def mime_type(self) -> str | None:
        return self.record.mime_type

    @strawberry.field(description="The original file name, where the backend keeps one.")
    def filename(self) -> str | None:
        return self.record.filename

    @strawberry.field(
        description="A URL of the image at about this size: a IIIF derivative, the smallest "
        "ready-made rendition at least this wide, or the original when the backend has no "
        "sizes."
    )
    def url(self, width: int | None = None, height: int | None = None) -> str | None:
        for name, value in (("width", width), ("height", height)):
            if value is not None and not 1 <= value <= MAX_IMAGE_EDGE:
                raise InvalidArgument(f"{name} must be between 1 and {MAX_IMAGE_EDGE}", field=name)
        return image_url(self.record, width, height)

    @strawberry.field(description="The full-size original, where the backend exposes one.")
    def original_url(self) -> str | None:
        return self.record.original_url

    @strawberry.field(
        description="Keywords, split into namespace and value where the backend does (DPG)."
    )
    def keywords(self) -> list[Keyword]:
        return [Keyword.from_record(k) for k in self.record.keywords]

    @strawberry.field(
        description="Descriptive metadata as label/value pairs (IPTC on DPG, IIIF metadata, ...)."
    )
    def metadata(self) -> list[MetadataEntry]:
        return [MetadataEntry.from_record(m) for m in self.record.metadata]

    @strawberry.field(description="Whether the image is hidden from the public (DPG visibility).")
    def hidden(self) -> bool | None:
        return self.record.hidden

    @strawberry.field(description="When an embargoed image becomes visible.")
    def available_from(self) -> datetime | None:
        return self.record.available_from

    @strawberry.field(description="How many times clients marked it a favourite (Pixieset).")
    def favorites_count(self) -> int | None:
        return self.record.favorites_count

    @strawberry.field(description="How many times it was downloaded (Pixieset).")
    def download_count(self) -> int | None:
        return self.record.download_count

    @strawberry.field
    def created_at(self) -> datetime | None:
        return self.record.created_at

    @strawberry.field(description="The gallery it was listed from.")
    async def gallery(self, info: Info[Any, Any]) -> Gallery | None:
        if self.record.gallery_id is None:
            return None
        record = await context_of(info).loaders.gallery(self.source, self.record.gallery_id)
        return wrap_gallery(self.source, record)


@strawberry.federation.type(keys=["id"], description="An ordered set of images.")
class Gallery(_Loaded[GalleryRecord], Node, Translatable):
    entity: ClassVar[Entity] = "gallery"
    source: str = strawberry.field(description="The name of the source it comes from.")
    record: strawberry.Private[GalleryRecord]

    @strawberry.field
    async def title(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).title

    @strawberry.field
    async def description(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).description

    @strawberry.field
    async def slug(self, info: Info[Any, Any]) -> str | None:
        return self.record.slug or (await self._full(info)).slug

    @strawberry.field(description="EXPIRED once the access expiry date has passed.")
    async def status(self, info: Info[Any, Any]) -> PublicationStatus | None:
        if self.record.status is not None and self.record.access is None:
            return self.record.status
        record = await self._full(info)
        return _with_expiry(record.status, record.access, info)

    @strawberry.field(
        description="How many images it holds, where the backend says or its list is known."
    )
    async def image_count(self, info: Info[Any, Any]) -> int | None:
        record = await self._full(info)
        if record.image_count is None and record.images is not None:
            return len(record.images)
        return record.image_count

    @strawberry.field(description="A cover or thumbnail image URL the backend provides directly.")
    async def cover_url(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).cover_url

    @strawberry.field(
        description="Passwords, privacy, downloads and expiry (Pixieset); never a password itself."
    )
    async def access(self, info: Info[Any, Any]) -> Access | None:
        record = await self._full(info)
        today = context_of(info).clock().date()
        return Access.from_record(record.access, today) if record.access else None

    @strawberry.field(description="How many favourites its images got (Pixieset).")
    async def favorites_count(self, info: Info[Any, Any]) -> int | None:
        return (await self._full(info)).favorites_count

    @strawberry.field(description="Required attribution text (IIIF, Glycerine).")
    async def attribution(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).attribution

    @strawberry.field(description="Descriptive metadata as label/value pairs.")
    async def metadata(self, info: Info[Any, Any]) -> list[MetadataEntry] | None:
        return [MetadataEntry.from_record(m) for m in (await self._full(info)).metadata]

    @strawberry.field
    async def created_at(self, info: Info[Any, Any]) -> datetime | None:
        return (await self._full(info)).created_at

    @strawberry.field
    async def updated_at(self, info: Info[Any, Any]) -> datetime | None:
        return (await self._full(info)).updated_at

    @strawberry.field(description="The images in order (null if the gallery could not be read).")
    async def images(
        self, info: Info[Any, Any], first: FirstArg = None, after: AfterArg = None
    ) -> Connection[Image] | None:
        record = await self._full(info)
        if record.images is not None:
            page: Page[Any] = embedded_page(record.images, info, self.source, first, after)
        else:
            page = await load_page(
                info, self.source, "image", parent=record.id, first=first, after=after
            )
        return connection_from_page(
            page, self.source, lambda r: wrap_image(self.source, r), after=after
        )

    @strawberry.field(
        description="The collection it belongs to, where the backend has collections."
    )
    async def collection(self, info: Info[Any, Any]) -> Collection | None:
        record = await self._full(info)
        if record.collection_id is None:
            return None
        found = await context_of(info).loaders.collection(self.source, record.collection_id)
        return wrap_collection(self.source, found)

    @strawberry.field(description="The set this gallery is built from, where the backend has sets.")
    async def set(self, info: Info[Any, Any]) -> Set | None:
        record = await self._full(info)
        if record.set_id is None:
            return None
        return wrap_set(self.source, await context_of(info).loaders.set(self.source, record.set_id))


@strawberry.federation.type(keys=["id"], description="A node of a set hierarchy (DPG, Glycerine).")
class Set(_Loaded[SetRecord], Node, Translatable):
    entity: ClassVar[Entity] = "set"
    source: str = strawberry.field(description="The name of the source it comes from.")
    record: strawberry.Private[SetRecord]

    @strawberry.field
    async def name(self, info: Info[Any, Any]) -> str | None:
        return self.record.name or (await self._full(info)).name

    @strawberry.field
    async def description(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).description

    @strawberry.field(description="Its colour label, one of the backend's fixed choices (DPG).")
    async def colour(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).colour

    @strawberry.field(description="Its type, one of the backend's fixed choices (DPG).")
    async def type(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).type

    @strawberry.field(
        description="Whether it is live (DPG sets are; Glycerine image sets when published)."
    )
    async def status(self, info: Info[Any, Any]) -> PublicationStatus | None:
        return (await self._full(info)).status

    @strawberry.field(description="Its position among its siblings.")
    async def position(self, info: Info[Any, Any]) -> int | None:
        return (await self._full(info)).position

    @strawberry.field(description="How many images it holds directly.")
    async def image_count(self, info: Info[Any, Any]) -> int | None:
        if self.record.image_count is not None:
            return self.record.image_count
        return (await self._full(info)).image_count

    @strawberry.field(description="How many child sets it has.")
    async def child_count(self, info: Info[Any, Any]) -> int | None:
        record = await self._full(info)
        if record.child_count is None and record.children is not None:
            return len(record.children)
        return record.child_count

    @strawberry.field(description="The website the set is published on, where the backend says.")
    async def website(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).website

    @strawberry.field
    async def created_at(self, info: Info[Any, Any]) -> datetime | None:
        return (await self._full(info)).created_at

    @strawberry.field(description="Its parent set; null at the top level.")
    async def parent(self, info: Info[Any, Any]) -> Set | None:
        record = await self._full(info)
        if record.parent_id is None:
            return None
        return wrap_set(
            self.source, await context_of(info).loaders.set(self.source, record.parent_id)
        )

    @strawberry.field(description="From the top of the hierarchy down to this set's parent.")
    async def ancestors(self, info: Info[Any, Any]) -> list[Set] | None:
        loaders = context_of(info).loaders
        chain: list[Set] = []
        record = await self._full(info)
        seen = {record.id}
        while record.parent_id is not None and record.parent_id not in seen:
            record = await loaders.set(self.source, record.parent_id)
            seen.add(record.id)
            chain.append(wrap_set(self.source, record))
        return list(reversed(chain))

    @strawberry.field(description="Its child sets, in the order the set arranges them.")
    async def children(
        self, info: Info[Any, Any], first: FirstArg = None, after: AfterArg = None
    ) -> Connection[Set] | None:
        record = await self._full(info)
        loaders = context_of(info).loaders
        if record.children is not None:
            for child in record.children:
                loaders.prime(self.source, "set", child)
            page: Page[Any] = embedded_page(record.children, info, self.source, first, after)
        else:
            page = await load_page(
                info, self.source, "set", parent=record.id, first=first, after=after
            )
        return connection_from_page(
            page, self.source, lambda r: wrap_set(self.source, r), after=after
        )

    @strawberry.field(description="The gallery view of this set.")
    async def gallery(self, info: Info[Any, Any]) -> Gallery | None:
        record = await self._full(info)
        if record.gallery_id is None:
            return None
        found = await context_of(info).loaders.gallery(self.source, record.gallery_id)
        return wrap_gallery(self.source, found)

    @strawberry.field(description="Saved arrangements of this set, newest first.")
    async def snapshots(self, info: Info[Any, Any]) -> list[Snapshot] | None:
        adapter = context_of(info).adapter(self.source)
        if (
            not isinstance(adapter, SetTreeReader)
            or Capability.SNAPSHOTS not in adapter.capabilities
        ):
            raise NotSupported(f"{self.source} has no snapshots", source=self.source)
        return [Snapshot.from_record(s) for s in await adapter.list_snapshots(self.record.id)]


@strawberry.federation.type(keys=["id"], description="A group of galleries.")
class Collection(_Loaded[CollectionRecord], Node, Translatable):
    entity: ClassVar[Entity] = "collection"
    source: str = strawberry.field(description="The name of the source it comes from.")
    record: strawberry.Private[CollectionRecord]

    @strawberry.field
    async def title(self, info: Info[Any, Any]) -> str | None:
        return self.record.title or (await self._full(info)).title

    @strawberry.field
    async def description(self, info: Info[Any, Any]) -> str | None:
        return (await self._full(info)).description

    @strawberry.field(description="EXPIRED once the access expiry date has passed.")
    async def status(self, info: Info[Any, Any]) -> PublicationStatus | None:
        record = await self._full(info)
        return _with_expiry(record.status, record.access, info)

    @strawberry.field(description="How many galleries it holds, where the backend says.")
    async def gallery_count(self, info: Info[Any, Any]) -> int | None:
        return (await self._full(info)).gallery_count

    @strawberry.field(description="How many photos it holds, where the backend says.")
    async def image_count(self, info: Info[Any, Any]) -> int | None:
        return (await self._full(info)).image_count

    @strawberry.field(description="How many videos it holds, where the backend says.")
    async def video_count(self, info: Info[Any, Any]) -> int | None:
        return (await self._full(info)).video_count

    @strawberry.field(
        description="Passwords, privacy, downloads and expiry (Pixieset); never a password itself."
    )
    async def access(self, info: Info[Any, Any]) -> Access | None:
        record = await self._full(info)
        today = context_of(info).clock().date()
        return Access.from_record(record.access, today) if record.access else None

    @strawberry.field(description="Descriptive metadata as label/value pairs.")
    async def metadata(self, info: Info[Any, Any]) -> list[MetadataEntry] | None:
        return [MetadataEntry.from_record(m) for m in (await self._full(info)).metadata]

    @strawberry.field
    async def created_at(self, info: Info[Any, Any]) -> datetime | None:
        return (await self._full(info)).created_at

    @strawberry.field(description="Its galleries, in the backend's order.")
    async def galleries(
        self, info: Info[Any, Any], first: FirstArg = None, after: AfterArg = None
    ) -> Connection[Gallery] | None:
        record = self.record
        if record.galleries is None and not record.complete:
            record = await self._full(info)
        if record.galleries is not None:
            page: Page[Any] = embedded_page(record.galleries, info, self.source, first, after)
        else:
            page = await load_page(
                info, self.source, "gallery", parent=record.id, first=first, after=after
            )
        return connection_from_page(
            page, self.source, lambda r: wrap_gallery(self.source, r), after=after
        )

    @strawberry.field(
        description="The collection's clients. Personal data: needs the clients:read permission."
    )
    async def clients(self, info: Info[Any, Any]) -> list[Client] | None:
        ctx = context_of(info)
        ctx.require("clients:read", field="clients")
        adapter = ctx.adapter(self.source)
        if not isinstance(adapter, ClientReader) or Capability.CLIENTS not in adapter.capabilities:
            raise NotSupported(f"{self.source} has no clients", source=self.source)
        return [Client.from_record(c) for c in await adapter.list_clients(self.record.id)]


@strawberry.federation.type(
    keys=["id"], description="An asynchronous backend write that may still be running."
)
class Operation(Node):
    source: str
    record: strawberry.Private[OperationRecord]

    @classmethod
    async def resolve_reference(cls, info: Info[Any, Any], id: strawberry.ID) -> Operation:
        from schema.query import load_operation  # the root query owns id lookups (no cycle)

        return await load_operation(info, id)

    @strawberry.field(
        description="QUEUED or RUNNING until the backend finishes; then SUCCEEDED or FAILED."
    )
    def status(self) -> OperationStatus:
        return self.record.status

    @strawberry.field(
        description='The kind of write, in the backend\'s words (e.g. "create", "reorder").'
    )
    def type(self) -> str | None:
        return self.record.type

    @strawberry.field(description="The backend's code for a FAILED operation.")
    def error_code(self) -> str | None:
        return self.record.error_code

    @strawberry.field(
        description="The input field a FAILED operation blames, as the GraphQL input names it."
    )
    def error_field(self) -> str | None:
        return self.record.error_field

    @strawberry.field
    def error_message(self) -> str | None:
        return self.record.error_message

    @strawberry.field
    def created_at(self) -> datetime | None:
        return self.record.created_at


def _with_expiry(
    status: PublicationStatus | None, access: AccessRecord | None, info: Info[Any, Any]
) -> PublicationStatus | None:
    """The backend's status, except that access past its expiry date (by the gateway's
    clock, the same one ``Access.expired`` uses) reads EXPIRED."""
    if access is not None and access.expires_on is not None:
        if access.expires_on < context_of(info).clock().date():
            return PublicationStatus.EXPIRED
        if status is PublicationStatus.EXPIRED:
            return PublicationStatus.PUBLISHED  # the backend's clock ran ahead of ours
    return status


def wrap_image(source: str, record: ImageRecord) -> Image:
    return Image(
        id=strawberry.ID(encode_id(source, "Image", record.id)), source=source, record=record
    )


def wrap_gallery(source: str, record: GalleryRecord) -> Gallery:
    gid = strawberry.ID(encode_id(source, "Gallery", record.id))
    return Gallery(id=gid, source=source, record=record)


def wrap_set(source: str, record: SetRecord) -> Set:
    return Set(id=strawberry.ID(encode_id(source, "Set", record.id)), source=source, record=record)


def wrap_collection(source: str, record: CollectionRecord) -> Collection:
    gid = strawberry.ID(encode_id(source, "Collection", record.id))
    return Collection(id=gid, source=source, record=record)


def wrap_operation(source: str, record: OperationRecord) -> Operation:
    gid = strawberry.ID(encode_id(source, "Operation", record.id))
    return Operation(id=gid, source=source, record=record)
