"""The plain IIIF Presentation adapter: a tree of collections and manifests on static hosts.

``IIIFAdapter`` reads IIIF Presentation 2.1 and 3.0 collections and manifests over HTTP (see
:mod:`adapters.iiif.presentation.reader` for how they map onto records) and never writes.

Native ids: a collection or gallery (manifest) id is the absolute URL of its document; an
image id is ``{manifest url}#{canvas id}``. An id that is not an absolute http(s) URL can never
exist: loads answer NotFound for it. Every fetch goes through
:class:`~adapters.iiif.documents.DocumentFetcher` (allowed hosts, public addresses, size,
redirect and time limits), so an id naming another host fails with HostNotAllowed.

Settings: ``settings.base_url`` is the entry collection, unless option ``collection_url`` is
given (an absolute URL, or a path resolved against ``base_url``). Options:

* ``collection_url`` (default: ``base_url``): the entry collection.
* ``allowed_hosts`` (default: the entry collection's host): host names (or ``*.suffix``
  patterns, or ``*``) documents may be fetched from; a list or a comma-separated string.
* ``allow_private_networks`` (default false): allow hosts on private, loopback or link-local
  addresses (tests, the demo, an intranet IIIF server).
* ``max_document_bytes`` (default 10 MB), ``max_redirects`` (default 3).
* ``document_ttl`` (default 60 seconds): how long a fetched document is reused. Concurrent
  requests for one URL always share one fetch.
* ``language`` (default ``en``): the language preferred for ``title`` and other display values
  (all languages are in ``translations``).

No credentials. Lists: ``list_collections`` is the entry collection then its nested
collections, breadth first (at most :data:`MAX_COLLECTIONS` documents); ``list_galleries``
with a collection is its manifests (summaries, ``complete=False``), without one every manifest
reachable from the entry, each once. IIIF has no publication state: every document served is
PUBLISHED, so a status filter other than PUBLISHED lists nothing. Sets are not supported.
Level 0 image services that list no sizes get them from their ``info.json`` (fetched once per
service, under the same rules; a failure keeps the service as it was).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import ClassVar, TypeVar

import httpx

from adapters.base import Capability, SourceSettings
from adapters.emulation.clock import Clock, SystemClock
from adapters.errors import BackendError, BadUpstreamResponse, InvalidInput, NotFound, NotSupported
from adapters.http import BackendHTTP
from adapters.iiif.documents import DocumentFetcher, FetchPolicy, Resolver
from adapters.iiif.image_api import info_json_url, read_info_json
from adapters.iiif.presentation import (
    CollectionListing,
    document_type,
    level0_services_without_sizes,
    read_collection,
    read_manifest,
    split_image_id,
    with_services,
)
from adapters.iiif.presentation.wire import JSONObject
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    ImageService,
    Page,
    PublicationStatus,
    SetRecord,
)

__all__ = ["MAX_COLLECTIONS", "IIIFAdapter"]

MAX_COLLECTIONS = 100
DEFAULT_DOCUMENT_TTL = 60.0

T = TypeVar("T")


def _is_url(value: str) -> bool:
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        return False
    return url.scheme in ("http", "https") and bool(url.host)


class IIIFAdapter:
    """Reads plain IIIF sources. See the module docstring for ids and options."""

    kind: ClassVar[str] = "iiif"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.COLLECTIONS, Capability.GALLERIES, Capability.IMAGES, Capability.TRANSLATIONS}
    )

    def __init__(
        self,
        settings: SourceSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Clock | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._settings = settings
        options = settings.options
        base = settings.base_url.rstrip("/")
        entry = str(options.get("collection_url") or base)
        self.entry_url = entry if _is_url(entry) else f"{base}/{entry.lstrip('/')}"
        self._http = BackendHTTP(settings, transport)
        self._fetcher = DocumentFetcher(
            self._http,
            FetchPolicy.from_settings(settings, entry_url=self.entry_url),
            resolver=resolver,
        )
        ttl = options.get("document_ttl", DEFAULT_DOCUMENT_TTL)
        self._ttl = float(ttl) if isinstance(ttl, int | float | str) else DEFAULT_DOCUMENT_TTL
        self._language = str(options.get("language") or "en")
        self._clock = clock or SystemClock()
        self._cache: dict[str, tuple[datetime, JSONObject]] = {}
        self._inflight: dict[str, asyncio.Task[JSONObject]] = {}

    @property
    def source(self) -> str:
        return self._settings.name

    # documents

    async def _document(self, url: str) -> JSONObject:
        """The document at ``url``: from the cache while fresh, else one shared fetch."""
        cached = self._cache.get(url)
        now = self._clock.now()
        if cached is not None and (now - cached[0]).total_seconds() < self._ttl:
            return cached[1]
        task = self._inflight.get(url)
        if task is None:
            task = asyncio.ensure_future(self._fetcher.fetch_json(url))
            self._inflight[url] = task
            task.add_done_callback(lambda _: self._inflight.pop(url, None))
        document = await asyncio.shield(task)
        if self._ttl > 0:
            self._cache[url] = (self._clock.now(), document)
        return document

    def _check_id(self, value: str, what: str) -> None:
        if not _is_url(value):
            raise NotFound(f"no such {what}", source=self.source)

    async def _manifest(self, url: str) -> GalleryRecord:
        self._check_id(url, "gallery")
        document = await self._document(url)
        kind = document_type(document)
        if kind is None:
            raise BadUpstreamResponse(
                "not a IIIF document", source=self.source, backend_code="not_iiif"
            )
        if kind != "Manifest":
            raise NotFound("no such gallery (that id is a IIIF collection)", source=self.source)
        gallery = read_manifest(document, url=url, preferred_language=self._language)
        return await self._complete_level0(gallery)

    async def _complete_level0(self, gallery: GalleryRecord) -> GalleryRecord:
        pending = level0_services_without_sizes(gallery)
        if not pending:
            return gallery
        results = await asyncio.gather(
            *(self._document(info_json_url(service)) for service in pending),
            return_exceptions=True,
        )
        found: dict[str, ImageService] = {}
        for service, result in zip(pending, results, strict=True):
            if isinstance(result, BaseException):
                if not isinstance(result, BackendError):
                    raise result
                continue  # keep the service as the manifest gave it
            try:
                found[service.base] = read_info_json(result)
            except ValueError:
                continue
        return with_services(gallery, found)

    async def _collection(self, url: str) -> CollectionListing:
        self._check_id(url, "collection")
        document = await self._document(url)
        kind = document_type(document)
        if kind is None:
            raise BadUpstreamResponse(
                "not a IIIF document", source=self.source, backend_code="not_iiif"
            )
        if kind != "Collection":
            raise NotFound("no such collection (that id is a IIIF manifest)", source=self.source)
        return read_collection(document, url=url, preferred_language=self._language)

    async def _walk(self) -> list[CollectionListing | CollectionRecord]:
        """The entry collection, then nested ones breadth first; a nested collection that
        cannot be read stays as its summary (the loader reports its error)."""
        found: list[CollectionListing | CollectionRecord] = [await self._collection(self.entry_url)]
        seen = {self.entry_url}
        level = [found[0]]
        while level:
            children: list[CollectionRecord] = []
            for listing in level:
                if isinstance(listing, CollectionListing):
                    for child in listing.collections:
                        if child.id not in seen and len(seen) < MAX_COLLECTIONS:
                            seen.add(child.id)
                            children.append(child)
            results = await asyncio.gather(
                *(self._collection(child.id) for child in children), return_exceptions=True
            )
            level = []
            for child, result in zip(children, results, strict=True):
                if isinstance(result, BaseException):
                    if not isinstance(result, BackendError):
                        raise result
                    found.append(child)
                else:
                    found.append(result)
                    level.append(result)
        return found

    async def _gather(
        self, ids: Sequence[str], load: Callable[[str], Awaitable[T]]
    ) -> list[T | BackendError]:
        results = await asyncio.gather(*(load(i) for i in ids), return_exceptions=True)
        out: list[T | BackendError] = []
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, BackendError):
                raise result
            out.append(result)
        return out

    # loads

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        async def one(url: str) -> CollectionRecord:
            return (await self._collection(url)).collection

        return await self._gather(ids, one)

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        return await self._gather(ids, self._manifest)

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        return [self._no_sets() for _ in ids]

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        manifests: dict[str, None] = {}
        for value in ids:
            try:
                manifest, _ = split_image_id(value)
            except ValueError:
                continue
            if _is_url(manifest):
                manifests[manifest] = None
        loaded = dict(zip(manifests, await self.load_galleries(list(manifests)), strict=True))
        out: list[ImageRecord | BackendError] = []
        for value in ids:
            try:
                manifest, _ = split_image_id(value)
            except ValueError:
                out.append(NotFound("no such image", source=self.source))
                continue
            gallery = loaded.get(manifest)
            if gallery is None:
                out.append(NotFound("no such image", source=self.source))
            elif isinstance(gallery, BackendError):
                out.append(gallery)
            else:
                match = next((i for i in gallery.images or () if i.id == value), None)
                out.append(match or NotFound("no such image", source=self.source))
        return out

    # lists

    def _page(self, items: Sequence[T], *, first: int, after: str | None) -> Page[T]:
        try:
            return Page.slice(items, first=first, after=after)
        except ValueError as exc:
            raise InvalidInput(
                "not a cursor of this list", source=self.source, field="after"
            ) from exc

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        records = [
            item.collection if isinstance(item, CollectionListing) else item
            for item in await self._walk()
        ]
        return self._page(records, first=first, after=after)

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        galleries: list[GalleryRecord] = []
        if status in (None, PublicationStatus.PUBLISHED):
            if collection_id is not None:
                galleries = list((await self._collection(collection_id)).manifests)
            else:
                seen: set[str] = set()
                for item in await self._walk():
                    if isinstance(item, CollectionListing):
                        for gallery in item.manifests:
                            if gallery.id not in seen:
                                seen.add(gallery.id)
                                galleries.append(gallery)
        return self._page(galleries, first=first, after=after)

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        raise self._no_sets()

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        gallery = await self._manifest(gallery_id)
        return self._page(gallery.images or (), first=first, after=after)

    def _no_sets(self) -> NotSupported:
        return NotSupported("IIIF sources have no sets", source=self.source)

    async def ping(self) -> None:
        document = await self._fetcher.fetch_json(self.entry_url)
        if document_type(document) is None:
            raise BadUpstreamResponse(
                "the entry is not a IIIF document", source=self.source, backend_code="not_iiif"
            )

    async def aclose(self) -> None:
        await self._http.aclose()
