"""Native ids: ``"{collection}:{image set}"`` for image sets, plain integers otherwise."""

from __future__ import annotations

import pytest

from adapters.iiif.glycerine.ids import ImageSetId, parse_plain_id


def test_an_image_set_id_round_trips() -> None:
    key = ImageSetId.parse("3:17")
    assert (key.collection_id, key.image_set_id) == (3, 17)
    assert str(key) == "3:17"


@pytest.mark.parametrize("value", ["17", "3:", ":17", "a:b", "3:17:1", "-1:2", "0:1", "٣:1"])
def test_malformed_image_set_ids_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        ImageSetId.parse(value)


def test_plain_ids_are_positive_integers() -> None:
    assert parse_plain_id("112") == 112
    with pytest.raises(ValueError):
        parse_plain_id("1.5")
