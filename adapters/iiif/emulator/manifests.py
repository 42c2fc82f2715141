"""IIIF documents the emulator serves: Presentation 3.0 manifests and collections, info.json.

``/api/iiif/manifest/{id}`` and the publication ``manifest`` views emit Presentation 3.0 (the
docs do not say which version; 3.0 is the current one and the glycerine-viewer reads it). Each
image becomes one canvas painted by its image, with an ``ImageService2`` or ``ImageService3``
entry by the image's ``api_version``. Annotations are never included (as the docs say).
"""

from __future__ import annotations

from typing import Any

from adapters.iiif.emulator.state import Collection, GlycerineState, Image, ImageSet

__all__ = ["PRESENTATION_3", "collection_document", "info_document", "manifest_document"]

PRESENTATION_3 = "http://iiif.io/api/presentation/3/context.json"
_SERVER_LEVEL = "level2"
_TILE = 512


def _language_map(value: str) -> dict[str, list[str]]:
    return {"none": [value]}


def _service(image: Image) -> dict[str, Any]:
    if image.api_version == "v2":
        return {"@id": image.iiif_url, "@type": "ImageService2", "profile": _SERVER_LEVEL}
    return {"id": image.iiif_url, "type": "ImageService3", "profile": _SERVER_LEVEL}


def _canvas(image: Image, base: str) -> dict[str, Any]:
    canvas_id = f"{base}/api/iiif/canvas/{image.id}"
    if image.iiif_url is not None:
        full = "max" if image.api_version == "v3" else "full"
        body: dict[str, Any] = {
            "id": f"{image.iiif_url}/full/{full}/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "service": [_service(image)],
        }
    else:
        body = {"id": image.uri, "type": "Image", "format": image.mime_type or "image/jpeg"}
    if image.width and image.height:
        body["width"], body["height"] = image.width, image.height
    canvas: dict[str, Any] = {
        "id": canvas_id,
        "type": "Canvas",
        "label": _language_map(image.name),
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/painting",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": body,
                        "target": canvas_id,
                    }
                ],
            }
        ],
    }
    if image.width and image.height:
        canvas["width"], canvas["height"] = image.width, image.height
    return canvas


def manifest_document(
    state: GlycerineState, image_set: ImageSet, base: str, manifest_id: str
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": PRESENTATION_3,
        "id": manifest_id,
        "type": "Manifest",
        "label": _language_map(image_set.name),
        "metadata": [
            {"label": _language_map(name), "value": _language_map(value)}
            for name, value in image_set.metadata
        ],
        "items": [_canvas(image, base) for image in state.images_of(image_set.id)],
    }
    if image_set.description:
        document["summary"] = _language_map(image_set.description)
    if image_set.attribution:
        document["requiredStatement"] = {
            "label": {"en": ["Attribution"]},
            "value": _language_map(image_set.attribution),
        }
    return document


def collection_document(
    collection: Collection, image_sets: list[tuple[ImageSet, str]], collection_id: str
) -> dict[str, Any]:
    """A Collection listing the given image sets as Manifests (``(set, manifest id)`` pairs)."""
    document: dict[str, Any] = {
        "@context": PRESENTATION_3,
        "id": collection_id,
        "type": "Collection",
        "label": _language_map(collection.name),
        "items": [
            {"id": manifest_id, "type": "Manifest", "label": _language_map(image_set.name)}
            for image_set, manifest_id in image_sets
        ],
    }
    if collection.description:
        document["summary"] = _language_map(collection.description)
    return document


def info_document(image: Image) -> dict[str, Any]:
    """The image server's ``info.json`` for a hosted image, in the image's API version."""
    width, height = image.width or 0, image.height or 0
    sizes = [
        {"width": max(1, width // factor), "height": max(1, height // factor)}
        for factor in (32, 16, 8, 4)
    ]
    tiles = [{"width": _TILE, "height": _TILE, "scaleFactors": [1, 2, 4, 8, 16, 32]}]
    if image.api_version == "v2":
        return {
            "@context": "http://iiif.io/api/image/2/context.json",
            "@id": image.iiif_url,
            "protocol": "http://iiif.io/api/image",
            "width": width,
            "height": height,
            "sizes": sizes,
            "tiles": tiles,
            "profile": [
                "http://iiif.io/api/image/2/level2.json",
                {"formats": ["jpg", "png"], "qualities": ["default", "color", "gray"]},
            ],
        }
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": image.iiif_url,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": _SERVER_LEVEL,
        "width": width,
        "height": height,
        "sizes": sizes,
        "tiles": tiles,
        "extraFormats": ["png"],
        "extraQualities": ["color", "gray"],
    }
