"""Reading IIIF Presentation 2.1 and 3.0 documents into records (see :mod:`.reader`)."""

from __future__ import annotations

from adapters.iiif.presentation.language import NO_LANGUAGE, best_value, language_values
from adapters.iiif.presentation.reader import (
    CollectionListing,
    DocumentType,
    document_type,
    image_id,
    level0_services_without_sizes,
    read_collection,
    read_manifest,
    split_image_id,
    with_services,
)

__all__ = [
    "NO_LANGUAGE",
    "CollectionListing",
    "DocumentType",
    "best_value",
    "document_type",
    "image_id",
    "language_values",
    "level0_services_without_sizes",
    "read_collection",
    "read_manifest",
    "split_image_id",
    "with_services",
]
