"""``PixiesetAdapter``: Pixieset collections, galleries and media behind the adapter contract.

Reads map as: collection -> ``CollectionRecord``, gallery -> ``GalleryRecord``, photo or video
-> ``ImageRecord`` (renditions from the named CDN sizes). Batch strategy: the backend has no
batch endpoints, so ``load_*`` run one GET per id concurrently (``BackendHTTP`` bounds how many
at once): ``GET /collections/{id}``, ``GET /galleries/{id}`` and ``GET /photos/{id}`` (the last
two invented, see the emulator docstring). A missing id is a ``NotFound`` in its slot, a
malformed one an ``InvalidInput``; a source-wide failure (auth, rate limit, outage) is raised.

Call budget of the common query "10 collections, each with its galleries and their first 12
photos": ``GET /collections?limit=10`` + one ``GET /collections/{id}/galleries`` per collection
(full gallery objects, no follow-up loads) + one ``GET /galleries/{id}/photos?page=1&
per_page=12`` per gallery, plus one ``POST /login`` for a fresh adapter. Nothing is repeated.

``list_galleries(collection_id=None)`` has no backend list behind it: it walks the collection
list and each collection's galleries in order, with cursors ``c<collection offset>.<index>``.

Client names and e-mails (``list_clients``) are personal data: never cached here.

``settings.credentials``: ``email`` and ``password`` of the studio login (required).

``settings.options`` (all optional):
    * ``max_per_page`` (int, default 100): the backend's largest ``limit``/``per_page``.
    * ``collection_scan_size`` (int, default 30): collections fetched per request while walking
      galleries across collections.
    * ``login_path`` (str, default ``"login"``): the login endpoint, relative to ``base_url``.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import ClassVar, TypeVar

import httpx

from adapters.base import Capability, CollectionPatch, SourceSettings
from adapters.emulation.clock import Clock, SystemClock
from adapters.errors import BackendError, InvalidInput, NotFound, NotSupported
from adapters.http import BackendHTTP
from adapters.pixieset.auth import PixiesetSessionAuth
from adapters.pixieset.client import PixiesetClient
from adapters.pixieset.mapping import (
    client_record,
    collection_record,
    collection_update_body,
    gallery_record,
    image_record,
    many,
    native_id,
    offset_has_next,
    one,
    page_has_next,
)
from schema.records import (
    ClientRecord,
    CollectionRecord,
    Edge,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    PublicationStatus,
    SetRecord,
    parse_offset,
)

__all__ = ["PixiesetAdapter"]

RecordT = TypeVar("RecordT")

_WALK_CURSOR = re.compile(r"c(\d+)\.(\d+)")
_PER_KEY_ERRORS = (NotFound, InvalidInput)


def _int_option(settings: SourceSettings, name: str, default: int) -> int:
    value = settings.options.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"source {settings.name!r}: option {name!r} must be a positive integer")
    return value


class PixiesetAdapter:
    """The ``pixieset`` adapter kind. See the module docstring for options and call budgets."""

    kind: ClassVar[str] = "pixieset"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.COLLECTIONS,
            Capability.GALLERIES,
            Capability.IMAGES,
            Capability.ACCESS,
            Capability.CLIENTS,
            Capability.WRITE_COLLECTIONS,
        }
    )

    def __init__(
        self,
        settings: SourceSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        email = settings.credentials.get("email")
        password = settings.credentials.get("password")
        if not email or not password:
            raise ValueError(
                f"source {settings.name!r}: credentials 'email' and 'password' are required"
            )
        self._settings = settings
        self._clock = clock or SystemClock()
        self._max_per_page = _int_option(settings, "max_per_page", 100)
        self._scan_size = min(_int_option(settings, "collection_scan_size", 30), self._max_per_page)
        login_path = str(settings.options.get("login_path", "login")).lstrip("/")
        self._auth = PixiesetSessionAuth(
            f"{settings.base_url.rstrip('/')}/{login_path}",
            email=email,
            password=password,
            source=settings.name,
        )
        self._http = BackendHTTP(
            settings, transport, auth=self._auth, headers={"Accept": "application/json"}
        )
        self._client = PixiesetClient(self._http)

    @property
    def source(self) -> str:
        return self._settings.name

    @property
    def http(self) -> BackendHTTP:
        """The pooled client (its ``stats`` count backend calls)."""
        return self._http

    # -- helpers ---------------------------------------------------------------------------

    def _check_id(self, value: str, field: str) -> str:
        if not value.isdigit():
            raise InvalidInput(f"{value!r} is not a Pixieset id", source=self.source, field=field)
        return value

    def _offset(self, after: str | None) -> int:
        try:
            return parse_offset(after)
        except ValueError:
            raise InvalidInput("unknown cursor", source=self.source, field="after") from None

    def _check_first(self, first: int) -> None:
        if first < 1:
            raise InvalidInput("first must be at least 1", source=self.source, field="first")

    def _not_found(self, what: str, native: str) -> NotFound:
        return NotFound(f"{what} {native} not found", source=self.source, status=404)

    async def _load_each(
        self, ids: Sequence[str], fetch: Callable[[str], Awaitable[RecordT]]
    ) -> list[RecordT | BackendError]:
        async def load(native: str) -> RecordT | BackendError:
            try:
                return await fetch(self._check_id(native, "id"))
            except BackendError as error:
                return error

        results = await asyncio.gather(*(load(native) for native in ids))
        for result in results:
            if isinstance(result, BackendError) and not isinstance(result, _PER_KEY_ERRORS):
                raise result
        return list(results)

    # -- loads -----------------------------------------------------------------------------

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        async def fetch(native: str) -> CollectionRecord:
            wire = one((await self._client.get_collection(native)).get("data"))
            if wire is None:
                raise self._not_found("collection", native)
            return collection_record(wire, today=self._clock.now().date())

        return await self._load_each(ids, fetch)

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        async def fetch(native: str) -> GalleryRecord:
            wire = one((await self._client.get_gallery(native)).get("data"))
            if wire is None:
                raise self._not_found("gallery", native)
            return gallery_record(wire)

        return await self._load_each(ids, fetch)

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        return [NotSupported("Pixieset has no sets", source=self.source) for _ in ids]

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        async def fetch(native: str) -> ImageRecord:
            wire = one((await self._client.get_photo(native)).get("data"))
            if wire is None:
                raise self._not_found("photo", native)
            return image_record(wire)

        return await self._load_each(ids, fetch)

    # -- lists -----------------------------------------------------------------------------

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        self._check_first(first)
        offset = self._offset(after)
        limit = min(first, self._max_per_page)
        envelope = await self._client.list_collections(limit=limit, offset=offset)
        today = self._clock.now().date()
        items = [collection_record(w, today=today) for w in many(envelope.get("data"))]
        meta = envelope.get("meta")
        total = meta.get("total") if meta else None
        return Page.from_offset(
            items,
            offset=offset,
            has_next=offset_has_next(meta, offset=offset, count=len(items), limit=limit),
            total_count=total if isinstance(total, int) else None,
        )

    async def _galleries_of(
        self, collection_id: str, status: PublicationStatus | None
    ) -> list[GalleryRecord]:
        envelope = await self._client.collection_galleries(collection_id)
        records = [gallery_record(w) for w in many(envelope.get("data"))]
        return [r for r in records if status is None or r.status is status]

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        self._check_first(first)
        if collection_id is None:
            return await self._walk_galleries(status, first=first, after=after)
        native = self._check_id(collection_id, "collection_id")
        offset = self._offset(after)
        return Page.slice(await self._galleries_of(native, status), first=first, after=str(offset))

    async def _walk_galleries(
        self, status: PublicationStatus | None, *, first: int, after: str | None
    ) -> Page[GalleryRecord]:
        """Every collection's galleries in order; resumes at (collection offset, index)."""
        start_collection, start_index = 0, 0
        if after is not None:
            match = _WALK_CURSOR.fullmatch(after)
            if match is None:
                raise InvalidInput("unknown cursor", source=self.source, field="after")
            start_collection, start_index = int(match[1]), int(match[2])
        edges: list[Edge[GalleryRecord]] = []
        offset = start_collection
        while True:
            envelope = await self._client.list_collections(limit=self._scan_size, offset=offset)
            collections = many(envelope.get("data"))
            for position, wire in enumerate(collections, start=offset):
                native = native_id(wire.get("id"))
                if native is None:
                    continue
                galleries = await self._galleries_of(native, status)
                skip = start_index if position == start_collection else 0
                for index in range(skip, len(galleries)):
                    if len(edges) == first:
                        return Page(edges=tuple(edges), has_next=True)
                    edges.append(Edge(f"c{position}.{index + 1}", galleries[index]))
            more = offset_has_next(
                envelope.get("meta"), offset=offset, count=len(collections), limit=self._scan_size
            )
            if not collections or not more:
                return Page(edges=tuple(edges), has_next=False)
            offset += len(collections)

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        raise NotSupported("Pixieset has no sets", source=self.source)

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        """Photos and videos of a gallery: ``first`` items from one page where it aligns."""
        self._check_first(first)
        native = self._check_id(gallery_id, "gallery_id")
        offset = self._offset(after)
        per_page = min(first, self._max_per_page)
        page = offset // per_page + 1
        skip = offset - (page - 1) * per_page
        items: list[ImageRecord] = []
        total: int | None = None
        while True:
            envelope = await self._client.gallery_photos(native, page=page, per_page=per_page)
            data = many(envelope.get("data"))
            meta = envelope.get("meta")
            if meta and isinstance(meta.get("total"), int):
                total = meta.get("total")
            chunk = data[skip:]
            skip = 0
            need = first - len(items)
            start = offset + len(items)
            items.extend(image_record(w, position=start + i) for i, w in enumerate(chunk[:need]))
            more = page_has_next(meta, page=page, count=len(data), per_page=per_page)
            if len(chunk) > need or (len(items) == first and more):
                has_next = True
                break
            if not more or not data:
                has_next = False
                break
            page += 1
        return Page.from_offset(items, offset=offset, has_next=has_next, total_count=total)

    # -- clients (personal data: no caching) -------------------------------------------------

    async def list_clients(self, collection_id: str) -> list[ClientRecord]:
        native = self._check_id(collection_id, "collection_id")
        envelope = await self._client.collection_clients(native)
        return [client_record(w) for w in many(envelope.get("data"))]

    # -- writes ------------------------------------------------------------------------------

    async def update_collection(
        self, collection_id: str, patch: CollectionPatch, *, idempotency_key: str
    ) -> CollectionRecord | OperationRecord:
        """``PUT /collections/{id}``; Pixieset has no idempotency keys, and a PUT needs none."""
        native = self._check_id(collection_id, "collection_id")
        body = collection_update_body(patch)
        if body:
            envelope = await self._client.update_collection(native, body)
        else:
            envelope = await self._client.get_collection(native)
        wire = one(envelope.get("data"))
        if wire is None:
            raise self._not_found("collection", native)
        return collection_record(wire, today=self._clock.now().date())

    # -- lifecycle ---------------------------------------------------------------------------

    async def ping(self) -> None:
        await self._client.bootstrap()

    async def aclose(self) -> None:
        await self._http.aclose()
