"""The running gateway: settings, the adapters of every source, the schema and shared stores.

:meth:`Gateway.start` builds one adapter (one pooled HTTP client) per configured source;
:meth:`Gateway.aclose` closes them all. The app's lifespan calls both.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import httpx

from adapters.base import Adapter
from gateway.auth import ReadPermission
from gateway.cache import InMemoryReadCache
from gateway.config import ConfigError, Settings
from gateway.idempotency import InMemoryIdempotencyStore
from gateway.limits import limit_extensions
from gateway.metrics import RequestMetrics
from gateway.registry import build_adapter
from schema.cache import ReadCache
from schema.idempotency import IdempotencyStore
from schema.root import build_schema

__all__ = ["Gateway", "check_sources"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Gateway:
    """Everything that lives as long as the process.

    Args:
        adapters: ready-made adapters by source name (tests), used instead of building them.
        cache: the cross-request read cache; by default an in-memory one when
            ``settings.cache.ttl`` is above 0, else none.
        transports: per source name, the transport its client uses (the demo and the tests
            pass ``httpx.ASGITransport`` to in-process emulators); real network otherwise.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
        adapters: Mapping[str, Adapter] | None = None,
        idempotency: IdempotencyStore | None = None,
        cache: ReadCache | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.settings = settings
        self.transports = dict(transports or {})
        self.idempotency: IdempotencyStore = idempotency or InMemoryIdempotencyStore()
        self.clock = clock
        self.schema = build_schema([*limit_extensions(settings.limits), ReadPermission])
        self._given = dict(adapters or {})
        self.adapters: dict[str, Adapter] = {}
        self.metrics = RequestMetrics()
        self.cache: ReadCache | None = cache
        if cache is None and settings.cache.ttl > 0:
            self.cache = InMemoryReadCache(
                ttl=settings.cache.ttl, max_entries=settings.cache.max_entries
            )

    async def start(self) -> None:
        for source in self.settings.sources:
            given = self._given.get(source.name)
            self.adapters[source.name] = given or build_adapter(
                source, self.transports.get(source.name)
            )

    async def aclose(self) -> None:
        adapters, self.adapters = list(self.adapters.values()), {}
        await asyncio.gather(*(a.aclose() for a in adapters), return_exceptions=True)


async def check_sources(settings: Settings) -> None:
    """Build (and close) every source's adapter once, so that a kind-specific setting the
    adapter refuses (a missing credential, a bad option) stops startup as a config error
    naming the source, instead of failing later inside the server's lifespan."""
    for source in settings.sources:
        try:
            adapter = build_adapter(source, None)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"sources.{source.name}: {exc}") from None
        await adapter.aclose()
