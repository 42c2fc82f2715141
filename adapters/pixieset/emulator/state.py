"""The emulator's in-memory studio: collections, galleries, media, clients, sessions.

Plain mutable dataclasses; :mod:`adapters.pixieset.emulator.payloads` turns them into the JSON
the backend sends. Passwords live here and nowhere else: no payload ever includes one.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

__all__ = [
    "Client",
    "Collection",
    "Download",
    "Favorite",
    "Gallery",
    "Media",
    "Session",
    "SharingLink",
    "Studio",
]


@dataclass
class Media:
    """A photo or a video (``kind`` is ``"photo"`` or ``"video"``)."""

    id: int
    gallery_id: int
    name: str
    kind: str
    width: int
    height: int
    size: int  # bytes of the original
    key: str  # CDN path segment
    created_at: datetime
    starred: bool = False
    duration: float | None = None  # seconds, videos only


@dataclass
class Gallery:
    id: int
    collection_id: int
    name: str
    description: str
    key: str  # CDN path segment
    private: bool = False
    download: bool = True
    media_ids: list[int] = field(default_factory=list)
    created_at: datetime | None = None


@dataclass
class Client:
    id: int
    email: str
    name: str
    access_level: str  # "view" | "favorite" | "download"
    last_accessed: datetime | None = None


@dataclass
class Favorite:
    photo_id: int
    client_email: str
    created_at: datetime


@dataclass
class Download:
    id: int
    photo_id: int
    client_email: str
    size: str  # "original" | "web"
    downloaded_at: datetime


@dataclass
class SharingLink:
    id: int
    photo_id: int
    token: str
    views: int
    created_at: datetime


@dataclass
class Collection:
    id: int
    name: str
    description: str
    event_date: date
    created_at: datetime
    updated_at: datetime
    slug: str
    password: str | None = None  # never serialised
    private: bool = False
    downloadable: bool = True
    expiry_date: date | None = None
    tags: list[str] = field(default_factory=list)
    watermark: bool = False
    gallery_ids: list[int] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)
    favorites: list[Favorite] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    sharing_links: list[SharingLink] = field(default_factory=list)
    visitor_emails: list[tuple[str, datetime]] = field(default_factory=list)


@dataclass
class Session:
    token: str
    csrf_token: str
    email: str
    expires_at: datetime


@dataclass
class Studio:
    """Everything the emulator knows, plus the studio login and its sessions."""

    email: str
    password: str
    studio_name: str
    owner_name: str
    session_ttl: timedelta
    collections: dict[int, Collection] = field(default_factory=dict)
    galleries: dict[int, Gallery] = field(default_factory=dict)
    media: dict[int, Media] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    logins: int = 0

    def login(self, email: str, password: str, now: datetime) -> Session | None:
        if email.strip().lower() != self.email or password != self.password:
            return None
        session = Session(
            token=secrets.token_urlsafe(24),
            csrf_token=secrets.token_urlsafe(24),
            email=self.email,
            expires_at=now + self.session_ttl,
        )
        self.sessions[session.token] = session
        self.logins += 1
        return session

    def session(self, token: str | None, now: datetime) -> Session | None:
        """The live session for a cookie value; expired sessions are forgotten."""
        if token is None:
            return None
        session = self.sessions.get(token)
        if session is None:
            return None
        if now >= session.expires_at:
            del self.sessions[token]
            return None
        return session

    def expire_sessions(self) -> None:
        """End every session now (what a server restart or a password change does)."""
        self.sessions.clear()

    def galleries_of(self, collection: Collection) -> list[Gallery]:
        return [self.galleries[g] for g in collection.gallery_ids]

    def media_of(self, gallery: Gallery) -> list[Media]:
        return [self.media[m] for m in gallery.media_ids]

    def collection_of_media(self, media: Media) -> Collection:
        return self.collections[self.galleries[media.gallery_id].collection_id]

    def favorites_by_photo(self, collection: Collection) -> Counter[int]:
        return Counter(f.photo_id for f in collection.favorites)

    def downloads_by_photo(self, collection: Collection) -> Counter[int]:
        return Counter(d.photo_id for d in collection.downloads)
