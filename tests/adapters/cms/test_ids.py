from __future__ import annotations

import pytest

from adapters.cms.ids import ImageRef, image_id, is_uuid, parse_image_id

G = "7fba5cbd-dc1e-4282-bb7a-0e0c7109e1cd"
M = "8c0d0033-fc23-45a9-b8fd-d20854348156"


def test_an_image_id_round_trips_gallery_and_media() -> None:
    assert parse_image_id(image_id(G, M)) == ImageRef(media_id=M, gallery_id=G)


def test_a_bare_media_id_is_a_library_image() -> None:
    assert parse_image_id(M.upper()) == ImageRef(media_id=M)


@pytest.mark.parametrize("value", ["", "x", f"{G}:", f":{M}", f"x:{M}", f"{G}:{M}:{M}"])
def test_anything_else_is_not_an_image_id(value: str) -> None:
    with pytest.raises(ValueError):
        parse_image_id(value)


def test_only_hyphenated_uuids_count() -> None:
    assert is_uuid(G)
    assert not is_uuid(G.replace("-", ""))
    assert not is_uuid("{" + G + "}")
