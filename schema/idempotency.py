"""Idempotency keys for mutations: a retried mutation returns the first outcome.

The schema asks an :class:`IdempotencyStore` before running a mutation. The in-memory store
lives in the gateway (``gateway/idempotency.py``); a shared store (Redis) can replace it for
several replicas, as long as it keeps this contract:

* :meth:`IdempotencyStore.claim` returns the stored outcome for (scope, key) if the same
  fingerprint finished before; raises :class:`KeyReused` if the key was used with a different
  input; otherwise marks the key in flight (waiting while another call holds it) and returns
  None, and the caller must :meth:`finish` or :meth:`release` it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["IdempotencyStore", "KeyReused", "Outcome"]


class KeyReused(Exception):
    """The same idempotency key was sent with a different input."""


@dataclass(frozen=True)
class Outcome:
    """What a finished mutation returned: a record, an operation, or user errors."""

    value: object


class IdempotencyStore(Protocol):
    async def claim(self, scope: str, key: str, fingerprint: str) -> Outcome | None: ...

    async def finish(self, scope: str, key: str, outcome: Outcome) -> None: ...

    async def release(self, scope: str, key: str) -> None:
        """Give the key back after a failure that wrote nothing we know of (retry allowed)."""
        ...
