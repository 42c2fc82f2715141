"""Global ids are opaque, URL-safe, round-trip, and reject anything else clearly."""

from __future__ import annotations

import pytest

from schema.ids import GlobalId, InvalidId, decode_id, encode_id


def test_an_id_round_trips_with_colons_in_the_native_id():
    value = encode_id("cms", "Image", "gallery-uuid:media-uuid")
    assert decode_id(value) == GlobalId("cms", "Image", "gallery-uuid:media-uuid")


def test_ids_are_url_safe_without_padding():
    value = encode_id("iiif", "Gallery", "https://example.org/iiif/manifest.json?x=1&y=2")
    assert "=" not in value and "+" not in value and "/" not in value


@pytest.mark.parametrize(
    "value", ["", "%%%", "bm90LWFuLWlk", encode_id("cms", "Widget", "1"), "a" * 3000]
)
def test_malformed_ids_are_invalid(value: str):
    with pytest.raises(InvalidId):
        decode_id(value)


def test_an_id_of_another_type_is_refused_when_a_type_is_expected():
    with pytest.raises(InvalidId, match="expected an id of a Gallery"):
        decode_id(encode_id("cms", "Image", "1"), expect="Gallery")
