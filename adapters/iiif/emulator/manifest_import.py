"""The emulator's own reading of a IIIF manifest for ``POST /collections/{id}/import/manifest``.

The emulator plays the server, so it does not use the gateway's IIIF reader. It understands
Presentation 2.1 (``sequences[0].canvases[].images[0].resource``) and 3.0
(``items[].items[0].items[0].body``, first item of a ``Choice``), reads ``id``/``@id`` and
``type``/``@type``, and takes each canvas's first image service (Image API 2 or 3). A canvas
without a service becomes an ``image``-type image whose ``uri`` is the resource itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ImportedCanvas", "ImportedManifest", "ManifestError", "read_manifest"]


class ManifestError(ValueError):
    """The document is not a manifest the importer can use (the message is shown to users)."""


@dataclass(frozen=True)
class ImportedCanvas:
    label: str
    image_url: str
    width: int | None
    height: int | None
    format: str | None
    service_base: str | None
    api_version: Literal["v2", "v3"] | None


@dataclass(frozen=True)
class ImportedManifest:
    label: str
    summary: str | None
    attribution: str | None
    canvases: tuple[ImportedCanvas, ...]


def read_manifest(document: object) -> ImportedManifest:
    if not isinstance(document, dict):
        raise ManifestError("The manifest is not a JSON object.")
    kind = str(document.get("type") or document.get("@type") or "")
    if kind not in ("Manifest", "sc:Manifest"):
        raise ManifestError("The document is not a IIIF manifest.")
    if "sequences" in document:
        raw_canvases = _list(_first(_list(document.get("sequences"))).get("canvases"))
        canvases = [_canvas_v2(c, i) for i, c in enumerate(raw_canvases)]
        summary = _text(document.get("description"))
    else:
        canvases = [_canvas_v3(c, i) for i, c in enumerate(_list(document.get("items")))]
        summary = _text(document.get("summary"))
    found = tuple(c for c in canvases if c is not None)
    if not found:
        raise ManifestError("The manifest does not contain any image.")
    attribution = _text(document.get("attribution"))
    statement = document.get("requiredStatement")
    if attribution is None and isinstance(statement, dict):
        attribution = _text(statement.get("value"))
    return ImportedManifest(
        label=_text(document.get("label")) or "Imported manifest",
        summary=summary,
        attribution=attribution,
        canvases=found,
    )


def _canvas_v2(canvas: object, index: int) -> ImportedCanvas | None:
    if not isinstance(canvas, dict):
        return None
    resource = _first(_list(canvas.get("images"))).get("resource")
    return _canvas(canvas, resource, index)


def _canvas_v3(canvas: object, index: int) -> ImportedCanvas | None:
    if not isinstance(canvas, dict):
        return None
    page = _first(_list(canvas.get("items")))
    body = _first(_list(page.get("items"))).get("body")
    if isinstance(body, list):
        body = body[0] if body else None
    if isinstance(body, dict) and body.get("type") == "Choice":
        body = _first(_list(body.get("items")))
    return _canvas(canvas, body, index)


def _canvas(canvas: dict[str, Any], resource: object, index: int) -> ImportedCanvas | None:
    if not isinstance(resource, dict):
        return None
    image_url = _id(resource)
    if image_url is None:
        return None
    service = _image_service(resource.get("service"))
    base, version = service if service is not None else (None, None)
    return ImportedCanvas(
        label=_text(canvas.get("label")) or f"Canvas {index + 1}",
        image_url=image_url,
        width=_int(resource.get("width")) or _int(canvas.get("width")),
        height=_int(resource.get("height")) or _int(canvas.get("height")),
        format=resource.get("format") if isinstance(resource.get("format"), str) else None,
        service_base=base,
        api_version=version,
    )


def _image_service(value: object) -> tuple[str, Literal["v2", "v3"]] | None:
    for entry in _list(value):
        if not isinstance(entry, dict):
            continue
        base = _id(entry)
        if base is None:
            continue
        base = base.removesuffix("/info.json").rstrip("/")
        marker = " ".join(
            str(entry.get(key, "")) for key in ("type", "@type", "@context", "profile")
        )
        if "ImageService3" in marker or "/image/3" in marker:
            return base, "v3"
        if "ImageService2" in marker or "/image/2" in marker or "level" in marker:
            return base, "v2"
    return None


def _id(value: dict[str, Any]) -> str | None:
    found = value.get("id", value.get("@id"))
    return found if isinstance(found, str) and found else None


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(values: list[Any]) -> dict[str, Any]:
    return values[0] if values and isinstance(values[0], dict) else {}


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    """A v3 language map, a v2 string, ``{"@value"}`` object, or a list of those."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        if "@value" in value:
            return _text(value["@value"])
        preferred = value.get("en") or value.get("none") or next(iter(value.values()), None)
        return _text(preferred)
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return " ".join(parts) or None
    return None
