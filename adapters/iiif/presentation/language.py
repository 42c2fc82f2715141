"""IIIF text values -> per-language strings, and the one to display.

v3 language maps (``{"en": ["A"], "none": ["B"]}``), v2 plain strings, ``{"@value",
"@language"}`` objects and lists of either all read into ``{language: text}``, with
``"none"`` for values that carry no language. Several values in one language are joined with
a line break.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["NO_LANGUAGE", "best_value", "language_values"]

NO_LANGUAGE = "none"


def _add(found: dict[str, list[str]], language: str, text: str) -> None:
    text = text.strip()
    if text:
        found.setdefault(language or NO_LANGUAGE, []).append(text)


def _collect(value: object, found: dict[str, list[str]]) -> None:
    if isinstance(value, str):
        _add(found, NO_LANGUAGE, value)
    elif isinstance(value, Mapping):
        if "@value" in value:
            text, language = value.get("@value"), value.get("@language")
            if isinstance(text, str):
                _add(found, language if isinstance(language, str) else NO_LANGUAGE, text)
            return
        for language, texts in value.items():  # a v3 language map
            if not isinstance(language, str):
                continue
            items = texts if isinstance(texts, list) else [texts]
            for text in items:
                if isinstance(text, str):
                    _add(found, language, text)
    elif isinstance(value, Sequence):
        for item in value:
            _collect(item, found)


def language_values(value: object) -> dict[str, str]:
    """``{language: text}`` in document order; unreadable parts are skipped."""
    found: dict[str, list[str]] = {}
    _collect(value, found)
    return {language: "\n".join(texts) for language, texts in found.items()}


def best_value(values: Mapping[str, str], preferred: str = "en") -> str | None:
    """The text to display: ``preferred``, its base language, ``none``, ``en``, then the first."""
    base = preferred.split("-", 1)[0]
    for language in (preferred, base, NO_LANGUAGE, "en"):
        if language in values:
            return values[language]
    for language, text in values.items():
        if language.split("-", 1)[0] == base:
            return text
    return next(iter(values.values()), None)
