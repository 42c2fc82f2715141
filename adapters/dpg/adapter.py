"""DPGAdapter: DPG sets, galleries and images behind the adapter contract.

How DPG maps onto the unified records:

* **Set** -> :class:`SetRecord`; ``load_set_tree`` reads the whole hierarchy, with every set's
  ``image_count``, from one ``GET /v1/sets/tree``.
* **Gallery** -> the same set seen as a :class:`GalleryRecord` (same native id; ``set_id`` and
  ``SetRecord.gallery_id`` point at each other). Its images come from ``/v1/sets/{u}/images``.
  ``list_galleries(collection_id=None)`` is every set, depth first in tree order, from one
  tree call per page (those records have ``complete=False``: tree nodes carry no description
  or lead image). ``create_gallery`` creates a set under ``collection_id``.
* **Collection** -> a set seen as a :class:`CollectionRecord` whose galleries are its child
  sets. ``list_collections`` lists the top-level sets; ``load_collections`` loads any set, so
  that a gallery's ``collection_id`` (its parent set) always resolves.
* **Image** -> :class:`ImageRecord` with renditions from the public versions (never a built
  CDN URL; private originals are skipped) and ``hidden``/``available_from`` for embargo.

Paging follows ``X-Has-More``/``X-Next-Offset``: the cursor is the next offset. Batch loads
de-duplicate ids and run bounded concurrent GETs (DPG has no batch read); a malformed id is a
``NotFound`` without a call. GETs are conditional through a small ETag cache.

Writes answer 202 + Operation (see :mod:`adapters.dpg.operations`); each returns the fresh
record when the Operation finishes before ``operation_deadline``, else the pending
:class:`OperationRecord`. Captions, positions on add, slugs, statuses and translations are
not DPG concepts: asking for them raises :class:`NotSupported` naming the source.

``settings.options`` (all optional):

* ``operation_deadline`` (float, 5.0): seconds a write waits for its Operation.
* ``poll_interval`` (float, 0.25): seconds between Operation polls.
* ``token_store`` (str, unset): file that keeps the newest rotating refresh token across
  restarts (user-token sign-in only).

``settings.credentials``: ``token`` (a service token, ``dpg_api_live_…``), or ``login`` and
``password`` (+ optional ``account_uuid``, else the first account) for user tokens.

Usage::

    adapter = DPGAdapter(settings, transport)
    page = await adapter.list_images(gallery_id=set_uuid, first=50, after=None)
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import ClassVar, TypeVar

import httpx

from adapters.base import (
    Capability,
    GalleryDraft,
    GalleryPatch,
    MediaPlacement,
    SetDraft,
    SetPatch,
    SourceSettings,
)
from adapters.dpg.auth import ServiceTokenAuth, UserTokenAuth
from adapters.dpg.client import DPGClient
from adapters.dpg.mapping import (
    collection_record,
    flatten_tree,
    gallery_record,
    image_record,
    operation_record,
    set_record,
    snapshot_record,
)
from adapters.dpg.operations import OperationRunner, target_set
from adapters.dpg.token_store import TokenStore
from adapters.dpg.wire import (
    Listing,
    NewSetBody,
    OperationWire,
    SetChangesBody,
    VisibilityBody,
)
from adapters.emulation import Clock
from adapters.errors import BackendError, InvalidInput, NotFound, NotSupported
from adapters.http import BackendHTTP
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    OperationStatus,
    Page,
    PublicationStatus,
    SetRecord,
    SnapshotRecord,
    parse_offset,
)

__all__ = ["DPGAdapter"]

MAX_LIMIT = 200  # DPG's largest page
DEFAULT_DEADLINE = 5.0
DEFAULT_POLL_INTERVAL = 0.25

R = TypeVar("R")
W = TypeVar("W")


class DPGAdapter:
    """The DPG adapter kind (``dpg``). See the module docstring."""

    kind: ClassVar[str] = "dpg"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.COLLECTIONS,
            Capability.GALLERIES,
            Capability.SETS,
            Capability.SET_TREE,
            Capability.IMAGES,
            Capability.WRITE_GALLERIES,
            Capability.WRITE_MEDIA,
            Capability.WRITE_SETS,
            Capability.VISIBILITY,
            Capability.SNAPSHOTS,
            Capability.OPERATIONS,
            Capability.IDEMPOTENCY_KEYS,
        }
    )

    def __init__(
        self,
        settings: SourceSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.settings = settings
        self.http = BackendHTTP(settings, transport, auth=_auth(settings, clock))
        self.client = DPGClient(self.http)
        self.operations = OperationRunner(
            self.client,
            deadline=_seconds(settings, "operation_deadline", DEFAULT_DEADLINE),
            interval=_seconds(settings, "poll_interval", DEFAULT_POLL_INTERVAL),
        )

    @property
    def source(self) -> str:
        return self.settings.name

    # ---- batch loads ----------------------------------------------------------------------

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        return await self._load(ids, self.client.get_set, set_record, "set")

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        return await self._load(ids, self.client.get_set, gallery_record, "gallery")

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        return await self._load(ids, self.client.get_set, collection_record, "collection")

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        return await self._load(ids, self.client.get_image, image_record, "image")

    async def _load(
        self,
        ids: Sequence[str],
        fetch: Callable[[str], Awaitable[W]],
        build: Callable[[W], R],
        noun: str,
    ) -> list[R | BackendError]:
        unique = list(dict.fromkeys(i for i in ids if _is_uuid(i)))

        async def one(native_id: str) -> R | BackendError:
            try:
                return build(await fetch(native_id))
            except BackendError as error:
                return error

        found = dict(zip(unique, await asyncio.gather(*(one(i) for i in unique)), strict=True))
        missing = NotFound(f"no such {noun}", source=self.source)
        return [found.get(i, missing) for i in ids]

    # ---- lists ----------------------------------------------------------------------------

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        return await self._page(
            lambda limit, offset: self.client.list_sets(parent=None, limit=limit, offset=offset),
            collection_record,
            first=first,
            after=after,
        )

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        self._offset(after, first)  # checks first and after before any call
        if status not in (None, PublicationStatus.PUBLISHED):
            return Page(edges=(), has_next=False, total_count=0)  # every DPG set is published
        if collection_id is None:
            nodes = flatten_tree(await self.client.set_tree())
            # Tree nodes carry no description or lead image: the gateway loads more if asked.
            galleries = [replace(gallery_record(node), complete=False) for node in nodes]
            return Page.slice(galleries, first=first, after=after)
        if not _is_uuid(collection_id):
            raise NotFound("no such collection", source=self.source)
        return await self._page(
            lambda limit, offset: self.client.list_sets(
                parent=collection_id, limit=limit, offset=offset
            ),
            gallery_record,
            first=first,
            after=after,
        )

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        if parent_id is not None and not _is_uuid(parent_id):
            raise NotFound("no such set", source=self.source)
        return await self._page(
            lambda limit, offset: self.client.list_sets(
                parent=parent_id, limit=limit, offset=offset
            ),
            set_record,
            first=first,
            after=after,
        )

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        if not _is_uuid(gallery_id):
            raise NotFound("no such gallery", source=self.source)
        return await self._page(
            lambda limit, offset: self.client.list_set_images(
                gallery_id, limit=limit, offset=offset
            ),
            lambda wire: image_record(wire, gallery_id=gallery_id),
            first=first,
            after=after,
        )

    async def _page(
        self,
        fetch: Callable[[int, int], Awaitable[Listing[W]]],
        build: Callable[[W], R],
        *,
        first: int,
        after: str | None,
    ) -> Page[R]:
        """``first`` items from ``after`` on, in as few backend pages (of up to 200) as it takes."""
        offset = self._offset(after, first)
        items: list[W] = []
        position, has_more = offset, True
        while len(items) < first and has_more:
            listing = await fetch(min(first - len(items), MAX_LIMIT), position)
            items.extend(listing.items)
            has_more = listing.has_more and bool(listing.items)
            position = listing.next_offset
        return Page.from_offset([build(w) for w in items], offset=offset, has_next=has_more)

    def _offset(self, after: str | None, first: int) -> int:
        if first < 1:
            raise InvalidInput("first must be at least 1", source=self.source, field="first")
        try:
            return parse_offset(after)
        except ValueError:
            raise InvalidInput(
                "after is not a cursor of this list", source=self.source, field="after"
            ) from None

    # ---- set tree, snapshots, operations ---------------------------------------------------

    async def load_set_tree(self) -> tuple[SetRecord, ...]:
        return tuple(set_record(node) for node in await self.client.set_tree())

    async def list_snapshots(self, set_id: str) -> list[SnapshotRecord]:
        if not _is_uuid(set_id):
            raise NotFound("no such set", source=self.source)
        out: list[SnapshotRecord] = []
        offset, has_more = 0, True
        while has_more:
            listing = await self.client.list_snapshots(set_id, limit=MAX_LIMIT, offset=offset)
            out.extend(snapshot_record(w, set_id=set_id) for w in listing.items)
            has_more = listing.has_more and bool(listing.items)
            offset = listing.next_offset
        return out

    async def load_operation(self, operation_id: str) -> OperationRecord:
        if not operation_id.startswith("op-") and not _is_uuid(operation_id):
            raise NotFound("no such operation", source=self.source)
        return operation_record(await self.client.get_operation(operation_id))

    # ---- SetWriter ------------------------------------------------------------------------

    async def create_set(
        self, draft: SetDraft, *, idempotency_key: str
    ) -> SetRecord | OperationRecord:
        body: NewSetBody = {"name": draft.name}
        if draft.parent_id is not None:
            body["parent_public_uuid"] = draft.parent_id
        if draft.description is not None:
            body["description"] = draft.description
        if draft.colour is not None:
            body["colour"] = draft.colour
        if draft.type is not None:
            body["type"] = draft.type
        op = await self._run(self.client.create_set(body, key=idempotency_key))
        return await self._fresh_set(op, None)

    async def update_set(
        self, set_id: str, patch: SetPatch, *, idempotency_key: str
    ) -> SetRecord | OperationRecord:
        changes: SetChangesBody = {}
        if patch.name is not None:
            changes["name"] = patch.name
        if patch.description is not None:
            changes["description"] = patch.description
        if patch.colour is not None:
            changes["colour"] = patch.colour
        if patch.type is not None:
            changes["type"] = patch.type
        if patch.lead_image_id is not None:
            changes["lead_image_public_uuid"] = patch.lead_image_id
        if patch.parent_id is not None:
            changes["parent_public_uuid"] = patch.parent_id
        elif patch.move_to_top:
            changes["parent_public_uuid"] = None  # DPG: null moves the set to the top level
        op = await self._run(self.client.update_set(set_id, changes, key=idempotency_key))
        return await self._fresh_set(op, set_id)

    async def delete_set(self, set_id: str, *, idempotency_key: str) -> OperationRecord | None:
        op = await self._run(self.client.delete_set(set_id, key=idempotency_key))
        return self._pending(op)

    async def reorder_sets(
        self, parent_id: str | None, set_ids: Sequence[str], *, idempotency_key: str
    ) -> OperationRecord | None:
        op = await self._run(self.client.reorder_sets(parent_id, set_ids, key=idempotency_key))
        return self._pending(op)

    async def set_visibility(
        self,
        set_id: str,
        image_ids: Sequence[str],
        *,
        hidden: bool,
        activation_time: datetime | None,
        idempotency_key: str,
    ) -> SetRecord | OperationRecord:
        body: VisibilityBody = {"image_public_uuids": list(image_ids), "hidden": hidden}
        if activation_time is not None:
            when = (
                activation_time if activation_time.tzinfo else activation_time.replace(tzinfo=UTC)
            )
            body["activation_time"] = when.isoformat()
        op = await self._run(self.client.set_visibility(set_id, body, key=idempotency_key))
        return await self._fresh_set(op, set_id)

    async def restore_snapshot(
        self, set_id: str, snapshot_id: str, *, idempotency_key: str
    ) -> SetRecord | OperationRecord:
        op = await self._run(self.client.restore_set(set_id, snapshot_id, key=idempotency_key))
        return await self._fresh_set(op, set_id)

    # ---- GalleryWriter (galleries are sets) -----------------------------------------------

    async def create_gallery(
        self, draft: GalleryDraft, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        if not draft.title:
            raise InvalidInput("a DPG set needs a name", source=self.source, field="title")
        self._refuse(
            slug=draft.slug,
            translations=draft.translations or None,
            cover_image_id=draft.cover_image_id,
            status=None if draft.status in (None, PublicationStatus.PUBLISHED) else draft.status,
        )
        body: NewSetBody = {"name": draft.title}
        if draft.collection_id is not None:
            body["parent_public_uuid"] = draft.collection_id
        if draft.description is not None:
            body["description"] = draft.description
        op = await self._run(self.client.create_set(body, key=idempotency_key))
        return await self._fresh_gallery(op, None)

    async def update_gallery(
        self, gallery_id: str, patch: GalleryPatch, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        self._refuse(
            slug=patch.slug,
            allowed_languages=patch.allowed_languages,
            status=None if patch.status in (None, PublicationStatus.PUBLISHED) else patch.status,
        )
        changes: SetChangesBody = {}
        if patch.title is not None:
            changes["name"] = patch.title
        if patch.description is not None:
            changes["description"] = patch.description
        if patch.cover_image_id is not None:
            changes["lead_image_public_uuid"] = patch.cover_image_id
        op = await self._run(self.client.update_set(gallery_id, changes, key=idempotency_key))
        return await self._fresh_gallery(op, gallery_id)

    async def delete_gallery(
        self, gallery_id: str, *, idempotency_key: str
    ) -> OperationRecord | None:
        return await self.delete_set(gallery_id, idempotency_key=idempotency_key)

    # ---- MediaWriter (a gallery's images are its set's images) ----------------------------

    async def add_images(
        self, gallery_id: str, placements: Sequence[MediaPlacement], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        for placement in placements:
            self._refuse(caption=placement.caption, position=placement.position)
        ids = [p.image_id for p in placements]
        op = await self._run(self.client.add_set_images(gallery_id, ids, key=idempotency_key))
        return await self._fresh_gallery(op, gallery_id)

    async def update_image_placement(
        self, gallery_id: str, placement: MediaPlacement, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise NotSupported(
            f"{self.source}: DPG sets have no per-image captions or placements",
            source=self.source,
        )

    async def remove_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        op = await self._run(
            self.client.remove_set_images(gallery_id, image_ids, key=idempotency_key)
        )
        return await self._fresh_gallery(op, gallery_id)

    async def reorder_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        op = await self._run(
            self.client.order_set_images(gallery_id, image_ids, key=idempotency_key)
        )
        return await self._fresh_gallery(op, gallery_id)

    # ---- write plumbing -------------------------------------------------------------------

    async def _run(self, submitted: Awaitable[OperationWire]) -> OperationWire:
        return await self.operations.wait(await submitted)

    @staticmethod
    def _pending(op: OperationWire) -> OperationRecord | None:
        record = operation_record(op)
        return None if record.status is OperationStatus.SUCCEEDED else record

    async def _fresh_set(
        self, op: OperationWire, set_id: str | None
    ) -> SetRecord | OperationRecord:
        pending = self._pending(op)
        target = target_set(op) or set_id
        if pending is not None or target is None:
            return pending or operation_record(op)
        return set_record(await self.client.get_set(target))

    async def _fresh_gallery(
        self, op: OperationWire, gallery_id: str | None
    ) -> GalleryRecord | OperationRecord:
        pending = self._pending(op)
        target = target_set(op) or gallery_id
        if pending is not None or target is None:
            return pending or operation_record(op)
        return gallery_record(await self.client.get_set(target))

    def _refuse(self, **fields: object) -> None:
        for name, value in fields.items():
            if value is not None:
                raise NotSupported(
                    f"{self.source}: DPG sets have no {name}", source=self.source, field=name
                )

    # ---- lifecycle ------------------------------------------------------------------------

    async def ping(self) -> None:
        await self.client.me()

    async def aclose(self) -> None:
        await self.http.aclose()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _seconds(settings: SourceSettings, key: str, default: float) -> float:
    value = settings.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"source {settings.name!r}: options.{key} must be a number of seconds")
    return float(value)


def _auth(settings: SourceSettings, clock: Clock | None) -> httpx.Auth:
    credentials = settings.credentials
    if credentials.get("token"):
        return ServiceTokenAuth(credentials["token"])
    if credentials.get("login") and credentials.get("password"):
        store_path = settings.options.get("token_store")
        if store_path is not None and not isinstance(store_path, str):
            raise ValueError(f"source {settings.name!r}: options.token_store must be a path")
        return UserTokenAuth(
            credentials["login"],
            credentials["password"],
            base_url=settings.base_url,
            source=settings.name,
            account_uuid=credentials.get("account_uuid") or None,
            store=TokenStore(store_path) if store_path else None,
            clock=clock,
        )
    raise ValueError(
        f"source {settings.name!r}: credentials need 'token', or 'login' and 'password'"
    )
