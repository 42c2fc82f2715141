"""Mutations of galleries: create, update, delete, their images and their translations."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from adapters.base import GalleryDraft, GalleryPatch, GalleryWriter, MediaWriter, TranslationWriter
from schema.inputs import (
    CreateGalleryInput,
    DeletePayload,
    GalleryPayload,
    ImagePlacementInput,
    TranslationInput,
    UpdateGalleryInput,
)
from schema.writes import (
    IdempotencyKeyArg,
    Target,
    delete_payload,
    gallery_payload,
    media_placements,
    native_image_ids,
    optional_native,
    target,
    write,
)

__all__ = ["GalleryMutations"]


def _gallery(info: Info[Any, Any], gallery_id: strawberry.ID, protocol: type, what: str) -> Target:
    """The gallery a mutation writes to, named by its ``galleryId`` argument."""
    return target(
        info, protocol=protocol, what=what, id=gallery_id, expect="Gallery", field="galleryId"
    )


@strawberry.type
class GalleryMutations:
    @strawberry.mutation(description="Create a gallery in a source.")
    async def create_gallery(
        self,
        info: Info[Any, Any],
        input: CreateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = target(info, protocol=GalleryWriter, what="create galleries", source=input.source)
        draft = GalleryDraft(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            collection_id=optional_native(
                input.collection_id, expect="Collection", source=t.source, field="collectionId"
            ),
            cover_image_id=optional_native(
                input.cover_image_id, expect="Image", source=t.source, field="coverImageId"
            ),
            translations=tuple(tr.to_record() for tr in input.translations or ()),
        )
        value = await write(
            info,
            "createGallery",
            t,
            idempotency_key,
            {"draft": draft},
            lambda key: t.adapter.create_gallery(draft, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Change a gallery's fields; omitted fields stay as they are.")
    async def update_gallery(
        self,
        info: Info[Any, Any],
        input: UpdateGalleryInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = target(
            info, protocol=GalleryWriter, what="update galleries", id=input.id, expect="Gallery"
        )
        languages = input.allowed_languages
        patch = GalleryPatch(
            title=input.title,
            slug=input.slug,
            description=input.description,
            status=input.status,
            cover_image_id=optional_native(
                input.cover_image_id, expect="Image", source=t.source, field="coverImageId"
            ),
            allowed_languages=tuple(languages) if languages is not None else None,
        )
        value = await write(
            info,
            "updateGallery",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_gallery(t.native, patch, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Delete a gallery (soft delete where the backend does so).")
    async def delete_gallery(
        self, info: Info[Any, Any], id: strawberry.ID, idempotency_key: IdempotencyKeyArg = None
    ) -> DeletePayload:
        t = target(info, protocol=GalleryWriter, what="delete galleries", id=id, expect="Gallery")
        value = await write(
            info,
            "deleteGallery",
            t,
            idempotency_key,
            {},
            lambda key: t.adapter.delete_gallery(t.native, idempotency_key=key),
        )
        return delete_payload(t.source, id, value)

    @strawberry.mutation(
        description="Add images to a gallery, with optional captions and positions."
    )
    async def add_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        images: list[ImagePlacementInput],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, MediaWriter, "add images")
        placements = media_placements(images, t.source)
        value = await write(
            info,
            "addImages",
            t,
            idempotency_key,
            {"placements": placements},
            lambda key: t.adapter.add_images(t.native, placements, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Change an image's caption or position within a gallery.")
    async def update_image_placement(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image: ImagePlacementInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, MediaWriter, "update images")
        (placement,) = media_placements([image], t.source)
        value = await write(
            info,
            "updateImagePlacement",
            t,
            idempotency_key,
            {"placement": placement},
            lambda key: t.adapter.update_image_placement(t.native, placement, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Take images out of a gallery (the media files are kept).")
    async def remove_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, MediaWriter, "remove images")
        ids = native_image_ids(image_ids, t.source)
        value = await write(
            info,
            "removeImages",
            t,
            idempotency_key,
            {"ids": ids},
            lambda key: t.adapter.remove_images(t.native, ids, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(
        description="Put a gallery's images in this order. Some backends (CMS) need every image."
    )
    async def reorder_images(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, MediaWriter, "reorder images")
        ids = native_image_ids(image_ids, t.source)
        value = await write(
            info,
            "reorderImages",
            t,
            idempotency_key,
            {"ids": ids},
            lambda key: t.adapter.reorder_images(t.native, ids, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Create or replace a gallery's text in one language.")
    async def upsert_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        translation: TranslationInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, TranslationWriter, "write translations")
        record = translation.to_record()
        value = await write(
            info,
            "upsertTranslation",
            t,
            idempotency_key,
            {"translation": record},
            lambda key: t.adapter.upsert_translation(t.native, record, idempotency_key=key),
        )
        return gallery_payload(t.source, value)

    @strawberry.mutation(description="Remove a gallery's text in one language.")
    async def delete_translation(
        self,
        info: Info[Any, Any],
        gallery_id: strawberry.ID,
        language: str,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        t = _gallery(info, gallery_id, TranslationWriter, "write translations")
        value = await write(
            info,
            "deleteTranslation",
            t,
            idempotency_key,
            {"language": language},
            lambda key: t.adapter.delete_translation(t.native, language, idempotency_key=key),
        )
        return gallery_payload(t.source, value)
