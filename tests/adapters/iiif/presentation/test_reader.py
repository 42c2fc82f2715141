from __future__ import annotations

from typing import Any

import pytest

from adapters.iiif.presentation import (
    document_type,
    image_id,
    level0_services_without_sizes,
    read_collection,
    read_manifest,
    split_image_id,
    with_services,
)
from schema.records import ImageService, MetadataEntry, PublicationStatus, Translation

URL = "https://example.org/iiif/book/manifest.json"
IMG = "https://images.example.org/iiif"


def _canvas3(n: int, body: object, label: object = None) -> dict[str, Any]:
    canvas: dict[str, Any] = {
        "id": f"https://example.org/iiif/book/canvas/p{n}",
        "type": "Canvas",
        "width": 1000,
        "height": 800,
        "items": [
            {
                "type": "AnnotationPage",
                "items": [{"type": "Annotation", "motivation": "painting", "body": body}],
            }
        ],
    }
    if label is not None:
        canvas["label"] = label
    return canvas


def _body3(name: str, service: object = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": f"{IMG}/{name}/full/max/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": 1000,
        "height": 800,
    }
    if service is not None:
        body["service"] = service
    return body


def _manifest3(*canvases: dict[str, Any], **extra: object) -> dict[str, Any]:
    return {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": URL,
        "type": "Manifest",
        "label": {"en": ["A book"], "fr": ["Un livre"], "de": ["Ein Buch"], "none": ["MS 9"]},
        **extra,
        "items": list(canvases),
    }


def _manifest2(*canvases: dict[str, Any], **extra: object) -> dict[str, Any]:
    return {
        "@context": "http://iiif.io/api/presentation/2/context.json",
        "@id": URL,
        "@type": "sc:Manifest",
        "label": "A book",
        **extra,
        "sequences": [{"@type": "sc:Sequence", "canvases": list(canvases)}],
    }


def _canvas2(n: int, resource: object, label: object = "Folio") -> dict[str, Any]:
    return {
        "@id": f"https://example.org/iiif/book/canvas/c{n}",
        "@type": "sc:Canvas",
        "label": label,
        "width": 2000,
        "height": 3000,
        "images": [{"@type": "oa:Annotation", "motivation": "sc:painting", "resource": resource}],
    }


def test_document_type_reads_v2_and_v3_spellings():
    assert document_type({"type": "Manifest"}) == "Manifest"
    assert document_type({"@type": "sc:Collection"}) == "Collection"
    assert document_type({"type": "Canvas"}) is None
    assert document_type({"status": "ok"}) is None


def test_v3_manifest_embeds_canvases_in_order_with_their_services():
    service = [{"id": f"{IMG}/a", "type": "ImageService3", "profile": "level1"}]
    manifest = _manifest3(
        _canvas3(1, _body3("a", service), {"en": ["First"]}), _canvas3(2, _body3("b"))
    )
    gallery = read_manifest(manifest, url=URL)
    assert gallery.id == URL and gallery.title == "A book"
    assert gallery.status is PublicationStatus.PUBLISHED
    assert gallery.image_count == 2 and gallery.images is not None
    first, second = gallery.images
    assert first.id == f"{URL}#https://example.org/iiif/book/canvas/p1"
    assert (first.position, first.gallery_id, first.title) == (0, URL, "First")
    assert (first.width, first.height, first.mime_type) == (1000, 800, "image/jpeg")
    assert first.service == ImageService(f"{IMG}/a", 3, 1, width=1000, height=800)
    assert second.service is None
    assert second.original_url == f"{IMG}/b/full/max/0/default.jpg"
    assert gallery.cover_image_id == first.id


def test_v3_labels_in_every_language_become_translations():
    gallery = read_manifest(_manifest3(summary={"en": ["About"], "fr": ["À propos"]}), url=URL)
    assert gallery.translations == (
        Translation("en", title="A book", description="About"),
        Translation("fr", title="Un livre", description="À propos"),
        Translation("de", title="Ein Buch"),
        Translation("none", title="MS 9"),
    )


def test_preferred_language_picks_the_title():
    assert read_manifest(_manifest3(), url=URL, preferred_language="de").title == "Ein Buch"


def test_v3_choice_body_reads_its_first_item():
    choice = {"type": "Choice", "items": [_body3("natural"), _body3("xray")]}
    gallery = read_manifest(_manifest3(_canvas3(1, choice)), url=URL)
    assert gallery.images is not None
    assert gallery.images[0].original_url == f"{IMG}/natural/full/max/0/default.jpg"


def test_v3_service_given_as_a_single_object_and_v2_service_inside_v3():
    service = {"@id": f"{IMG}/x/info.json", "@type": "ImageService2", "profile": "level2"}
    gallery = read_manifest(_manifest3(_canvas3(1, _body3("x", service))), url=URL)
    assert gallery.images is not None
    assert gallery.images[0].service == ImageService(f"{IMG}/x", 2, 2, width=1000, height=800)


def test_v3_metadata_attribution_thumbnail_and_part_of():
    manifest = _manifest3(
        metadata=[{"label": {"en": ["Date"]}, "value": {"none": ["1890"]}}],
        requiredStatement={"label": {"en": ["Attribution"]}, "value": {"en": ["A library"]}},
        thumbnail=[{"id": "https://example.org/thumb.jpg", "type": "Image"}],
        partOf=[{"id": "https://example.org/collection.json", "type": "Collection"}],
    )
    gallery = read_manifest(manifest, url=URL)
    assert gallery.metadata == (MetadataEntry("Date", "1890"),)
    assert gallery.attribution == "A library"
    assert gallery.cover_url == "https://example.org/thumb.jpg"
    assert gallery.collection_id == "https://example.org/collection.json"


def test_v2_manifest_reads_sequences_resources_and_service_objects():
    resource = {
        "@id": f"{IMG}/f1/full/full/0/default.jpg",
        "@type": "dctypes:Image",
        "format": "image/jpeg",
        "width": 2000,
        "height": 3000,
        "service": {
            "@context": "http://iiif.io/api/image/2/context.json",
            "@id": f"{IMG}/f1",
            "profile": "http://iiif.io/api/image/2/level2.json",
        },
    }
    gallery = read_manifest(_manifest2(_canvas2(1, resource, "Folio 1r")), url=URL)
    assert gallery.title == "A book"
    assert gallery.translations == (Translation("none", title="A book"),)
    assert gallery.images is not None
    image = gallery.images[0]
    assert image.title == "Folio 1r"
    assert image.service == ImageService(f"{IMG}/f1", 2, 2, width=2000, height=3000)


def test_v2_resource_without_service_falls_back_to_its_own_id():
    resource = {"@id": "https://example.org/scans/f2.jpg", "@type": "dctypes:Image"}
    gallery = read_manifest(_manifest2(_canvas2(1, resource)), url=URL)
    assert gallery.images is not None
    image = gallery.images[0]
    assert image.service is None
    assert (image.original_url, image.filename) == ("https://example.org/scans/f2.jpg", "f2.jpg")
    assert (image.width, image.height) == (2000, 3000)


def test_v2_choice_reads_its_default():
    choice = {
        "@type": "oa:Choice",
        "default": {"@id": "https://example.org/natural.jpg", "@type": "dctypes:Image"},
        "item": [{"@id": "https://example.org/uv.jpg", "@type": "dctypes:Image"}],
    }
    gallery = read_manifest(_manifest2(_canvas2(1, choice)), url=URL)
    assert gallery.images is not None
    assert gallery.images[0].original_url == "https://example.org/natural.jpg"


def test_v2_label_as_value_object_and_language_list():
    manifest = _manifest2(
        _canvas2(1, {"@id": "https://example.org/a.jpg"}, {"@value": "Sheet", "@language": "en"})
    )
    manifest["label"] = [
        {"@value": "Map", "@language": "en"},
        {"@value": "Carte", "@language": "fr"},
    ]
    gallery = read_manifest(manifest, url=URL, preferred_language="fr")
    assert gallery.title == "Carte"
    assert [t.language for t in gallery.translations] == ["en", "fr"]
    assert gallery.images is not None and gallery.images[0].title == "Sheet"


def test_v2_thumbnail_as_string_and_description_and_within():
    manifest = _manifest2(
        thumbnail="https://example.org/t.jpg",
        description="Leaves",
        within="https://example.org/c.json",
        attribution="A library",
    )
    gallery = read_manifest(manifest, url=URL)
    assert gallery.cover_url == "https://example.org/t.jpg"
    assert gallery.description == "Leaves"
    assert gallery.collection_id == "https://example.org/c.json"
    assert gallery.attribution == "A library"
    assert gallery.images == ()


def test_v3_collection_lists_manifests_and_nested_collections():
    collection = {
        "id": "https://example.org/top.json",
        "type": "Collection",
        "label": {"en": ["Top"], "de": ["Oben"]},
        "items": [
            {"id": "https://example.org/m1.json", "type": "Manifest", "label": {"en": ["M1"]}},
            {"id": "https://example.org/sub.json", "type": "Collection", "label": {"en": ["S"]}},
            {"type": "Manifest", "label": {"en": ["no id: skipped"]}},
            {"id": "https://example.org/canvas", "type": "Canvas"},
        ],
    }
    listing = read_collection(collection, url="https://example.org/top.json")
    assert listing.collection.title == "Top" and listing.collection.gallery_count == 1
    assert [g.id for g in listing.manifests] == ["https://example.org/m1.json"]
    summary = listing.manifests[0]
    assert (summary.title, summary.complete) == ("M1", False)
    assert summary.collection_id == "https://example.org/top.json"
    assert listing.collection.galleries == listing.manifests
    assert [(c.id, c.complete) for c in listing.collections] == [
        ("https://example.org/sub.json", False)
    ]


def test_v2_collection_reads_collections_manifests_and_members():
    collection = {
        "@id": "https://example.org/v2.json",
        "@type": "sc:Collection",
        "label": "Archive",
        "collections": [{"@id": "https://example.org/sub.json", "label": "Sub"}],
        "manifests": [{"@id": "https://example.org/m1.json", "label": "M1"}],
        "members": [
            {"@id": "https://example.org/m2.json", "@type": "sc:Manifest", "label": "M2"},
            {"@id": "https://example.org/sub2.json", "@type": "sc:Collection", "label": "S2"},
        ],
    }
    listing = read_collection(collection, url="https://example.org/v2.json")
    assert [g.id for g in listing.manifests] == [
        "https://example.org/m1.json",
        "https://example.org/m2.json",
    ]
    assert [c.title for c in listing.collections] == ["Sub", "S2"]


def test_image_ids_round_trip_and_refuse_other_strings():
    value = image_id(f"{URL}#ignored", "https://example.org/canvas/1")
    assert value == f"{URL}#https://example.org/canvas/1"
    assert split_image_id(value) == (URL, "https://example.org/canvas/1")
    with pytest.raises(ValueError):
        split_image_id("no-fragment")


def test_level0_services_without_sizes_are_found_once_and_replaced():
    service = {"id": f"{IMG}/z", "type": "ImageService3", "profile": "level0"}
    manifest = _manifest3(_canvas3(1, _body3("z", service)), _canvas3(2, _body3("z", service)))
    gallery = read_manifest(manifest, url=URL)
    pending = level0_services_without_sizes(gallery)
    assert [s.base for s in pending] == [f"{IMG}/z"]
    fresh = ImageService(f"{IMG}/z", 3, 0, sizes=((100, 80),))
    updated = with_services(gallery, {f"{IMG}/z": fresh})
    assert updated.images is not None
    assert {i.service for i in updated.images} == {
        ImageService(f"{IMG}/z", 3, 0, width=1000, height=800, sizes=((100, 80),))
    }
