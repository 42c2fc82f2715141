"""The JSON the Glycerine API renders for each object (its "API resources")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.iiif.emulator.state import (
    Collection,
    GlycerineState,
    Image,
    ImageSet,
    Language,
    Metadata,
    Publication,
    User,
)

__all__ = [
    "collection_json",
    "image_json",
    "image_set_json",
    "language_json",
    "publication_json",
    "thumbnail_url",
    "timestamp",
    "user_json",
]


def timestamp(value: datetime | None) -> str | None:
    """Laravel's default date serialisation: ``2024-05-01T10:00:00.000000Z``."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "email_verified_at": timestamp(user.email_verified_at),
        "created_at": timestamp(user.created_at),
        "updated_at": timestamp(user.updated_at),
    }


def language_json(language: Language) -> dict[str, Any]:
    return {
        "code": language.code,
        "name": language.name,
        "description": language.description,
        "created_at": timestamp(language.created_at),
        "updated_at": timestamp(language.updated_at),
    }


def _metadata(metadata: Metadata) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in metadata]


def publication_json(
    state: GlycerineState, publication_id: int | None, public_base: str
) -> dict[str, Any] | None:
    if publication_id is None:
        return None
    publication: Publication = state.publications[publication_id]
    owner_key = "collection_id" if publication.target == "collection" else "image_set_id"
    kind = "collections" if publication.target == "collection" else "image-sets"
    return {
        "id": publication.id,
        owner_key: publication.target_id,
        "active": publication.active,
        "created_at": timestamp(publication.created_at),
        "updated_at": timestamp(publication.updated_at),
        "persistent_url": f"{public_base}/api/publications/{kind}/{publication.id}/manifest",
    }


def collection_json(
    state: GlycerineState, collection: Collection, user: User | None, public_base: str
) -> dict[str, Any]:
    return {
        "id": collection.id,
        "name": collection.name,
        "description": collection.description,
        "owner": user_json(state.users[collection.owner_id]),
        "metadata": _metadata(collection.metadata),
        "publication": publication_json(state, collection.publication_id, public_base),
        "created_at": timestamp(collection.created_at),
        "updated_at": timestamp(collection.updated_at),
        "policies": state.collection_policies(user, collection),
    }


def thumbnail_url(image: Image) -> str:
    """A 200 px wide derivative; ``w,`` is valid in Image API 2 and 3 alike."""
    if image.iiif_url is None:
        return image.uri
    return f"{image.iiif_url}/full/200,/0/default.jpg"


def image_set_json(
    state: GlycerineState, image_set: ImageSet, user: User | None, public_base: str
) -> dict[str, Any]:
    images = state.images_of(image_set.id)
    return {
        "id": image_set.id,
        "name": image_set.name,
        "description": image_set.description,
        "attribution": image_set.attribution,
        "owner": user_json(state.users[image_set.owner_id]),
        "collection": collection_json(
            state, state.collections[image_set.collection_id], user, public_base
        ),
        "metadata": _metadata(image_set.metadata),
        "publication": publication_json(state, image_set.publication_id, public_base),
        "allowed_languages": [
            {"name": state.languages[code].name, "code": code}
            for code in image_set.allowed_languages
        ],
        "thumbnail": thumbnail_url(images[0]) if images else None,
        "image_count": len(images),
        "created_at": timestamp(image_set.created_at),
        "updated_at": timestamp(image_set.updated_at),
        "policies": state.image_set_policies(user, image_set),
    }


def image_json(image: Image) -> dict[str, Any]:
    return {
        "id": image.id,
        "name": image.name,
        "description": image.description,
        "uri": image.uri,
        "type": image.type,
        "source": image.source,
        "image_set_id": image.image_set_id,
        "mime_type": image.mime_type,
        "width": image.width,
        "height": image.height,
        "api_version": image.api_version,
        "iiif_url": image.iiif_url,
        "persistent_url": None,
        "weight": image.weight,
        "metadata": _metadata(image.metadata),
        "created_at": timestamp(image.created_at),
        "updated_at": timestamp(image.updated_at),
    }
