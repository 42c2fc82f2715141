from __future__ import annotations

from schema.image_urls import image_url
from schema.records import ImageRecord, ImageService, Rendition

BASE = "https://images.example.org/iiif/abc"


def _image(service: ImageService) -> ImageRecord:
    return ImageRecord(id="1", service=service, original_url="https://example.org/orig.jpg")


def test_level2_v3_width_gives_w_comma():
    service = ImageService(BASE, version=3, level=2, width=4000, height=3000)
    assert image_url(_image(service), 200, None) == f"{BASE}/full/200,/0/default.jpg"


def test_level1_v2_width_gives_w_comma():
    service = ImageService(BASE, version=2, level=1, width=4000, height=3000)
    assert image_url(_image(service), 640, None) == f"{BASE}/full/640,/0/default.jpg"


def test_v3_never_upscales_beyond_the_source_width():
    service = ImageService(BASE, version=3, level=2, width=800, height=600)
    assert image_url(_image(service), 2000, None) == f"{BASE}/full/800,/0/default.jpg"


def test_v2_asks_for_the_width_even_beyond_the_source():
    service = ImageService(BASE, version=2, level=2, width=800, height=600)
    assert image_url(_image(service), 2000, None) == f"{BASE}/full/2000,/0/default.jpg"


def test_width_is_capped_at_max_width():
    service = ImageService(BASE, version=3, level=2, width=4032, height=3024, max_width=1200)
    assert image_url(_image(service), 3000, None) == f"{BASE}/full/1200,/0/default.jpg"


def test_width_is_capped_at_max_area_given_the_aspect_ratio():
    service = ImageService(BASE, version=3, level=1, width=6000, height=4000, max_area=4_000_000)
    # 2449 x 1633 = 3_999_217 <= 4_000_000; 2450 x 1634 would not fit.
    assert image_url(_image(service), 5000, None) == f"{BASE}/full/2449,/0/default.jpg"


def test_width_is_capped_at_max_height_given_the_aspect_ratio():
    service = ImageService(BASE, version=2, level=2, width=2000, height=4000, max_height=1000)
    assert image_url(_image(service), 900, None) == f"{BASE}/full/500,/0/default.jpg"


def test_height_only_gives_comma_h():
    service = ImageService(BASE, version=3, level=2, width=4000, height=3000)
    assert image_url(_image(service), None, 300) == f"{BASE}/full/,300/0/default.jpg"


def test_width_and_height_give_best_fit():
    service = ImageService(BASE, version=3, level=2, width=4000, height=3000)
    assert image_url(_image(service), 300, 300) == f"{BASE}/full/!300,300/0/default.jpg"


def test_best_fit_shrinks_to_what_max_width_allows():
    service = ImageService(BASE, version=2, level=2, width=4000, height=2000, max_width=1000)
    assert image_url(_image(service), 3000, 3000) == f"{BASE}/full/!1000,500/0/default.jpg"


def test_no_size_is_full_for_v2():
    service = ImageService(BASE, version=2, level=2)
    assert image_url(_image(service), None, None) == f"{BASE}/full/full/0/default.jpg"


def test_no_size_is_max_for_v3():
    service = ImageService(BASE, version=3, level=1)
    assert image_url(_image(service), None, None) == f"{BASE}/full/max/0/default.jpg"


def test_level0_picks_the_smallest_listed_size_at_least_that_wide():
    sizes = ((500, 375), (1000, 750), (2000, 1500))
    service = ImageService(BASE, version=3, level=0, width=2000, height=1500, sizes=sizes)
    assert image_url(_image(service), 600, None) == f"{BASE}/full/1000,750/0/default.jpg"


def test_level0_falls_back_to_the_largest_listed_size():
    sizes = ((512, 384), (1024, 768))
    service = ImageService(BASE, version=2, level=0, sizes=sizes)
    assert image_url(_image(service), 5000, None) == f"{BASE}/full/1024,768/0/default.jpg"


def test_level0_without_sizes_asks_for_the_full_image():
    service = ImageService(BASE, version=3, level=0)
    assert image_url(_image(service), 300, None) == f"{BASE}/full/max/0/default.jpg"


def test_renditions_give_the_smallest_at_least_that_wide():
    renditions = (
        Rendition("https://cdn.example/s.jpg", width=300),
        Rendition("https://cdn.example/m.jpg", width=800),
        Rendition("https://cdn.example/l.jpg", width=1600),
    )
    image = ImageRecord(id="1", renditions=renditions)
    assert image_url(image, 500, None) == "https://cdn.example/m.jpg"
    assert image_url(image, 5000, None) == "https://cdn.example/l.jpg"


def test_without_service_or_renditions_the_original_url_is_used():
    image = ImageRecord(id="1", original_url="https://example.org/orig.jpg")
    assert image_url(image, 200, None) == "https://example.org/orig.jpg"
