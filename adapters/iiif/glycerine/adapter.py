"""The Glycerine adapter: collections, image sets (as galleries and as sets) and their images.

Settings:

* ``credentials["token"]``: the Glycerine API token (sent as ``Authorization: Bearer``).
* ``options["image_service_level"]`` (int, default ``1``): the IIIF Image API compliance level
  given to every image's service. Glycerine names the service (``iiif_url``, ``api_version``)
  but not its level, and reading ``info.json`` would cost one call per image; level 1 is the
  least that answers ``w,`` sizes, which is all the gateway's URL builder asks of level 1+.
  Set it to ``0`` for sources whose image servers are static tile sets, ``2`` when known.

Native ids: collections and images use Glycerine's integer ids (``"3"``); an image set is
``"{collection_id}:{image_set_id}"`` (``"3:17"``) because the API reads a set only under its
collection. A malformed id in a batch load is a ``NotFound`` in its slot, and so is a 404; a
403 is a ``Forbidden`` in its slot; errors about the whole source (401, 429, 5xx) are raised.

Batching: Glycerine has no batch endpoints, so ``load_*`` send one GET per distinct id,
concurrently (``BackendHTTP`` bounds the concurrency). Lists are unpaged on the backend
(bare arrays of everything), so every list is fetched whole and paged in memory with offset
cursors; ``list_galleries(collection_id=None)`` reads ``/collections`` and then each
collection's image sets concurrently (1 + N calls). Image sets carry no images, so galleries
leave ``images`` unset and the gateway calls ``list_images`` (``/image-sets/{id}/images``,
one call, already in weight order).

Writes: create/update/delete image sets, add images (``image_ids`` on ``PUT``), import a IIIF
manifest. Glycerine takes no idempotency key, so writes are sent once and never retried.
``GalleryDraft.status`` PUBLISHED costs a second call (``published`` exists only on ``PUT``).
Glycerine has no gallery-scoped caption, slug or cover image, and no call that removes an image
from a set or reorders a set as one operation: those raise ``NotSupported``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import ClassVar, TypeVar

import httpx

from adapters.base import (
    Capability,
    GalleryDraft,
    GalleryPatch,
    MediaPlacement,
    SourceSettings,
)
from adapters.errors import BackendError, Forbidden, InvalidInput, NotFound, NotSupported
from adapters.iiif.glycerine import mapping
from adapters.iiif.glycerine.client import GlycerineClient
from adapters.iiif.glycerine.ids import ImageSetId, parse_plain_id
from adapters.iiif.glycerine.wire import WireImageSet, WireImageSetWrite
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    PublicationStatus,
    SetRecord,
    parse_offset,
)

__all__ = ["GlycerineAdapter"]

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")

_PER_OBJECT_ERRORS = (NotFound, Forbidden)
_PUBLISHED = {PublicationStatus.PUBLISHED: True, PublicationStatus.DRAFT: False}


class GlycerineAdapter:
    """See the module docstring."""

    kind: ClassVar[str] = "glycerine"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.COLLECTIONS,
            Capability.GALLERIES,
            Capability.SETS,
            Capability.IMAGES,
            Capability.TRANSLATIONS,
            Capability.WRITE_GALLERIES,
            Capability.WRITE_MEDIA,
            Capability.IMPORT_MANIFEST,
        }
    )

    def __init__(
        self, settings: SourceSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.service_level = _service_level(settings.options)
        self.client = GlycerineClient(settings, transport)

    @property
    def source(self) -> str:
        return self.settings.name

    # -- batch loads -------------------------------------------------------------------------

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        async def fetch(collection_id: int) -> CollectionRecord:
            return mapping.collection_record(await self.client.get_collection(collection_id))

        return await self._load(ids, parse_plain_id, fetch)

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        async def fetch(key: ImageSetId) -> GalleryRecord:
            wire = await self.client.get_image_set(key.collection_id, key.image_set_id)
            return mapping.gallery_record(wire, collection_id=key.collection_id)

        return await self._load(ids, ImageSetId.parse, fetch)

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        async def fetch(key: ImageSetId) -> SetRecord:
            wire = await self.client.get_image_set(key.collection_id, key.image_set_id)
            return mapping.set_record(wire, collection_id=key.collection_id)

        return await self._load(ids, ImageSetId.parse, fetch)

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        async def fetch(image_id: int) -> ImageRecord:
            wire = await self.client.get_image(image_id)
            return mapping.image_record(wire, service_level=self.service_level)

        return await self._load(ids, parse_plain_id, fetch)

    async def _load(
        self,
        ids: Sequence[str],
        parse: Callable[[str], K],
        fetch: Callable[[K], Awaitable[R]],
    ) -> list[R | BackendError]:
        """One GET per distinct well-formed id, concurrently.

        Errors about one object (NotFound, Forbidden) become values in its slots; an error about
        the whole source (Unauthorized, RateLimited, Unavailable, a bad answer) is raised once.
        """
        keys: dict[str, K | None] = {}
        for native in ids:
            try:
                keys[native] = parse(native)
            except ValueError:
                keys[native] = None
        distinct = list(dict.fromkeys(k for k in keys.values() if k is not None))
        fetched = await asyncio.gather(*(fetch(k) for k in distinct), return_exceptions=True)
        results: dict[K, R | BackendError] = {}
        for key, result in zip(distinct, fetched, strict=True):
            if isinstance(result, _PER_OBJECT_ERRORS):
                results[key] = result
            elif isinstance(result, BaseException):
                raise result
            else:
                results[key] = result
        out: list[R | BackendError] = []
        for native in ids:
            parsed = keys[native]
            if parsed is None:
                out.append(NotFound(f"no such object: {native!r}", source=self.source))
            else:
                out.append(results[parsed])
        return out

    # -- lists -------------------------------------------------------------------------------

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        self._offset(after)
        wires = await self.client.list_collections()
        return Page.slice([mapping.collection_record(w) for w in wires], first=first, after=after)

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        self._offset(after)
        galleries = [
            mapping.gallery_record(wire, collection_id=cid)
            for cid, wire in await self._image_sets(collection_id)
        ]
        if status is not None:
            galleries = [g for g in galleries if g.status == status]
        return Page.slice(galleries, first=first, after=after)

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        """Image sets are flat: all of them at the top level, and no children under any."""
        self._offset(after)
        if parent_id is not None:
            self._image_set_id(parent_id, field="parent_id")
            return Page.slice([], first=first, after=after)
        sets = [
            mapping.set_record(wire, collection_id=cid)
            for cid, wire in await self._image_sets(None)
        ]
        return Page.slice(sets, first=first, after=after)

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        self._offset(after)
        key = self._image_set_id(gallery_id, field="gallery_id")
        wires = await self.client.list_images(key.image_set_id)
        images = mapping.image_records(
            wires, gallery_id=gallery_id, service_level=self.service_level
        )
        return Page.slice(images, first=first, after=after)

    async def _image_sets(self, collection_id: str | None) -> list[tuple[int, WireImageSet]]:
        """``(collection id, image set)`` of one collection, or of every visible collection."""
        if collection_id is not None:
            cids = [self._plain_id(collection_id, field="collection_id")]
        else:
            cids = [int(c["id"]) for c in await self.client.list_collections()]
        lists = await asyncio.gather(*(self.client.list_image_sets(cid) for cid in cids))
        return [(cid, wire) for cid, wires in zip(cids, lists, strict=True) for wire in wires]

    # -- health ------------------------------------------------------------------------------

    async def ping(self) -> None:
        await self.client.auth_user()

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- GalleryWriter -----------------------------------------------------------------------

    async def create_gallery(
        self, draft: GalleryDraft, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        if draft.collection_id is None:
            raise InvalidInput(
                "a Glycerine image set is created in a collection",
                source=self.source,
                field="collection_id",
            )
        collection_id = self._plain_id(draft.collection_id, field="collection_id")
        self._refuse_unsupported(slug=draft.slug, cover_image_id=draft.cover_image_id)
        published = self._published(draft.status)
        body: WireImageSetWrite = {}
        if draft.title is not None:
            body["name"] = draft.title
        if draft.description is not None:
            body["description"] = draft.description
        if draft.translations:
            body["allowed_languages"] = list(dict.fromkeys(t.language for t in draft.translations))
        wire = await self.client.create_image_set(collection_id, body)
        if published:  # ``published`` is only accepted by PUT
            key = mapping.image_set_id(wire, collection_id)
            wire = await self.client.update_image_set(
                key.collection_id, key.image_set_id, {"published": True}
            )
        return mapping.gallery_record(wire, collection_id=collection_id)

    async def update_gallery(
        self, gallery_id: str, patch: GalleryPatch, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        key = self._image_set_id(gallery_id, field="gallery_id")
        self._refuse_unsupported(slug=patch.slug, cover_image_id=patch.cover_image_id)
        body: WireImageSetWrite = {}
        if patch.title is not None:
            body["name"] = patch.title
        if patch.description is not None:
            body["description"] = patch.description
        published = self._published(patch.status)
        if published is not None:
            body["published"] = published
        if patch.allowed_languages is not None:
            body["allowed_languages"] = list(dict.fromkeys(patch.allowed_languages))
        if body:
            wire = await self.client.update_image_set(key.collection_id, key.image_set_id, body)
        else:
            wire = await self.client.get_image_set(key.collection_id, key.image_set_id)
        return mapping.gallery_record(wire, collection_id=key.collection_id)

    async def delete_gallery(self, gallery_id: str, *, idempotency_key: str) -> None:
        key = self._image_set_id(gallery_id, field="gallery_id")
        await self.client.delete_image_set(key.collection_id, key.image_set_id)

    # -- MediaWriter -------------------------------------------------------------------------

    async def add_images(
        self, gallery_id: str, placements: Sequence[MediaPlacement], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        """Append images (by id) after the set's last image, in the given order."""
        key = self._image_set_id(gallery_id, field="gallery_id")
        for placement in placements:
            self._refuse_unsupported(caption=placement.caption, position=placement.position)
        image_ids = [self._plain_id(p.image_id, field="image_id") for p in placements]
        wire = await self.client.update_image_set(
            key.collection_id, key.image_set_id, {"image_ids": image_ids}
        )
        return mapping.gallery_record(wire, collection_id=key.collection_id)

    async def update_image_placement(
        self, gallery_id: str, placement: MediaPlacement, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise self._not_supported("placing or captioning an image within an image set")

    async def remove_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise self._not_supported("removing images from an image set")

    async def reorder_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        raise self._not_supported("reordering an image set")

    # -- ManifestImporter --------------------------------------------------------------------

    async def import_manifest(
        self, collection_id: str, manifest_url: str, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        """A new image set in the collection, one image per canvas (Glycerine fetches it)."""
        cid = self._plain_id(collection_id, field="collection_id")
        wire = await self.client.import_manifest(cid, manifest_url)
        return mapping.gallery_record(wire, collection_id=cid)

    # -- helpers -----------------------------------------------------------------------------

    def _offset(self, after: str | None) -> int:
        try:
            return parse_offset(after)
        except ValueError as exc:
            raise InvalidInput(
                "not a cursor of this list", source=self.source, field="after"
            ) from exc

    def _plain_id(self, value: str, *, field: str) -> int:
        try:
            return parse_plain_id(value)
        except ValueError as exc:
            raise InvalidInput(
                f"not a Glycerine id: {value!r}", source=self.source, field=field
            ) from exc

    def _image_set_id(self, value: str, *, field: str) -> ImageSetId:
        try:
            return ImageSetId.parse(value)
        except ValueError as exc:
            raise InvalidInput(
                f"not a Glycerine image set id: {value!r}", source=self.source, field=field
            ) from exc

    def _published(self, status: PublicationStatus | None) -> bool | None:
        if status is None:
            return None
        if status not in _PUBLISHED:
            raise InvalidInput(
                f"Glycerine image sets are only PUBLISHED or DRAFT, not {status.value}",
                source=self.source,
                field="status",
            )
        return _PUBLISHED[status]

    def _refuse_unsupported(self, **fields: object) -> None:
        for name, value in fields.items():
            if value is not None:
                raise NotSupported(
                    f"{self.source} (Glycerine) has no {name} here",
                    source=self.source,
                    field=name,
                )

    def _not_supported(self, what: str) -> NotSupported:
        return NotSupported(
            f"{self.source} (Glycerine) does not support {what}", source=self.source
        )


def _service_level(options: Mapping[str, object]) -> int:
    level = options.get("image_service_level", 1)
    if isinstance(level, bool) or not isinstance(level, int) or level not in (0, 1, 2):
        raise ValueError(f"options.image_service_level must be 0, 1 or 2, not {level!r}")
    return level
