"""Per-request DataLoaders: every backend read in a GraphQL request goes through these.

One loader per (source, entity) batches ``load`` calls made in the same tick into one call of
the adapter's ``load_*`` batch function, and caches each result for the rest of the request, so
the same gallery asked for twice costs one backend read. List pages go through a loader too,
keyed by (parent, filter, first, after), so identical page requests are made once.

Loaders are built fresh for every request (aiodataloader binds the running loop, and a shared
cache would serve one principal's data to another).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aiodataloader import DataLoader

from adapters.base import Adapter
from adapters.errors import BackendError
from schema.cache import CacheKey, ReadCache
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    Page,
    PublicationStatus,
    SetRecord,
)

__all__ = ["Entity", "Loaders", "PageKey"]

Entity = Literal["collection", "gallery", "set", "image"]
DEFAULT_MAX_BATCH_SIZE = 100


@dataclass(frozen=True)
class PageKey:
    """Which page of which list: the key of a page loader."""

    entity: Entity
    parent: str | None
    first: int
    after: str | None
    status: str | None = None


class Loaders:
    """The loaders of one request, created lazily per (source, entity)."""

    def __init__(
        self,
        sources: Mapping[str, Adapter],
        *,
        max_batch_size: int = DEFAULT_MAX_BATCH_SIZE,
        cache: ReadCache | None = None,
        scope: str = "",
    ) -> None:
        self._sources = sources
        self._cache = cache
        self._scope = scope
        self._max_batch_size = max_batch_size
        self._entities: dict[tuple[str, Entity], DataLoader[str, Any]] = {}
        self._batch_sizes: dict[tuple[str, Entity], list[int]] = {}
        self._pages: dict[str, DataLoader[PageKey, Any]] = {}

    def batch_sizes(self, source: str, entity: Entity) -> list[int]:
        """Sizes of the batches sent so far for (source, entity): for tests and metrics."""
        return list(self._batch_sizes.get((source, entity), []))

    def all_batch_sizes(self) -> dict[tuple[str, Entity], list[int]]:
        return {key: list(sizes) for key, sizes in self._batch_sizes.items()}

    def _entity(self, source: str, entity: Entity) -> DataLoader[str, Any]:
        key = (source, entity)
        loader = self._entities.get(key)
        if loader is None:
            adapter = self._sources[source]
            fns: dict[Entity, Callable[[Sequence[str]], Awaitable[list[Any]]]] = {
                "collection": adapter.load_collections,
                "gallery": adapter.load_galleries,
                "set": adapter.load_sets,
                "image": adapter.load_images,
            }
            fn = fns[entity]
            sizes = self._batch_sizes.setdefault(key, [])

            async def batch(ids: list[str]) -> list[Any]:
                return await self._through_cache(source, entity, ids, fn, sizes)

            loader = DataLoader(batch, max_batch_size=self._max_batch_size)
            self._entities[key] = loader
        return loader

    async def _through_cache(
        self,
        source: str,
        entity: Entity,
        ids: list[str],
        fn: Callable[[Sequence[str]], Awaitable[list[Any]]],
        sizes: list[int],
    ) -> list[Any]:
        """Answer what the read cache has; send only the rest to the adapter, in one batch."""
        keys: dict[str, CacheKey] = {i: (self._scope, source, entity, i) for i in ids}
        cached = self._cache.get_many(list(keys.values())) if self._cache else {}
        missing = [i for i in ids if keys[i] not in cached]
        fetched: dict[str, Any] = {}
        if missing:
            sizes.append(len(missing))
            fetched = dict(zip(missing, await fn(missing), strict=True))
            if self._cache is not None:
                complete = {
                    keys[i]: record
                    for i, record in fetched.items()
                    if not isinstance(record, BaseException) and getattr(record, "complete", True)
                }
                self._cache.set_many(complete)
        return [cached[keys[i]] if keys[i] in cached else fetched[i] for i in ids]

    async def load(self, entity: Entity, source: str, native_id: str) -> Any:
        """One record of ``entity`` by native id, through that (source, entity)'s loader."""
        return await self._entity(source, entity).load(native_id)

    async def collection(self, source: str, native_id: str) -> CollectionRecord:
        record: CollectionRecord = await self._entity(source, "collection").load(native_id)
        return record

    async def gallery(self, source: str, native_id: str) -> GalleryRecord:
        record: GalleryRecord = await self._entity(source, "gallery").load(native_id)
        return record

    async def set(self, source: str, native_id: str) -> SetRecord:
        record: SetRecord = await self._entity(source, "set").load(native_id)
        return record

    async def image(self, source: str, native_id: str) -> ImageRecord:
        record: ImageRecord = await self._entity(source, "image").load(native_id)
        return record

    def prime(self, source: str, entity: Entity, record: Any) -> None:
        """Seed the cache with a complete record a list already returned (no extra read)."""
        if getattr(record, "complete", True):
            self._entity(source, entity).prime(record.id, record)

    async def page(self, source: str, key: PageKey) -> Page[Any]:
        loader = self._pages.get(source)
        if loader is None:
            adapter = self._sources[source]

            async def load_pages(keys: list[PageKey]) -> list[Page[Any] | BackendError]:
                results = await asyncio.gather(
                    *(_list(adapter, k) for k in keys), return_exceptions=True
                )
                out: list[Page[Any] | BackendError] = []
                for result in results:
                    if isinstance(result, BaseException) and not isinstance(result, Exception):
                        raise result  # cancellation and the like are not per-key results
                    out.append(result)  # type: ignore[arg-type]
                return out

            loader = DataLoader(load_pages)
            self._pages[source] = loader
        page: Page[Any] = await loader.load(key)
        return page


async def _list(adapter: Adapter, key: PageKey) -> Page[Any]:
    if key.entity == "collection":
        return await adapter.list_collections(first=key.first, after=key.after)
    if key.entity == "gallery":
        status = PublicationStatus(key.status) if key.status else None
        return await adapter.list_galleries(
            collection_id=key.parent, status=status, first=key.first, after=key.after
        )
    if key.entity == "set":
        return await adapter.list_sets(parent_id=key.parent, first=key.first, after=key.after)
    if key.parent is None:
        raise ValueError("images are listed per gallery")
    return await adapter.list_images(gallery_id=key.parent, first=key.first, after=key.after)
