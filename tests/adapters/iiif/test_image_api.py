from __future__ import annotations

import pytest

from adapters.iiif.image_api import (
    first_image_service,
    info_json_url,
    parse_service,
    read_info_json,
    service_base,
    service_from_base,
)
from schema.records import ImageService

BASE = "https://images.example.org/iiif/abc"


def test_service_base_strips_info_json_and_slash():
    assert service_base(f"{BASE}/info.json") == BASE
    assert service_base(f"{BASE}/") == BASE


def test_v3_service_reads_type_and_level_string():
    service = parse_service({"id": BASE, "type": "ImageService3", "profile": "level1"})
    assert service == ImageService(BASE, version=3, level=1)


def test_v2_service_reads_context_and_profile_uri():
    block = {
        "@context": "http://iiif.io/api/image/2/context.json",
        "@id": BASE,
        "profile": "http://iiif.io/api/image/2/level2.json",
    }
    assert parse_service(block) == ImageService(BASE, version=2, level=2)


def test_v2_service_in_a_v3_manifest_reads_at_type():
    service = parse_service({"@id": BASE, "@type": "ImageService2", "profile": "level2"})
    assert service is not None and (service.version, service.level) == (2, 2)


def test_v2_profile_list_carries_limits():
    block = {
        "@id": BASE,
        "profile": ["http://iiif.io/api/image/2/level1.json", {"maxWidth": 1000, "maxArea": 9}],
    }
    service = parse_service(block)
    assert service is not None
    assert (service.level, service.max_width, service.max_area) == (1, 1000, 9)


def test_v3_limits_and_sizes_are_read_from_the_top_level():
    block = {
        "id": BASE,
        "type": "ImageService3",
        "profile": "level0",
        "maxHeight": 800,
        "sizes": [{"width": 400, "height": 300}, {"width": 200, "height": 150}],
    }
    service = parse_service(block, width=4000, height=3000)
    assert service is not None
    assert service.sizes == ((200, 150), (400, 300))
    assert (service.max_height, service.width, service.height) == (800, 4000, 3000)


def test_a_service_without_any_version_hint_is_not_an_image_service():
    assert parse_service({"id": BASE, "profile": "http://example.org/other"}) is None


def test_first_image_service_skips_other_services_in_a_list():
    services = [
        {"@context": "http://iiif.io/api/auth/1/context.json", "@id": "https://auth"},
        {"id": BASE, "type": "ImageService3", "profile": "level2"},
    ]
    service = first_image_service(services)
    assert service is not None and service.base == BASE


def test_first_image_service_accepts_a_single_object():
    service = first_image_service({"id": BASE, "type": "ImageService3", "profile": "level2"})
    assert service is not None and service.version == 3


def test_read_info_json_v3():
    info = {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": BASE,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": 2400,
        "height": 1600,
        "sizes": [{"width": 300, "height": 200}],
    }
    assert read_info_json(info) == ImageService(
        BASE, version=3, level=0, width=2400, height=1600, sizes=((300, 200),)
    )


def test_read_info_json_refuses_a_manifest():
    with pytest.raises(ValueError):
        read_info_json({"id": BASE, "type": "Manifest"})


def test_info_json_url_and_service_from_base():
    service = service_from_base(f"{BASE}/", "v3", width=10, height=5)
    assert (service.version, service.level) == (3, 1)
    assert info_json_url(service) == f"{BASE}/info.json"
    assert service_from_base(BASE, 2).version == 2
