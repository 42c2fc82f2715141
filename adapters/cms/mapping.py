"""Pure functions from CMS wire JSON to records, and from records to request bodies.

No I/O, no clock. Tolerant: unknown fields are ignored, optional ones may be missing or null,
an unknown status maps to None, and media without a nested summary still become images.

Choices:

* A gallery's ``title``/``description`` come from its translation in the *main language*: the
  ``default_language`` option if set, else the language the CMS marks ``is_default``; without
  one, the first translation in the languages table's order.
* Translations name languages by UUID; records carry the language *code* (``en``). A
  translation whose language is not in the table is left out.
* An image's ``position`` is its 0-based index in the gallery (the CMS ``order`` may have gaps
  and ties); ``original_url`` is the media base URL + ``/`` + the media ``path``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from adapters.cms import wire
from adapters.cms.ids import COLLECTION_ID, image_id
from schema.records import (
    GalleryRecord,
    ImageRecord,
    MediaType,
    PublicationStatus,
    Translation,
)

__all__ = [
    "LanguageTable",
    "field_for_detail",
    "field_for_loc",
    "gallery_images",
    "gallery_media_ids",
    "gallery_record",
    "gallery_summary",
    "language_table",
    "media_image",
    "media_type",
    "media_url",
    "moved",
    "parse_datetime",
    "slug_for",
    "status_from_wire",
    "status_to_wire",
    "translation_body",
    "unknown_language_ids",
]

_STATUSES = {
    "draft": PublicationStatus.DRAFT,
    "published": PublicationStatus.PUBLISHED,
    "archived": PublicationStatus.ARCHIVED,
}

# Backend field names (``loc``) -> the gateway's input field names.
_FIELDS = {
    "slug": "slug",
    "status": "status",
    "cover_image_id": "coverImageId",
    "author_id": "authorId",
    "media_id": "imageId",
    "media_ids": "imageIds",
    "order": "position",
    "caption": "caption",
    "language_id": "language",
    "title": "title",
    "description": "description",
    "meta_title": "metaTitle",
    "meta_description": "metaDescription",
    "gallery_id": "galleryId",
    "translations": "translations",
    "skip": "after",
    "limit": "first",
}

# Documented ``detail`` messages -> the input field at fault.
_DETAIL_FIELDS = {
    "cover image not found": "coverImageId",
    "gallery slug already exists": "slug",
    "media not found": "imageId",
    "media is already in this gallery": "imageId",
    "media not found in this gallery": "imageId",
    "language not found": "language",
    "translation not found": "language",
    "not all media items included in reorder request": "imageIds",
    "one or more media ids not found in gallery": "imageIds",
}


@dataclass(frozen=True)
class LanguageTable:
    """The CMS languages: UUID <-> code, in the table's order, and the default's code."""

    codes: Mapping[str, str]  # language id -> code
    default_code: str | None = None

    def code_for(self, language_id: str) -> str | None:
        return self.codes.get(language_id.lower())

    def id_for(self, code: str) -> str | None:
        wanted = code.lower()
        return next((i for i, c in self.codes.items() if c.lower() == wanted), None)

    def main_code(self, preferred: str | None) -> str | None:
        return preferred or self.default_code


def language_table(languages: Sequence[wire.Language]) -> LanguageTable:
    codes = {lang["id"].lower(): lang["code"] for lang in languages}
    default = next((lang["code"] for lang in languages if lang.get("is_default")), None)
    return LanguageTable(codes=codes, default_code=default)


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601 (``Z`` or an offset); None for null or anything unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def status_from_wire(value: str | None) -> PublicationStatus | None:
    return _STATUSES.get((value or "").lower())


def status_to_wire(status: PublicationStatus) -> str | None:
    """The CMS status for ``status``; None when the CMS has no such state (e.g. SCHEDULED)."""
    return next((name for name, known in _STATUSES.items() if known is status), None)


def media_type(mime_type: str | None) -> MediaType:
    kind = (mime_type or "").split("/", 1)[0].lower()
    if kind == "image":
        return MediaType.PHOTO
    if kind == "video":
        return MediaType.VIDEO
    return MediaType.OTHER


def media_url(media_base: str, path: str | None) -> str | None:
    """Where an uploaded file is served: ``{media_base}/{path}`` (an absolute path kept as is)."""
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        return path
    return f"{media_base.rstrip('/')}/{path.lstrip('/')}"


def gallery_summary(item: wire.GallerySummary) -> GalleryRecord:
    """A list row: only id, slug and status, so the record is marked incomplete."""
    return GalleryRecord(
        id=item["id"],
        slug=item.get("slug"),
        status=status_from_wire(item.get("status")),
        collection_id=COLLECTION_ID,
        complete=False,
    )


def _ordered_media(gallery: wire.GalleryResponse) -> list[wire.GalleryMediaItem]:
    items = list(gallery.get("gallery_media") or [])
    # The CMS lists media by order; sort stably anyway, keeping its order for ties and gaps.
    return sorted(items, key=lambda item: o if isinstance(o := item.get("order"), int) else 0)


def gallery_media_ids(gallery: wire.GalleryResponse) -> list[str]:
    """The gallery's media ids in order."""
    return [item["media_id"].lower() for item in _ordered_media(gallery)]


def media_image(
    media: wire.MediaSummary,
    media_base: str,
    *,
    native_id: str | None = None,
    gallery_id: str | None = None,
    caption: str | None = None,
    position: int | None = None,
) -> ImageRecord:
    """An image from a MediaSummary; without ``native_id`` it is a library item (bare id)."""
    mime = media.get("mime_type")
    return ImageRecord(
        id=native_id or media["id"].lower(),
        alt_text=media.get("alt_text"),
        caption=caption,
        position=position,
        gallery_id=gallery_id,
        media_type=media_type(mime),
        mime_type=mime,
        filename=media.get("original_filename") or media.get("filename"),
        original_url=media_url(media_base, media.get("path")),
    )


def gallery_images(gallery: wire.GalleryResponse, media_base: str) -> tuple[ImageRecord, ...]:
    gallery_id = gallery["id"].lower()
    images: list[ImageRecord] = []
    for position, item in enumerate(_ordered_media(gallery)):
        media_id = item["media_id"].lower()
        media = item.get("media") or wire.MediaSummary(id=media_id)
        images.append(
            media_image(
                media,
                media_base,
                native_id=image_id(gallery_id, media_id),
                gallery_id=gallery_id,
                caption=item.get("caption"),
                position=position,
            )
        )
    return tuple(images)


def unknown_language_ids(gallery: wire.GalleryResponse, languages: LanguageTable) -> set[str]:
    """Language ids the gallery's translations use that the table does not know."""
    return {
        t["language_id"]
        for t in gallery.get("translations") or []
        if languages.code_for(t["language_id"]) is None
    }


def _translations(
    gallery: wire.GalleryResponse, languages: LanguageTable
) -> tuple[Translation, ...]:
    found: list[Translation] = []
    for item in gallery.get("translations") or []:
        code = languages.code_for(item["language_id"])
        if code is None:
            continue
        found.append(
            Translation(
                language=code,
                title=item.get("title"),
                description=item.get("description"),
                meta_title=item.get("meta_title"),
                meta_description=item.get("meta_description"),
            )
        )
    order = list(languages.codes.values())
    return tuple(sorted(found, key=lambda t: order.index(t.language)))


def gallery_record(
    gallery: wire.GalleryResponse,
    *,
    languages: LanguageTable,
    media_base: str,
    preferred_language: str | None = None,
) -> GalleryRecord:
    """The full record of a GalleryResponse, with its images embedded in gallery order."""
    gallery_id = gallery["id"].lower()
    translations = _translations(gallery, languages)
    main_code = languages.main_code(preferred_language)
    main = next((t for t in translations if t.language == main_code), None)
    if main is None and translations:
        main = translations[0]
    images = gallery_images(gallery, media_base)
    cover_id = gallery.get("cover_image_id")
    cover = gallery.get("cover_image")
    cover_image_id: str | None = None
    if cover_id:
        in_gallery = cover_id.lower() in gallery_media_ids(gallery)
        cover_image_id = image_id(gallery_id, cover_id.lower()) if in_gallery else cover_id.lower()
    return GalleryRecord(
        id=gallery_id,
        title=None if main is None else main.title,
        description=None if main is None else main.description,
        slug=gallery.get("slug"),
        status=status_from_wire(gallery.get("status")),
        collection_id=COLLECTION_ID,
        cover_image_id=cover_image_id,
        cover_url=None if cover is None else media_url(media_base, cover.get("path")),
        image_count=len(images),
        translations=translations,
        images=images,
        created_at=parse_datetime(gallery.get("created_at")),
        updated_at=parse_datetime(gallery.get("updated_at")),
    )


def translation_body(
    language_id: str,
    *,
    title: str | None,
    description: str | None = None,
    meta_title: str | None = None,
    meta_description: str | None = None,
) -> wire.TranslationBody:
    """A translation upsert body with only the fields that have a value."""
    body = wire.TranslationBody(language_id=language_id)
    if title is not None:
        body["title"] = title
    if description is not None:
        body["description"] = description
    if meta_title is not None:
        body["meta_title"] = meta_title
    if meta_description is not None:
        body["meta_description"] = meta_description
    return body


def field_for_loc(loc: Sequence[str | int]) -> str | None:
    """The input field a FastAPI ``loc`` names: ``["body", "cover_image_id"]`` -> coverImageId."""
    names = [part for part in loc[1:] if isinstance(part, str)]
    if not names:
        return None
    name = names[-1]
    if name in _FIELDS:
        return _FIELDS[name]
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def field_for_detail(detail: str) -> str | None:
    """The input field a documented ``detail`` message is about, if any."""
    return _DETAIL_FIELDS.get(detail.strip().rstrip(".").lower())


def slug_for(title: str) -> str:
    """A URL slug from a title: ``"Été à Paris!"`` -> ``"ete-a-paris"``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:255]


def moved(media_ids: Sequence[str], media_id: str, position: int) -> list[str]:
    """``media_ids`` with ``media_id`` moved to ``position`` (clamped to the end)."""
    rest = [m for m in media_ids if m != media_id]
    rest.insert(min(position, len(rest)), media_id)
    return rest
