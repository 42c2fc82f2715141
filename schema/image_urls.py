"""Derivative image URLs: the one place that turns an ImageRecord into a URL at a size.

Pure: no I/O. Backends differ: IIIF images carry an Image API service (any size, within the
service's rules), DPG and Pixieset images carry fixed renditions, CMS images only an original.

Rules, in order:

1. A IIIF Image API service (:class:`ImageService`):

   * level 1 or 2: ``{base}/full/{w},/0/default.jpg`` for a width, ``{base}/full/,{h}/0/...``
     for a height, ``{base}/full/!{w},{h}/0/...`` (best fit) for both, and with no size
     ``full`` (v2) or ``max`` (v3). Sizes are capped at ``maxWidth``/``maxHeight``, at
     ``maxArea`` given the aspect ratio, and (v3, which does not upscale without ``^``) at the
     source size.
   * level 0: only the listed ``sizes`` are guaranteed: the smallest listed size at least that
     wide (and high) else the largest, as ``{base}/full/{w},{h}/0/default.jpg``; with no sizes
     listed, the full image (``full``/``max``), which level 0 always serves.

2. Ready-made renditions (DPG versions, Pixieset sizes): the smallest at least that wide, else
   the largest.
3. Else the original's own URL.
"""

from __future__ import annotations

import math

from schema.records import ImageRecord, ImageService, Rendition

__all__ = ["image_url", "service_url"]


def image_url(image: ImageRecord, width: int | None, height: int | None) -> str | None:
    """The best URL for ``image`` at ``width`` x ``height`` (either may be None)."""
    if image.service is not None:
        return service_url(image.service, width, height)
    if image.renditions:
        return _pick_rendition(image.renditions, width).url
    return image.original_url


def service_url(service: ImageService, width: int | None, height: int | None) -> str:
    """A IIIF Image API URL for ``service`` at the requested size (see the module docstring)."""
    if service.level == 0:
        size = _level0_size(service, width, height)
    else:
        size = _size(service, width, height)
    return f"{service.base}/full/{size}/0/default.jpg"


def _full(service: ImageService) -> str:
    return "max" if service.version >= 3 else "full"


def _level0_size(service: ImageService, width: int | None, height: int | None) -> str:
    if not service.sizes:
        return _full(service)
    by_width = sorted(service.sizes)
    chosen = by_width[-1]
    if width is not None or height is not None:
        for w, h in by_width:
            if w >= (width or 0) and h >= (height or 0):
                chosen = (w, h)
                break
    return f"{chosen[0]},{chosen[1]}"


def _cap_width(service: ImageService, width: int) -> int:
    """The largest width up to ``width`` that the service will serve."""
    w, h = service.width, service.height
    if service.version >= 3 and w:
        width = min(width, w)
    if service.max_width:
        width = min(width, service.max_width)
    if service.max_height and w and h:
        width = min(width, math.floor(service.max_height * w / h))
    if service.max_area and w and h:
        width = min(width, math.floor(math.sqrt(service.max_area * w / h)))
        while width > 1 and width * math.ceil(width * h / w) > service.max_area:
            width -= 1
    return max(width, 1)


def _cap_height(service: ImageService, height: int) -> int:
    w, h = service.width, service.height
    if service.version >= 3 and h:
        height = min(height, h)
    if service.max_height:
        height = min(height, service.max_height)
    if service.max_width and w and h:
        height = min(height, math.floor(service.max_width * h / w))
    if service.max_area and w and h:
        height = min(height, math.floor(math.sqrt(service.max_area * h / w)))
        while height > 1 and height * math.ceil(height * w / h) > service.max_area:
            height -= 1
    return max(height, 1)


def _size(service: ImageService, width: int | None, height: int | None) -> str:
    if width is None and height is None:
        return _full(service)
    if height is None:
        assert width is not None
        return f"{_cap_width(service, width)},"
    if width is None:
        return f",{_cap_height(service, height)}"
    w, h = service.width, service.height
    if w and h:
        # Cap the box at the size the best fit would really come out at, so the URL asks for
        # what the server will serve.
        scale = min(width / w, height / h)
        fit_width = _cap_width(service, max(1, math.floor(w * scale)))
        if fit_width < math.floor(w * scale):
            return f"!{fit_width},{max(1, math.floor(fit_width * h / w))}"
        return f"!{width},{height}"
    if service.max_width:
        width = min(width, service.max_width)
    if service.max_height:
        height = min(height, service.max_height)
    return f"!{width},{height}"


def _pick_rendition(renditions: tuple[Rendition, ...], width: int | None) -> Rendition:
    """The smallest rendition at least ``width`` wide, else the largest."""
    by_width = sorted(renditions, key=lambda r: r.width or 0)
    if width is None:
        return by_width[-1]
    for rendition in by_width:
        if (rendition.width or 0) >= width:
            return rendition
    return by_width[-1]
