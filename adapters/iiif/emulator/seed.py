"""Deterministic sample data for the Glycerine emulator, generated from one ``random.Random``.

Two users: the token owner (``credentials["token"]``) with three collections, and a colleague
who shares one collection with them (``access`` only) and keeps another private. Twelve image
sets hold 100+ images; their weights are shuffled against their ids so that weight order and id
order differ. A few standalone images (in no set) wait to be added to a set. Some sets and one
collection are published.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

from adapters.iiif.emulator.state import (
    Collection,
    GlycerineState,
    Image,
    ImageSet,
    Language,
    User,
)

__all__ = ["IMAGE_HOST", "image_base_url", "seed_state"]

#: Where the emulator's own image server lives; ``/iiif/{key}/info.json`` is served by the app.
IMAGE_HOST = "http://images.glycerine.emulator"

_LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
    ("it", "Italian"),
    ("es", "Spanish"),
]

_COLLECTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Sanborn Fire Insurance Maps",
        "Large-scale city plans drawn for fire insurers, 1867-1950.",
        [
            ("Sanborn Austin, 1885", "Eleven sheets of downtown Austin."),
            ("Sanborn Galveston, 1899", "The port before the great storm."),
            ("Sanborn San Antonio, 1904", "Mission district and rail yards."),
            ("Sanborn El Paso, 1908", "Border crossings and smelters."),
        ],
    ),
    (
        "Herbarium Specimens 1890-1920",
        "Pressed plants collected on field expeditions, with labels.",
        [
            ("Eucalyptus of New South Wales", "Leaf and bud specimens."),
            ("Alpine Flora of Kosciuszko", "Collected above the tree line."),
            ("Coastal Banksias", "Cones, leaves and annotated sheets."),
        ],
    ),
    (
        "Dunhuang Manuscript Fragments",
        "Scroll fragments from the Library Cave, photographed recto and verso.",
        [
            ("Diamond Sutra fragments", "Printed scroll pieces with colophons."),
            ("Buddhist contracts", "Loan and sale contracts on paper."),
        ],
    ),
]

_SHARED_COLLECTION = (
    "Colonial Photography Archive",
    "Glass-plate negatives from a survey studio.",
    [
        ("Studio portraits, 1870s", "Cabinet cards and cartes de visite."),
        ("Street views, 1880s", "Albumen prints of main streets."),
    ],
)

_PRIVATE_COLLECTION = (
    "Conservation workbench",
    "Condition reports in progress.",
    [("Condition reports 2025", "Raking-light captures before treatment.")],
)

_IMAGE_WORDS = ["Sheet", "Plate", "Folio", "Specimen", "Detail", "Verso", "Recto", "Panel"]


def image_base_url(key: str) -> str:
    """The IIIF Image API base of an image the emulator hosts."""
    return f"{IMAGE_HOST}/iiif/{key}"


def seed_state(state: GlycerineState, rng: random.Random) -> dict[str, str]:
    """Fill ``state`` from ``rng``; returns the credentials of the main user (``{"token"}``)."""
    epoch = datetime(2023, 2, 1, 9, 0, tzinfo=UTC)

    def when() -> datetime:
        return epoch + timedelta(minutes=rng.randrange(0, 60 * 24 * 700))

    for code, name in _LANGUAGES:
        stamp = epoch
        state.languages[code] = Language(code, name, f"{name} language", stamp, stamp)

    main = _user(state, rng, "Ada Whitfield", "ada.whitfield@example.edu", when())
    colleague = _user(state, rng, "Marcus Chen", "marcus.chen@example.org", when())

    for title, description, sets in _COLLECTIONS:
        _collection(state, rng, main.id, title, description, sets, when)
    shared = _collection(state, rng, colleague.id, *_SHARED_COLLECTION, when)
    shared.shared_with.add(main.id)
    _collection(state, rng, colleague.id, *_PRIVATE_COLLECTION, when)

    state.publish("collection", state.collections[1], True)
    for image_set in list(state.image_sets.values())[::3]:
        state.publish("image_set", image_set, True)
    for publication in state.publications.values():  # seeded times, not the clock's
        publication.created_at = publication.updated_at = when()

    for _ in range(5):  # standalone images, in no set yet
        _image(state, rng, main.id, None, 0, when())
    return {"token": main.token}


def _user(state: GlycerineState, rng: random.Random, name: str, email: str, at: datetime) -> User:
    user = User(
        id=state.next_id("users"),
        name=name,
        email=email,
        token=f"{rng.getrandbits(32):08x}|{rng.getrandbits(128):032x}",
        created_at=at,
        updated_at=at,
        email_verified_at=at + timedelta(hours=2),
    )
    state.users[user.id] = user
    return user


def _collection(
    state: GlycerineState,
    rng: random.Random,
    owner_id: int,
    title: str,
    description: str,
    sets: list[tuple[str, str]],
    when: Callable[[], datetime],
) -> Collection:
    created = when()
    collection = Collection(
        id=state.next_id("collections"),
        name=title,
        description=description,
        owner_id=owner_id,
        created_at=created,
        updated_at=created + timedelta(days=rng.randrange(0, 30)),
        metadata=[("Curator", rng.choice(["J. Ortega", "P. Nguyen", "L. Brandt"]))],
    )
    state.collections[collection.id] = collection
    for name, set_description in sets:
        set_created = when()
        image_set = ImageSet(
            id=state.next_id("image_sets"),
            collection_id=collection.id,
            owner_id=owner_id,
            name=name,
            description=set_description,
            created_at=set_created,
            updated_at=set_created + timedelta(days=rng.randrange(0, 60)),
            attribution=rng.choice([None, "Courtesy of the State Library", "Public domain"]),
            metadata=[("Date", str(rng.randrange(1870, 1925)))],
            allowed_languages=sorted(rng.sample(["en", "fr", "de", "zh", "ja"], rng.randint(1, 3))),
        )
        state.image_sets[image_set.id] = image_set
        count = rng.randint(7, 12)
        weights = list(range(count))
        rng.shuffle(weights)
        for weight in weights:
            _image(state, rng, owner_id, image_set.id, weight, set_created)
    return collection


def _image(
    state: GlycerineState,
    rng: random.Random,
    owner_id: int,
    image_set_id: int | None,
    weight: int,
    at: datetime,
) -> Image:
    image_id = state.next_id("images")
    key = f"glyc-{image_id:05d}-{rng.getrandbits(24):06x}"
    version: Literal["v2", "v3"] = rng.choice(["v2", "v3"])
    portrait = rng.random() < 0.5
    long_side, short_side = rng.randrange(3000, 8000), rng.randrange(2000, 3000)
    width, height = (short_side, long_side) if portrait else (long_side, short_side)
    number = rng.randrange(1, 400)
    image = Image(
        id=image_id,
        owner_id=owner_id,
        name=f"{rng.choice(_IMAGE_WORDS)} {number}",
        description=rng.choice([None, "Scanned at 600 dpi.", "Minor foxing at the edges."]),
        uri=image_base_url(key),
        type="iiif",
        source=f"{key.upper()}_{number:04d}.tif",
        mime_type="image/tiff",
        width=width,
        height=height,
        api_version=version,
        iiif_url=image_base_url(key),
        created_at=at,
        updated_at=at,
        image_set_id=image_set_id,
        weight=weight,
        metadata=[("Scanner", rng.choice(["Phase One IQ4", "Hasselblad H6D"]))],
    )
    state.images[image.id] = image
    return image
