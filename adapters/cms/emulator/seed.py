"""Deterministic sample data for the CMS emulator: languages, a media library, galleries.

Everything comes from one ``random.Random(seed)``, so a seed always yields the same ids,
slugs, captions and dates. Titles exist in English, French and German; not every gallery has
every language, and one gallery has no English (default-language) translation at all.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from adapters.cms.emulator.state import (
    Gallery,
    GalleryMedia,
    GalleryTranslation,
    Language,
    Media,
    Principal,
)

__all__ = [
    "EDITOR_PERMISSIONS",
    "EDITOR_TOKEN",
    "READER_PERMISSIONS",
    "READER_TOKEN",
    "SeedData",
    "id_stream",
    "seed_data",
]

EDITOR_TOKEN = "cms-demo-editor-token"
READER_TOKEN = "cms-demo-reader-token"
EDITOR_PERMISSIONS = frozenset(
    {"galleries:read", "galleries:create", "galleries:update", "galleries:delete", "media:read"}
)
READER_PERMISSIONS = frozenset({"galleries:read"})

_LANGUAGES = (
    ("en", "English", True, True),
    ("fr", "Français", False, True),
    ("de", "Deutsch", False, True),
    ("es", "Español", False, False),  # configured but inactive: no gallery uses it
)

# (slug, English, French, German, what the photos show)
_THEMES = (
    ("summer-festival", "Summer Festival", "Festival d'été", "Sommerfest", "the open-air stage"),
    ("harbour-lights", "Harbour Lights", "Lumières du port", "Hafenlichter", "the old harbour"),
    ("alpine-trail", "Alpine Trail", "Sentier alpin", "Alpenpfad", "the mountain trail"),
    ("city-marathon", "City Marathon", "Marathon de la ville", "Stadtmarathon", "the runners"),
    ("winter-market", "Winter Market", "Marché d'hiver", "Wintermarkt", "the market stalls"),
    ("product-launch", "Product Launch", "Lancement produit", "Produktstart", "the launch event"),
    ("team-offsite", "Team Offsite", "Séminaire d'équipe", "Team-Klausur", "the team retreat"),
    ("botanical-garden", "Botanical Garden", "Jardin botanique", "Botanischer Garten", "plants"),
    ("jazz-night", "Jazz Night", "Soirée jazz", "Jazznacht", "the band on stage"),
    ("coastal-walk", "Coastal Walk", "Balade côtière", "Küstenwanderung", "the cliffs"),
    (
        "architecture-tour",
        "Architecture Tour",
        "Visite d'architecture",
        "Architekturtour",
        "facades",
    ),
    ("food-fair", "Food Fair", "Salon gastronomique", "Genussmesse", "the food stands"),
    ("charity-gala", "Charity Gala", "Gala de charité", "Benefizgala", "the gala dinner"),
    ("spring-blossoms", "Spring Blossoms", "Fleurs de printemps", "Frühlingsblüten", "blossoms"),
    ("open-studio", "Open Studio", "Atelier ouvert", "Offenes Atelier", "the artists at work"),
    ("river-regatta", "River Regatta", "Régate fluviale", "Flussregatta", "the boats"),
    ("night-sky", "Night Sky", "Ciel nocturne", "Nachthimmel", "the stars"),
    ("vintage-cars", "Vintage Cars", "Voitures anciennes", "Oldtimer", "the classic cars"),
    ("graduation-day", "Graduation Day", "Remise des diplômes", "Abschlussfeier", "graduates"),
    ("autumn-harvest", "Autumn Harvest", "Récolte d'automne", "Herbsternte", "the vineyard"),
    ("street-art", "Street Art", "Art urbain", "Straßenkunst", "the murals"),
    ("wildlife-reserve", "Wildlife Reserve", "Réserve naturelle", "Wildreservat", "the animals"),
    ("museum-opening", "Museum Opening", "Inauguration du musée", "Museumseröffnung", "galleries"),
    ("lantern-parade", "Lantern Parade", "Défilé des lanternes", "Laternenumzug", "the lanterns"),
    ("science-fair", "Science Fair", "Fête de la science", "Wissenschaftsmesse", "the exhibits"),
    ("rooftop-concert", "Rooftop Concert", "Concert sur le toit", "Dachkonzert", "the skyline"),
)

_SUBJECTS = (
    "Opening ceremony",
    "Crowd at sunset",
    "Behind the scenes",
    "Detail shot",
    "Group portrait",
    "Wide view",
    "Evening lights",
    "Guests arriving",
    "Close-up",
    "Candid moment",
    "Final applause",
    "Aerial view",
)

# (mime type, extension, weight)
_MIME_TYPES = (
    ("image/jpeg", "jpg", 80),
    ("image/png", "png", 10),
    ("image/webp", "webp", 7),
    ("video/mp4", "mp4", 3),
)


@dataclass(frozen=True)
class SeedData:
    languages: tuple[Language, ...]
    media: tuple[Media, ...]
    galleries: tuple[Gallery, ...]
    tokens: dict[str, Principal]


def id_stream(rng: random.Random) -> Iterator[str]:
    """Version-4 UUIDs drawn from ``rng``: repeatable across runs with the same seed."""
    while True:
        yield str(uuid.UUID(int=rng.getrandbits(128), version=4))


def seed_data(seed: int, *, gallery_count: int = 24, media_count: int = 320) -> SeedData:
    rng = random.Random(seed)
    ids = id_stream(rng)
    languages = tuple(
        Language(id=next(ids), code=code, name=name, is_default=default, is_active=active)
        for code, name, default, active in _LANGUAGES
    )
    media = tuple(_media(rng, ids, n) for n in range(media_count))
    editor = Principal(user_id=next(ids), permissions=EDITOR_PERMISSIONS)
    reader = Principal(user_id=next(ids), permissions=READER_PERMISSIONS)
    galleries = _galleries(rng, ids, gallery_count, languages, media, editor.user_id)
    return SeedData(
        languages=languages,
        media=media,
        galleries=galleries,
        tokens={EDITOR_TOKEN: editor, READER_TOKEN: reader},
    )


def _media(rng: random.Random, ids: Iterator[str], n: int) -> Media:
    media_id = next(ids)
    mime, ext = _pick_mime(rng)
    stored = f"{next(ids)}.{ext}"
    camera = rng.choice(("IMG_", "DSC0", "DJI_", "PXL_2025"))
    original = f"{camera}{rng.randrange(1000, 9999)}.{ext.upper() if camera == 'IMG_' else ext}"
    if mime.startswith("video/"):
        size = rng.randrange(2_000_000, 9_500_000)
    else:
        size = rng.randrange(80_000, 6_000_000)
    subject = _SUBJECTS[n % len(_SUBJECTS)]
    alt = None if rng.random() < 0.1 else f"{subject} photo"
    return Media(
        id=media_id,
        filename=stored,
        original_filename=original,
        mime_type=mime,
        size=size,
        path=f"uploads/media/{stored}",
        alt_text=alt,
    )


def _pick_mime(rng: random.Random) -> tuple[str, str]:
    roll = rng.randrange(sum(weight for _, _, weight in _MIME_TYPES))
    for mime, ext, weight in _MIME_TYPES:
        if roll < weight:
            return mime, ext
        roll -= weight
    raise AssertionError("unreachable: roll is below the total weight")


def _galleries(
    rng: random.Random,
    ids: Iterator[str],
    count: int,
    languages: tuple[Language, ...],
    media: tuple[Media, ...],
    author: str,
) -> tuple[Gallery, ...]:
    en, fr, de = languages[0], languages[1], languages[2]
    start = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    # Every library item is placed at least once: deal a shuffled library out in chunks.
    pool = list(media)
    rng.shuffle(pool)
    chunks: list[list[Media]] = [[] for _ in range(count)]
    for n, item in enumerate(pool):
        chunks[n % max(count - 1, 1)].append(item)  # the last gallery stays an empty draft
    galleries: list[Gallery] = []
    seq = 0
    for n in range(count):
        slug_base, title_en, title_fr, title_de, subject = _THEMES[n % len(_THEMES)]
        year = 2024 + n % 3
        created = start + timedelta(days=n * 23, minutes=rng.randrange(600))
        status = (
            "draft" if n == count - 1 else rng.choice(("published",) * 3 + ("draft", "archived"))
        )
        gallery = Gallery(
            id=next(ids),
            slug=f"{slug_base}-{year}",
            status=status,
            cover_image_id=None,
            author_id=author,
            created_by=author,
            created_at=created,
            updated_at=None
            if rng.random() < 0.5
            else created + timedelta(days=rng.randrange(1, 30)),
        )
        texts = {
            en.id: (f"{title_en} {year}", f"Photos of {subject} at the {title_en.lower()}."),
            fr.id: (f"{title_fr} {year}", f"Photos : {title_fr.lower()}."),
            de.id: (f"{title_de} {year}", f"Fotos: {title_de}."),
        }
        wanted = [en.id] if n != 3 else []  # gallery 3 has no default-language translation
        if n == 3 or rng.random() < 0.6:
            wanted.append(fr.id)
        if rng.random() < 0.5:
            wanted.append(de.id)
        for language_id in wanted:
            title, description = texts[language_id]
            gallery.translations.append(
                GalleryTranslation(
                    id=next(ids),
                    gallery_id=gallery.id,
                    language_id=language_id,
                    title=title,
                    description=description,
                    meta_title=f"{title} Gallery" if language_id == en.id else None,
                    meta_description=None,
                    created_at=created,
                )
            )
        items = chunks[n]
        for order, item in enumerate(items):
            caption = None if rng.random() < 0.15 else f"{_SUBJECTS[rng.randrange(12)]}"
            gallery.media.append(
                GalleryMedia(
                    gallery_id=gallery.id,
                    media_id=item.id,
                    order=order,
                    caption=caption,
                    created_at=created + timedelta(minutes=order),
                    seq=seq,
                )
            )
            seq += 1
        if items:
            gallery.cover_image_id = rng.choice(items).id
        if n == count - 2:  # one soft-deleted gallery: absent from the API, slug reserved
            gallery.deleted_at = created + timedelta(days=60)
        galleries.append(gallery)
    return tuple(galleries)
