"""Pure, tolerant mapping from Pixieset wire JSON to :mod:`schema.records`.

No I/O and no clock: the date that decides expiry is passed in. Unknown fields are ignored,
ids become strings, and the documented variants are accepted: ``data`` as a list or an
object, ``meta`` with ``total_pages`` or ``last_page``, and both error shapes
(``{"error":{"code","message","details"}}`` and the flat ``{"error","message"}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from adapters.base import CollectionPatch
from adapters.pixieset.wire import (
    ClientWire,
    CollectionUpdateWire,
    CollectionWire,
    GalleryWire,
    MediaWire,
    MetaWire,
)
from schema.records import (
    Access,
    ClientRecord,
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    MediaType,
    PublicationStatus,
    Rendition,
)

__all__ = [
    "SIZE_EDGES",
    "ErrorInfo",
    "client_record",
    "collection_record",
    "collection_status",
    "collection_update_body",
    "error_info",
    "gallery_record",
    "image_record",
    "many",
    "native_id",
    "offset_has_next",
    "one",
    "page_has_next",
    "parse_date",
    "parse_datetime",
    "renditions",
]

ItemT = TypeVar("ItemT")

#: Pixieset's named CDN sizes by longest edge in pixels (as the emulator serves them); a size
#: is never larger than the original.
SIZE_EDGES: Mapping[str, int] = {
    "thumb": 300,
    "small": 600,
    "medium": 1024,
    "large": 1600,
    "xlarge": 2048,
    "xxlarge": 3200,
}

_MIME_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
}


def one(data: ItemT | list[ItemT] | None) -> ItemT | None:
    """The object of a ``{"data": ...}`` envelope; a one-item list is accepted too."""
    if isinstance(data, list):
        return data[0] if data else None
    return data


def many(data: list[ItemT] | ItemT | None) -> list[ItemT]:
    """The items of a list envelope; a lone object is a list of one."""
    if data is None:
        return []
    if isinstance(data, list):
        return data
    return [data]


def native_id(value: object) -> str | None:
    """Ids arrive as numbers (sometimes strings); records carry them as strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """``YYYY-MM-DD``; a timestamp is accepted and cut to its date."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _sum(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def collection_status(
    *, private: bool | None, expires_on: date | None, today: date
) -> PublicationStatus:
    """Expired once the expiry date has passed (a collection is open through that day)."""
    if expires_on is not None and expires_on < today:
        return PublicationStatus.EXPIRED
    return PublicationStatus.HIDDEN if private else PublicationStatus.PUBLISHED


def collection_record(wire: CollectionWire, *, today: date) -> CollectionRecord:
    expires_on = parse_date(wire.get("expiry_date"))
    private = _bool(wire.get("private"))
    photos, videos = _int(wire.get("photo_count")), _int(wire.get("video_count"))
    return CollectionRecord(
        id=native_id(wire.get("id")) or "",
        title=_str(wire.get("name")),
        description=_str(wire.get("description")),
        gallery_count=_int(wire.get("gallery_count")),
        image_count=_sum(photos, videos),
        video_count=videos,
        client_count=_int(wire.get("client_count")),
        access=Access(
            password_protected=_bool(wire.get("password_protected")),
            private=private,
            downloadable=_bool(wire.get("downloadable")),
            expires_on=expires_on,
        ),
        status=collection_status(private=private, expires_on=expires_on, today=today),
        created_at=parse_datetime(wire.get("created_at")),
        updated_at=parse_datetime(wire.get("updated_at")),
    )


def gallery_record(wire: GalleryWire) -> GalleryRecord:
    cover = wire.get("cover_photo")
    cover_id: str | None = None
    cover_url: str | None = None
    if isinstance(cover, str):
        cover_url = cover or None
    elif isinstance(cover, dict):
        cover_id = native_id(cover.get("id"))
        cover_url = _str(cover.get("url"))
    private = _bool(wire.get("private"))
    return GalleryRecord(
        id=native_id(wire.get("id")) or "",
        title=_str(wire.get("name")),
        description=_str(wire.get("description")),
        status=PublicationStatus.HIDDEN if private else PublicationStatus.PUBLISHED,
        collection_id=native_id(wire.get("collection_id")),
        cover_image_id=cover_id,
        cover_url=cover_url,
        image_count=_sum(_int(wire.get("photo_count")), _int(wire.get("video_count"))),
        access=Access(private=private, downloadable=_bool(wire.get("download"))),
        favorites_count=_int(wire.get("favorites_count")),
        created_at=parse_datetime(wire.get("created_at")),
    )


def renditions(
    urls: Mapping[str, object], width: int | None, height: int | None
) -> tuple[Rendition, ...]:
    """The named sizes, smallest first, with dimensions scaled from the original's."""
    found: list[Rendition] = []
    for name, edge in sorted(SIZE_EDGES.items(), key=lambda item: item[1]):
        url = urls.get(name)
        if not isinstance(url, str) or not url:
            continue
        w, h = _scaled(width, height, edge)
        found.append(Rendition(url=url, width=w, height=h, name=name))
    return tuple(found)


def _scaled(width: int | None, height: int | None, edge: int) -> tuple[int | None, int | None]:
    if not width or not height:
        return None, None
    factor = min(1.0, edge / max(width, height))
    return round(width * factor), round(height * factor)


def image_record(wire: MediaWire, *, position: int | None = None) -> ImageRecord:
    kind = wire.get("type")
    media_type = {"photo": MediaType.PHOTO, "video": MediaType.VIDEO}.get(
        kind if isinstance(kind, str) else "photo", MediaType.OTHER
    )
    width, height = _int(wire.get("width")), _int(wire.get("height"))
    raw_urls = wire.get("urls")
    urls: Mapping[str, object] = raw_urls if isinstance(raw_urls, dict) else {}
    original = _str(urls.get("original"))
    sizes = renditions(urls, width, height)
    if original is not None and media_type is MediaType.PHOTO:
        # The original is a rendition too: the one to pick when nothing smaller is wide enough.
        sizes += (Rendition(url=original, width=width, height=height, name="original"),)
    filename = _str(wire.get("name"))
    extension = filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    return ImageRecord(
        id=native_id(wire.get("id")) or "",
        title=filename,
        position=position,
        gallery_id=native_id(wire.get("gallery_id")),
        width=width,
        height=height,
        media_type=media_type,
        mime_type=_MIME_TYPES.get(extension),
        filename=filename,
        original_url=original,
        renditions=sizes,
        favorites_count=_int(wire.get("favorites_count")),
        download_count=_int(wire.get("download_count")),
        created_at=parse_datetime(wire.get("created_at")),
    )


def client_record(wire: ClientWire) -> ClientRecord:
    return ClientRecord(
        id=native_id(wire.get("id")) or "",
        name=_str(wire.get("name")),
        email=_str(wire.get("email")),
        access_level=_str(wire.get("access_level")),
        last_accessed=parse_datetime(wire.get("last_accessed")),
        favorites_count=_int(wire.get("favorites_count")),
    )


def page_has_next(meta: MetaWire | None, *, page: int, count: int, per_page: int) -> bool:
    """Whether a page/per_page list goes on after ``page``, whichever ``meta`` style it uses."""
    if meta:
        pages = _int(meta.get("total_pages"))
        if pages is None:
            pages = _int(meta.get("last_page"))
        if pages is not None:
            return page < pages
        total = _int(meta.get("total"))
        if total is not None:
            return page * per_page < total
    return count >= per_page


def offset_has_next(meta: MetaWire | None, *, offset: int, count: int, limit: int) -> bool:
    """Whether a limit/offset list goes on after ``offset + count``."""
    total = _int(meta.get("total")) if meta else None
    if total is not None:
        return offset + count < total
    return count >= limit


#: Pixieset's request fields -> the GraphQL input fields of ``updateCollection`` they come
#: from, so an error names the field the caller sent. Others pass unchanged.
_INPUT_FIELDS = {"name": "title", "expiry_date": "expiresOn"}


@dataclass(frozen=True)
class ErrorInfo:
    """What an error body says, from either documented shape."""

    message: str
    code: str | None = None
    field: str | None = None


def error_info(body: object, *, fallback: str) -> ErrorInfo:
    """Read ``{"error":{"code","message","details"}}`` or ``{"error","message"}``."""
    if not isinstance(body, dict):
        return ErrorInfo(message=fallback)
    error = body.get("error")
    if isinstance(error, dict):
        details = error.get("details")
        field = next(iter(details), None) if isinstance(details, dict) and details else None
        return ErrorInfo(
            message=_str(error.get("message")) or fallback,
            code=_str(error.get("code")),
            field=_INPUT_FIELDS.get(field, field) if isinstance(field, str) else None,
        )
    message = _str(body.get("message")) or (_str(error) or fallback)
    return ErrorInfo(message=message, code=_str(error))


def collection_update_body(patch: CollectionPatch) -> CollectionUpdateWire:
    """The ``PUT /collections/{id}`` body: only the fields the patch changes."""
    body: CollectionUpdateWire = {}
    if patch.title is not None:
        body["name"] = patch.title
    if patch.description is not None:
        body["description"] = patch.description
    if patch.private is not None:
        body["private"] = patch.private
    if patch.downloadable is not None:
        body["downloadable"] = patch.downloadable
    if patch.clear_expiry:
        body["expiry_date"] = None
    elif patch.expires_on is not None:
        body["expiry_date"] = patch.expires_on.isoformat()
    return body
