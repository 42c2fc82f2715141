"""The adapter contract: what the gateway may ask of any gallery backend.

Every adapter kind implements :class:`Adapter` (reads). Writes and kind-specific reads are
separate protocols (:class:`GalleryWriter`, :class:`SetWriter`, ...) that an adapter implements
when its backend can do the thing; the schema checks ``isinstance(adapter, GalleryWriter)`` and
answers ``NOT_SUPPORTED`` naming the source otherwise.

Rules every implementation follows (``tests/adapters/test_contract.py`` checks them):

* ``load_*`` are DataLoader batch functions: one result per id, in the order given; a missing id
  is a :class:`~adapters.errors.NotFound` *value* in its slot, never a raised exception. They use
  the backend's batch endpoint where one exists, else bounded concurrent requests.
* ``list_*`` return a :class:`~schema.records.Page` whose edge cursors are the adapter's own;
  ``after`` is one of those cursors (or None). A cursor the adapter did not make raises
  :class:`~adapters.errors.InvalidInput` with ``field="after"``.
* Errors are from :mod:`adapters.errors` only, with ``source`` set.
* Writes take the caller's idempotency key and send it to the backend where the backend supports
  one, reusing it on every retry. A write returns the fresh record, or an
  :class:`~schema.records.OperationRecord` when the backend is still working on it.
* Adapters never import strawberry, the gateway, or one another.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar, Protocol, runtime_checkable

from adapters.errors import BackendError
from schema.records import (
    ClientRecord,
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    PublicationStatus,
    SetRecord,
    SnapshotRecord,
    Translation,
)

__all__ = [
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_TIMEOUT",
    "Adapter",
    "Capability",
    "ClientReader",
    "CollectionPatch",
    "CollectionWriter",
    "GalleryDraft",
    "GalleryPatch",
    "GalleryWriter",
    "ManifestImporter",
    "MediaPlacement",
    "MediaWriter",
    "OperationReader",
    "SetDraft",
    "SetPatch",
    "SetTreeReader",
    "SetWriter",
    "SourceSettings",
    "TranslationWriter",
]

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_CONCURRENCY = 8


class Capability(enum.Enum):
    """What a source can do; listed on ``Source.capabilities`` in the schema."""

    COLLECTIONS = "COLLECTIONS"
    GALLERIES = "GALLERIES"
    SETS = "SETS"
    SET_TREE = "SET_TREE"
    IMAGES = "IMAGES"
    TRANSLATIONS = "TRANSLATIONS"
    ACCESS = "ACCESS"
    CLIENTS = "CLIENTS"
    WRITE_GALLERIES = "WRITE_GALLERIES"
    WRITE_MEDIA = "WRITE_MEDIA"
    WRITE_TRANSLATIONS = "WRITE_TRANSLATIONS"
    WRITE_SETS = "WRITE_SETS"
    WRITE_COLLECTIONS = "WRITE_COLLECTIONS"
    VISIBILITY = "VISIBILITY"
    SNAPSHOTS = "SNAPSHOTS"
    OPERATIONS = "OPERATIONS"
    IMPORT_MANIFEST = "IMPORT_MANIFEST"
    #: The backend itself recognises a retried write by its idempotency key (DPG).
    IDEMPOTENCY_KEYS = "IDEMPOTENCY_KEYS"


@dataclass(frozen=True)
class SourceSettings:
    """Everything one configured source needs, read once at startup and passed down.

    ``credentials`` holds resolved secrets (the config names environment variables; the gateway
    reads them). ``options`` holds kind-specific settings, documented by each adapter.
    """

    name: str
    kind: str
    base_url: str
    credentials: Mapping[str, str] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = 5.0
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    retries: int = 2
    breaker_threshold: int = 5  # consecutive failures that open the circuit breaker
    breaker_cooldown: float = 30.0  # seconds the breaker stays open before a trial call
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class GalleryDraft:
    title: str | None = None
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    collection_id: str | None = None
    cover_image_id: str | None = None
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class GalleryPatch:
    """Fields to change; None means "leave as is"."""

    title: str | None = None
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    cover_image_id: str | None = None
    allowed_languages: tuple[str, ...] | None = None


@dataclass(frozen=True)
class MediaPlacement:
    """An image to put in a gallery, optionally with a caption and a position (0-based)."""

    image_id: str
    caption: str | None = None
    position: int | None = None


@dataclass(frozen=True)
class SetDraft:
    name: str
    parent_id: str | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class SetPatch:
    name: str | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None
    lead_image_id: str | None = None
    parent_id: str | None = None  # move under a new parent
    # None above means "leave as is", so moving back to the top level needs its own flag.
    move_to_top: bool = False


@dataclass(frozen=True)
class CollectionPatch:
    title: str | None = None
    description: str | None = None
    private: bool | None = None
    downloadable: bool | None = None
    expires_on: date | None = None
    clear_expiry: bool = False


@runtime_checkable
class Adapter(Protocol):
    """Reads every adapter supports. See the module docstring for the rules."""

    kind: ClassVar[str]
    capabilities: ClassVar[frozenset[Capability]]

    @property
    def source(self) -> str: ...

    async def load_collections(
        self, ids: Sequence[str]
    ) -> list[CollectionRecord | BackendError]: ...

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]: ...

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]: ...

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]: ...

    async def list_collections(
        self, *, first: int, after: str | None
    ) -> Page[CollectionRecord]: ...

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]: ...

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]: ...

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]: ...

    async def ping(self) -> None:
        """Raise a BackendError when the backend cannot serve (for /readyz)."""
        ...

    async def aclose(self) -> None: ...


@runtime_checkable
class SetTreeReader(Protocol):
    async def load_set_tree(self) -> tuple[SetRecord, ...]:
        """The whole hierarchy from one backend call: top-level sets with ``children`` embedded."""
        ...

    async def list_snapshots(self, set_id: str) -> list[SnapshotRecord]: ...


@runtime_checkable
class OperationReader(Protocol):
    async def load_operation(self, operation_id: str) -> OperationRecord: ...


@runtime_checkable
class ClientReader(Protocol):
    async def list_clients(self, collection_id: str) -> list[ClientRecord]: ...


@runtime_checkable
class GalleryWriter(Protocol):
    async def create_gallery(
        self, draft: GalleryDraft, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def update_gallery(
        self, gallery_id: str, patch: GalleryPatch, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def delete_gallery(
        self, gallery_id: str, *, idempotency_key: str
    ) -> OperationRecord | None: ...


@runtime_checkable
class MediaWriter(Protocol):
    async def add_images(
        self, gallery_id: str, placements: Sequence[MediaPlacement], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def update_image_placement(
        self, gallery_id: str, placement: MediaPlacement, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def remove_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def reorder_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...


@runtime_checkable
class TranslationWriter(Protocol):
    async def upsert_translation(
        self, owner_id: str, translation: Translation, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...

    async def delete_translation(
        self, owner_id: str, language: str, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...


@runtime_checkable
class SetWriter(Protocol):
    async def create_set(
        self, draft: SetDraft, *, idempotency_key: str
    ) -> SetRecord | OperationRecord: ...

    async def update_set(
        self, set_id: str, patch: SetPatch, *, idempotency_key: str
    ) -> SetRecord | OperationRecord: ...

    async def delete_set(self, set_id: str, *, idempotency_key: str) -> OperationRecord | None: ...

    async def reorder_sets(
        self, parent_id: str | None, set_ids: Sequence[str], *, idempotency_key: str
    ) -> OperationRecord | None: ...

    async def set_visibility(
        self,
        set_id: str,
        image_ids: Sequence[str],
        *,
        hidden: bool,
        activation_time: datetime | None,
        idempotency_key: str,
    ) -> SetRecord | OperationRecord: ...

    async def restore_snapshot(
        self, set_id: str, snapshot_id: str, *, idempotency_key: str
    ) -> SetRecord | OperationRecord: ...


@runtime_checkable
class CollectionWriter(Protocol):
    async def update_collection(
        self, collection_id: str, patch: CollectionPatch, *, idempotency_key: str
    ) -> CollectionRecord | OperationRecord: ...


@runtime_checkable
class ManifestImporter(Protocol):
    async def import_manifest(
        self, collection_id: str, manifest_url: str, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord: ...
