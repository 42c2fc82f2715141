"""The Glycerine emulator's in-memory store: users, languages, collections, image sets, images.

Plain mutable dataclasses and one :class:`GlycerineState` that owns them, hands out ids and
answers the policy questions ("what may this user do with that object"). No HTTP here; the
routes in ``app.py`` validate input and render JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from adapters.emulation import Clock

__all__ = [
    "ALL_POLICIES",
    "Collection",
    "GlycerineState",
    "Image",
    "ImageSet",
    "Language",
    "Metadata",
    "Publication",
    "User",
]

ALL_POLICIES = ("access", "write", "manage", "delete")

Metadata = list[tuple[str, str]]


@dataclass
class User:
    id: int
    name: str
    email: str
    token: str
    created_at: datetime
    updated_at: datetime
    email_verified_at: datetime | None = None


@dataclass
class Language:
    code: str
    name: str
    description: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Publication:
    """A publication of a collection or an image set; kept (inactive) when unpublished."""

    id: int
    target: Literal["collection", "image_set"]
    target_id: int
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass
class Collection:
    id: int
    name: str
    description: str | None
    owner_id: int
    created_at: datetime
    updated_at: datetime
    metadata: Metadata = field(default_factory=list)
    shared_with: set[int] = field(default_factory=set)
    publication_id: int | None = None


@dataclass
class ImageSet:
    id: int
    collection_id: int
    owner_id: int
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime
    attribution: str | None = None
    metadata: Metadata = field(default_factory=list)
    allowed_languages: list[str] = field(default_factory=list)
    publication_id: int | None = None


@dataclass
class Image:
    id: int
    owner_id: int
    name: str
    description: str | None
    uri: str
    type: Literal["iiif", "image"]
    source: str | None
    mime_type: str | None
    width: int | None
    height: int | None
    api_version: Literal["v2", "v3"] | None
    iiif_url: str | None
    created_at: datetime
    updated_at: datetime
    image_set_id: int | None = None
    weight: int = 0
    metadata: Metadata = field(default_factory=list)


@dataclass
class GlycerineState:
    """Everything the emulator knows, plus the id counters and the clock it stamps times with."""

    clock: Clock
    users: dict[int, User] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)
    collections: dict[int, Collection] = field(default_factory=dict)
    image_sets: dict[int, ImageSet] = field(default_factory=dict)
    images: dict[int, Image] = field(default_factory=dict)
    publications: dict[int, Publication] = field(default_factory=dict)
    _next_ids: dict[str, int] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        value = self._next_ids.get(table, 0) + 1
        self._next_ids[table] = value
        return value

    def now(self) -> datetime:
        return self.clock.now()

    # -- users and policies ------------------------------------------------------------------

    def user_for_token(self, token: str) -> User | None:
        return next((u for u in self.users.values() if u.token == token), None)

    def collection_policies(self, user: User | None, collection: Collection) -> list[str]:
        """The owner may do everything; a user it is shared with may only ``access`` it."""
        if user is None:
            return []
        if collection.owner_id == user.id:
            return list(ALL_POLICIES)
        if user.id in collection.shared_with:
            return ["access"]
        return []

    def image_set_policies(self, user: User | None, image_set: ImageSet) -> list[str]:
        """Owners of the set or of its collection may do everything; sharers only ``access``."""
        if user is None:
            return []
        collection = self.collections[image_set.collection_id]
        if user.id in (image_set.owner_id, collection.owner_id):
            return list(ALL_POLICIES)
        return self.collection_policies(user, collection)

    def image_policies(self, user: User | None, image: Image) -> list[str]:
        """An image in a set follows the set; a standalone image belongs to its uploader."""
        if user is None:
            return []
        if image.image_set_id is not None:
            return self.image_set_policies(user, self.image_sets[image.image_set_id])
        return list(ALL_POLICIES) if image.owner_id == user.id else []

    def visible_collections(self, user: User) -> list[Collection]:
        return [c for c in self.collections.values() if self.collection_policies(user, c)]

    # -- image sets and images ---------------------------------------------------------------

    def image_sets_of(self, collection_id: int) -> list[ImageSet]:
        return [s for s in self.image_sets.values() if s.collection_id == collection_id]

    def images_of(self, image_set_id: int) -> list[Image]:
        """The set's images by ascending ``weight`` (ties by id, as an ``ORDER BY`` would)."""
        members = [i for i in self.images.values() if i.image_set_id == image_set_id]
        return sorted(members, key=lambda i: (i.weight, i.id))

    def add_images(self, image_set: ImageSet, image_ids: Iterable[int]) -> None:
        """Append images to the set, in the given order; an image moves from any other set."""
        members = self.images_of(image_set.id)
        weight = members[-1].weight + 1 if members else 0
        now = self.now()
        for image_id in image_ids:
            image = self.images[image_id]
            if image.image_set_id == image_set.id:
                continue
            image.image_set_id = image_set.id
            image.weight = weight
            image.updated_at = now
            weight += 1

    def publish(
        self, target: Literal["collection", "image_set"], owner: Collection | ImageSet, active: bool
    ) -> None:
        """Create the publication on first publish; later toggles only flip ``active``."""
        now = self.now()
        if owner.publication_id is None:
            if not active:
                return
            publication = Publication(
                self.next_id("publications"), target, owner.id, True, now, now
            )
            self.publications[publication.id] = publication
            owner.publication_id = publication.id
            return
        publication = self.publications[owner.publication_id]
        if publication.active != active:
            publication.active = active
            publication.updated_at = now

    def delete_image_set(self, image_set: ImageSet) -> None:
        """Delete the set and its images (they cannot exist in a deleted set)."""
        for image in self.images_of(image_set.id):
            del self.images[image.id]
        if image_set.publication_id is not None:
            self.publications.pop(image_set.publication_id, None)
        del self.image_sets[image_set.id]

    def delete_collection(self, collection: Collection) -> None:
        for image_set in self.image_sets_of(collection.id):
            self.delete_image_set(image_set)
        if collection.publication_id is not None:
            self.publications.pop(collection.publication_id, None)
        del self.collections[collection.id]
