"""Native ids of the CMS kind: the synthetic collection, UUIDs, and image ids.

The CMS has no image object of its own: an image is a media item *placed in a gallery* (with
a caption and an order there). An image's native id therefore names both:
``"<gallery uuid>:<media uuid>"``. A bare ``"<media uuid>"`` names a library item outside any
gallery (a gallery's cover may be one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["COLLECTION_ID", "ImageRef", "image_id", "is_uuid", "parse_image_id"]

#: The one collection of every CMS source: all of its galleries.
COLLECTION_ID = "all"

_SEPARATOR = ":"
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid(value: str) -> bool:
    """Whether ``value`` is a hyphenated UUID, the only id form the CMS hands out."""
    return bool(_UUID.match(value))


@dataclass(frozen=True)
class ImageRef:
    media_id: str
    gallery_id: str | None = None


def image_id(gallery_id: str, media_id: str) -> str:
    return f"{gallery_id}{_SEPARATOR}{media_id}"


def parse_image_id(value: str) -> ImageRef:
    """Read an image id; raises ``ValueError`` for anything this kind could not have made."""
    gallery_id, separator, media_id = value.rpartition(_SEPARATOR)
    if not separator:
        gallery_id, media_id = "", value
    if not is_uuid(media_id) or (separator and not is_uuid(gallery_id)):
        raise ValueError(f"not a CMS image id: {value!r}")
    return ImageRef(media_id=media_id.lower(), gallery_id=gallery_id.lower() or None)
