"""The seed is deterministic and large enough for paging and batching tests."""

from __future__ import annotations

from adapters.iiif.emulator import create_emulator
from adapters.iiif.emulator.state import GlycerineState


def state(seed: int) -> GlycerineState:
    found = create_emulator(seed=seed).state
    assert isinstance(found, GlycerineState)
    return found


def test_the_same_seed_gives_the_same_data() -> None:
    first, second = state(7), state(7)
    assert [i.name for i in first.images.values()] == [i.name for i in second.images.values()]
    assert create_emulator(seed=7).credentials == create_emulator(seed=7).credentials


def test_another_seed_gives_other_data() -> None:
    assert [i.iiif_url for i in state(7).images.values()] != [
        i.iiif_url for i in state(8).images.values()
    ]


def test_the_seed_has_enough_sets_images_and_both_api_versions() -> None:
    seeded = state(7)
    assert len(seeded.collections) >= 3
    assert len(seeded.image_sets) >= 10
    assert len(seeded.images) >= 100
    assert {i.api_version for i in seeded.images.values()} == {"v2", "v3"}
    assert any(s.publication_id is not None for s in seeded.image_sets.values())
    assert all(s.allowed_languages for s in seeded.image_sets.values())
