"""The JSON the emulated backend sends: one function per object shape.

Shapes documented by the seed (collection detail, galleries list entries, clients) follow it
field for field; the others are this emulator's choices, listed in the package docstring.
No payload includes a password, only ``password_protected``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.pixieset.emulator.state import Collection, Gallery, Media, Studio

__all__ = [
    "CDN",
    "COVER_SIZES",
    "SIZES",
    "VIDEO_CDN",
    "collection_edit_payload",
    "collection_payload",
    "gallery_payload",
    "media_payload",
    "media_urls",
    "page_meta",
    "stamp",
]

CDN = "https://images.pixieset.com"
VIDEO_CDN = "https://videos.pixieset.com"
#: Named sizes the CDN serves, by longest edge in pixels (never larger than the original).
SIZES = {
    "thumb": 300,
    "small": 600,
    "medium": 1024,
    "large": 1600,
    "xlarge": 2048,
    "xxlarge": 3200,
}


def stamp(value: datetime | None) -> str | None:
    """Timestamps as Laravel sends them: ISO 8601 in UTC with a ``Z``."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def collection_payload(studio: Studio, collection: Collection) -> dict[str, Any]:
    galleries = studio.galleries_of(collection)
    media = [studio.media[m] for g in galleries for m in g.media_ids]
    return {
        "id": collection.id,
        "name": collection.name,
        "description": collection.description,
        "slug": collection.slug,
        "event_date": _day(collection.event_date),
        "gallery_count": len(galleries),
        "photo_count": sum(1 for m in media if m.kind == "photo"),
        "video_count": sum(1 for m in media if m.kind == "video"),
        "password_protected": collection.password is not None,
        "private": collection.private,
        "downloadable": collection.downloadable,
        "expiry_date": _day(collection.expiry_date),
        "client_count": len(collection.clients),
        "favorites_count": len(collection.favorites),
        "created_at": stamp(collection.created_at),
        "updated_at": stamp(collection.updated_at),
    }


def collection_edit_payload(collection: Collection) -> dict[str, Any]:
    return {
        "id": collection.id,
        "name": collection.name,
        "description": collection.description,
        "slug": collection.slug,
        "private": collection.private,
        "password_protected": collection.password is not None,
        "downloadable": collection.downloadable,
        "expiry_date": _day(collection.expiry_date),
        "tags": collection.tags,
        "distinct_tags": sorted(set(collection.tags)),
        "expiry_reminders": [
            {"days_before": 7, "enabled": collection.expiry_date is not None},
            {"days_before": 1, "enabled": False},
        ],
        "message_languages": ["en"],
        "watermark": {"enabled": collection.watermark, "position": "bottom-right", "scale": 20},
        "download_settings": {
            "photos": collection.downloadable,
            "videos": False,
            "sizes": ["original", "web"],
            "pin_required": False,
        },
    }


#: The size a gallery's ``cover_photo`` URL prefers, then the next smaller ones it may fall to.
COVER_SIZES = ("medium", "small", "thumb", "original")


def media_urls(gallery: Gallery, media: Media) -> dict[str, str]:
    """``urls`` of a media object: the named sizes smaller than the original, then ``original``."""
    longest = max(media.width, media.height)
    base = f"{CDN}/{gallery.key}/{media.key}"
    urls = {name: f"{base}-{name}.jpg" for name, edge in SIZES.items() if edge < longest}
    if media.kind == "video":
        urls["original"] = f"{VIDEO_CDN}/{gallery.key}/{media.key}.{media.name.rsplit('.', 1)[1]}"
    else:
        urls["original"] = f"{base}-original.jpg"
    return urls


def media_payload(studio: Studio, media: Media) -> dict[str, Any]:
    collection = studio.collection_of_media(media)
    urls = media_urls(studio.galleries[media.gallery_id], media)
    payload: dict[str, Any] = {
        "id": media.id,
        "gallery_id": media.gallery_id,
        "collection_id": collection.id,
        "name": media.name,
        "type": media.kind,
        "width": media.width,
        "height": media.height,
        "size": media.size,
        "urls": urls,
        "starred": media.starred,
        "favorites_count": studio.favorites_by_photo(collection)[media.id],
        "download_count": studio.downloads_by_photo(collection)[media.id],
        "created_at": stamp(media.created_at),
    }
    if media.duration is not None:
        payload["duration"] = media.duration
    return payload


def gallery_payload(studio: Studio, gallery: Gallery) -> dict[str, Any]:
    collection = studio.collections[gallery.collection_id]
    media = studio.media_of(gallery)
    favorites = studio.favorites_by_photo(collection)
    cover = next((m for m in media if m.kind == "photo"), None)
    cover_url = None
    if cover is not None:
        # Only a URL the photo's own ``urls`` has: a small photo has no ``medium``.
        urls = media_urls(gallery, cover)
        cover_url = next(urls[size] for size in COVER_SIZES if size in urls)
    return {
        "id": gallery.id,
        "collection_id": gallery.collection_id,
        "name": gallery.name,
        "description": gallery.description,
        "photo_count": sum(1 for m in media if m.kind == "photo"),
        "video_count": sum(1 for m in media if m.kind == "video"),
        "private": gallery.private,
        "download": gallery.download,
        "favorites_count": sum(favorites[m.id] for m in media),
        "cover_photo": None if cover is None else {"id": cover.id, "url": cover_url},
        "created_at": stamp(gallery.created_at),
    }


def page_meta(*, page: int, per_page: int, total: int, last_page_style: bool) -> dict[str, Any]:
    """``meta`` of a page/per_page list, in one of the two styles the docs show."""
    pages = max(1, -(-total // per_page))
    meta: dict[str, Any] = {"current_page": page, "per_page": per_page, "total": total}
    if last_page_style:
        first = (page - 1) * per_page + 1
        meta["last_page"] = pages
        meta["from"] = first if first <= total else None
        meta["to"] = min(total, page * per_page) if first <= total else None
    else:
        meta["total_pages"] = pages
    return meta
