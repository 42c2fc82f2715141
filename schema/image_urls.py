"""Derivative image URLs: the one place that turns an ImageRecord into a URL at a size.

Pure: no I/O. Backends differ: IIIF images carry an Image API service (any size, within the
service's rules), DPG and Pixieset images carry fixed renditions, CMS images only an original.
"""

from __future__ import annotations

from schema.records import ImageRecord, Rendition

__all__ = ["image_url"]


def image_url(image: ImageRecord, width: int | None, height: int | None) -> str | None:
    """The best URL for ``image`` at ``width`` x ``height`` (either may be None)."""
    if image.renditions:
        return _pick_rendition(image.renditions, width).url
    return image.original_url


def _pick_rendition(renditions: tuple[Rendition, ...], width: int | None) -> Rendition:
    """The smallest rendition at least ``width`` wide, else the largest."""
    by_width = sorted(renditions, key=lambda r: r.width or 0)
    if width is None:
        return by_width[-1]
    for rendition in by_width:
        if (rendition.width or 0) >= width:
            return rendition
    return by_width[-1]
