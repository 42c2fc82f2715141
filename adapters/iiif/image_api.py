"""IIIF Image API 2 and 3: reading service blocks and ``info.json`` into :class:`ImageService`.

Pure functions, shared by the plain IIIF reader and the Glycerine adapter; their names are
stable:

* :func:`service_base` strips a trailing ``/info.json`` and ``/`` from a service id.
* :func:`service_version` and :func:`service_level` read the version (2 or 3) and the
  compliance level (0, 1 or 2) from ``type``/``@type``, ``@context`` and ``profile``.
* :func:`parse_service` reads one service block (as embedded in a manifest, or a whole
  ``info.json``); :func:`first_image_service` picks the first Image API service from the
  ``service`` value of a resource (an object or a list, v2 or v3 spelling).
* :func:`read_info_json` reads an ``info.json`` document (raises ``ValueError`` when it is not
  one); :func:`info_json_url` is where a service's ``info.json`` lives.
* :func:`service_from_base` builds a service from a known base URL and version (Glycerine's
  ``iiif_url`` + ``api_version``).

Values the documents leave out stay ``None``: an unknown version is guessed as 2 only when the
block is otherwise recognisably an Image API service (``@context``/profile/type missing but the
caller says it is one); an unknown level is 0, the only level every server supports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from schema.records import ImageService

__all__ = [
    "first_image_service",
    "info_json_url",
    "parse_service",
    "read_info_json",
    "service_base",
    "service_from_base",
    "service_level",
    "service_version",
]

_V2_MARKERS = ("iiif.io/api/image/2", "ImageService2")
_V3_MARKERS = ("iiif.io/api/image/3", "ImageService3")
_IMAGE_TYPES = frozenset({"ImageService1", "ImageService2", "ImageService3", "iiif:ImageProfile"})


def service_base(service_id: str) -> str:
    """The service id without a trailing ``/info.json`` or ``/``."""
    base = service_id.strip()
    if base.endswith("/info.json"):
        base = base[: -len("/info.json")]
    return base.rstrip("/")


def info_json_url(service: ImageService) -> str:
    return f"{service.base}/info.json"


def _strings(value: object) -> list[str]:
    """Every string in ``value`` (a string or a list holding strings and objects)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        return [item for item in value if isinstance(item, str)]
    return []


def _identity(block: Mapping[str, object]) -> str | None:
    for key in ("id", "@id"):
        value = block.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def service_version(block: Mapping[str, object]) -> int | None:
    """2 or 3 from ``type``/``@type``, ``@context`` or the profile URI; None if unknown."""
    hints = (
        _strings(block.get("type"))
        + _strings(block.get("@type"))
        + _strings(block.get("@context"))
        + _strings(block.get("profile"))
    )
    if any(marker in hint for hint in hints for marker in _V3_MARKERS):
        return 3
    if any(marker in hint for hint in hints for marker in _V2_MARKERS):
        return 2
    if "ImageService1" in hints or any("iiif.io/api/image/1" in hint for hint in hints):
        return 2  # Image API 1.1 URLs follow the same {base}/full/{w},/0/default pattern
    return None


def service_level(block: Mapping[str, object]) -> int:
    """0, 1 or 2 from ``profile``: ``level2``, ``.../level2.json`` or a v2 profile list."""
    for hint in _strings(block.get("profile")):
        tail = hint.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
        for level in (2, 1, 0):
            if tail in (f"level{level}", f"level{level}.json") or tail.endswith(f"level{level}"):
                return level
    return 0


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, float) and value > 0 and value.is_integer():
        return int(value)
    return None


def _limits(block: Mapping[str, object]) -> tuple[int | None, int | None, int | None]:
    """maxWidth/maxHeight/maxArea: top level (v3) or inside a v2 profile list object."""
    sources: list[Mapping[str, object]] = [block]
    profile = block.get("profile")
    if isinstance(profile, Sequence) and not isinstance(profile, str):
        sources += [item for item in profile if isinstance(item, Mapping)]
    found: dict[str, int] = {}
    for source in sources:
        for key in ("maxWidth", "maxHeight", "maxArea"):
            number = _int(source.get(key))
            if number is not None and key not in found:
                found[key] = number
    return found.get("maxWidth"), found.get("maxHeight"), found.get("maxArea")


def _sizes(value: object) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        return ()
    sizes: list[tuple[int, int]] = []
    for item in value:
        if isinstance(item, Mapping):
            width, height = _int(item.get("width")), _int(item.get("height"))
            if width is not None and height is not None:
                sizes.append((width, height))
    return tuple(sorted(set(sizes)))


def parse_service(
    block: Mapping[str, object],
    *,
    width: int | None = None,
    height: int | None = None,
    assume_version: int | None = None,
) -> ImageService | None:
    """An :class:`ImageService` from one service block, or None if it is not an image service.

    ``width``/``height`` (the image's full size, e.g. from the painting body) are used when the
    block does not carry its own. ``assume_version`` applies when the block has no version hint.
    """
    service_id = _identity(block)
    if service_id is None:
        return None
    version = service_version(block) or assume_version
    if version is None:
        return None
    max_width, max_height, max_area = _limits(block)
    return ImageService(
        base=service_base(service_id),
        version=version,
        level=service_level(block),
        width=_int(block.get("width")) or width,
        height=_int(block.get("height")) or height,
        max_width=max_width,
        max_height=max_height,
        max_area=max_area,
        sizes=_sizes(block.get("sizes")),
    )


def first_image_service(
    value: object, *, width: int | None = None, height: int | None = None
) -> ImageService | None:
    """The first Image API service in a ``service`` value (one object or a list of them)."""
    blocks: list[object] = [value] if isinstance(value, Mapping) else []
    if isinstance(value, Sequence) and not isinstance(value, str):
        blocks = list(value)
    for block in blocks:
        if isinstance(block, Mapping):
            service = parse_service(block, width=width, height=height)
            if service is not None:
                return service
    return None


def read_info_json(document: Mapping[str, object]) -> ImageService:
    """An ``info.json`` (Image API 2 or 3) as an :class:`ImageService`.

    Raises ``ValueError`` when the document is not an Image API description.
    """
    service = parse_service(document)
    if service is None or "protocol" not in document and "@context" not in document:
        raise ValueError("not a IIIF Image API info.json")
    return service


def service_from_base(
    base: str,
    version: int | str,
    *,
    level: int = 1,
    width: int | None = None,
    height: int | None = None,
) -> ImageService:
    """A service from a known base URL and version (``2``, ``3``, ``"v2"``, ``"v3"``).

    For backends that name the service but give no profile (Glycerine's ``iiif_url``): level 1
    is assumed (``w,`` sizes), which every level 1 and 2 server answers.
    """
    number = int(str(version).lower().removeprefix("v").split(".")[0])
    return ImageService(
        base=service_base(base),
        version=3 if number >= 3 else 2,
        level=level,
        width=width,
        height=height,
    )
