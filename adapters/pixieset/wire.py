"""TypedDicts of the JSON the Pixieset gallery API sends and accepts.

Every key is ``NotRequired``: the docs are reverse-engineered and the shapes drift, so the
mapping treats each as optional. Ids arrive as numbers (sometimes as strings); the mapping
turns them into strings. Invented shapes (see ``adapters.pixieset.emulator``) are marked.
"""

from __future__ import annotations

from typing import Generic, TypedDict, TypeVar

__all__ = [
    "BootstrapWire",
    "ClientWire",
    "CollectionEditWire",
    "CollectionUpdateWire",
    "CollectionWire",
    "CoverPhotoWire",
    "DownloadWire",
    "FavoriteWire",
    "GalleryWire",
    "ListEnvelope",
    "LoginWire",
    "MediaWire",
    "MetaWire",
    "ObjectEnvelope",
    "SharingLinkWire",
    "VisitorEmailWire",
]

ItemT = TypeVar("ItemT")


class MetaWire(TypedDict, total=False):
    """Paging ``meta``: the docs show both ``total_pages`` and ``last_page`` (+ from, to)."""

    current_page: int
    per_page: int
    total: int
    total_pages: int
    last_page: int
    limit: int  # offset-paged lists (collections)
    offset: int


class ListEnvelope(TypedDict, Generic[ItemT], total=False):
    """``{"data": [...], "meta": {...}}``; ``data`` may also be a single object."""

    data: list[ItemT] | ItemT
    meta: MetaWire


class ObjectEnvelope(TypedDict, Generic[ItemT], total=False):
    """``{"data": {...}}``; tolerated: ``data`` as a one-item list."""

    data: ItemT | list[ItemT]


class CollectionWire(TypedDict, total=False):
    id: int | str
    name: str
    description: str | None
    slug: str
    event_date: str | None
    gallery_count: int
    photo_count: int
    video_count: int
    password_protected: bool
    private: bool
    downloadable: bool
    expiry_date: str | None
    client_count: int
    favorites_count: int
    created_at: str | None
    updated_at: str | None


class CollectionEditWire(TypedDict, total=False):
    id: int | str
    name: str
    description: str | None
    private: bool
    password_protected: bool
    downloadable: bool
    expiry_date: str | None
    tags: list[str]
    distinct_tags: list[str]
    message_languages: list[str]


class CollectionUpdateWire(TypedDict, total=False):
    """The ``PUT /collections/{id}`` body (invented: the docs do not show it)."""

    name: str
    description: str | None
    private: bool
    downloadable: bool
    expiry_date: str | None


class CoverPhotoWire(TypedDict, total=False):
    id: int | str
    url: str


class GalleryWire(TypedDict, total=False):
    id: int | str
    collection_id: int | str
    name: str
    description: str | None
    photo_count: int
    video_count: int
    private: bool
    download: bool
    favorites_count: int
    cover_photo: CoverPhotoWire | str | None
    created_at: str | None


class MediaWire(TypedDict, total=False):
    """A photo or video (invented shape: the docs never show one)."""

    id: int | str
    gallery_id: int | str
    collection_id: int | str
    name: str
    type: str
    width: int
    height: int
    size: int
    urls: dict[str, str]
    starred: bool
    favorites_count: int
    download_count: int
    duration: float
    created_at: str | None


class ClientWire(TypedDict, total=False):
    id: int | str
    email: str
    name: str
    access_level: str
    last_accessed: str | None
    favorites_count: int


class FavoriteWire(TypedDict, total=False):
    photo_id: int | str
    gallery_id: int | str
    client_email: str
    client_name: str | None
    created_at: str | None


class DownloadWire(TypedDict, total=False):
    id: int | str
    type: str
    photo_id: int | str
    gallery_id: int | str
    client_email: str
    size: str
    downloaded_at: str | None


class SharingLinkWire(TypedDict, total=False):
    id: int | str
    photo_id: int | str
    url: str
    views: int
    created_at: str | None


class VisitorEmailWire(TypedDict, total=False):
    email: str
    first_visited_at: str | None


class BootstrapWire(TypedDict, total=False):
    account: dict[str, object]
    user: dict[str, object]
    custom_url: dict[str, object]
    workspace: dict[str, object]
    csrf_token: str


class LoginWire(TypedDict, total=False):
    """The answer of ``POST /login`` (invented)."""

    csrf_token: str
    expires_at: str | None
    user: dict[str, object]
