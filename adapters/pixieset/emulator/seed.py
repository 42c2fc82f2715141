"""Deterministic sample studio: a wedding and portrait photographer's client galleries.

Everything comes from one ``random.Random(seed)``; dates are relative to ``today`` (the
emulator clock's date), so the expired collection is expired whatever the clock says.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from adapters.pixieset.emulator.state import (
    Client,
    Collection,
    Download,
    Favorite,
    Gallery,
    Media,
    SharingLink,
    Studio,
)

__all__ = ["STUDIO_EMAIL", "STUDIO_PASSWORD", "seed_studio"]

STUDIO_EMAIL = "studio@harbourlight.example"
STUDIO_PASSWORD = "correct-horse-battery-staple"

_SESSIONS = [
    ("{a} & {b} Wedding", ["Getting Ready", "First Look", "Ceremony", "Portraits", "Reception"]),
    ("{a} & {b} Engagement", ["Golden Hour", "City Walk", "Details"]),
    ("The {f} Family Session", ["Family", "Kids", "Candids"]),
    ("{a}'s Newborn Session", ["Studio", "Family", "Details"]),
    ("{a} {f} Headshots", ["Selects", "Outtakes"]),
    ("{a} & {b} Elopement", ["Ceremony", "Portraits", "Adventure"]),
    ("{f} Graduation", ["Campus", "Family", "Candids"]),
]
_FIRST_NAMES = [
    "Olivia", "Liam", "Amelia", "Noah", "Maya", "Ethan", "Chloe", "Lucas", "Priya", "Mateo",
    "Hannah", "Oscar", "Isla", "Theo", "Zara", "Felix", "Nora", "Jonah", "Aiko", "Samuel",
]  # fmt: skip
_LAST_NAMES = [
    "Smith", "Nguyen", "Okafor", "Rossi", "Tanaka", "Fischer", "Martin", "Kowalski", "Haddad",
    "Larsen", "Patel", "O'Brien", "Moreau", "Silva", "Chen",
]  # fmt: skip
_VENUES = [
    "Harbour House", "the Botanic Gardens", "Old Mill Estate", "Cedar Lake", "the Grand Hotel",
    "Saltwater Cove", "Ridgeview Vineyard", "the downtown loft studio",
]  # fmt: skip
_TAGS = ["wedding", "engagement", "family", "portrait", "2025", "outdoor", "studio", "featured"]
_PHOTO_SHAPES = [(6000, 4000), (4000, 6000), (5472, 3648), (3648, 5472), (8256, 5504)]
_VIDEO_SHAPES = [(1920, 1080), (3840, 2160)]
_CAMERA_PREFIXES = ["IMG_", "DSC_", "_MG_", "DSCF"]


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _unique(rng: random.Random, low: int, high: int, taken: set[int]) -> int:
    while True:
        value = rng.randint(low, high)
        if value not in taken:
            taken.add(value)
            return value


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=UTC)


def seed_studio(
    *,
    seed: int,
    today: date,
    collections: int = 12,
    session_ttl: timedelta = timedelta(hours=2),
) -> Studio:
    """A studio with ``collections`` collections (>= 3), 2 to 6 galleries and ~140 media each.

    Collection 0 expired 45 days before ``today``; collections 1 and 2 are password protected.
    """
    rng = random.Random(seed)
    studio = Studio(
        email=STUDIO_EMAIL,
        password=STUDIO_PASSWORD,
        studio_name="Harbour Light Photography",
        owner_name="Jess Harbour",
        session_ttl=session_ttl,
    )
    ids: set[int] = set()
    for index in range(collections):
        collection = _collection(rng, index, today, ids)
        studio.collections[collection.id] = collection
        for name in _gallery_names(rng, index):
            gallery = _gallery(rng, collection, name, ids)
            studio.galleries[gallery.id] = gallery
            collection.gallery_ids.append(gallery.id)
            for media in _media(rng, gallery, collection.event_date, ids):
                studio.media[media.id] = media
                gallery.media_ids.append(media.id)
        _client_activity(rng, studio, collection, today, ids)
    return studio


def _collection(rng: random.Random, index: int, today: date, ids: set[int]) -> Collection:
    template, _ = _SESSIONS[index % len(_SESSIONS)]
    a, b = rng.sample(_FIRST_NAMES, 2)
    family = rng.choice(_LAST_NAMES)
    name = template.format(a=a, b=b, f=family)
    event_date = today - timedelta(days=rng.randint(20, 400))
    created = _at(event_date + timedelta(days=rng.randint(2, 14)), rng)
    if index == 0:
        expiry: date | None = today - timedelta(days=45)
    elif rng.random() < 0.5:
        expiry = today + timedelta(days=rng.randint(30, 365))
    else:
        expiry = None
    return Collection(
        id=_unique(rng, 10_000_000, 99_999_999, ids),
        name=name,
        description=(
            f"Photographed at {rng.choice(_VENUES)}, "
            f"{event_date:%B} {event_date.day}, {event_date.year}."
        ),
        event_date=event_date,
        created_at=created,
        updated_at=created + timedelta(days=rng.randint(0, 10), hours=rng.randint(0, 23)),
        slug=name.lower().replace("&", "and").replace("'", "").replace(" ", "-"),
        password=f"{family.lower().replace(chr(39), '')}{rng.randint(1000, 9999)}"
        if index in (1, 2)
        else None,
        private=index == 3,
        downloadable=rng.random() < 0.75,
        expiry_date=expiry,
        tags=sorted(rng.sample(_TAGS, rng.randint(1, 3))),
        watermark=rng.random() < 0.3,
    )


def _gallery_names(rng: random.Random, index: int) -> list[str]:
    _, names = _SESSIONS[index % len(_SESSIONS)]
    extra = ["Highlights", "Behind the Scenes", "Black & White"]
    return names + rng.sample(extra, rng.randint(0, 1))


def _gallery(rng: random.Random, collection: Collection, name: str, ids: set[int]) -> Gallery:
    return Gallery(
        id=_unique(rng, 100_000_000, 999_999_999, ids),
        collection_id=collection.id,
        name=name,
        description=rng.choice(["", "", f"{name} from {collection.name}."]),
        key=_hex(rng, 16),
        private=rng.random() < 0.1,
        download=rng.random() < 0.85,
        created_at=collection.created_at,
    )


def _media(rng: random.Random, gallery: Gallery, day: date, ids: set[int]) -> list[Media]:
    prefix = rng.choice(_CAMERA_PREFIXES)
    number = rng.randint(1000, 8000)
    shot_at = datetime.combine(day, time(rng.randint(9, 16)), tzinfo=UTC)
    media: list[Media] = []
    for _ in range(rng.randint(28, 56)):
        number += rng.randint(1, 6)
        shot_at += timedelta(seconds=rng.randint(5, 240))
        is_video = rng.random() < 0.04
        if is_video:
            width, height = rng.choice(_VIDEO_SHAPES)
            name = f"CLIP_{number:04d}.{rng.choice(['mp4', 'mov'])}"
            size = rng.randint(40_000_000, 900_000_000)
        else:
            width, height = rng.choice(_PHOTO_SHAPES)
            name = f"{prefix}{number:04d}.jpg"
            size = rng.randint(4_000_000, 24_000_000)
        media.append(
            Media(
                id=_unique(rng, 1_000_000_000, 9_999_999_999, ids),
                gallery_id=gallery.id,
                name=name,
                kind="video" if is_video else "photo",
                width=width,
                height=height,
                size=size,
                key=_hex(rng, 20),
                created_at=shot_at,
                starred=rng.random() < 0.03,
                duration=round(rng.uniform(8, 240), 1) if is_video else None,
            )
        )
    return media


def _client_activity(
    rng: random.Random, studio: Studio, collection: Collection, today: date, ids: set[int]
) -> None:
    photos = [
        studio.media[m]
        for g in collection.gallery_ids
        for m in studio.galleries[g].media_ids
        if studio.media[m].kind == "photo"
    ]
    for _ in range(rng.randint(1, 4)):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        email = (
            f"{first}.{last}".lower().replace("'", "") + f"@{rng.choice(['mail', 'post'])}.example"
        )
        client = Client(
            id=_unique(rng, 1_000_000, 9_999_999, ids),
            email=email,
            name=f"{first} {last}",
            access_level=rng.choice(["view", "favorite", "download"]),
            last_accessed=_at(today - timedelta(days=rng.randint(0, 60)), rng),
        )
        collection.clients.append(client)
        collection.visitor_emails.append((email, _at(collection.created_at.date(), rng)))
        for photo in rng.sample(photos, min(len(photos), rng.randint(0, 25))):
            collection.favorites.append(
                Favorite(photo.id, email, _at(today - timedelta(days=rng.randint(1, 30)), rng))
            )
        if collection.downloadable:
            for photo in rng.sample(photos, min(len(photos), rng.randint(0, 8))):
                collection.downloads.append(
                    Download(
                        id=_unique(rng, 10_000_000, 99_999_999, ids),
                        photo_id=photo.id,
                        client_email=email,
                        size=rng.choice(["original", "web"]),
                        downloaded_at=_at(today - timedelta(days=rng.randint(0, 30)), rng),
                    )
                )
    for photo in rng.sample(photos, min(len(photos), rng.randint(0, 3))):
        collection.sharing_links.append(
            SharingLink(
                id=_unique(rng, 10_000_000, 99_999_999, ids),
                photo_id=photo.id,
                token=_hex(rng, 12),
                views=rng.randint(0, 400),
                created_at=_at(today - timedelta(days=rng.randint(0, 90)), rng),
            )
        )
