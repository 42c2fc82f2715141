"""An in-memory adapter for testing the schema and the gateway without any backend.

It records every call (method and arguments) so tests can assert batching exactly, and can be
told to fail, to exercise partial results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from adapters.base import Capability, GalleryDraft, GalleryPatch, MediaPlacement
from adapters.errors import BackendError, Conflict, InvalidInput, NotFound
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    PublicationStatus,
    Rendition,
    SetRecord,
    Translation,
    parse_offset,
)


@dataclass
class FakeAdapter:
    """A source holding ``galleries`` galleries of ``images_each`` images, in one collection."""

    name: str = "fake"
    galleries: int = 60
    images_each: int = 12
    summaries: bool = True  # lists return incomplete records, like the CMS
    calls: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    fail_with: BackendError | None = None
    writes: int = 0
    closed: bool = False

    kind: ClassVar[str] = "fake"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.COLLECTIONS,
            Capability.GALLERIES,
            Capability.IMAGES,
            Capability.TRANSLATIONS,
            Capability.WRITE_GALLERIES,
            Capability.WRITE_MEDIA,
        }
    )

    def __post_init__(self) -> None:
        self.store: dict[str, GalleryRecord] = {
            f"g{i}": self._gallery(i) for i in range(self.galleries)
        }

    def _gallery(self, i: int) -> GalleryRecord:
        images = tuple(
            ImageRecord(
                id=f"g{i}-i{j}",
                title=f"Image {j} of gallery {i}",
                position=j,
                gallery_id=f"g{i}",
                width=4000,
                height=3000,
                renditions=(
                    Rendition(url=f"https://img.test/g{i}/{j}-400.jpg", width=400),
                    Rendition(url=f"https://img.test/g{i}/{j}-1600.jpg", width=1600),
                ),
            )
            for j in range(self.images_each)
        )
        return GalleryRecord(
            id=f"g{i}",
            title=f"Gallery {i}",
            slug=f"gallery-{i}",
            status=PublicationStatus.PUBLISHED,
            collection_id="all",
            translations=(
                Translation(language="en", title=f"Gallery {i}"),
                Translation(language="fr", title=f"Galerie {i}"),
            ),
            images=images,
        )

    @property
    def source(self) -> str:
        return self.name

    def _check(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with

    def count(self, method: str) -> int:
        return sum(1 for name, _ in self.calls if name == method)

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        self.calls.append(("load_collections", tuple(ids)))
        self._check()
        return [
            CollectionRecord(id="all", title="Everything", gallery_count=len(self.store))
            if i == "all"
            else NotFound(f"no collection {i}", source=self.name)
            for i in ids
        ]

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        self.calls.append(("load_galleries", tuple(ids)))
        self._check()
        return [
            self.store[i] if i in self.store else NotFound(f"no gallery {i}", source=self.name)
            for i in ids
        ]

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        return [NotFound("no sets here", source=self.name) for _ in ids]

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        self.calls.append(("load_images", tuple(ids)))
        self._check()
        by_id = {img.id: img for g in self.store.values() for img in g.images or ()}
        return [by_id.get(i) or NotFound(f"no image {i}", source=self.name) for i in ids]

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        self.calls.append(("list_collections", ()))
        self._check()
        return Page.slice(
            [CollectionRecord(id="all", title="Everything")], first=first, after=after
        )

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        self.calls.append(("list_galleries", (str(collection_id), str(first), str(after))))
        self._check()
        try:
            offset = parse_offset(after)
        except ValueError:
            raise InvalidInput("bad cursor", field="after", source=self.name) from None
        records = list(self.store.values())
        chunk = records[offset : offset + first]
        if self.summaries:
            chunk = [GalleryRecord(id=g.id, slug=g.slug, complete=False) for g in chunk]
        return Page.from_offset(chunk, offset=offset, has_next=offset + first < len(records))

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        return Page(edges=(), has_next=False, total_count=0)

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        self.calls.append(("list_images", (gallery_id,)))
        return Page.slice(self.store[gallery_id].images or (), first=first, after=after)

    async def ping(self) -> None:
        self._check()

    async def aclose(self) -> None:
        self.closed = True

    # writes (GalleryWriter and MediaWriter)

    async def create_gallery(
        self, draft: GalleryDraft, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        self.calls.append(("create_gallery", (idempotency_key,)))
        self._check()
        if any(g.slug == draft.slug for g in self.store.values()):
            raise Conflict("slug taken", field="slug", source=self.name, backend_code="409")
        self.writes += 1
        record = GalleryRecord(
            id=f"new{self.writes}", title=draft.title, slug=draft.slug, images=()
        )
        self.store[record.id] = record
        return record

    async def update_gallery(
        self, gallery_id: str, patch: GalleryPatch, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        self.writes += 1
        record = replace(self.store[gallery_id], title=patch.title or self.store[gallery_id].title)
        self.store[gallery_id] = record
        return record

    async def delete_gallery(self, gallery_id: str, *, idempotency_key: str) -> None:
        self.writes += 1
        self.store.pop(gallery_id, None)

    async def add_images(
        self, gallery_id: str, placements: Sequence[MediaPlacement], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise NotFound("no such media", field="imageId", source=self.name)

    async def update_image_placement(
        self, gallery_id: str, placement: MediaPlacement, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise NotFound("no such media", field="imageId", source=self.name)

    async def remove_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise NotFound("no such media", field="imageId", source=self.name)

    async def reorder_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        self.writes += 1
        record = self.store[gallery_id]
        by_id = {i.id: i for i in record.images or ()}
        missing = sorted(set(by_id) - set(image_ids))
        if missing:
            raise InvalidInput(f"missing {missing}", field="imageIds", source=self.name)
        record = replace(record, images=tuple(by_id[i] for i in image_ids))
        self.store[gallery_id] = record
        return record
