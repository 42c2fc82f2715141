"""The cross-request read cache contract: complete records by (scope, source, entity, id).

Loaders consult it before a batch goes to an adapter and fill it with what came back, so a
record read by one request serves the next ones until it expires. ``scope`` is the principal:
nothing cached for one caller is served to another. A write to a source drops everything
cached for that source. Only complete records are cached; errors and list pages never are.

The in-memory store is :class:`gateway.cache.InMemoryReadCache`; a shared one (Redis) can take
its place for several replicas by keeping this contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

__all__ = ["CacheKey", "ReadCache"]

#: (scope, source, entity, native id)
CacheKey = tuple[str, str, str, str]


class ReadCache(Protocol):
    def get_many(self, keys: Sequence[CacheKey]) -> Mapping[CacheKey, object]:
        """The cached records among ``keys`` (missing or expired keys are left out)."""
        ...

    def set_many(self, items: Mapping[CacheKey, object]) -> None: ...

    def invalidate(self, source: str) -> None:
        """Forget every record of ``source`` (after a write to it)."""
        ...
