"""Mutation inputs and payloads."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.records import PublicationStatus, Translation as TranslationRecord
from schema.types import Collection, Gallery, Operation, Set
from schema.values import UserError

__all__ = [
    "CollectionPayload",
    "CreateGalleryInput",
    "CreateSetInput",
    "DeletePayload",
    "GalleryPayload",
    "ImagePlacementInput",
    "SetPayload",
    "TranslationInput",
    "UpdateCollectionInput",
    "UpdateGalleryInput",
    "UpdateSetInput",
]


@strawberry.input
class TranslationInput:
    language: str = strawberry.field(description='A BCP-47 language code, e.g. "fr".')
    title: str | None = None
    description: str | None = None
    caption: str | None = None
    slug: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None

    def to_record(self) -> TranslationRecord:
        return TranslationRecord(
            language=self.language,
            title=self.title,
            description=self.description,
            caption=self.caption,
            slug=self.slug,
            meta_title=self.meta_title,
            meta_description=self.meta_description,
        )


@strawberry.input
class CreateGalleryInput:
    source: str = strawberry.field(description="The source to create it in.")
    collection_id: strawberry.ID | None = strawberry.field(
        default=None, description="The collection to create it in, where the source has them."
    )
    title: str | None = strawberry.field(
        default=None,
        description="Its title (on a CMS, the translation in the source's main language).",
    )
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    cover_image_id: strawberry.ID | None = strawberry.field(
        default=None, description="An Image id from this gateway, or the backend's own media id."
    )
    translations: list[TranslationInput] | None = None


@strawberry.input
class UpdateGalleryInput:
    id: strawberry.ID
    title: str | None = None
    slug: str | None = None
    description: str | None = None
    status: PublicationStatus | None = None
    cover_image_id: strawberry.ID | None = None
    allowed_languages: list[str] | None = strawberry.field(
        default=None,
        description="Language codes the gallery may be annotated in (Glycerine image sets).",
    )


@strawberry.input
class ImagePlacementInput:
    image_id: strawberry.ID = strawberry.field(
        description="An Image id from this gateway, or the backend's own media id."
    )
    caption: str | None = None
    position: int | None = None


@strawberry.input
class CreateSetInput:
    source: str
    name: str
    parent_id: strawberry.ID | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None


@strawberry.input
class UpdateSetInput:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    colour: str | None = None
    type: str | None = None
    lead_image_id: strawberry.ID | None = None
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Move the set under this parent."
    )
    move_to_top: bool | None = strawberry.field(
        default=None, description="Move the set to the top level (leave parentId out)."
    )


@strawberry.input
class UpdateCollectionInput:
    id: strawberry.ID
    title: str | None = None
    description: str | None = None
    private: bool | None = None
    downloadable: bool | None = None
    expires_on: date | None = strawberry.field(
        default=None, description="The last day clients can open the collection."
    )
    clear_expiry: bool = strawberry.field(
        default=False, description="Remove the expiry date (the collection never expires)."
    )


@strawberry.type
class GalleryPayload:
    gallery: Gallery | None
    operation: Operation | None = strawberry.field(
        description="Set while the backend is still working; poll it with operation(id)."
    )
    user_errors: list[UserError]


@strawberry.type
class SetPayload:
    set: Set | None
    operation: Operation | None
    user_errors: list[UserError]


@strawberry.type
class CollectionPayload:
    collection: Collection | None
    operation: Operation | None
    user_errors: list[UserError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    operation: Operation | None
    user_errors: list[UserError]
