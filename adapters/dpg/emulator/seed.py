"""Deterministic sample data for the DPG emulator: one festival photo account.

Everything comes from ``random.Random(seed)``: a website, a set tree five levels deep (about
sixty sets), and 540 images with versions, namespaced keywords, IPTC-style metadata and alt
text. The same seed always gives the same account, uuids included.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

__all__ = [
    "COLOURS",
    "IMAGE_COUNT",
    "SET_TYPES",
    "SeedImage",
    "SeedSet",
    "SeedVersion",
    "SeedWebsite",
    "SeededAccount",
    "seed_account",
]

#: The admin's fixed palette; anything else is a validation error.
COLOURS = ("none", "red", "orange", "yellow", "green", "blue", "purple", "grey")
#: The admin's fixed set types.
SET_TYPES = ("folder", "gallery", "portfolio", "client")
IMAGE_COUNT = 540

_SUBJECTS = (
    "Main stage",
    "Crowd",
    "Backstage",
    "Sunset",
    "Food market",
    "Street parade",
    "Acoustic tent",
    "Fireworks",
    "Campsite",
    "Workshop",
    "Press conference",
    "Headliner",
)
_ARTISTS = ("Marina", "The Lanterns", "Kofi Mensah", "Aurora Vale", "DJ Tamsin", "Brass Union")
_PLACES = ("Bristol", "Glastonbury", "Leeds", "Brighton", "Edinburgh", "Cardiff")
_PHOTOGRAPHERS = ("Jane Doe", "Sam Patel", "Lucía Romero", "Tom Okafor")
_CAMERAS = (("Canon", "EOS R5"), ("Nikon", "Z 8"), ("Sony", "ILCE-7RM5"), ("Fujifilm", "X-T5"))
_MOODS = ("golden hour", "night", "rain", "blue hour", "midday")
_Tree = dict[str, "_Tree"]
_TREE: _Tree = {
    "Festival 2024": {
        "Day 1": {"Main stage": {"Headliners": {}, "Support acts": {}}, "Crowd": {}},
        "Day 2": {"Main stage": {"Headliners": {}}, "Acoustic tent": {}, "Food market": {}},
        "Day 3": {"Street parade": {"Floats": {}, "Drummers": {}}, "Fireworks": {}},
    },
    "Festival 2025": {
        "Day 1": {"Main stage": {"Headliners": {"Encore": {}}}, "Backstage": {}},
        "Day 2": {"Workshops": {}, "Campsite": {}, "Crowd": {}},
        "Day 3": {"Closing night": {"Fireworks": {}, "Headliners": {}}},
    },
    "Press": {
        "Press kit 2025": {"Portraits": {}, "Venue": {}},
        "Sponsors": {"Partner stands": {}, "Hospitality": {}},
        "Press conferences": {},
    },
    "Archive": {
        "2019": {"Highlights": {}, "Rejected": {}},
        "2020 (online)": {"Stream stills": {}},
        "2021": {"Highlights": {}, "Crowd": {}},
        "2022": {"Highlights": {}, "Backstage": {"Green room": {}}},
        "2023": {"Highlights": {}},
    },
    "Highlights reel": {},
}


@dataclass(frozen=True)
class SeedWebsite:
    uuid: str
    name: str
    url: str


@dataclass(frozen=True)
class SeedVersion:
    name: str
    width: int
    height: int
    private: bool = False


@dataclass
class SeedImage:
    public_uuid: str
    title: str
    description: str
    filename: str
    alt_text: str
    width: int
    height: int
    creation_date: datetime
    created_at: datetime
    rating: int
    keywords: list[tuple[str | None, str]]
    metadata: dict[str, str]
    exif: dict[str, str]
    versions: list[SeedVersion]
    updated_at: datetime


@dataclass
class SeedSet:
    public_uuid: str
    name: str
    parent: str | None
    colour: str
    type: str
    description: str
    created_at: datetime
    children: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


@dataclass
class SeededAccount:
    account_uuid: str
    account_name: str
    account_code: str
    website: SeedWebsite
    sets: dict[str, SeedSet]
    top_level: list[str]
    images: dict[str, SeedImage]


def seed_account(seed: int) -> SeededAccount:
    """The whole sample account for ``seed``."""
    rng = random.Random(seed)

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    start = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
    images: dict[str, SeedImage] = {}
    for index in range(IMAGE_COUNT):
        image = _image(rng, new_uuid(), index, start)
        images[image.public_uuid] = image
    pool = list(images)
    sets: dict[str, SeedSet] = {}
    top_level: list[str] = []

    def add(name: str, subtree: _Tree, parent: str | None, depth: int) -> str:
        node = SeedSet(
            public_uuid=new_uuid(),
            name=name,
            parent=parent,
            colour=rng.choice(COLOURS),
            type="folder" if subtree else rng.choice(SET_TYPES[1:]),
            description=f"{name}: selected photographs" if depth > 0 else f"{name} archive",
            created_at=start + timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 900)),
        )
        sets[node.public_uuid] = node
        size = 150 if name == "Highlights reel" else rng.randint(6, 36)
        node.images = rng.sample(pool, size)
        for child_name, child_tree in subtree.items():
            node.children.append(add(child_name, child_tree, node.public_uuid, depth + 1))
        return node.public_uuid

    for name, subtree in _TREE.items():
        top_level.append(add(name, subtree, None, 0))
    website = SeedWebsite(new_uuid(), "My Festival Photos", "https://photos.myfest.example")
    return SeededAccount(
        account_uuid=new_uuid(),
        account_name="My Festival",
        account_code="myfest",
        website=website,
        sets=sets,
        top_level=top_level,
        images=images,
    )


def _image(rng: random.Random, public_uuid: str, index: int, start: datetime) -> SeedImage:
    subject = rng.choice(_SUBJECTS)
    artist = rng.choice(_ARTISTS)
    place = rng.choice(_PLACES)
    mood = rng.choice(_MOODS)
    landscape = rng.random() < 0.7
    width, height = (6000, 4000) if landscape else (4000, 6000)
    if rng.random() < 0.2:
        width, height = (8192, 5464) if landscape else (5464, 8192)
    taken = start + timedelta(days=rng.randint(0, 700), seconds=rng.randint(0, 86_400))
    created = taken + timedelta(hours=rng.randint(1, 72))
    photographer = rng.choice(_PHOTOGRAPHERS)
    make, model = rng.choice(_CAMERAS)
    versions = [
        SeedVersion("thumbnail", *_fit(width, height, 320)),
        SeedVersion("standard", *_fit(width, height, 1024)),
        SeedVersion("wuxga", *_fit(width, height, 1920)),
        SeedVersion("original", width, height, private=True),
    ]
    return SeedImage(
        public_uuid=public_uuid,
        title=f"{subject}, {place}",
        description=f"{artist} at the {subject.lower()} in {place}, {mood}.",
        filename=f"IMG_{1000 + index * 7 + rng.randint(0, 6):05d}.jpg",
        alt_text=f"{subject} photographed at {mood} in {place}",
        width=width,
        height=height,
        creation_date=taken,
        created_at=created,
        rating=rng.randint(0, 5),
        keywords=[
            (None, subject.lower()),
            (None, mood),
            ("artist", artist),
            ("place", place),
        ],
        metadata={
            "creator": photographer,
            "copyright_notice": f"© {taken.year} {photographer}",
            "city": place,
        },
        exif={"Make": make, "Model": model, "ISO": str(rng.choice((100, 400, 800, 3200)))},
        versions=versions,
        updated_at=created + timedelta(days=rng.randint(0, 30)),
    )


def _fit(width: int, height: int, longest: int) -> tuple[int, int]:
    scale = longest / max(width, height)
    return round(width * scale), round(height * scale)
