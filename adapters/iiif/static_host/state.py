"""The static host's in-memory store: documents by path, image services by base path."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["HUGE_DOCUMENT_BYTES", "ImageSpec", "JSONDict", "StaticHostState"]

JSONDict = dict[str, object]

HUGE_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ImageSpec:
    """One image served through a IIIF Image API service at ``/iiif/{version}/{name}``.

    ``sizes_in_manifest``: whether manifests embed the ``sizes`` list in their service block
    (when False, a level 0 client must read ``info.json`` to learn them).
    """

    name: str
    version: int
    level: int
    width: int
    height: int
    max_width: int | None = None
    max_height: int | None = None
    max_area: int | None = None
    sizes: tuple[tuple[int, int], ...] = ()
    sizes_in_manifest: bool = True

    @property
    def path(self) -> str:
        return f"/iiif/{self.version}/{self.name}"


@dataclass
class StaticHostState:
    """What the host serves. ``base_url`` prefixes every id inside the documents."""

    base_url: str
    documents: dict[str, JSONDict] = field(default_factory=dict)
    images: dict[str, ImageSpec] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def add_image(self, spec: ImageSpec) -> ImageSpec:
        self.images[spec.path] = spec
        return spec
