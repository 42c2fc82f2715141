"""The emulator's own manifest reading for import: v2 and v3, one test per variant."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.iiif.emulator.manifest_import import ManifestError, read_manifest


def v3_canvas(body: object, **extra: object) -> dict[str, Any]:
    return {
        "id": "c",
        "type": "Canvas",
        "items": [{"type": "AnnotationPage", "items": [{"motivation": "painting", "body": body}]}],
        **extra,
    }


def test_a_v3_manifest_gives_one_canvas_per_painted_canvas() -> None:
    body = {
        "id": "https://i.example/a/full/max/0/default.jpg",
        "type": "Image",
        "width": 10,
        "height": 20,
        "service": [{"id": "https://i.example/a", "type": "ImageService3", "profile": "level1"}],
    }
    manifest = read_manifest(
        {"type": "Manifest", "label": {"en": ["Book"]}, "items": [v3_canvas(body)]}
    )
    assert manifest.label == "Book"
    [canvas] = manifest.canvases
    assert (canvas.service_base, canvas.api_version, canvas.width) == (
        "https://i.example/a",
        "v3",
        10,
    )


def test_a_v2_service_in_a_v3_manifest_is_read_with_at_id() -> None:
    body = {"id": "x", "service": [{"@id": "https://i.example/b/", "@type": "ImageService2"}]}
    manifest = read_manifest({"type": "Manifest", "items": [v3_canvas(body)]})
    assert (manifest.canvases[0].service_base, manifest.canvases[0].api_version) == (
        "https://i.example/b",
        "v2",
    )


def test_a_choice_body_uses_its_first_item() -> None:
    body = {"type": "Choice", "items": [{"id": "https://i.example/1.jpg"}, {"id": "2.jpg"}]}
    manifest = read_manifest({"type": "Manifest", "items": [v3_canvas(body)]})
    assert manifest.canvases[0].image_url == "https://i.example/1.jpg"


def test_a_v2_manifest_reads_sequences_and_a_single_service_object() -> None:
    document = {
        "@type": "sc:Manifest",
        "label": [{"@value": "Carte", "@language": "fr"}],
        "description": "Old map",
        "sequences": [
            {
                "canvases": [
                    {
                        "label": "p. 1",
                        "width": 5,
                        "height": 6,
                        "images": [
                            {
                                "resource": {
                                    "@id": "https://i.example/m.jpg",
                                    "service": {
                                        "@context": "http://iiif.io/api/image/2/context.json",
                                        "@id": "https://i.example/m/info.json",
                                    },
                                }
                            }
                        ],
                    }
                ]
            }
        ],
    }
    manifest = read_manifest(document)
    assert (manifest.label, manifest.summary) == ("Carte", "Old map")
    [canvas] = manifest.canvases
    assert (canvas.label, canvas.service_base, canvas.width, canvas.height) == (
        "p. 1",
        "https://i.example/m",
        5,
        6,
    )


def test_a_canvas_without_a_service_is_a_plain_image() -> None:
    manifest = read_manifest(
        {"type": "Manifest", "items": [v3_canvas({"id": "https://i.example/p.png"})]}
    )
    assert manifest.canvases[0].service_base is None
    assert manifest.canvases[0].label == "Canvas 1"


@pytest.mark.parametrize(
    "document",
    [[], {"type": "Collection", "items": []}, {"type": "Manifest", "items": []}],
)
def test_what_is_not_a_usable_manifest_is_refused(document: object) -> None:
    with pytest.raises(ManifestError):
        read_manifest(document)
