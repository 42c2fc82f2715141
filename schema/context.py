"""What every resolver gets as ``info.context``: built once per request by the gateway."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from strawberry.types import Info

from adapters.base import Adapter
from schema.cache import ReadCache
from schema.errors import PermissionDenied, UnknownSource
from schema.idempotency import IdempotencyStore
from schema.loaders import Loaders

__all__ = ["Limits", "Principal", "RequestContext", "context_of"]


@dataclass(frozen=True)
class Principal:
    """Who is asking, as the gateway's own auth decided (not a backend identity)."""

    name: str
    permissions: frozenset[str] = frozenset()

    def can(self, permission: str) -> bool:
        return permission in self.permissions or "*" in self.permissions


@dataclass(frozen=True)
class Limits:
    """Argument limits resolvers enforce (query-shape limits are checked before execution)."""

    default_page_size: int = 20
    max_page_size: int = 100
    max_nodes: int = 100


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class RequestContext:
    sources: Mapping[str, Adapter]
    loaders: Loaders
    principal: Principal
    idempotency: IdempotencyStore
    request_id: str = ""
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], datetime] = _utcnow
    #: Errors of sources left out of a merged list: (GraphQL path, error). The gateway adds
    #: them to the response's ``errors`` while the rest of the list still arrives.
    partial_errors: list[tuple[list[str | int], Exception]] = field(default_factory=list)
    #: The cross-request read cache, when one is configured (writes invalidate their source).
    cache: ReadCache | None = None

    def adapter(self, source: str) -> Adapter:
        try:
            return self.sources[source]
        except KeyError:
            raise UnknownSource(f"no source named {source!r}", field="source") from None

    def require(self, permission: str, *, field: str) -> None:
        if not self.principal.can(permission):
            raise PermissionDenied(f"this field needs the {permission!r} permission", field=field)


def context_of(info: Info[Any, Any]) -> RequestContext:
    """The request's context, typed."""
    context: RequestContext = info.context
    return context
