"""Translation choice follows the IIIF display rules."""

from __future__ import annotations

from schema.records import Translation
from schema.values import filter_translations, pick_translation

EN, FR, NONE = (
    Translation("en", title="Hello"),
    Translation("fr", title="Bonjour"),
    Translation("none", title="—"),
)


def test_an_exact_language_wins():
    assert pick_translation((EN, FR), "fr", fallback=True) == FR


def test_a_regional_code_falls_back_to_its_base_language():
    assert pick_translation((EN, FR), "fr-CA", fallback=True) == FR


def test_without_the_language_none_comes_before_english():
    assert pick_translation((EN, NONE), "de", fallback=True) == NONE


def test_then_english_then_the_first():
    assert pick_translation((FR, EN), "de", fallback=True) == EN
    assert pick_translation((FR,), "de", fallback=True) == FR


def test_without_fallback_a_missing_language_is_none():
    assert pick_translation((EN,), "de", fallback=False) is None


def test_languages_filter_ignores_case():
    assert [t.language for t in filter_translations((EN, FR), ["FR"])] == ["fr"]
    assert len(filter_translations((EN, FR), None)) == 2
