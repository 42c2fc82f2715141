"""IIIF Presentation 2.1 and 3.0 documents -> records. Pure and tolerant.

How IIIF maps onto the schema:

* A **Collection** document is a :class:`CollectionRecord`; its manifests are its galleries
  (summaries, ``complete=False``, labelled from the collection entry). Its nested collections are
  Collections of their own, listed next to it (:class:`CollectionListing.collections`).
* A **Manifest** is a :class:`GalleryRecord` with every canvas embedded as ``images`` in order.
* A **Canvas** is an :class:`ImageRecord`: width and height, label, the first painting body's
  own id as ``original_url`` and its first Image API service as ``service``. A ``Choice``
  body (v3 ``items``, v2 ``oa:Choice`` ``default``/``item``) reads as its first option.

Record ids: a collection or manifest is identified by the URL it is fetched from (the caller
passes it in; a document's own ``id`` may differ from where it is served). A canvas is
``{manifest url}#{canvas id}`` (see :func:`image_id`), so an image can be loaded again from its
manifest. Tolerated variants: ``id``/``@id``, ``type``/``@type`` (with or without ``sc:``),
services as an object or a list, thumbnails as a string, an object or a list, labels as v3
language maps or v2 strings, ``{"@value","@language"}`` objects or lists; unknown fields are
ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from adapters.iiif.image_api import first_image_service
from adapters.iiif.presentation.language import best_value, language_values
from adapters.iiif.presentation.wire import JSONObject
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    ImageService,
    MetadataEntry,
    PublicationStatus,
    Translation,
)

__all__ = [
    "CollectionListing",
    "DocumentType",
    "document_type",
    "image_id",
    "level0_services_without_sizes",
    "read_collection",
    "read_manifest",
    "split_image_id",
    "with_services",
]

DocumentType = Literal["Manifest", "Collection"]


@dataclass(frozen=True)
class CollectionListing:
    """A collection document read: the collection, its manifests, its nested collections."""

    collection: CollectionRecord
    manifests: tuple[GalleryRecord, ...]
    collections: tuple[CollectionRecord, ...]


def image_id(manifest_id: str, canvas_id: str) -> str:
    """The native id of a canvas: its manifest's URL (without fragment) ``#`` its canvas id."""
    return f"{manifest_id.split('#', 1)[0]}#{canvas_id}"


def split_image_id(value: str) -> tuple[str, str]:
    """``(manifest url, canvas id)``; raises ``ValueError`` if ``value`` is not an image id."""
    manifest_id, sep, canvas_id = value.partition("#")
    if not sep or not manifest_id or not canvas_id:
        raise ValueError(f"not a IIIF image id: {value!r}")
    return manifest_id, canvas_id


def _first(value: object, *keys: str) -> object:
    if isinstance(value, Mapping):
        for key in keys:
            if key in value:
                return value[key]
    return None


def _identity(value: object) -> str | None:
    found = _first(value, "id", "@id")
    return found if isinstance(found, str) and found else None


def _type(value: object) -> str | None:
    found = _first(value, "type", "@type")
    if isinstance(found, list):
        found = next((item for item in found if isinstance(item, str)), None)
    if not isinstance(found, str):
        return None
    return found.rsplit(":", 1)[-1]  # sc:Manifest -> Manifest, oa:Choice -> Choice


def _list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float) and value.is_integer() and value > 0:
        return int(value)
    return None


def document_type(document: JSONObject) -> DocumentType | None:
    kind = _type(document)
    if kind in ("Manifest", "Collection"):
        return kind  # type: ignore[return-value]
    return None


def _texts(document: object, *keys: str) -> dict[str, str]:
    return language_values(_first(document, *keys))


def _translations(
    titles: Mapping[str, str], descriptions: Mapping[str, str]
) -> tuple[Translation, ...]:
    languages = list(dict.fromkeys([*titles, *descriptions]))
    return tuple(
        Translation(language=lang, title=titles.get(lang), description=descriptions.get(lang))
        for lang in languages
    )


def _thumbnail_url(value: object) -> str | None:
    """The first thumbnail: a string, an object with ``id``/``@id``, or a list of those."""
    for item in _list(value):
        if isinstance(item, str) and item:
            return item
        found = _identity(item)
        if found:
            return found
    return None


def _metadata(value: object, preferred: str) -> tuple[MetadataEntry, ...]:
    entries: list[MetadataEntry] = []
    for item in _list(value):
        label = best_value(_texts(item, "label"), preferred)
        text = best_value(_texts(item, "value"), preferred)
        if label is not None and text is not None:
            entries.append(MetadataEntry(label=label, value=text))
    return tuple(entries)


def _attribution(document: JSONObject, preferred: str) -> str | None:
    statement = document.get("requiredStatement")  # v3
    if isinstance(statement, Mapping):
        return best_value(_texts(statement, "value"), preferred)
    return best_value(_texts(document, "attribution"), preferred)  # v2


def _choose(body: object) -> object:
    """A Choice body's first option (v3 ``items``, v2 ``default`` then ``item``)."""
    if _type(body) != "Choice":
        return body
    default = _first(body, "default")
    if isinstance(default, Mapping):
        return default
    options = _list(_first(body, "items", "item"))
    return options[0] if options else None


def _painting_body(canvas: object) -> object:
    """The first painting body of a canvas, v3 (items/items/body) or v2 (images/resource)."""
    for page in _list(_first(canvas, "items")):
        for annotation in _list(_first(page, "items")):
            motivation = _first(annotation, "motivation")
            if motivation in (None, "painting", "sc:painting") or "painting" in _list(motivation):
                body = _first(annotation, "body")
                if isinstance(body, list):
                    body = body[0] if body else None
                return _choose(body)
    for annotation in _list(_first(canvas, "images")):
        return _choose(_first(annotation, "resource"))
    return None


def _canvases(document: JSONObject) -> list[object]:
    if "items" in document:
        return _list(document.get("items"))
    sequences = _list(document.get("sequences"))
    return _list(_first(sequences[0], "canvases")) if sequences else []


def _read_canvas(canvas: object, *, manifest_id: str, position: int, preferred: str) -> ImageRecord:
    canvas_id = _identity(canvas) or f"canvas-{position}"
    body = _painting_body(canvas)
    width = _int(_first(canvas, "width")) or _int(_first(body, "width"))
    height = _int(_first(canvas, "height")) or _int(_first(body, "height"))
    body_width = _int(_first(body, "width")) or width
    body_height = _int(_first(body, "height")) or height
    service = first_image_service(_first(body, "service"), width=body_width, height=body_height)
    titles = _texts(canvas, "label")
    mime = _first(body, "format")
    original = _identity(body) or (body if isinstance(body, str) else None)
    return ImageRecord(
        id=image_id(manifest_id, canvas_id),
        title=best_value(titles, preferred),
        position=position,
        gallery_id=manifest_id,
        width=width,
        height=height,
        mime_type=mime if isinstance(mime, str) else None,
        filename=original.rsplit("/", 1)[-1] if original and service is None else None,
        original_url=original,
        service=service,
        translations=_translations(titles, {}),
    )


def _part_of(document: JSONObject) -> str | None:
    """The collection a manifest says it belongs to: v3 ``partOf``, v2 ``within``."""
    for entry in _list(document.get("partOf")) + _list(document.get("within")):
        found = entry if isinstance(entry, str) else _identity(entry)
        if found:
            return found
    return None


def read_manifest(
    document: JSONObject,
    *,
    url: str,
    collection_id: str | None = None,
    preferred_language: str = "en",
) -> GalleryRecord:
    """A manifest (v2 or v3) fetched from ``url`` as a gallery with its canvases embedded."""
    titles = _texts(document, "label")
    descriptions = _texts(document, "summary", "description")
    images = tuple(
        _read_canvas(canvas, manifest_id=url, position=i, preferred=preferred_language)
        for i, canvas in enumerate(_canvases(document))
    )
    return GalleryRecord(
        id=url,
        title=best_value(titles, preferred_language),
        description=best_value(descriptions, preferred_language),
        status=PublicationStatus.PUBLISHED,
        collection_id=collection_id or _part_of(document),
        cover_image_id=images[0].id if images else None,
        cover_url=_thumbnail_url(document.get("thumbnail")),
        image_count=len(images),
        translations=_translations(titles, descriptions),
        images=images,
        attribution=_attribution(document, preferred_language),
        metadata=_metadata(document.get("metadata"), preferred_language),
    )


def _members(document: JSONObject) -> Iterator[tuple[DocumentType, object]]:
    """``(type, entry)`` per member: v3 ``items``, v2 ``collections``+``manifests``+``members``."""
    if "items" in document:
        for entry in _list(document.get("items")):
            kind = _type(entry)
            if kind in ("Manifest", "Collection"):
                yield kind, entry  # type: ignore[misc]
        return
    for entry in _list(document.get("collections")):
        yield "Collection", entry
    for entry in _list(document.get("manifests")):
        yield "Manifest", entry
    for entry in _list(document.get("members")):
        kind = _type(entry)
        if kind in ("Manifest", "Collection"):
            yield kind, entry  # type: ignore[misc]


def read_collection(
    document: JSONObject, *, url: str, preferred_language: str = "en"
) -> CollectionListing:
    """A collection (v2 or v3) fetched from ``url``; members without an id are skipped."""
    manifests: list[GalleryRecord] = []
    collections: list[CollectionRecord] = []
    for kind, entry in _members(document):
        member_id = _identity(entry) or (entry if isinstance(entry, str) else None)
        if member_id is None:
            continue
        titles = _texts(entry, "label")
        if kind == "Manifest":
            manifests.append(
                GalleryRecord(
                    id=member_id,
                    title=best_value(titles, preferred_language),
                    status=PublicationStatus.PUBLISHED,
                    collection_id=url,
                    cover_url=_thumbnail_url(_first(entry, "thumbnail")),
                    translations=_translations(titles, {}),
                    complete=False,
                )
            )
        else:
            collections.append(
                CollectionRecord(
                    id=member_id,
                    title=best_value(titles, preferred_language),
                    translations=_translations(titles, {}),
                    complete=False,
                )
            )
    titles = _texts(document, "label")
    descriptions = _texts(document, "summary", "description")
    collection = CollectionRecord(
        id=url,
        title=best_value(titles, preferred_language),
        description=best_value(descriptions, preferred_language),
        gallery_count=len(manifests),
        status=PublicationStatus.PUBLISHED,
        translations=_translations(titles, descriptions),
        metadata=_metadata(document.get("metadata"), preferred_language),
        galleries=tuple(manifests),
    )
    return CollectionListing(collection, tuple(manifests), tuple(collections))


def level0_services_without_sizes(gallery: GalleryRecord) -> list[ImageService]:
    """Level 0 services that list no sizes: their ``info.json`` says which sizes exist."""
    found: dict[str, ImageService] = {}
    for image in gallery.images or ():
        service = image.service
        if service is not None and service.level == 0 and not service.sizes:
            found.setdefault(service.base, service)
    return list(found.values())


def with_services(gallery: GalleryRecord, services: Mapping[str, ImageService]) -> GalleryRecord:
    """``gallery`` with each image's service replaced by ``services[base]`` where given.

    The image's own width/height are kept when the replacement (an info.json) lacks them.
    """
    if not services or gallery.images is None:
        return gallery
    images: list[ImageRecord] = []
    for image in gallery.images:
        current = image.service
        fresh = services.get(current.base) if current is not None else None
        if current is not None and fresh is not None:
            fresh = dataclasses.replace(
                fresh, width=fresh.width or current.width, height=fresh.height or current.height
            )
            image = dataclasses.replace(image, service=fresh)
        images.append(image)
    return dataclasses.replace(gallery, images=tuple(images))
