"""The CMS (Omnitcode-style) adapter: galleries, their media and translations.

The CMS lists galleries as ``{id, slug, status}`` summaries and has no batch endpoint, so
``load_galleries`` sends one ``GET /galleries/{id}`` per distinct id, concurrently (bounded by
:class:`~adapters.http.BackendHTTP`). Each detail embeds the gallery's media in order, so
gallery records carry ``images`` and images load through the same gallery GETs.

Ids: galleries are CMS UUIDs; the one collection is ``"all"``; images are
``"<gallery uuid>:<media uuid>"`` or, for a library item outside any gallery (a cover),
``"<media uuid>"`` (see :mod:`adapters.cms.ids`). There are no sets.

Languages: translations name a ``language_id``; the adapter reads ``GET /languages`` on first
use, caches it, and reads it again when it meets an unknown language id or code.

Writes are synchronous and not retried (the CMS takes no idempotency key; the caller's key is
not sent). Several backend calls make one write where the CMS needs them: placing images at a
position is add (appends) then one reorder; ``title``/``description`` changes upsert the
main-language translation, keeping its other fields. A failure part-way leaves the earlier
calls done.

Settings: ``credentials["token"]`` (required): the bearer token. ``base_url`` is the API root,
e.g. ``https://cms.example/api/v1``. ``options``:

* ``media_base_url`` (str, default: scheme and host of ``base_url``): where ``uploads/...``
  media paths are served.
* ``default_language`` (str, default: the language the CMS marks default): the language code
  whose translation gives a gallery's ``title`` and ``description``, and that
  ``title``/``description`` writes go to.
* ``collection_title`` (str, default: the source name): title of the synthetic collection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import ClassVar

import httpx

from adapters.base import (
    Capability,
    GalleryDraft,
    GalleryPatch,
    MediaPlacement,
    SourceSettings,
)
from adapters.cms import mapping, wire
from adapters.cms.auth import BearerToken
from adapters.cms.client import CMSClient
from adapters.cms.ids import COLLECTION_ID, ImageRef, image_id, is_uuid, parse_image_id
from adapters.errors import BackendError, InvalidInput, NotFound, NotSupported
from adapters.http import BackendHTTP
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    OperationRecord,
    Page,
    PublicationStatus,
    SetRecord,
    Translation,
    parse_offset,
)

__all__ = ["CMSAdapter"]


class CMSAdapter:
    kind: ClassVar[str] = "cms"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.COLLECTIONS,
            Capability.GALLERIES,
            Capability.IMAGES,
            Capability.TRANSLATIONS,
            Capability.WRITE_GALLERIES,
            Capability.WRITE_MEDIA,
            Capability.WRITE_TRANSLATIONS,
        }
    )

    def __init__(
        self, settings: SourceSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        token = settings.credentials.get("token")
        if not token:
            raise ValueError(f"source {settings.name!r} (cms): credentials need a 'token'")
        self._settings = settings
        self._http = BackendHTTP(settings, transport, auth=BearerToken(token))
        self._client = CMSClient(self._http)
        origin = httpx.URL(settings.base_url).copy_with(path="/", query=None, fragment=None)
        self._media_base = _option(settings, "media_base_url") or str(origin).rstrip("/")
        self._preferred_language = _option(settings, "default_language")
        self._collection_title = _option(settings, "collection_title") or settings.name
        self._languages: mapping.LanguageTable | None = None
        self._languages_lock = asyncio.Lock()

    @property
    def source(self) -> str:
        return self._settings.name

    @property
    def http(self) -> BackendHTTP:
        """The pooled client (its ``stats`` count backend calls)."""
        return self._http

    # -- collections and sets ----------------------------------------------------------------

    def _collection(self) -> CollectionRecord:
        return CollectionRecord(id=COLLECTION_ID, title=self._collection_title)

    async def load_collections(self, ids: Sequence[str]) -> list[CollectionRecord | BackendError]:
        return [
            self._collection() if native == COLLECTION_ID else self._not_found("collection", native)
            for native in ids
        ]

    async def list_collections(self, *, first: int, after: str | None) -> Page[CollectionRecord]:
        self._offset(after)
        return Page.slice([self._collection()], first=first, after=after)

    async def load_sets(self, ids: Sequence[str]) -> list[SetRecord | BackendError]:
        return [self._not_found("set", native) for native in ids]

    async def list_sets(
        self, *, parent_id: str | None, first: int, after: str | None
    ) -> Page[SetRecord]:
        self._offset(after)
        return Page(edges=(), has_next=False, total_count=0)

    # -- galleries ---------------------------------------------------------------------------

    async def load_galleries(self, ids: Sequence[str]) -> list[GalleryRecord | BackendError]:
        languages, fetched = await asyncio.gather(
            self._language_table_or_error(), self._fetch_galleries(ids)
        )
        if isinstance(languages, BackendError):
            return [languages for _ in ids]
        found = [g for g in fetched.values() if not isinstance(g, BackendError)]
        languages = await self._fresh_languages(languages, found)
        return [self._gallery_record(fetched[native], languages) for native in ids]

    async def list_galleries(
        self,
        *,
        collection_id: str | None,
        status: PublicationStatus | None,
        first: int,
        after: str | None,
    ) -> Page[GalleryRecord]:
        offset = self._offset(after)
        self._check_first(first)
        if collection_id not in (None, COLLECTION_ID):
            raise self._not_found("collection", str(collection_id), field="collectionId")
        wire_status = None if status is None else mapping.status_to_wire(status)
        if status is not None and wire_status is None:
            return Page(edges=(), has_next=False)  # the CMS has no such status
        # One more than asked tells whether there is a next page: the CMS gives no total.
        rows = await self._client.list_galleries(skip=offset, limit=first + 1, status=wire_status)
        items = [mapping.gallery_summary(row) for row in rows[:first]]
        return Page.from_offset(items, offset=offset, has_next=len(rows) > first)

    # -- images ------------------------------------------------------------------------------

    async def load_images(self, ids: Sequence[str]) -> list[ImageRecord | BackendError]:
        refs: list[ImageRef | None] = []
        for native in ids:
            try:
                refs.append(parse_image_id(native))
            except ValueError:
                refs.append(None)
        gallery_ids = [r.gallery_id for r in refs if r is not None and r.gallery_id is not None]
        library_ids = [r.media_id for r in refs if r is not None and r.gallery_id is None]
        galleries, library = await asyncio.gather(
            self._fetch_galleries(gallery_ids), self._fetch_media(library_ids)
        )
        images: dict[str, ImageRecord] = {}
        for gallery in galleries.values():
            if not isinstance(gallery, BackendError):
                for image in mapping.gallery_images(gallery, self._media_base):
                    images[image.id] = image
        results: list[ImageRecord | BackendError] = []
        for native, ref in zip(ids, refs, strict=True):
            if ref is None:
                results.append(self._not_found("image", native))
            elif ref.gallery_id is None:
                media = library[ref.media_id]
                results.append(
                    media
                    if isinstance(media, BackendError)
                    else mapping.media_image(media, self._media_base)
                )
            else:
                gallery = galleries[ref.gallery_id]
                key = image_id(ref.gallery_id, ref.media_id)
                if isinstance(gallery, BackendError) and not isinstance(gallery, NotFound):
                    results.append(gallery)
                else:
                    results.append(images.get(key) or self._not_found("image", native))
        return results

    async def list_images(
        self, *, gallery_id: str, first: int, after: str | None
    ) -> Page[ImageRecord]:
        self._offset(after)
        self._check_first(first)
        gallery = await self._client.get_gallery(self._gallery_id(gallery_id))
        images = mapping.gallery_images(gallery, self._media_base)
        return Page.slice(images, first=first, after=after)

    # -- lifecycle ---------------------------------------------------------------------------

    async def ping(self) -> None:
        await self._client.list_galleries(skip=0, limit=1)

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- GalleryWriter -----------------------------------------------------------------------

    async def create_gallery(
        self, draft: GalleryDraft, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        slug = draft.slug or mapping.slug_for(draft.title or "")
        if not slug:
            raise InvalidInput("a CMS gallery needs a slug", source=self.source, field="slug")
        if draft.collection_id not in (None, COLLECTION_ID):
            raise self._not_found("collection", str(draft.collection_id), field="collectionId")
        body = wire.GalleryCreateBody(slug=slug)
        if draft.status is not None:
            body["status"] = self._wire_status(draft.status)
        if draft.cover_image_id is not None:
            body["cover_image_id"] = self._media_id(draft.cover_image_id, field="coverImageId")
        languages = await self._language_table()
        translations = [
            self._translation_body(await self._language_id(t.language), t)
            for t in draft.translations
        ]
        main_code = languages.main_code(self._preferred_language)
        named = {t.language.lower() for t in draft.translations}
        if (draft.title or draft.description) and main_code and main_code.lower() not in named:
            main_id = await self._language_id(main_code)
            translations.insert(
                0,
                mapping.translation_body(main_id, title=draft.title, description=draft.description),
            )
        if translations:
            body["translations"] = translations
        return await self._record(await self._client.create_gallery(body))

    async def update_gallery(
        self, gallery_id: str, patch: GalleryPatch, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        gallery_id = self._gallery_id(gallery_id)
        if patch.allowed_languages is not None:
            raise NotSupported(
                "a CMS gallery has no allowed languages",
                source=self.source,
                field="allowedLanguages",
            )
        body = wire.GalleryPatchBody()
        if patch.slug is not None:
            body["slug"] = patch.slug
        if patch.status is not None:
            body["status"] = self._wire_status(patch.status)
        if patch.cover_image_id is not None:
            body["cover_image_id"] = self._media_id(patch.cover_image_id, field="coverImageId")
        current = await self._client.update_gallery(gallery_id, body) if body else None
        if patch.title is not None or patch.description is not None:
            languages = await self._language_table()
            main_code = languages.main_code(self._preferred_language)
            if main_code is None:
                raise InvalidInput(
                    "the CMS has no default language for the title",
                    source=self.source,
                    field="title",
                )
            main_id = await self._language_id(main_code)
            current = current or await self._client.get_gallery(gallery_id)
            existing = next(
                (
                    t
                    for t in current.get("translations") or []
                    if t["language_id"].lower() == main_id
                ),
                None,
            )
            old = existing or wire.GalleryTranslation(language_id=main_id)
            # PUT replaces the whole translation: carry over what the patch leaves alone.
            merged = mapping.translation_body(
                main_id,
                title=patch.title if patch.title is not None else old.get("title"),
                description=(
                    patch.description if patch.description is not None else old.get("description")
                ),
                meta_title=old.get("meta_title"),
                meta_description=old.get("meta_description"),
            )
            current = await self._client.upsert_translation(gallery_id, merged)
        return await self._record(current or await self._client.get_gallery(gallery_id))

    async def delete_gallery(
        self, gallery_id: str, *, idempotency_key: str
    ) -> OperationRecord | None:
        await self._client.delete_gallery(self._gallery_id(gallery_id))
        return None

    # -- MediaWriter -------------------------------------------------------------------------

    async def add_images(
        self, gallery_id: str, placements: Sequence[MediaPlacement], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        gallery_id = self._gallery_id(gallery_id)
        media_ids = [self._media_id(p.image_id, field="imageIds") for p in placements]
        for placement in placements:
            self._check_position(placement.position)
        current: wire.GalleryResponse | None = None
        for placement, media_id in zip(placements, media_ids, strict=True):
            body = wire.MediaAddBody(media_id=media_id)  # no order: the CMS appends
            if placement.caption is not None:
                body["caption"] = placement.caption
            current = await self._client.add_media(gallery_id, body)
        current = current or await self._client.get_gallery(gallery_id)
        order = mapping.gallery_media_ids(current)
        wanted = order
        for placement, media_id in zip(placements, media_ids, strict=True):
            if placement.position is not None:
                wanted = mapping.moved(wanted, media_id, placement.position)
        if wanted != order:
            current = await self._client.reorder_media(gallery_id, wanted)
        return await self._record(current)

    async def update_image_placement(
        self, gallery_id: str, placement: MediaPlacement, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        gallery_id = self._gallery_id(gallery_id)
        media_id = self._media_id(placement.image_id, field="imageId")
        self._check_position(placement.position)
        current: wire.GalleryResponse | None = None
        if placement.caption is not None:
            body = wire.MediaPatchBody(caption=placement.caption)
            current = await self._client.update_media(gallery_id, media_id, body)
        current = current or await self._client.get_gallery(gallery_id)
        if placement.position is not None:
            order = mapping.gallery_media_ids(current)
            if media_id not in order:
                raise NotFound(
                    f"image {placement.image_id} is not in this gallery",
                    source=self.source,
                    field="imageId",
                )
            wanted = mapping.moved(order, media_id, placement.position)
            if wanted != order:
                current = await self._client.reorder_media(gallery_id, wanted)
        return await self._record(current)

    async def remove_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        gallery_id = self._gallery_id(gallery_id)
        media_ids = list(dict.fromkeys(self._media_id(i, field="imageIds") for i in image_ids))
        current: wire.GalleryResponse | None = None
        for media_id in media_ids:
            current = await self._client.remove_media(gallery_id, media_id)
        return await self._record(current or await self._client.get_gallery(gallery_id))

    async def reorder_images(
        self, gallery_id: str, image_ids: Sequence[str], *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        gallery_id = self._gallery_id(gallery_id)
        wanted = [self._media_id(i, field="imageIds", gallery_id=gallery_id) for i in image_ids]
        current = await self._client.get_gallery(gallery_id)
        order = mapping.gallery_media_ids(current)
        # The CMS refuses a partial reorder; say which images are missing before asking it.
        missing = [image_id(gallery_id, m) for m in order if m not in set(wanted)]
        if missing:
            raise InvalidInput(
                f"reorder must list every image of the gallery; missing: {', '.join(missing)}",
                source=self.source,
                field="imageIds",
            )
        strangers = [image_id(gallery_id, m) for m in wanted if m not in set(order)]
        if strangers:
            raise NotFound(
                f"not in this gallery: {', '.join(strangers)}",
                source=self.source,
                field="imageIds",
            )
        if len(set(wanted)) != len(wanted):
            raise InvalidInput("reorder lists an image twice", source=self.source, field="imageIds")
        return await self._record(await self._client.reorder_media(gallery_id, wanted))

    # -- TranslationWriter -------------------------------------------------------------------

    async def upsert_translation(
        self, owner_id: str, translation: Translation, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        owner_id = self._gallery_id(owner_id)
        body = self._translation_body(await self._language_id(translation.language), translation)
        return await self._record(await self._client.upsert_translation(owner_id, body))

    async def delete_translation(
        self, owner_id: str, language: str, *, idempotency_key: str
    ) -> GalleryRecord | OperationRecord:
        owner_id = self._gallery_id(owner_id)
        language_id = await self._language_id(language)
        return await self._record(await self._client.delete_translation(owner_id, language_id))

    # -- languages ---------------------------------------------------------------------------

    async def _language_table(
        self, *, stale: mapping.LanguageTable | None = None
    ) -> mapping.LanguageTable:
        """The cached languages; read again if the cache is ``stale`` (one read for everyone)."""
        async with self._languages_lock:
            if self._languages is None or self._languages is stale:
                self._languages = mapping.language_table(await self._client.list_languages())
            return self._languages

    async def _language_table_or_error(self) -> mapping.LanguageTable | BackendError:
        try:
            return await self._language_table()
        except BackendError as exc:
            return exc

    async def _fresh_languages(
        self, languages: mapping.LanguageTable, galleries: Sequence[wire.GalleryResponse]
    ) -> mapping.LanguageTable:
        """``languages``, read again once if a gallery uses a language it does not know."""
        if any(mapping.unknown_language_ids(g, languages) for g in galleries):
            return await self._language_table(stale=languages)
        return languages

    async def _language_id(self, code: str) -> str:
        languages = await self._language_table()
        found = languages.id_for(code)
        if found is None:
            found = (await self._language_table(stale=languages)).id_for(code)
        if found is None:
            raise InvalidInput(
                f"the CMS has no language {code!r}", source=self.source, field="language"
            )
        return found

    # -- plumbing ----------------------------------------------------------------------------

    async def _fetch_galleries(
        self, ids: Sequence[str]
    ) -> dict[str, wire.GalleryResponse | BackendError]:
        """One GET per distinct id, concurrently; errors (NotFound...) as values."""
        unique = list(dict.fromkeys(ids))
        results = await asyncio.gather(*(self._get_gallery(native) for native in unique))
        return dict(zip(unique, results, strict=True))

    async def _get_gallery(self, native: str) -> wire.GalleryResponse | BackendError:
        if not is_uuid(native):
            return self._not_found("gallery", native)
        try:
            return await self._client.get_gallery(native)
        except BackendError as exc:
            return exc

    async def _fetch_media(self, ids: Sequence[str]) -> dict[str, wire.MediaSummary | BackendError]:
        unique = list(dict.fromkeys(ids))
        results = await asyncio.gather(*(self._get_media(native) for native in unique))
        return dict(zip(unique, results, strict=True))

    async def _get_media(self, native: str) -> wire.MediaSummary | BackendError:
        try:
            return await self._client.get_media(native)
        except BackendError as exc:
            return exc

    def _gallery_record(
        self, fetched: wire.GalleryResponse | BackendError, languages: mapping.LanguageTable
    ) -> GalleryRecord | BackendError:
        if isinstance(fetched, BackendError):
            return fetched
        return mapping.gallery_record(
            fetched,
            languages=languages,
            media_base=self._media_base,
            preferred_language=self._preferred_language,
        )

    async def _record(self, gallery: wire.GalleryResponse) -> GalleryRecord:
        languages = await self._fresh_languages(await self._language_table(), [gallery])
        return mapping.gallery_record(
            gallery,
            languages=languages,
            media_base=self._media_base,
            preferred_language=self._preferred_language,
        )

    def _gallery_id(self, native: str) -> str:
        if not is_uuid(native):
            raise self._not_found("gallery", native, field="galleryId")
        return native.lower()

    def _media_id(self, native: str, *, field: str, gallery_id: str | None = None) -> str:
        """The media UUID an image id names; one of another gallery is refused."""
        try:
            ref = parse_image_id(native)
        except ValueError:
            raise InvalidInput(
                f"not an image of this source: {native}", source=self.source, field=field
            ) from None
        if gallery_id is not None and ref.gallery_id not in (None, gallery_id):
            raise InvalidInput(
                f"image {native} belongs to another gallery", source=self.source, field=field
            )
        return ref.media_id

    def _wire_status(self, status: PublicationStatus) -> str:
        found = mapping.status_to_wire(status)
        if found is None:
            raise InvalidInput(
                f"a CMS gallery cannot be {status.value}", source=self.source, field="status"
            )
        return found

    @staticmethod
    def _translation_body(language_id: str, translation: Translation) -> wire.TranslationBody:
        return mapping.translation_body(
            language_id,
            title=translation.title,
            description=translation.description,
            meta_title=translation.meta_title,
            meta_description=translation.meta_description,
        )

    def _check_position(self, position: int | None) -> None:
        if position is not None and position < 0:
            raise InvalidInput("position must be 0 or more", source=self.source, field="position")

    def _check_first(self, first: int) -> None:
        if first < 0:
            raise InvalidInput("first must be 0 or more", source=self.source, field="first")

    def _offset(self, after: str | None) -> int:
        try:
            return parse_offset(after)
        except ValueError:
            raise InvalidInput(
                "not a cursor of this list", source=self.source, field="after"
            ) from None

    def _not_found(self, what: str, native: str, *, field: str | None = None) -> NotFound:
        return NotFound(f"no {what} {native!r}", source=self.source, field=field)


def _option(settings: SourceSettings, name: str) -> str | None:
    value = settings.options.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"source {settings.name!r} (cms): option {name!r} must be a string")
    return value
