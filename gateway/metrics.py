"""``/metrics`` in the Prometheus text format: backend calls, breakers, GraphQL requests.

The numbers come from :data:`adapters.http.CALLS` (every source's calls and breaker) and from
:class:`RequestMetrics` (what the GraphQL endpoint counted).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from adapters.http import CallRegistry
from gateway.cache import InMemoryReadCache

__all__ = ["RequestMetrics", "render"]

_BREAKER_STATES = {"closed": 0, "half-open": 1, "open": 2}


@dataclass
class RequestMetrics:
    requests: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    batches: Counter[tuple[str, str]] = field(default_factory=Counter)
    batched_keys: Counter[tuple[str, str]] = field(default_factory=Counter)


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def render(
    calls: CallRegistry, requests: RequestMetrics, cache: InMemoryReadCache | None = None
) -> str:
    lines = [
        "# HELP gallery_gateway_graphql_requests_total GraphQL requests served.",
        "# TYPE gallery_gateway_graphql_requests_total counter",
        f"gallery_gateway_graphql_requests_total {requests.requests}",
        "# HELP gallery_gateway_graphql_errors_total GraphQL errors returned, by code.",
        "# TYPE gallery_gateway_graphql_errors_total counter",
    ]
    lines += [
        f'gallery_gateway_graphql_errors_total{{code="{_label(code)}"}} {n}'
        for code, n in sorted(requests.errors.items())
    ]
    lines += [
        "# HELP gallery_gateway_loader_batches_total DataLoader batches sent to adapters.",
        "# TYPE gallery_gateway_loader_batches_total counter",
    ]
    lines += [
        f'gallery_gateway_loader_batches_total{{source="{_label(s)}",entity="{e}"}} {n}'
        for (s, e), n in sorted(requests.batches.items())
    ]
    lines += [
        "# HELP gallery_gateway_loader_keys_total Keys loaded in those batches.",
        "# TYPE gallery_gateway_loader_keys_total counter",
    ]
    lines += [
        f'gallery_gateway_loader_keys_total{{source="{_label(s)}",entity="{e}"}} {n}'
        for (s, e), n in sorted(requests.batched_keys.items())
    ]
    lines += [
        "# HELP gallery_gateway_backend_calls_total Backend HTTP calls, by method and status.",
        "# TYPE gallery_gateway_backend_calls_total counter",
    ]
    for source, stats in sorted(calls.stats.items()):
        for (method, status), n in sorted(stats.calls.items(), key=str):
            lines.append(
                f'gallery_gateway_backend_calls_total{{source="{_label(source)}",'
                f'method="{method}",status="{status}"}} {n}'
            )
    lines += [
        "# HELP gallery_gateway_backend_seconds_total Time spent in backend calls.",
        "# TYPE gallery_gateway_backend_seconds_total counter",
    ]
    lines += [
        f'gallery_gateway_backend_seconds_total{{source="{_label(s)}"}} {stats.seconds:.6f}'
        for s, stats in sorted(calls.stats.items())
    ]
    lines += [
        "# HELP gallery_gateway_breaker_state Circuit breaker: 0 closed, 1 half-open, 2 open.",
        "# TYPE gallery_gateway_breaker_state gauge",
    ]
    lines += [
        f'gallery_gateway_breaker_state{{source="{_label(s)}"}} {_BREAKER_STATES[b.state]}'
        for s, b in sorted(calls.breakers.items())
    ]
    if cache is not None:
        lines += [
            "# HELP gallery_gateway_cache_lookups_total Read cache lookups, by result.",
            "# TYPE gallery_gateway_cache_lookups_total counter",
            f'gallery_gateway_cache_lookups_total{{result="hit"}} {cache.hits}',
            f'gallery_gateway_cache_lookups_total{{result="miss"}} {cache.misses}',
        ]
    return "\n".join(lines) + "\n"
