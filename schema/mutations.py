"""The root Mutation: gallery and set mutations, plus collections and IIIF imports.

How every mutation writes (targets, idempotency keys, user errors) is in :mod:`schema.writes`.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from adapters.base import CollectionPatch, CollectionWriter, ManifestImporter
from schema.errors import InvalidArgument
from schema.gallery_mutations import GalleryMutations
from schema.inputs import CollectionPayload, GalleryPayload, UpdateCollectionInput
from schema.set_mutations import SetMutations
from schema.writes import (
    IdempotencyKeyArg,
    collection_payload,
    gallery_payload,
    target,
    write,
)

__all__ = ["Mutation"]


@strawberry.type
class Mutation(GalleryMutations, SetMutations):
    @strawberry.mutation(description="Change a collection's name, privacy, expiry and downloads.")
    async def update_collection(
        self,
        info: Info[Any, Any],
        input: UpdateCollectionInput,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> CollectionPayload:
        t = target(
            info,
            protocol=CollectionWriter,
            what="update collections",
            id=input.id,
            expect="Collection",
        )
        patch = CollectionPatch(
            title=input.title,
            description=input.description,
            private=input.private,
            downloadable=input.downloadable,
            expires_on=input.expires_on,
            clear_expiry=input.clear_expiry,
        )
        value = await write(
            info,
            "updateCollection",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_collection(t.native, patch, idempotency_key=key),
        )
        return collection_payload(t.source, value)

    @strawberry.mutation(
        name="importIIIFManifest",
        description="Create a gallery in a collection from a IIIF Presentation manifest URL.",
    )
    async def import_iiif_manifest(
        self,
        info: Info[Any, Any],
        collection_id: strawberry.ID,
        manifest_url: str,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> GalleryPayload:
        if not manifest_url.startswith(("http://", "https://")):
            raise InvalidArgument("manifestUrl must be an http(s) URL", field="manifestUrl")
        t = target(
            info,
            protocol=ManifestImporter,
            what="import manifests",
            id=collection_id,
            expect="Collection",
            field="collectionId",
        )
        value = await write(
            info,
            "importIIIFManifest",
            t,
            idempotency_key,
            {"url": manifest_url},
            lambda key: t.adapter.import_manifest(t.native, manifest_url, idempotency_key=key),
        )
        return gallery_payload(t.source, value)
