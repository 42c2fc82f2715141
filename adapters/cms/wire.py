"""The JSON the CMS sends and accepts, as TypedDicts (``NotRequired`` wherever the docs are unsure).

Responses follow the galleries page of the docs; the languages table is inferred (no docs
page). Request bodies are ``total=False`` with their required keys marked.
"""

from __future__ import annotations

from typing import NotRequired, Required, TypedDict

__all__ = [
    "ErrorBody",
    "GalleryCreateBody",
    "GalleryMediaItem",
    "GalleryPatchBody",
    "GalleryResponse",
    "GallerySummary",
    "GalleryTranslation",
    "Language",
    "MediaAddBody",
    "MediaPage",
    "MediaPatchBody",
    "MediaSummary",
    "Pagination",
    "ReorderBody",
    "TranslationBody",
    "ValidationItem",
]


class MediaSummary(TypedDict):
    id: str
    filename: NotRequired[str]
    original_filename: NotRequired[str | None]
    mime_type: NotRequired[str | None]
    size: NotRequired[int | None]
    path: NotRequired[str | None]  # relative to the host: "uploads/media/<uuid>.jpg"
    alt_text: NotRequired[str | None]


class Pagination(TypedDict, total=False):
    total: int
    page: int
    per_page: int
    pages: int
    has_next: bool
    has_prev: bool


class MediaPage(TypedDict):
    """The variant media list (``?page&per_page``) of one docs site: ``{data, pagination}``."""

    data: list[MediaSummary]
    pagination: NotRequired[Pagination]


class GalleryTranslation(TypedDict):
    language_id: str
    id: NotRequired[str]
    gallery_id: NotRequired[str]
    title: NotRequired[str | None]
    description: NotRequired[str | None]
    meta_title: NotRequired[str | None]
    meta_description: NotRequired[str | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class GalleryMediaItem(TypedDict):
    media_id: str
    gallery_id: NotRequired[str]
    order: NotRequired[int]
    caption: NotRequired[str | None]
    created_at: NotRequired[str | None]
    media: NotRequired[MediaSummary]


class GallerySummary(TypedDict):
    id: str
    slug: NotRequired[str]
    status: NotRequired[str]


class GalleryResponse(TypedDict):
    id: str
    slug: NotRequired[str]
    status: NotRequired[str]
    cover_image_id: NotRequired[str | None]
    author_id: NotRequired[str | None]
    created_by: NotRequired[str | None]
    translations: NotRequired[list[GalleryTranslation]]
    gallery_media: NotRequired[list[GalleryMediaItem]]
    cover_image: NotRequired[MediaSummary | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class Language(TypedDict):
    id: str
    code: str
    name: NotRequired[str]
    is_default: NotRequired[bool]
    is_active: NotRequired[bool]


class ValidationItem(TypedDict):
    loc: list[str | int]
    msg: str
    type: NotRequired[str]


class ErrorBody(TypedDict):
    """FastAPI's error body: a message, or a list of validation items (422)."""

    detail: str | list[ValidationItem]


class TranslationBody(TypedDict, total=False):
    language_id: Required[str]
    title: str
    description: str
    meta_title: str
    meta_description: str


class GalleryCreateBody(TypedDict, total=False):
    slug: Required[str]
    status: str
    cover_image_id: str
    translations: list[TranslationBody]


class GalleryPatchBody(TypedDict, total=False):
    slug: str
    status: str
    cover_image_id: str


class MediaAddBody(TypedDict, total=False):
    media_id: Required[str]
    order: int
    caption: str


class MediaPatchBody(TypedDict, total=False):
    order: int
    caption: str


class ReorderBody(TypedDict):
    media_ids: list[str]
