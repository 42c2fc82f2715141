"""Leaf GraphQL types: plain values with no backend reads of their own."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry

from adapters.base import Capability as CapabilityEnum
from schema.records import (
    Access as AccessRecord,
    ClientRecord,
    Keyword as KeywordRecord,
    MediaType as MediaTypeEnum,
    MetadataEntry as MetadataRecord,
    OperationStatus as OperationStatusEnum,
    PublicationStatus as PublicationStatusEnum,
    SnapshotRecord,
    Translation as TranslationRecord,
)

__all__ = [
    "Access",
    "Capability",
    "Client",
    "Keyword",
    "MediaType",
    "MetadataEntry",
    "OperationStatus",
    "PublicationStatus",
    "Snapshot",
    "SourceStatus",
    "Translation",
    "UserError",
    "filter_translations",
    "pick_translation",
]

# strawberry.enum registers the GraphQL definition on the records' own enum classes, so
# resolvers return record values unchanged.
strawberry.enum(
    PublicationStatusEnum,
    description="Whether an object is live, across every backend's vocabulary.",
)
strawberry.enum(MediaTypeEnum)
strawberry.enum(OperationStatusEnum)
strawberry.enum(CapabilityEnum, description="What a source can do.")
PublicationStatus = PublicationStatusEnum
MediaType = MediaTypeEnum
OperationStatus = OperationStatusEnum
Capability = CapabilityEnum


@strawberry.enum(description="Whether a source answered its readiness check.")
class SourceStatus(enum.Enum):
    UP = "UP"
    DOWN = "DOWN"


@strawberry.type(description="Text of an object in one language.")
class Translation:
    language: str = strawberry.field(
        description='A BCP-47 code such as "en", or "none" for text with no language (IIIF).'
    )
    title: str | None
    description: str | None
    caption: str | None
    slug: str | None
    meta_title: str | None
    meta_description: str | None

    @classmethod
    def from_record(cls, r: TranslationRecord) -> Translation:
        return cls(
            language=r.language,
            title=r.title,
            description=r.description,
            caption=r.caption,
            slug=r.slug,
            meta_title=r.meta_title,
            meta_description=r.meta_description,
        )


def pick_translation(
    translations: tuple[TranslationRecord, ...], language: str, *, fallback: bool
) -> TranslationRecord | None:
    """The translation for ``language``; with ``fallback``, the closest one there is.

    Fallback order (the IIIF display rules): the base language (``en`` for ``en-GB``), then
    ``none`` (no language), then ``en``, then the first one the object has.
    """
    by_language = {t.language.lower(): t for t in translations}
    wanted = language.lower()
    if wanted in by_language:
        return by_language[wanted]
    if not fallback:
        return None
    for candidate in (wanted.split("-")[0], "none", "en"):
        if candidate in by_language:
            return by_language[candidate]
    return translations[0] if translations else None


def filter_translations(
    translations: tuple[TranslationRecord, ...], languages: list[str] | None
) -> list[Translation]:
    if languages is None:
        return [Translation.from_record(t) for t in translations]
    wanted = {code.lower() for code in languages}
    return [Translation.from_record(t) for t in translations if t.language.lower() in wanted]


@strawberry.type(description="Who may see or download something. Never includes a password.")
class Access:
    password_protected: bool | None
    private: bool | None
    downloadable: bool | None
    expires_on: date | None
    expired: bool = strawberry.field(description="Whether the expiry date has passed.")

    @classmethod
    def from_record(cls, r: AccessRecord, today: date) -> Access:
        return cls(
            password_protected=r.password_protected,
            private=r.private,
            downloadable=r.downloadable,
            expires_on=r.expires_on,
            expired=r.expires_on is not None and r.expires_on < today,
        )


@strawberry.type
class Keyword:
    value: str
    namespace: str | None

    @classmethod
    def from_record(cls, r: KeywordRecord) -> Keyword:
        return cls(value=r.value, namespace=r.namespace)


@strawberry.type
class MetadataEntry:
    label: str
    value: str

    @classmethod
    def from_record(cls, r: MetadataRecord) -> MetadataEntry:
        return cls(label=r.label, value=r.value)


@strawberry.type(description="A client of a collection. Personal data: needs clients:read.")
class Client:
    id: strawberry.ID
    name: str | None
    email: str | None
    access_level: str | None
    last_accessed: datetime | None
    favorites_count: int | None

    @classmethod
    def from_record(cls, r: ClientRecord) -> Client:
        return cls(
            id=strawberry.ID(r.id),
            name=r.name,
            email=r.email,
            access_level=r.access_level,
            last_accessed=r.last_accessed,
            favorites_count=r.favorites_count,
        )


@strawberry.type(description="A saved arrangement of a set, taken before each rearrangement.")
class Snapshot:
    id: strawberry.ID = strawberry.field(description="The backend's id, for restoreSnapshot.")
    created_at: datetime | None
    image_count: int | None
    reason: str | None = strawberry.field(
        description='Which rearrangement it was taken before (e.g. "order", "move").'
    )

    @classmethod
    def from_record(cls, r: SnapshotRecord) -> Snapshot:
        return cls(
            id=strawberry.ID(r.id),
            created_at=r.created_at,
            image_count=r.image_count,
            reason=r.reason,
        )


@strawberry.type(description="Something the caller can fix, returned by a mutation.")
class UserError:
    code: str = strawberry.field(description="A stable machine code, e.g. CONFLICT.")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    message: str
    backend_code: str | None = strawberry.field(
        description="The backend's own code for the problem, where it gave one."
    )
