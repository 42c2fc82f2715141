from __future__ import annotations

from datetime import date

from adapters.base import CollectionPatch
from adapters.pixieset.mapping import (
    client_record,
    collection_record,
    collection_update_body,
    error_info,
    gallery_record,
    image_record,
    many,
    one,
    page_has_next,
)
from adapters.pixieset.wire import CollectionWire, GalleryWire, MediaWire
from schema.image_urls import image_url
from schema.records import MediaType, PublicationStatus

TODAY = date(2026, 1, 1)
SEED_EXAMPLE: CollectionWire = {
    "id": 90516387,
    "name": "Wedding Photography 2025",
    "description": "Beautiful wedding moments",
    "gallery_count": 5,
    "photo_count": 450,
    "video_count": 12,
    "password_protected": True,
    "downloadable": True,
    "expiry_date": "2025-12-31",
}
PHOTO: MediaWire = {
    "id": 4410029381,
    "gallery_id": 129003127,
    "name": "IMG_4821.jpg",
    "type": "photo",
    "width": 6000,
    "height": 4000,
    "urls": {
        "thumb": "https://cdn/x-thumb.jpg",
        "medium": "https://cdn/x-medium.jpg",
        "large": "https://cdn/x-large.jpg",
        "original": "https://cdn/x-original.jpg",
    },
    "favorites_count": 3,
    "download_count": 2,
}


def test_the_seed_example_maps_to_a_collection_with_string_id_and_access():
    record = collection_record(SEED_EXAMPLE, today=date(2025, 6, 1))

    assert record.id == "90516387"
    assert record.image_count == 462
    assert record.video_count == 12
    assert record.access is not None
    assert record.access.password_protected is True
    assert record.access.expires_on == date(2025, 12, 31)
    assert record.status is PublicationStatus.PUBLISHED


def test_a_collection_is_open_through_its_expiry_date():
    assert collection_record(SEED_EXAMPLE, today=date(2025, 12, 31)).status is (
        PublicationStatus.PUBLISHED
    )


def test_a_collection_past_its_expiry_date_is_expired():
    assert collection_record(SEED_EXAMPLE, today=TODAY).status is PublicationStatus.EXPIRED


def test_a_private_collection_is_hidden():
    wire: CollectionWire = {"id": 1, "private": True}

    assert collection_record(wire, today=TODAY).status is PublicationStatus.HIDDEN


def test_unknown_fields_are_ignored():
    wire = {**SEED_EXAMPLE, "theme": {"font": "serif"}, "store_enabled": True}

    assert collection_record(wire, today=TODAY) == collection_record(SEED_EXAMPLE, today=TODAY)  # type: ignore[arg-type]


def test_missing_fields_become_none():
    record = collection_record({"id": "90516387"}, today=TODAY)

    assert record.title is None
    assert record.gallery_count is None
    assert record.image_count is None


def test_data_as_an_object_is_one_item_of_a_list():
    lone: GalleryWire | list[GalleryWire] = {"id": 1}
    listed: GalleryWire | list[GalleryWire] = [{"id": 1}, {"id": 2}]

    assert many(lone) == [{"id": 1}]
    assert many(listed) == [{"id": 1}, {"id": 2}]
    assert many(None) == []


def test_data_as_a_list_gives_its_first_object():
    listed: GalleryWire | list[GalleryWire] = [{"id": 1}]
    lone: GalleryWire | list[GalleryWire] = {"id": 1}
    empty: GalleryWire | list[GalleryWire] = []

    assert one(listed) == {"id": 1}
    assert one(lone) == {"id": 1}
    assert one(empty) is None


def test_meta_with_total_pages_tells_whether_more_pages_follow():
    assert page_has_next({"current_page": 1, "total_pages": 2}, page=1, count=12, per_page=12)
    assert not page_has_next({"total_pages": 2}, page=2, count=3, per_page=12)


def test_meta_with_last_page_tells_whether_more_pages_follow():
    assert page_has_next({"last_page": 3, "total": 30}, page=2, count=12, per_page=12)
    assert not page_has_next({"last_page": 3, "total": 30}, page=3, count=6, per_page=12)


def test_meta_with_only_a_total_or_none_at_all_still_pages():
    assert page_has_next({"total": 25}, page=2, count=12, per_page=12)
    assert not page_has_next(None, page=1, count=5, per_page=12)


def test_the_general_error_shape_gives_code_message_and_field():
    info = error_info(
        {
            "error": {
                "code": "validation_failed",
                "message": "The given data was invalid.",
                "details": {"name": ["The name is required."]},
            }
        },
        fallback="?",
    )

    assert (info.code, info.message, info.field) == (
        "validation_failed",
        "The given data was invalid.",
        "title",  # Pixieset's name, as updateCollection's input calls it
    )


def test_the_flat_auth_error_shape_gives_its_message():
    info = error_info(
        {"error": "Unauthorized", "message": "Session expired or invalid"}, fallback="?"
    )

    assert (info.code, info.message, info.field) == (
        "Unauthorized",
        "Session expired or invalid",
        None,
    )


def test_a_body_that_is_not_an_error_falls_back():
    assert error_info("<html>", fallback="answered 502").message == "answered 502"


def test_photo_renditions_come_from_the_size_urls_smallest_first():
    record = image_record(PHOTO)

    assert [(r.name, r.width, r.height) for r in record.renditions] == [
        ("thumb", 300, 200),
        ("medium", 1024, 683),
        ("large", 1600, 1067),
        ("original", 6000, 4000),
    ]
    assert record.id == "4410029381"
    assert record.gallery_id == "129003127"
    assert (record.favorites_count, record.download_count) == (3, 2)
    assert record.mime_type == "image/jpeg"


def test_the_gateway_picks_the_smallest_rendition_at_least_as_wide():
    record = image_record(PHOTO)

    assert image_url(record, 800, None) == "https://cdn/x-medium.jpg"
    assert image_url(record, 5000, None) == "https://cdn/x-original.jpg"


def test_a_video_keeps_its_file_as_original_and_posters_as_renditions():
    video: MediaWire = {
        "id": 1,
        "type": "video",
        "name": "CLIP_0012.mov",
        "width": 1920,
        "height": 1080,
        "urls": {"thumb": "https://cdn/v-thumb.jpg", "original": "https://v/clip.mov"},
    }

    record = image_record(video)

    assert record.media_type is MediaType.VIDEO
    assert record.original_url == "https://v/clip.mov"
    assert [r.name for r in record.renditions] == ["thumb"]
    assert record.mime_type == "video/quicktime"


def test_an_unknown_media_type_is_other():
    assert image_record({"id": 1, "type": "raw"}).media_type is MediaType.OTHER


def test_gallery_access_and_cover_from_an_object():
    record = gallery_record(
        {
            "id": 129003127,
            "collection_id": 90516387,
            "name": "Ceremony",
            "photo_count": 40,
            "video_count": 2,
            "private": True,
            "download": False,
            "favorites_count": 7,
            "cover_photo": {"id": 55, "url": "https://cdn/c.jpg"},
        }
    )

    assert (record.id, record.collection_id, record.image_count) == ("129003127", "90516387", 42)
    assert record.status is PublicationStatus.HIDDEN
    assert record.access is not None and record.access.downloadable is False
    assert (record.cover_image_id, record.cover_url) == ("55", "https://cdn/c.jpg")
    assert record.favorites_count == 7


def test_gallery_cover_as_a_plain_url_is_accepted():
    record = gallery_record({"id": 1, "cover_photo": "https://cdn/c.jpg"})

    assert (record.cover_image_id, record.cover_url) == (None, "https://cdn/c.jpg")


def test_client_records_keep_their_timestamps():
    record = client_record(
        {"id": 1, "email": "a@b.example", "last_accessed": "2025-12-01T10:00:00Z"}
    )

    assert record.last_accessed is not None and record.last_accessed.year == 2025
    assert record.email == "a@b.example"


def test_the_update_body_holds_only_what_changes():
    assert collection_update_body(CollectionPatch(title="New", downloadable=False)) == {
        "name": "New",
        "downloadable": False,
    }


def test_the_update_body_clears_or_sets_the_expiry():
    assert collection_update_body(CollectionPatch(clear_expiry=True)) == {"expiry_date": None}
    assert collection_update_body(CollectionPatch(expires_on=date(2027, 1, 2))) == {
        "expiry_date": "2027-01-02"
    }


def test_unknown_gallery_and_media_fields_are_ignored():
    gallery: GalleryWire = {"id": 129003127, "name": "Ceremony", "private": False}
    extra_gallery = {**gallery, "layout": "masonry", "watermark": {"enabled": True}}
    extra_photo = {**PHOTO, "exif": {"iso": 400}, "color_label": "red"}

    assert gallery_record(extra_gallery) == gallery_record(gallery)  # type: ignore[arg-type]
    assert image_record(extra_photo) == image_record(PHOTO)  # type: ignore[arg-type]
