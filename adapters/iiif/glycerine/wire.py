"""The JSON the Glycerine Server API really sends and accepts, as TypedDicts.

Field lists follow the Glycerine API docs (seed 004 and the Server API pages). Every field the
docs do not promise on every object is ``NotRequired``; ids are integers on the wire.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

__all__ = [
    "WireCollection",
    "WireError",
    "WireImage",
    "WireImageSet",
    "WireImageSetWrite",
    "WireLanguage",
    "WireLanguageRef",
    "WireMetadata",
    "WirePublication",
    "WireUser",
]


class WireUser(TypedDict):
    id: int
    name: NotRequired[str]
    email: NotRequired[str]
    email_verified_at: NotRequired[str | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class WireMetadata(TypedDict):
    name: str
    value: NotRequired[str | None]


class WirePublication(TypedDict):
    id: int
    active: bool
    image_set_id: NotRequired[int]
    collection_id: NotRequired[int]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]
    persistent_url: NotRequired[str | None]


class WireLanguageRef(TypedDict):
    """An entry of ``allowed_languages`` as read (written as a bare code)."""

    code: str
    name: NotRequired[str]


class WireLanguage(TypedDict):
    code: str
    name: str
    description: NotRequired[str | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class WireCollection(TypedDict):
    id: int
    name: str
    description: NotRequired[str | None]
    owner: NotRequired[WireUser]
    metadata: NotRequired[list[WireMetadata]]
    publication: NotRequired[WirePublication | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]
    policies: NotRequired[list[str]]


class WireImageSet(TypedDict):
    id: int
    name: str
    description: NotRequired[str | None]
    attribution: NotRequired[str | None]
    owner: NotRequired[WireUser]
    collection: NotRequired[WireCollection]
    metadata: NotRequired[list[WireMetadata]]
    publication: NotRequired[WirePublication | None]
    # Objects as documented; a bare code is accepted too (the write form).
    allowed_languages: NotRequired[list[WireLanguageRef | str]]
    thumbnail: NotRequired[str | None]
    image_count: NotRequired[int]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]
    policies: NotRequired[list[str]]


class WireImageSetWrite(TypedDict, total=False):
    """The body of ``POST``/``PUT /collections/{cid}/image-sets[/{id}]``."""

    name: str
    description: str | None
    attribution: str | None
    allowed_languages: list[str]
    image_ids: list[int]
    published: bool


class WireImage(TypedDict):
    id: int
    name: NotRequired[str | None]
    description: NotRequired[str | None]
    uri: NotRequired[str | None]
    type: NotRequired[str]  # "iiif" or "image"
    source: NotRequired[str | None]
    image_set_id: NotRequired[int | None]
    mime_type: NotRequired[str | None]
    width: NotRequired[int | None]
    height: NotRequired[int | None]
    api_version: NotRequired[str | None]  # "v2" or "v3"
    iiif_url: NotRequired[str | None]
    persistent_url: NotRequired[str | None]
    weight: NotRequired[int | None]
    metadata: NotRequired[list[WireMetadata]]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class WireError(TypedDict):
    """Laravel's error body; ``errors`` only on validation failures."""

    message: str
    errors: NotRequired[dict[str, list[str]]]
