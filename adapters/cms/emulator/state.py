"""The CMS emulator's in-memory store: languages, the media library, galleries and tokens.

Every rule of the galleries page lives here (unique slug, soft delete, append on order 0,
reorder must list every media id), so that ``app.py`` only parses requests and renders JSON.
A broken rule raises :class:`ApiError` with the status and FastAPI ``detail`` the CMS answers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from adapters.emulation import Clock

__all__ = [
    "UNSET",
    "ApiError",
    "CMSState",
    "Gallery",
    "GalleryMedia",
    "GalleryTranslation",
    "Language",
    "Media",
    "Principal",
    "TranslationInput",
    "Unset",
]


class Unset:
    """Marks a PATCH field the request did not send (FastAPI's ``exclude_unset``)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset()


class ApiError(Exception):
    """An error answer of the CMS: ``{"detail": detail}`` with ``status``."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Principal:
    """The user a bearer token belongs to, and what it may do."""

    user_id: str
    permissions: frozenset[str]


@dataclass
class Language:
    id: str
    code: str
    name: str
    is_default: bool
    is_active: bool


@dataclass
class Media:
    id: str
    filename: str
    original_filename: str
    mime_type: str
    size: int
    path: str
    alt_text: str | None


@dataclass
class GalleryTranslation:
    id: str
    gallery_id: str
    language_id: str
    title: str
    description: str | None
    meta_title: str | None
    meta_description: str | None
    created_at: datetime
    updated_at: datetime | None = None


@dataclass
class GalleryMedia:
    gallery_id: str
    media_id: str
    order: int
    caption: str | None
    created_at: datetime
    seq: int  # insertion sequence: breaks ties between equal ``order`` values


@dataclass
class Gallery:
    id: str
    slug: str
    status: str
    cover_image_id: str | None
    author_id: str
    created_by: str
    created_at: datetime
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    translations: list[GalleryTranslation] = field(default_factory=list)
    media: list[GalleryMedia] = field(default_factory=list)

    def ordered_media(self) -> list[GalleryMedia]:
        return sorted(self.media, key=lambda item: (item.order, item.seq))

    def placement(self, media_id: str) -> GalleryMedia | None:
        return next((item for item in self.media if item.media_id == media_id), None)


@dataclass
class TranslationInput:
    language_id: str
    title: str
    description: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None


class CMSState:
    """The emulated database. ``ids`` makes new UUIDs (seeded, so runs are repeatable)."""

    def __init__(
        self,
        *,
        clock: Clock,
        ids: Iterable[str],
        languages: Sequence[Language],
        media: Sequence[Media],
        galleries: Sequence[Gallery] = (),
        tokens: Mapping[str, Principal],
    ) -> None:
        self.clock = clock
        self._ids = iter(ids)
        self._seq = itertools.count(
            max((item.seq for g in galleries for item in g.media), default=-1) + 1
        )
        self.languages: dict[str, Language] = {language.id: language for language in languages}
        self.media: dict[str, Media] = {item.id: item for item in media}
        self.galleries: dict[str, Gallery] = {g.id: g for g in galleries}
        self.tokens: dict[str, Principal] = dict(tokens)

    def new_id(self) -> str:
        return next(self._ids)

    def next_seq(self) -> int:
        return next(self._seq)

    # -- reads -------------------------------------------------------------------------------

    def list_galleries(self, *, skip: int, limit: int, status: str | None) -> list[Gallery]:
        """Live galleries in creation order (the CMS sets no explicit order)."""
        live = [
            g
            for g in self.galleries.values()
            if g.deleted_at is None and (status is None or g.status == status)
        ]
        live.sort(key=lambda g: (g.created_at, g.id))
        return live[skip : skip + limit]

    def gallery(self, gallery_id: str) -> Gallery:
        found = self.galleries.get(gallery_id)
        if found is None or found.deleted_at is not None:
            raise ApiError(404, "Gallery not found")
        return found

    def list_media(self, *, skip: int, limit: int) -> list[Media]:
        return list(self.media.values())[skip : skip + limit]

    def media_item(self, media_id: str) -> Media:
        found = self.media.get(media_id)
        if found is None:
            raise ApiError(404, "Media not found")
        return found

    def media_by_filename(self, filename: str) -> Media | None:
        return next((m for m in self.media.values() if m.filename == filename), None)

    # -- gallery writes ----------------------------------------------------------------------

    def create_gallery(
        self,
        *,
        principal: Principal,
        slug: str,
        status: str,
        cover_image_id: str | None,
        author_id: str | None,
        translations: Sequence[TranslationInput],
    ) -> Gallery:
        self._check_cover(cover_image_id)
        self._check_slug_free(slug, gallery_id=None)
        for item in translations:
            self._language(item.language_id)
        now = self.clock.now()
        gallery = Gallery(
            id=self.new_id(),
            slug=slug,
            status=status,
            cover_image_id=cover_image_id,
            author_id=author_id or principal.user_id,
            created_by=principal.user_id,
            created_at=now,
        )
        for item in translations:
            self._upsert(gallery, item, now)
        self.galleries[gallery.id] = gallery
        return gallery

    def update_gallery(
        self,
        gallery_id: str,
        *,
        slug: str | Unset,
        status: str | Unset,
        cover_image_id: str | None | Unset,
        author_id: str | None | Unset,
    ) -> Gallery:
        gallery = self.gallery(gallery_id)
        if not isinstance(cover_image_id, Unset):
            self._check_cover(cover_image_id)
        if not isinstance(slug, Unset):
            self._check_slug_free(slug, gallery_id=gallery.id)
            gallery.slug = slug
        if not isinstance(status, Unset):
            gallery.status = status
        if not isinstance(cover_image_id, Unset):
            gallery.cover_image_id = cover_image_id
        if not isinstance(author_id, Unset) and author_id is not None:
            gallery.author_id = author_id
        gallery.updated_at = self.clock.now()
        return gallery

    def delete_gallery(self, gallery_id: str) -> None:
        gallery = self.gallery(gallery_id)
        gallery.deleted_at = self.clock.now()

    # -- translations ------------------------------------------------------------------------

    def upsert_translation(self, gallery_id: str, item: TranslationInput) -> Gallery:
        gallery = self.gallery(gallery_id)
        self._language(item.language_id)
        now = self.clock.now()
        self._upsert(gallery, item, now)
        gallery.updated_at = now
        return gallery

    def delete_translation(self, gallery_id: str, language_id: str) -> Gallery:
        gallery = self.gallery(gallery_id)
        found = next((t for t in gallery.translations if t.language_id == language_id), None)
        if found is None:
            raise ApiError(404, "Translation not found")
        gallery.translations.remove(found)
        gallery.updated_at = self.clock.now()
        return gallery

    # -- gallery media -----------------------------------------------------------------------

    def add_media(
        self, gallery_id: str, *, media_id: str, order: int | None, caption: str | None
    ) -> Gallery:
        gallery = self.gallery(gallery_id)
        if media_id not in self.media:
            raise ApiError(404, "Media not found")
        if gallery.placement(media_id) is not None:
            raise ApiError(400, "Media is already in this gallery")
        if not order:  # 0 or absent: append at the end
            order = max((item.order for item in gallery.media), default=-1) + 1
        now = self.clock.now()
        gallery.media.append(
            GalleryMedia(
                gallery_id=gallery.id,
                media_id=media_id,
                order=order,
                caption=caption,
                created_at=now,
                seq=self.next_seq(),
            )
        )
        gallery.updated_at = now
        return gallery

    def update_media(
        self, gallery_id: str, media_id: str, *, order: int | Unset, caption: str | None | Unset
    ) -> Gallery:
        gallery = self.gallery(gallery_id)
        placement = self._placement(gallery, media_id)
        if not isinstance(order, Unset):
            placement.order = order
        if not isinstance(caption, Unset):
            placement.caption = caption
        gallery.updated_at = self.clock.now()
        return gallery

    def remove_media(self, gallery_id: str, media_id: str) -> Gallery:
        gallery = self.gallery(gallery_id)
        gallery.media.remove(self._placement(gallery, media_id))
        gallery.updated_at = self.clock.now()
        return gallery

    def reorder_media(self, gallery_id: str, media_ids: Sequence[str]) -> Gallery:
        gallery = self.gallery(gallery_id)
        current = {item.media_id: item for item in gallery.media}
        if any(media_id not in current for media_id in media_ids):
            raise ApiError(404, "One or more media IDs not found in gallery")
        if set(media_ids) != set(current) or len(media_ids) != len(current):
            raise ApiError(400, "Not all media items included in reorder request")
        for position, media_id in enumerate(media_ids):
            current[media_id].order = position
        gallery.updated_at = self.clock.now()
        return gallery

    # -- rules -------------------------------------------------------------------------------

    def _check_cover(self, cover_image_id: str | None) -> None:
        if cover_image_id is not None and cover_image_id not in self.media:
            raise ApiError(404, "Cover image not found")

    def _check_slug_free(self, slug: str, *, gallery_id: str | None) -> None:
        # Soft-deleted galleries keep their row, and the unique index covers it: their slug
        # stays reserved.
        for other in self.galleries.values():
            if other.slug == slug and other.id != gallery_id:
                raise ApiError(409, "Gallery slug already exists")

    def _language(self, language_id: str) -> Language:
        found = self.languages.get(language_id)
        if found is None:
            raise ApiError(404, "Language not found")
        return found

    @staticmethod
    def _placement(gallery: Gallery, media_id: str) -> GalleryMedia:
        placement = gallery.placement(media_id)
        if placement is None:
            raise ApiError(404, "Media not found in this gallery")
        return placement

    def _upsert(self, gallery: Gallery, item: TranslationInput, now: datetime) -> None:
        existing = next(
            (t for t in gallery.translations if t.language_id == item.language_id), None
        )
        if existing is None:
            gallery.translations.append(
                GalleryTranslation(
                    id=self.new_id(),
                    gallery_id=gallery.id,
                    language_id=item.language_id,
                    title=item.title,
                    description=item.description,
                    meta_title=item.meta_title,
                    meta_description=item.meta_description,
                    created_at=now,
                )
            )
            return
        # PUT replaces the translation's text: fields not sent become null.
        existing.title = item.title
        existing.description = item.description
        existing.meta_title = item.meta_title
        existing.meta_description = item.meta_description
        existing.updated_at = now
