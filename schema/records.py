"""Plain records that adapters return and the GraphQL layer renders.

Adapters map backend JSON into these frozen dataclasses (``mapping.py`` in each adapter); the
schema wraps them in strawberry types. Nothing here imports strawberry or httpx.

Ids in records are *native* ids (the backend's own, as strings); the gateway turns them into
opaque global ids with the source name.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

__all__ = [
    "Access",
    "ClientRecord",
    "CollectionRecord",
    "Edge",
    "GalleryRecord",
    "ImageRecord",
    "ImageService",
    "Keyword",
    "MediaType",
    "MetadataEntry",
    "OperationRecord",
    "OperationStatus",
    "Page",
    "PublicationStatus",
    "Rendition",
    "SetRecord",
    "SnapshotRecord",
    "T",
    "Translation",
    "parse_offset",
]

T = TypeVar("T")


class PublicationStatus(enum.Enum):
    """One vocabulary for every backend's idea of "is this live".

    DPG visibility and embargo, CMS draft/published/archived, Glycerine ``publication.active``,
    Pixieset privacy and expiry all map onto it.
    """

    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    SCHEDULED = "SCHEDULED"  # embargoed until an activation time
    HIDDEN = "HIDDEN"  # private / hidden from the public, but not a draft
    ARCHIVED = "ARCHIVED"
    EXPIRED = "EXPIRED"


class MediaType(enum.Enum):
    PHOTO = "PHOTO"
    VIDEO = "VIDEO"
    OTHER = "OTHER"


class OperationStatus(enum.Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class Translation:
    """Language-specific text of a translatable object.

    ``language`` is a BCP-47 code (``en``, ``fr``), or ``none`` for IIIF's language-less values.
    """

    language: str
    title: str | None = None
    description: str | None = None
    caption: str | None = None
    slug: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None


@dataclass(frozen=True)
class Rendition:
    """A ready-made derivative the backend serves at a fixed size (DPG versions, Pixieset sizes)."""

    url: str
    width: int | None = None
    height: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class ImageService:
    """A IIIF Image API service: enough to build a derivative URL at any allowed size."""

    base: str  # service id without a trailing "/" or "/info.json"
    version: int  # 2 or 3
    level: int  # 0, 1 or 2
    width: int | None = None
    height: int | None = None
    max_width: int | None = None
    max_height: int | None = None
    max_area: int | None = None
    sizes: tuple[tuple[int, int], ...] = ()  # listed sizes (the only ones level 0 guarantees)


@dataclass(frozen=True)
class Keyword:
    value: str
    namespace: str | None = None


@dataclass(frozen=True)
class MetadataEntry:
    label: str
    value: str


@dataclass(frozen=True)
class Access:
    """Access rules of a collection or gallery: never a password, only whether one is set."""

    password_protected: bool | None = None
    private: bool | None = None
    downloadable: bool | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class ImageRecord:
    id: str
    title: str | None = None
    description: str | None = None
    alt_text: str | None = None
    caption: str | None = None  # caption of the image within the gallery it was listed from
    position: int | None = None  # order within that gallery
    gallery_id: str | None = None
    width: int | None = None
    height: int | None = None
    media_type: MediaType = MediaType.PHOTO
    mime_type: str | None = None
    filename: str | None = None
    original_url: str | None = None
    renditions: tuple[Rendition, ...] = ()
    service: ImageService | None = None
    keywords: tuple[Keyword, ...] = ()
    metadata: tuple[MetadataEntry, ...] = ()
    translations: tuple[Translation, ...] = ()
    hidden: bool | None = None
    available_from: datetime | None = None  # embargo: hidden until then
    favorites_count: int | None = None
    download_count: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class GalleryRecord:
    """A gallery.

    ``complete`` is False when the record came from a summary listing (CMS lists give only id,
    slug and status): the gateway then loads the full record through the gallery loader before
    resolving any other field. ``images``, when not None, is the gallery's full image list in
    order (embedded by the backend), and the gateway pages it in memory instead of calling
    ``list_images``.
    """

    id: str
    title: str | None = None
    description: str | None = None
    slug: str | None = None
    status: PublicationStatus | None = None
    collection_id: str | None = None
    set_id: str | None = None  # the Set this gallery is built from (DPG, Glycerine)
    cover_image_id: str | None = None
    cover_url: str | None = None
    image_count: int | None = None
    translations: tuple[Translation, ...] = ()
    images: tuple[ImageRecord, ...] | None = None
    access: Access | None = None
    favorites_count: int | None = None
    attribution: str | None = None
    metadata: tuple[MetadataEntry, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    complete: bool = True


@dataclass(frozen=True)
class SetRecord:
    """A node of a set hierarchy (DPG sets, Glycerine image sets).

    ``children``, when not None, embeds the child sets in order (a whole tree from one call);
    ``child_ids`` gives their ids when only those are known.
    """

    id: str
    name: str | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None
    parent_id: str | None = None
    position: int | None = None
    image_count: int | None = None
    child_count: int | None = None
    child_ids: tuple[str, ...] | None = None
    children: tuple[SetRecord, ...] | None = None
    lead_image_id: str | None = None
    website: str | None = None
    status: PublicationStatus | None = None
    gallery_id: str | None = None  # the Gallery view of this set, when it has one
    translations: tuple[Translation, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    complete: bool = True


@dataclass(frozen=True)
class CollectionRecord:
    id: str
    title: str | None = None
    description: str | None = None
    gallery_count: int | None = None
    image_count: int | None = None
    video_count: int | None = None
    client_count: int | None = None
    access: Access | None = None
    status: PublicationStatus | None = None
    translations: tuple[Translation, ...] = ()
    metadata: tuple[MetadataEntry, ...] = ()
    galleries: tuple[GalleryRecord, ...] | None = None  # embedded in order, when the backend does
    created_at: datetime | None = None
    updated_at: datetime | None = None
    complete: bool = True


@dataclass(frozen=True)
class ClientRecord:
    """A client of a Pixieset-style collection. Personal data: the gateway gates who sees it."""

    id: str
    name: str | None = None
    email: str | None = None
    access_level: str | None = None
    last_accessed: datetime | None = None
    favorites_count: int | None = None


@dataclass(frozen=True)
class SnapshotRecord:
    id: str
    set_id: str | None = None
    created_at: datetime | None = None
    image_count: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class OperationRecord:
    """An asynchronous backend write (DPG's 202 + Operation) that has not finished, or has."""

    id: str
    status: OperationStatus
    type: str | None = None
    target_ids: tuple[str, ...] = ()
    error_code: str | None = None
    error_field: str | None = None
    error_message: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Edge(Generic[T]):
    cursor: str  # opaque to everyone but the adapter that made it
    node: T


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a backend list, in backend order.

    Every edge carries the adapter's own cursor for the position right after it, so the gateway
    can resume a list after any item (it needs that to merge several sources under one cursor).
    """

    edges: tuple[Edge[T], ...]
    has_next: bool
    total_count: int | None = None

    @property
    def items(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @classmethod
    def from_offset(
        cls, items: Sequence[T], *, offset: int, has_next: bool, total_count: int | None = None
    ) -> Page[T]:
        """A page of an offset-paged list: the cursor after item ``i`` is its absolute index + 1."""
        edges = tuple(Edge(str(offset + i + 1), item) for i, item in enumerate(items))
        return cls(edges=edges, has_next=has_next, total_count=total_count)

    @classmethod
    def slice(cls, items: Sequence[T], *, first: int, after: str | None) -> Page[T]:
        """Page an in-memory list (for backends that return everything at once)."""
        offset = parse_offset(after)
        chunk = list(items[offset : offset + first])
        return cls.from_offset(
            chunk, offset=offset, has_next=offset + first < len(items), total_count=len(items)
        )


def parse_offset(after: str | None) -> int:
    """Read an offset cursor made by :meth:`Page.from_offset`; ``None`` is the start.

    Raises ``ValueError`` for anything else, which adapters turn into ``InvalidInput``.
    """
    if after is None:
        return 0
    if not after.isdigit():
        raise ValueError(f"not an offset cursor: {after!r}")
    return int(after)
