from __future__ import annotations

from adapters.cms.emulator.seed import seed_data


def test_the_same_seed_gives_the_same_data() -> None:
    first, second = seed_data(3), seed_data(3)
    assert [g.id for g in first.galleries] == [g.id for g in second.galleries]
    assert [m.filename for m in first.media] == [m.filename for m in second.media]


def test_another_seed_gives_other_ids() -> None:
    assert seed_data(3).galleries[0].id != seed_data(4).galleries[0].id


def test_the_seed_is_large_and_mixed() -> None:
    data = seed_data(7)
    live = [g for g in data.galleries if g.deleted_at is None]
    assert len(live) >= 20
    assert {g.status for g in live} == {"draft", "published", "archived"}
    assert len(data.media) >= 300
    placed = {item.media_id for g in data.galleries for item in g.media}
    assert placed == {m.id for m in data.media}
    captions = [item.caption for g in data.galleries for item in g.media]
    assert sum(1 for c in captions if c) > len(captions) // 2


def test_translations_cover_three_languages_but_not_every_gallery_has_each() -> None:
    data = seed_data(7)
    codes = {lang.id: lang.code for lang in data.languages}
    per_gallery = [{codes[t.language_id] for t in g.translations} for g in data.galleries]
    assert set().union(*per_gallery) == {"en", "fr", "de"}
    assert any(codes_ != {"en", "fr", "de"} for codes_ in per_gallery)
    assert any("en" not in codes_ for codes_ in per_gallery)


def test_media_paths_point_at_uploads() -> None:
    media = seed_data(7).media[0]
    assert media.path == f"uploads/media/{media.filename}"
    assert media.filename.split(".")[0] != media.original_filename.split(".")[0]
