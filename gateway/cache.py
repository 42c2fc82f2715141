"""The in-memory read cache (one process): a TTL and a size bound, least recently used out.

See :mod:`schema.cache` for the contract. With ``ttl`` 0 (the default) nothing is kept, and
every request reads its backends afresh (its own loaders still de-duplicate within it).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

from schema.cache import CacheKey

__all__ = ["InMemoryReadCache"]


class InMemoryReadCache:
    def __init__(
        self,
        *,
        ttl: float,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[CacheKey, tuple[float, object]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Sequence[CacheKey]) -> Mapping[CacheKey, object]:
        found: dict[CacheKey, object] = {}
        now = self._clock()
        for key in keys:
            entry = self._entries.get(key)
            if entry is None or entry[0] <= now:
                self._entries.pop(key, None)
                self.misses += 1
                continue
            self._entries.move_to_end(key)
            found[key] = entry[1]
            self.hits += 1
        return found

    def set_many(self, items: Mapping[CacheKey, object]) -> None:
        if self.ttl <= 0:
            return
        expires = self._clock() + self.ttl
        for key, value in items.items():
            self._entries[key] = (expires, value)
            self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def invalidate(self, source: str) -> None:
        for key in [k for k in self._entries if k[1] == source]:
            del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)
