"""The JSON shapes of IIIF Presentation 2.1 and 3.0 documents, as far as the reader uses them.

IIIF documents are JSON-LD and vary a lot in the wild, so the reader never trusts these types:
it reads a parsed document as a :data:`JSONObject` and narrows every value itself. The
TypedDicts below document the shapes it understands (and type the static host's generators).
Keys starting with ``@`` need the functional TypedDict form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

__all__ = [
    "Canvas2",
    "Canvas3",
    "Collection2",
    "Collection3",
    "JSONObject",
    "LanguageMap",
    "LanguageValue2",
    "Manifest2",
    "Manifest3",
    "Reference3",
    "Resource2",
    "Resource3",
]

JSONObject = Mapping[str, object]
"""A parsed JSON object, as :mod:`adapters.iiif.documents` hands it over."""

LanguageMap = dict[str, list[str]]
"""v3 text: ``{"en": ["Title"], "none": ["Untitled"]}``; always lists of strings."""

LanguageValue2 = TypedDict("LanguageValue2", {"@value": str, "@language": str}, total=False)
"""v2 text: a plain string, this object, or a list of either."""

Resource2 = TypedDict(
    "Resource2",
    {
        "@id": str,
        "@type": str,  # dctypes:Image, or oa:Choice with "default" and "item"
        "format": str,
        "width": int,
        "height": int,
        "service": object,  # one service object or a list of them
        "default": object,
        "item": list[object],
    },
    total=False,
)

Canvas2 = TypedDict(
    "Canvas2",
    {
        "@id": str,
        "@type": str,  # sc:Canvas
        "label": object,
        "width": int,
        "height": int,
        "images": list[object],  # oa:Annotation with motivation sc:painting and a resource
        "thumbnail": object,
    },
    total=False,
)

Manifest2 = TypedDict(
    "Manifest2",
    {
        "@context": str,
        "@id": str,
        "@type": str,  # sc:Manifest
        "label": object,
        "description": object,
        "metadata": list[object],  # {label, value}
        "attribution": object,
        "thumbnail": object,  # a string, an object or a list
        "within": object,
        "sequences": list[object],  # sequences[0].canvases
    },
    total=False,
)

Collection2 = TypedDict(
    "Collection2",
    {
        "@context": str,
        "@id": str,
        "@type": str,  # sc:Collection
        "label": object,
        "description": object,
        "collections": list[object],
        "manifests": list[object],
        "members": list[object],
    },
    total=False,
)


class Resource3(TypedDict, total=False):
    id: str
    type: str  # Image, or Choice with "items"
    format: str
    width: int
    height: int
    service: list[object]
    items: list[object]


class Canvas3(TypedDict, total=False):
    id: str
    type: str  # Canvas
    label: LanguageMap
    width: int
    height: int
    items: list[object]  # AnnotationPage -> Annotation(motivation=painting, body)
    thumbnail: list[object]


class Reference3(TypedDict, total=False):
    """An entry of a v3 collection's ``items``: a Manifest or a Collection by reference."""

    id: str
    type: str
    label: LanguageMap
    thumbnail: list[object]


class Manifest3(TypedDict, total=False):
    id: str
    type: str  # Manifest
    label: LanguageMap
    summary: LanguageMap
    metadata: list[object]
    requiredStatement: object
    thumbnail: list[object]
    partOf: list[object]
    items: list[Canvas3]


class Collection3(TypedDict, total=False):
    id: str
    type: str  # Collection
    label: LanguageMap
    summary: LanguageMap
    items: list[Reference3]
