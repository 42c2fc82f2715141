"""Pure Glycerine wire -> record mapping, one test per quirk."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.iiif.glycerine import mapping
from adapters.iiif.glycerine.wire import WireCollection, WireImage, WireImageSet
from schema.records import PublicationStatus


def image_set(**extra: object) -> WireImageSet:
    wire: WireImageSet = {"id": 17, "name": "Plates", "collection": {"id": 3, "name": "C"}}
    wire.update(extra)  # type: ignore[typeddict-item]
    return wire


def image(**extra: object) -> WireImage:
    wire: WireImage = {"id": 5, "name": "Sheet 1", "weight": 0}
    wire.update(extra)  # type: ignore[typeddict-item]
    return wire


def test_image_set_id_carries_the_collection_id() -> None:
    record = mapping.gallery_record(image_set())
    assert (record.id, record.set_id, record.collection_id) == ("3:17", "3:17", "3")


def test_the_collection_id_can_come_from_the_caller_when_not_embedded() -> None:
    record = mapping.set_record({"id": 17, "name": "Plates"}, collection_id=8)
    assert (record.id, record.gallery_id) == ("8:17", "8:17")


def test_no_publication_is_draft() -> None:
    assert mapping.gallery_record(image_set(publication=None)).status is PublicationStatus.DRAFT


def test_an_inactive_publication_is_draft_and_an_active_one_published() -> None:
    inactive = image_set(publication={"id": 1, "active": False})
    active = image_set(publication={"id": 1, "active": True})
    assert mapping.gallery_record(inactive).status is PublicationStatus.DRAFT
    assert mapping.gallery_record(active).status is PublicationStatus.PUBLISHED


def test_allowed_language_objects_become_one_translation_each() -> None:
    wire = image_set(
        description="Glass plates",
        allowed_languages=[{"name": "English", "code": "en"}, {"name": "French", "code": "fr"}],
    )
    translations = mapping.gallery_record(wire).translations
    assert [(t.language, t.title, t.description) for t in translations] == [
        ("en", "Plates", "Glass plates"),
        ("fr", "Plates", "Glass plates"),
    ]


def test_allowed_languages_as_bare_codes_are_accepted_and_deduplicated() -> None:
    wire = image_set(allowed_languages=["de", {"code": "de"}, "zh"])
    assert mapping.language_codes(wire) == ("de", "zh")


def test_unknown_fields_are_ignored() -> None:
    record = mapping.gallery_record(image_set(annotation_sets=[], sparkle=True))
    assert record.title == "Plates"


def test_laravel_timestamps_are_read_with_microseconds() -> None:
    parsed = mapping.parse_time("2024-05-01T10:00:00.000000Z")
    assert parsed == datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_an_unreadable_timestamp_is_none() -> None:
    assert mapping.parse_time("yesterday") is None
    assert mapping.parse_time(None) is None


def test_a_naive_timestamp_is_taken_as_utc() -> None:
    assert mapping.parse_time("2024-05-01 10:00:00") == datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_collection_record_reads_name_metadata_and_status() -> None:
    wire: WireCollection = {
        "id": 3,
        "name": "Maps",
        "metadata": [{"name": "Curator", "value": "J. Ortega"}, {"name": "Empty", "value": None}],
        "publication": {"id": 9, "active": True},
    }
    record = mapping.collection_record(wire)
    assert (record.id, record.title, record.status) == ("3", "Maps", PublicationStatus.PUBLISHED)
    assert [(m.label, m.value) for m in record.metadata] == [
        ("Curator", "J. Ortega"),
        ("Empty", ""),
    ]


def test_api_version_spellings() -> None:
    assert [mapping.api_version(v) for v in ("v2", "v3", "3", 2, "3.0", "V3", None, "x")] == [
        2,
        3,
        3,
        2,
        3,
        3,
        None,
        None,
    ]


def test_image_service_from_iiif_url_and_api_version() -> None:
    record = mapping.image_record(
        image(iiif_url="https://img.example/iiif/a/", api_version="v3", width=4000, height=3000),
        service_level=2,
    )
    assert record.service is not None
    assert (record.service.base, record.service.version, record.service.level) == (
        "https://img.example/iiif/a",
        3,
        2,
    )
    assert (record.service.width, record.service.height) == (4000, 3000)


def test_an_iiif_url_ending_in_info_json_is_trimmed() -> None:
    record = mapping.image_record(
        image(iiif_url="https://img.example/iiif/a/info.json", api_version="v2")
    )
    assert record.service is not None
    assert record.service.base == "https://img.example/iiif/a"


def test_original_url_is_full_max_in_v3_and_full_full_in_v2() -> None:
    v3 = mapping.image_record(image(iiif_url="https://i.example/a", api_version="v3"))
    v2 = mapping.image_record(image(iiif_url="https://i.example/a", api_version="v2"))
    assert v3.original_url == "https://i.example/a/full/max/0/default.jpg"
    assert v2.original_url == "https://i.example/a/full/full/0/default.jpg"


def test_a_plain_image_has_its_uri_as_original_and_no_service() -> None:
    record = mapping.image_record(
        image(type="image", uri="https://cdn.example/a.jpg", iiif_url=None)
    )
    assert record.service is None
    assert record.original_url == "https://cdn.example/a.jpg"


def test_an_image_server_uri_is_not_an_original_url() -> None:
    record = mapping.image_record(image(uri="image-server://abc", iiif_url=None))
    assert record.original_url is None


def test_source_is_a_filename_only_when_it_is_not_a_url() -> None:
    assert mapping.image_record(image(source="IMG_1.tif")).filename == "IMG_1.tif"
    assert mapping.image_record(image(source="https://x.example/m.json")).filename is None


def test_images_are_ordered_by_weight_then_id_with_missing_weights_last() -> None:
    wires: list[WireImage] = [
        {"id": 1, "weight": 2},
        {"id": 2, "weight": None},
        {"id": 3, "weight": 0},
        {"id": 4, "weight": 2},
    ]
    records = mapping.image_records(wires, gallery_id="3:17")
    assert [r.id for r in records] == ["3", "1", "4", "2"]
    assert {r.gallery_id for r in records} == {"3:17"}


def test_string_ids_are_accepted() -> None:
    wire = image_set(id="17", collection={"id": "3", "name": "C"})
    assert mapping.gallery_record(wire).id == "3:17"


def test_a_backend_field_is_named_as_the_graphql_input_calls_it():
    assert mapping.input_field("name") == "title"
    assert mapping.input_field("allowed_languages.1") == "allowedLanguages.1"
    assert mapping.input_field("manifest") == "manifestUrl"
    assert mapping.input_field("something_else") == "something_else"
    assert mapping.input_field(None) is None
