from __future__ import annotations

from datetime import date

from adapters.pixieset.emulator.seed import seed_studio

TODAY = date(2026, 1, 1)


def test_the_same_seed_gives_the_same_studio():
    first, second = seed_studio(seed=7, today=TODAY), seed_studio(seed=7, today=TODAY)

    assert list(first.collections) == list(second.collections)
    assert [m.name for m in first.media.values()] == [m.name for m in second.media.values()]


def test_another_seed_gives_another_studio():
    assert list(seed_studio(seed=1, today=TODAY).collections) != list(
        seed_studio(seed=2, today=TODAY).collections
    )


def test_the_studio_is_as_large_as_promised():
    studio = seed_studio(seed=7, today=TODAY)
    videos = [m for m in studio.media.values() if m.kind == "video"]

    assert len(studio.collections) >= 10
    assert len(studio.galleries) >= 40
    assert len(studio.media) - len(videos) >= 1500
    assert videos
    assert all(c.clients for c in studio.collections.values())
    assert any(c.favorites for c in studio.collections.values())
    assert any(c.downloads for c in studio.collections.values())


def test_one_collection_is_expired_and_two_are_password_protected():
    studio = seed_studio(seed=7, today=TODAY)
    collections = list(studio.collections.values())

    assert [c.expiry_date < TODAY for c in collections if c.expiry_date].count(True) == 1
    assert sum(1 for c in collections if c.password) == 2


def test_ids_have_the_documented_lengths():
    studio = seed_studio(seed=7, today=TODAY)

    assert {len(str(i)) for i in studio.collections} == {8}
    assert {len(str(i)) for i in studio.galleries} == {9}
