from __future__ import annotations

from adapters.iiif.presentation.language import best_value, language_values


def test_v3_language_map_keeps_every_language_and_none():
    assert language_values({"en": ["Harbour"], "fr": ["Port"], "none": ["MS 1"]}) == {
        "en": "Harbour",
        "fr": "Port",
        "none": "MS 1",
    }


def test_v2_plain_string_has_no_language():
    assert language_values("Folio 1r") == {"none": "Folio 1r"}


def test_v2_value_object_and_lists_of_them():
    value = [{"@value": "Port", "@language": "fr"}, {"@value": "Hafen", "@language": "de"}]
    assert language_values(value) == {"fr": "Port", "de": "Hafen"}
    assert language_values({"@value": "Sheet", "@language": "en"}) == {"en": "Sheet"}


def test_several_values_in_one_language_are_joined_by_a_line_break():
    assert language_values({"en": ["One", "Two"]}) == {"en": "One\nTwo"}


def test_unreadable_parts_are_skipped():
    assert language_values({"en": [3, "ok"], "fr": None}) == {"en": "ok"}
    assert language_values(None) == {}


def test_best_value_prefers_the_language_then_none_then_english_then_first():
    values = {"fr": "Port", "none": "MS 1", "en": "Harbour"}
    assert best_value(values, "fr") == "Port"
    assert best_value(values, "de") == "MS 1"
    assert best_value({"fr": "Port", "en": "Harbour"}, "de") == "Harbour"
    assert best_value({"fr": "Port"}, "de") == "Port"
    assert best_value({"en-GB": "Colour"}, "en") == "Colour"
    assert best_value({}, "en") is None
