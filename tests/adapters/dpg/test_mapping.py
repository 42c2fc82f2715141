"""One small test per DPG wire quirk the mapping tolerates."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.dpg.mapping import (
    collection_record,
    flatten_tree,
    gallery_record,
    image_record,
    input_field,
    keyword,
    operation_record,
    parse_time,
    renditions,
    set_record,
    snapshot_record,
)
from adapters.dpg.wire import ImageWire, OperationWire, SetWire
from schema.records import Keyword, OperationStatus, PublicationStatus

SET: SetWire = {
    "public_uuid": "s1",
    "name": "Day 1",
    "parent_public_uuid": "top",
    "lead_image_public_uuid": "i1",
    "image_count": 12,
    "child_count": 2,
    "website": {"uuid": "w", "name": "Photos", "url": "https://photos.example"},
    "created_at": "2026-07-03T17:22:37Z",
}


def test_keywords_come_back_split_into_namespace_and_value() -> None:
    assert keyword({"namespace": "artist", "value": "Marina"}) == Keyword("Marina", "artist")


def test_a_bare_keyword_has_no_namespace() -> None:
    assert keyword({"namespace": None, "value": "sunset"}) == Keyword("sunset")


def test_a_joined_keyword_string_is_split_at_the_colon() -> None:
    assert keyword("artist:Marina") == Keyword("Marina", "artist")
    assert keyword("sunset") == Keyword("sunset")


def test_the_keyword_variant_name_is_accepted() -> None:
    assert keyword({"keyword": "Marina", "namespace": "artist"}) == Keyword("Marina", "artist")


def test_private_versions_and_versions_without_url_are_skipped() -> None:
    found = renditions(
        [
            {"name": "wuxga", "width": 1920, "height": 1280, "url": "https://cdn/w.jpg"},
            {"name": "original", "width": 6000, "height": 4000, "access": "private"},
            {"name": "secret", "url": "https://cdn/o.jpg", "access": "private"},
            {"name": "standard", "width": 1024, "height": 683, "url": "https://cdn/s.jpg"},
        ]
    )
    assert [r.name for r in found] == ["standard", "wuxga"]


def test_image_size_falls_back_to_the_largest_version() -> None:
    wire: ImageWire = {
        "public_uuid": "i1",
        "versions": [
            {"name": "standard", "width": 1024, "height": 683, "url": "https://cdn/s.jpg"},
            {"name": "original", "width": 6000, "height": 4000, "access": "private"},
        ],
    }
    image = image_record(wire)
    assert (image.width, image.height) == (6000, 4000)
    assert image.original_url is None


def test_set_image_listing_carries_position_and_embargo() -> None:
    wire: ImageWire = {
        "public_uuid": "i1",
        "position": 4,
        "hidden": False,
        "activation_time": "2026-08-01T09:00:00+00:00",
        "metadata": {"creator": "Jane Doe", "city": "", "rating_stars": 4},
        "unknown_field": "ignored",  # type: ignore[typeddict-unknown-key]
    }
    image = image_record(wire, gallery_id="s1")
    assert (image.position, image.gallery_id, image.hidden) == (4, "s1", False)
    assert image.available_from == datetime(2026, 8, 1, 9, tzinfo=UTC)
    assert [(m.label, m.value) for m in image.metadata] == [
        ("creator", "Jane Doe"),
        ("rating_stars", "4"),
    ]


def test_times_accept_z_offsets_and_epoch_seconds() -> None:
    assert parse_time("2026-07-03T17:22:37Z") == datetime(2026, 7, 3, 17, 22, 37, tzinfo=UTC)
    assert parse_time(1783099999) == datetime.fromtimestamp(1783099999, UTC)
    assert parse_time("next tuesday") is None
    assert parse_time(True) is None


def test_set_and_gallery_views_point_at_each_other() -> None:
    as_set, as_gallery = set_record(SET), gallery_record(SET)
    assert as_set.gallery_id == as_gallery.id == as_gallery.set_id == as_set.id == "s1"
    assert as_set.website == "https://photos.example"
    assert as_gallery.collection_id == "top" and as_gallery.cover_image_id == "i1"
    assert as_gallery.status is PublicationStatus.PUBLISHED


def test_set_count_is_read_as_child_count() -> None:
    assert set_record({"public_uuid": "s", "set_count": 3}).child_count == 3
    assert collection_record({"public_uuid": "s", "set_count": 3}).gallery_count == 3


def test_tree_nodes_embed_children_in_order() -> None:
    tree: list[SetWire] = [
        {
            "public_uuid": "a",
            "children": [
                {"public_uuid": "b", "children": [{"public_uuid": "c", "children": []}]},
                {"public_uuid": "d", "children": []},
            ],
        }
    ]
    root = set_record(tree[0])
    assert root.child_ids == ("b", "d")
    assert root.children is not None and root.children[0].child_ids == ("c",)
    assert [n["public_uuid"] for n in flatten_tree(tree)] == ["a", "b", "c", "d"]


def test_a_set_from_a_list_has_no_embedded_children() -> None:
    assert set_record(SET).children is None and set_record(SET).child_ids is None


def test_operation_statuses_and_targets_are_read() -> None:
    wire: OperationWire = {
        "uuid": "op-1",
        "status": "failed",
        "type": "add_images",
        "set_public_uuid": "s1",
        "image_public_uuids": ["i1"],
        "error": {"code": "image_not_found", "field": "image_public_uuids", "message": "No"},
    }
    record = operation_record(wire)
    assert record.status is OperationStatus.FAILED
    assert record.target_ids == ("s1", "i1")
    assert (record.error_code, record.error_field) == ("image_not_found", "imageIds")


def test_undocumented_non_terminal_statuses_are_still_pending() -> None:
    assert operation_record({"uuid": "o", "status": "pending"}).status is OperationStatus.QUEUED
    assert operation_record({"uuid": "o", "status": "working"}).status is OperationStatus.RUNNING


def test_snapshots_fall_back_to_the_set_they_were_listed_for() -> None:
    assert snapshot_record({"uuid": "snap"}, set_id="s1").set_id == "s1"


def test_a_dpg_field_is_named_as_the_graphql_input_calls_it():
    assert input_field("image_public_uuids") == "imageIds"
    assert input_field("parent_public_uuid.0") == "parentId.0"
    assert input_field("hidden") == "hidden"
    assert input_field(None) is None
