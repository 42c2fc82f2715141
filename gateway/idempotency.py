"""The in-memory idempotency store (one process). See :mod:`schema.idempotency` for the contract.

Entries expire after ``ttl`` seconds (24 hours by default, as backends usually keep keys).
Several gateway replicas need a shared store with the same contract (e.g. Redis with
``SET NX`` for the claim); this one keeps the interface narrow so that swap is local.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from schema.idempotency import KeyReused, Outcome

__all__ = ["InMemoryIdempotencyStore"]

DEFAULT_TTL = 24 * 3600.0


@dataclass
class _Entry:
    fingerprint: str
    created: float
    done: asyncio.Event = field(default_factory=asyncio.Event)
    outcome: Outcome | None = None


class InMemoryIdempotencyStore:
    def __init__(
        self, *, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._ttl = ttl
        self._clock = clock

    async def claim(self, scope: str, key: str, fingerprint: str) -> Outcome | None:
        self._expire()
        while True:
            entry = self._entries.get((scope, key))
            if entry is None:
                self._entries[(scope, key)] = _Entry(fingerprint, self._clock())
                return None
            if entry.fingerprint != fingerprint:
                raise KeyReused(key)
            if entry.outcome is not None:
                return entry.outcome
            await entry.done.wait()  # the same mutation is in flight: wait for its outcome

    async def finish(self, scope: str, key: str, outcome: Outcome) -> None:
        entry = self._entries[(scope, key)]
        entry.outcome = outcome
        entry.done.set()

    async def release(self, scope: str, key: str) -> None:
        entry = self._entries.pop((scope, key), None)
        if entry is not None:
            entry.done.set()

    def _expire(self) -> None:
        cutoff = self._clock() - self._ttl
        for k in [k for k, e in self._entries.items() if e.created < cutoff and e.done.is_set()]:
            del self._entries[k]
