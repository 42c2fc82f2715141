"""Pure mapping of Glycerine wire objects to :mod:`schema.records`.

Tolerant by design: unknown fields are ignored; ids may come as numbers or strings;
``allowed_languages`` entries may be ``{name, code}`` objects (as read) or bare codes (as
written); ``api_version`` may be ``v2``/``v3``/``2``/``3``/``3.0``; ``iiif_url`` may end in ``/`` or
``/info.json``; timestamps may have microseconds, ``Z`` or an offset, and unreadable ones
become None.

How Glycerine maps:

* Collection -> :class:`CollectionRecord`; an image set -> both a :class:`GalleryRecord` and a
  :class:`SetRecord` with the same native id ``"{collection_id}:{image_set_id}"``
  (:mod:`adapters.iiif.glycerine.ids`), each pointing at the other (``set_id``/``gallery_id``).
* Status: an active ``publication`` is PUBLISHED; no publication, or an inactive one, is DRAFT.
* Translations: one :class:`Translation` per allowed language, ``language`` = its code, with the
  set's own name and description (Glycerine keeps one text per set; the allowed languages say
  which languages annotations may use).
* Images, in ascending ``weight`` (ties by id): ``position`` = weight, ``title`` = name,
  ``service`` from ``iiif_url`` + ``api_version`` at the configured level (the API gives no
  profile; fetching ``info.json`` per image would cost a call per image), ``original_url`` = the
  full-size IIIF URL (``full/max`` in v3, ``full/full`` in v2), or ``uri`` for a plain image.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from adapters.iiif.glycerine.ids import ImageSetId
from adapters.iiif.glycerine.wire import (
    WireCollection,
    WireImage,
    WireImageSet,
    WireMetadata,
    WirePublication,
)
from adapters.iiif.image_api import service_from_base
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    ImageService,
    MetadataEntry,
    PublicationStatus,
    SetRecord,
    Translation,
)

__all__ = [
    "INPUT_FIELDS",
    "api_version",
    "collection_record",
    "gallery_record",
    "image_record",
    "image_records",
    "image_set_id",
    "input_field",
    "language_codes",
    "parse_time",
    "publication_status",
    "set_record",
    "translations",
]


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def publication_status(publication: WirePublication | None) -> PublicationStatus:
    if publication is not None and publication.get("active") is True:
        return PublicationStatus.PUBLISHED
    return PublicationStatus.DRAFT


def _metadata(entries: Sequence[WireMetadata] | None) -> tuple[MetadataEntry, ...]:
    return tuple(
        MetadataEntry(label=str(e["name"]), value="" if e.get("value") is None else str(e["value"]))
        for e in entries or ()
        if isinstance(e, dict) and e.get("name") is not None
    )


def collection_record(wire: WireCollection) -> CollectionRecord:
    return CollectionRecord(
        id=str(wire["id"]),
        title=wire.get("name"),
        description=wire.get("description"),
        status=publication_status(wire.get("publication")),
        metadata=_metadata(wire.get("metadata")),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def image_set_id(wire: WireImageSet, collection_id: int | None = None) -> ImageSetId:
    """The composite id; the embedded ``collection`` wins over the one the caller knows."""
    collection = wire.get("collection")
    if isinstance(collection, dict) and collection.get("id") is not None:
        collection_id = int(collection["id"])
    if collection_id is None:
        raise ValueError("an image set without its collection id")
    return ImageSetId(collection_id, int(wire["id"]))


def language_codes(wire: WireImageSet) -> tuple[str, ...]:
    codes: list[str] = []
    for entry in wire.get("allowed_languages") or ():
        code = entry if isinstance(entry, str) else entry.get("code")
        if isinstance(code, str) and code and code not in codes:
            codes.append(code)
    return tuple(codes)


def translations(wire: WireImageSet) -> tuple[Translation, ...]:
    return tuple(
        Translation(language=code, title=wire.get("name"), description=wire.get("description"))
        for code in language_codes(wire)
    )


def gallery_record(wire: WireImageSet, *, collection_id: int | None = None) -> GalleryRecord:
    native = str(image_set_id(wire, collection_id))
    return GalleryRecord(
        id=native,
        title=wire.get("name"),
        description=wire.get("description"),
        status=publication_status(wire.get("publication")),
        collection_id=native.split(":", 1)[0],
        set_id=native,
        cover_url=wire.get("thumbnail"),
        image_count=wire.get("image_count"),
        translations=translations(wire),
        attribution=wire.get("attribution"),
        metadata=_metadata(wire.get("metadata")),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def set_record(wire: WireImageSet, *, collection_id: int | None = None) -> SetRecord:
    """An image set as a Set: flat (Glycerine sets have no children), its gallery is itself."""
    native = str(image_set_id(wire, collection_id))
    return SetRecord(
        id=native,
        name=wire.get("name"),
        description=wire.get("description"),
        image_count=wire.get("image_count"),
        child_count=0,
        child_ids=(),
        status=publication_status(wire.get("publication")),
        gallery_id=native,
        translations=translations(wire),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def api_version(value: object) -> int | None:
    """2 or 3 from ``v2``, ``v3``, ``2``, ``3``, ``3.0``...; None when unreadable."""
    text = str(value).strip().lower().removeprefix("v") if value is not None else ""
    major = text.split(".", 1)[0]
    if not major.isdigit():
        return None
    return 3 if int(major) >= 3 else 2


def _service(wire: WireImage, level: int) -> ImageService | None:
    base = wire.get("iiif_url")
    version = api_version(wire.get("api_version"))
    if not isinstance(base, str) or not base.strip():
        return None
    return service_from_base(
        base,
        version or 2,  # a service base with no version: 2 is the older, commoner one
        level=level,
        width=wire.get("width"),
        height=wire.get("height"),
    )


def image_record(
    wire: WireImage, *, gallery_id: str | None = None, service_level: int = 1
) -> ImageRecord:
    service = _service(wire, service_level)
    if service is not None:
        size = "max" if service.version == 3 else "full"
        original: str | None = f"{service.base}/full/{size}/0/default.jpg"
    else:
        uri = wire.get("uri")
        original = uri if isinstance(uri, str) and uri.startswith(("http://", "https://")) else None
    source = wire.get("source")
    return ImageRecord(
        id=str(wire["id"]),
        title=wire.get("name"),
        description=wire.get("description"),
        position=wire.get("weight"),
        gallery_id=gallery_id,
        width=wire.get("width"),
        height=wire.get("height"),
        mime_type=wire.get("mime_type"),
        filename=source if isinstance(source, str) and "://" not in source else None,
        original_url=original,
        service=service,
        metadata=_metadata(wire.get("metadata")),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def image_records(
    wires: Iterable[WireImage], *, gallery_id: str | None = None, service_level: int = 1
) -> list[ImageRecord]:
    """A set's images in ascending ``weight`` (ties by id; a missing weight sorts last)."""

    def order(wire: WireImage) -> tuple[int, int, int]:
        weight = wire.get("weight")
        return (weight is None, weight or 0, int(wire["id"]))

    return [
        image_record(w, gallery_id=gallery_id, service_level=service_level)
        for w in sorted(wires, key=order)
    ]


#: Glycerine's request fields -> the gateway's GraphQL input fields they come from, so a 422
#: names the field the caller sent (``userErrors.field``).
INPUT_FIELDS = {
    "name": "title",
    "description": "description",
    "allowed_languages": "allowedLanguages",
    "image_ids": "imageIds",
    "manifest": "manifestUrl",
    "published": "status",
}


def input_field(backend_field: str | None) -> str | None:
    """``allowed_languages.1`` -> ``allowedLanguages.1``; unknown fields pass unchanged."""
    if backend_field is None:
        return None
    head, dot, rest = backend_field.partition(".")
    return INPUT_FIELDS.get(head, head) + dot + rest
