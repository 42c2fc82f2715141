"""Pure DPG wire -> record functions: no I/O, no clock, tolerant of unknown fields.

One DPG set is three records: a :class:`SetRecord` (the hierarchy), a :class:`GalleryRecord`
(same native id: "sets are what your public galleries are built from") and, for any set, a
:class:`CollectionRecord` whose galleries are its child sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from adapters.dpg.wire import (
    ImageWire,
    KeywordWire,
    OperationWire,
    SetWire,
    SnapshotWire,
    VersionWire,
)
from schema.records import (
    CollectionRecord,
    GalleryRecord,
    ImageRecord,
    Keyword,
    MetadataEntry,
    OperationRecord,
    OperationStatus,
    PublicationStatus,
    Rendition,
    SetRecord,
    SnapshotRecord,
)

__all__ = [
    "INPUT_FIELDS",
    "collection_record",
    "flatten_tree",
    "gallery_record",
    "image_record",
    "input_field",
    "keyword",
    "operation_record",
    "parse_time",
    "renditions",
    "set_record",
    "snapshot_record",
]

_STATUSES = {
    "queued": OperationStatus.QUEUED,
    "pending": OperationStatus.QUEUED,
    "running": OperationStatus.RUNNING,
    "processing": OperationStatus.RUNNING,
    "succeeded": OperationStatus.SUCCEEDED,
    "success": OperationStatus.SUCCEEDED,
    "completed": OperationStatus.SUCCEEDED,
    "failed": OperationStatus.FAILED,
    "error": OperationStatus.FAILED,
}


def parse_time(value: object) -> datetime | None:
    """ISO-8601 (with ``Z``) or epoch seconds (DPG uses both); anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def set_record(wire: SetWire) -> SetRecord:
    """A set from a list, the detail or a tree node (which embeds ``children``)."""
    children = None
    child_ids = None
    if "children" in wire:
        children = tuple(set_record(child) for child in wire["children"])
        child_ids = tuple(child.id for child in children)
    website = wire.get("website") or {}
    return SetRecord(
        id=wire["public_uuid"],
        name=wire.get("name"),
        description=wire.get("description"),
        colour=wire.get("colour"),
        type=wire.get("type"),
        parent_id=wire.get("parent_public_uuid"),
        position=wire.get("position"),
        image_count=wire.get("image_count"),
        # older payloads call it set_count
        child_count=wire.get("child_count", wire.get("set_count")),
        child_ids=child_ids,
        children=children,
        lead_image_id=wire.get("lead_image_public_uuid"),
        website=website.get("url") or website.get("name"),
        gallery_id=wire["public_uuid"],
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def flatten_tree(nodes: Iterable[SetWire]) -> list[SetWire]:
    """Every set of a ``/v1/sets/tree`` answer, depth first in tree order."""
    out: list[SetWire] = []
    for node in nodes:
        out.append(node)
        out.extend(flatten_tree(node.get("children", [])))
    return out


def gallery_record(wire: SetWire) -> GalleryRecord:
    """The gallery view of a set. DPG publishes per image (visibility), so a set is PUBLISHED;
    ``collection_id`` is the enclosing set, which the adapter also serves as a Collection."""
    return GalleryRecord(
        id=wire["public_uuid"],
        title=wire.get("name"),
        description=wire.get("description"),
        status=PublicationStatus.PUBLISHED,
        collection_id=wire.get("parent_public_uuid"),
        set_id=wire["public_uuid"],
        cover_image_id=wire.get("lead_image_public_uuid"),
        image_count=wire.get("image_count"),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def collection_record(wire: SetWire) -> CollectionRecord:
    return CollectionRecord(
        id=wire["public_uuid"],
        title=wire.get("name"),
        description=wire.get("description"),
        gallery_count=wire.get("child_count", wire.get("set_count")),
        image_count=wire.get("image_count"),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def keyword(wire: KeywordWire | str) -> Keyword | None:
    """Keywords come back split (``{namespace, value}``); a joined ``"ns:value"`` is accepted."""
    if isinstance(wire, str):
        namespace, sep, value = wire.partition(":")
        return Keyword(value=value, namespace=namespace) if sep else Keyword(value=wire)
    text = wire.get("value") or wire.get("keyword")
    if not text:
        return None
    return Keyword(value=text, namespace=wire.get("namespace") or None)


def renditions(versions: Iterable[VersionWire]) -> tuple[Rendition, ...]:
    """Versions with a URL, smallest first. Private versions (the original) have no public URL
    and are skipped; the URL is always the backend's own, never built from a CDN host."""
    out: list[Rendition] = []
    for version in versions:
        url = version.get("url")
        if url and version.get("access", "public") != "private":
            out.append(
                Rendition(
                    url=url,
                    width=version.get("width"),
                    height=version.get("height"),
                    name=version.get("name"),
                )
            )
    return tuple(sorted(out, key=lambda r: r.width or 0))


def image_record(wire: ImageWire, *, gallery_id: str | None = None) -> ImageRecord:
    """An image from ``/v1/images/{u}``, ``/v1/images`` or a set's ``/images`` (which adds
    ``position``, ``hidden`` and ``activation_time``)."""
    versions = wire.get("versions", [])
    width, height = wire.get("width"), wire.get("height")
    if width is None or height is None:
        # no top-level size: the largest version (the original, private or not) has it
        sized = [v for v in versions if v.get("width") and v.get("height")]
        largest = max(sized, key=lambda v: v.get("width") or 0, default=None)
        if largest is not None:
            width, height = largest.get("width"), largest.get("height")
    keywords = tuple(k for k in (keyword(w) for w in wire.get("keywords", [])) if k is not None)
    metadata = tuple(
        MetadataEntry(label=label, value=str(value))
        for label, value in (wire.get("metadata") or {}).items()
        if value is not None and value != ""
    )
    return ImageRecord(
        id=wire["public_uuid"],
        title=wire.get("title"),
        description=wire.get("description"),
        alt_text=wire.get("alt_text"),
        position=wire.get("position"),
        gallery_id=gallery_id,
        width=width,
        height=height,
        filename=wire.get("filename"),
        renditions=renditions(versions),
        keywords=keywords,
        metadata=metadata,
        hidden=wire.get("hidden"),
        available_from=parse_time(wire.get("activation_time")),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


def snapshot_record(wire: SnapshotWire, *, set_id: str | None = None) -> SnapshotRecord:
    return SnapshotRecord(
        id=wire["uuid"],
        set_id=wire.get("set_public_uuid", set_id),
        created_at=parse_time(wire.get("created_at")),
        image_count=wire.get("image_count"),
        reason=wire.get("reason"),
    )


def operation_record(wire: OperationWire) -> OperationRecord:
    # Non-terminal names are not documented: queued/pending and running/processing are read;
    # an unknown status is taken as still running (only succeeded/failed are terminal).
    status = _STATUSES.get(wire.get("status", "").lower(), OperationStatus.RUNNING)
    targets = list(wire.get("set_public_uuids", []))
    single = wire.get("set_public_uuid")
    if single and single not in targets:
        targets.append(single)
    targets.extend(wire.get("image_public_uuids", []))
    error = wire.get("error") or {}
    return OperationRecord(
        id=wire["uuid"],
        status=status,
        type=wire.get("type"),
        target_ids=tuple(targets),
        error_code=error.get("code"),
        error_field=input_field(error.get("field")),
        error_message=error.get("message"),
        created_at=parse_time(wire.get("created_at")),
        updated_at=parse_time(wire.get("updated_at")),
    )


#: DPG's request fields -> the gateway's GraphQL input fields they come from, so an error names
#: the field the caller sent (``userErrors.field``). Fields named alike pass unchanged.
INPUT_FIELDS = {
    "image_public_uuids": "imageIds",
    "set_public_uuids": "setIds",
    "parent_public_uuid": "parentId",
    "lead_image_public_uuid": "leadImageId",
    "snapshot_uuid": "snapshotId",
    "activation_time": "activationTime",
}


def input_field(backend_field: str | None) -> str | None:
    """``image_public_uuids`` -> ``imageIds``; ``image_public_uuids.2`` -> ``imageIds.2``."""
    if backend_field is None:
        return None
    head, dot, rest = backend_field.partition(".")
    return INPUT_FIELDS.get(head, head) + dot + rest
