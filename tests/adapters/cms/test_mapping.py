"""One small test per mapping rule and per quirk of the CMS JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from adapters.cms import mapping, wire
from schema.records import GalleryRecord, MediaType, PublicationStatus

BASE = "https://cms.example"
G = "7fba5cbd-dc1e-4282-bb7a-0e0c7109e1cd"
M1 = "8c0d0033-fc23-45a9-b8fd-d20854348156"
M2 = "9d1e1144-fc23-45a9-b8fd-d20854348156"
EN = "6513270e-269e-4d37-b2a7-4de452e6b438"
FR = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"
DE = "9531985d-5d9d-49f8-9818-e811892f902b"

LANGUAGES = mapping.language_table(
    [
        wire.Language(id=EN, code="en", name="English", is_default=True, is_active=True),
        wire.Language(id=FR, code="fr", name="Français", is_default=False, is_active=True),
        wire.Language(id=DE, code="de", name="Deutsch", is_default=False, is_active=True),
    ]
)


def media(media_id: str, **extra: object) -> wire.MediaSummary:
    body: dict[str, object] = {
        "id": media_id,
        "filename": f"{media_id}.jpg",
        "original_filename": "IMG_1234.JPG",
        "mime_type": "image/jpeg",
        "size": 204800,
        "path": f"uploads/media/{media_id}.jpg",
        "alt_text": "Opening ceremony photo",
    }
    body.update(extra)
    return cast(wire.MediaSummary, body)


def gallery(**extra: object) -> wire.GalleryResponse:
    body: dict[str, object] = {
        "id": G,
        "slug": "summer-2026",
        "status": "published",
        "cover_image_id": M2,
        "translations": [
            {"language_id": FR, "title": "Été 2026", "description": "Photos"},
            {"language_id": EN, "title": "Summer 2026", "description": "Photos", "meta_title": "M"},
        ],
        "gallery_media": [
            {"media_id": M1, "order": 0, "caption": "Opening", "media": media(M1)},
            {"media_id": M2, "order": 3, "caption": None, "media": media(M2)},
        ],
        "cover_image": media(M2),
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": None,
        "author_id": "ignored",
        "some_future_field": {"ignored": True},
    }
    body.update(extra)
    return cast(wire.GalleryResponse, body)


def record(body: wire.GalleryResponse, preferred: str | None = None) -> GalleryRecord:
    return mapping.gallery_record(
        body, languages=LANGUAGES, media_base=BASE, preferred_language=preferred
    )


def test_statuses_map_both_ways() -> None:
    for name in ("draft", "published", "archived"):
        status = mapping.status_from_wire(name)
        assert status is not None
        assert mapping.status_to_wire(status) == name


def test_an_unknown_status_maps_to_none_and_scheduled_has_no_cms_status() -> None:
    assert mapping.status_from_wire("deleted") is None
    assert mapping.status_from_wire(None) is None
    assert mapping.status_to_wire(PublicationStatus.SCHEDULED) is None


def test_a_summary_is_an_incomplete_record_in_the_synthetic_collection() -> None:
    summary = mapping.gallery_summary({"id": G, "slug": "s", "status": "draft"})
    assert (summary.complete, summary.collection_id, summary.status) == (
        False,
        "all",
        PublicationStatus.DRAFT,
    )
    assert summary.title is None


def test_title_comes_from_the_default_language_translation() -> None:
    result = record(gallery())
    assert (result.title, result.description) == ("Summer 2026", "Photos")


def test_the_default_language_option_overrides_the_table() -> None:
    assert record(gallery(), preferred="fr").title == "Été 2026"


def test_without_a_default_language_translation_the_first_in_table_order_is_used() -> None:
    body = gallery(
        translations=[
            {"language_id": DE, "title": "Sommer"},
            {"language_id": FR, "title": "Été"},
        ]
    )
    assert record(body).title == "Été"


def test_translations_carry_language_codes_in_table_order() -> None:
    result = record(gallery())
    assert [t.language for t in result.translations] == ["en", "fr"]
    assert result.translations[0].meta_title == "M"


def test_a_translation_in_an_unknown_language_is_left_out_and_reported() -> None:
    stranger = "11111111-1111-4111-8111-111111111111"
    body = gallery(translations=[{"language_id": stranger, "title": "?"}])
    assert record(body).translations == ()
    assert mapping.unknown_language_ids(body, LANGUAGES) == {stranger}


def test_images_are_embedded_in_order_with_caption_position_and_url() -> None:
    images = record(gallery()).images
    assert images is not None
    first = images[0]
    assert first.id == f"{G}:{M1}"
    assert (first.caption, first.position, first.gallery_id) == ("Opening", 0, G)
    assert first.original_url == f"{BASE}/uploads/media/{M1}.jpg"
    assert (first.filename, first.mime_type, first.alt_text) == (
        "IMG_1234.JPG",
        "image/jpeg",
        "Opening ceremony photo",
    )
    assert images[1].position == 1  # position is the index, not the CMS order (3)


def test_media_out_of_order_are_sorted_by_order_keeping_ties() -> None:
    body = gallery(
        gallery_media=[
            {"media_id": M2, "order": 5},
            {"media_id": M1, "order": 1},
        ]
    )
    assert mapping.gallery_media_ids(body) == [M1, M2]


def test_a_placement_without_a_media_summary_still_becomes_an_image() -> None:
    body = gallery(gallery_media=[{"media_id": M1}])
    images = record(body).images
    assert images is not None
    assert (images[0].id, images[0].original_url) == (f"{G}:{M1}", None)


def test_a_cover_in_the_gallery_is_named_by_its_gallery_image_id() -> None:
    result = record(gallery())
    assert result.cover_image_id == f"{G}:{M2}"
    assert result.cover_url == f"{BASE}/uploads/media/{M2}.jpg"


def test_a_cover_outside_the_gallery_is_a_library_image_id() -> None:
    other = "22222222-2222-4222-8222-222222222222"
    result = record(gallery(cover_image_id=other, cover_image=media(other)))
    assert result.cover_image_id == other


def test_no_cover_and_no_media_keys_are_tolerated() -> None:
    body: wire.GalleryResponse = {"id": G}
    result = record(body)
    assert (result.cover_image_id, result.cover_url, result.images, result.image_count) == (
        None,
        None,
        (),
        0,
    )


def test_dates_with_z_or_offsets_are_read_and_garbage_is_none() -> None:
    assert mapping.parse_datetime("2026-01-01T00:00:00Z") == datetime(2026, 1, 1, tzinfo=UTC)
    assert mapping.parse_datetime("2026-01-01T01:00:00+01:00") == datetime(2026, 1, 1, tzinfo=UTC)
    assert mapping.parse_datetime("yesterday") is None
    assert mapping.parse_datetime(None) is None


def test_mime_types_map_to_media_types() -> None:
    assert mapping.media_type("image/webp") is MediaType.PHOTO
    assert mapping.media_type("video/mp4") is MediaType.VIDEO
    assert mapping.media_type("application/pdf") is MediaType.OTHER
    assert mapping.media_type(None) is MediaType.OTHER


def test_media_urls_join_base_and_relative_path_and_keep_absolute_ones() -> None:
    assert mapping.media_url(f"{BASE}/", "/uploads/media/a.jpg") == f"{BASE}/uploads/media/a.jpg"
    assert mapping.media_url(BASE, "https://cdn.example/a.jpg") == "https://cdn.example/a.jpg"
    assert mapping.media_url(BASE, None) is None


def test_a_library_item_keeps_its_bare_media_id() -> None:
    image = mapping.media_image(media(M1, mime_type="video/mp4"), BASE)
    assert (image.id, image.media_type, image.gallery_id) == (M1, MediaType.VIDEO, None)


def test_language_lookup_by_code_is_case_insensitive() -> None:
    assert LANGUAGES.id_for("FR") == FR
    assert LANGUAGES.id_for("xx") is None
    assert LANGUAGES.code_for(EN.upper()) == "en"


def test_a_translation_body_sends_only_fields_with_a_value() -> None:
    assert mapping.translation_body(EN, title="T", meta_title=None) == {
        "language_id": EN,
        "title": "T",
    }


def test_fields_come_from_the_validation_loc() -> None:
    assert mapping.field_for_loc(["body", "cover_image_id"]) == "coverImageId"
    assert mapping.field_for_loc(["body", "media_ids", 2]) == "imageIds"
    assert mapping.field_for_loc(["body", "translations", 0, "title"]) == "title"
    assert mapping.field_for_loc(["body", "brand_new"]) == "brandNew"
    assert mapping.field_for_loc(["body"]) is None


def test_fields_come_from_documented_detail_messages() -> None:
    assert mapping.field_for_detail("Cover image not found") == "coverImageId"
    assert mapping.field_for_detail("Language not found") == "language"
    assert mapping.field_for_detail("Gallery not found") is None


def test_slugs_are_made_from_titles() -> None:
    assert mapping.slug_for("Été à Paris!  2026") == "ete-a-paris-2026"
    assert mapping.slug_for("!!!") == ""


def test_moving_a_media_id_clamps_to_the_end() -> None:
    assert mapping.moved(["a", "b", "c"], "c", 0) == ["c", "a", "b"]
    assert mapping.moved(["a", "b", "c"], "a", 99) == ["b", "c", "a"]
