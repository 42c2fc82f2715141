"""The ETag cache keeps the most recently used answers only."""

from __future__ import annotations

from adapters.dpg.etags import CachedAnswer, ETagCache


def test_the_least_recently_used_answer_is_dropped_first() -> None:
    cache = ETagCache(size=2)
    cache.put("a", CachedAnswer('"1"', b"a", {}))
    cache.put("b", CachedAnswer('"2"', b"b", {}))
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("c", CachedAnswer('"3"', b"c", {}))
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None
