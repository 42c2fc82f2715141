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


Sample = tuple[dict[str, object], float | int]


def _family(name: str, kind: str, help_text: str, samples: list[Sample]) -> list[str]:
    """One metric family in the Prometheus text format: HELP, TYPE, then a line per sample."""
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        text = ",".join(f'{key}="{_label(v)}"' for key, v in labels.items())
        number = f"{value:.6f}" if isinstance(value, float) else str(value)
        lines.append(f"{name}{{{text}}} {number}" if text else f"{name} {number}")
    return lines


def render(
    calls: CallRegistry, requests: RequestMetrics, cache: InMemoryReadCache | None = None
) -> str:
    prefix = "gallery_gateway_"
    lines = _family(
        prefix + "graphql_requests_total",
        "counter",
        "GraphQL requests served.",
        [({}, requests.requests)],
    )
    lines += _family(
        prefix + "graphql_errors_total",
        "counter",
        "GraphQL errors returned, by code.",
        [({"code": code}, n) for code, n in sorted(requests.errors.items())],
    )
    lines += _family(
        prefix + "loader_batches_total",
        "counter",
        "DataLoader batches sent to adapters.",
        [({"source": s, "entity": e}, n) for (s, e), n in sorted(requests.batches.items())],
    )
    lines += _family(
        prefix + "loader_keys_total",
        "counter",
        "Keys loaded in those batches.",
        [({"source": s, "entity": e}, n) for (s, e), n in sorted(requests.batched_keys.items())],
    )
    lines += _family(
        prefix + "backend_calls_total",
        "counter",
        "Backend HTTP calls, by method and status.",
        [
            ({"source": source, "method": method, "status": status}, n)
            for source, stats in sorted(calls.stats.items())
            for (method, status), n in sorted(stats.calls.items(), key=str)
        ],
    )
    lines += _family(
        prefix + "backend_seconds_total",
        "counter",
        "Time spent in backend calls.",
        [({"source": s}, stats.seconds) for s, stats in sorted(calls.stats.items())],
    )
    lines += _family(
        prefix + "breaker_state",
        "gauge",
        "Circuit breaker: 0 closed, 1 half-open, 2 open.",
        [({"source": s}, _BREAKER_STATES[b.state]) for s, b in sorted(calls.breakers.items())],
    )
    if cache is not None:
        lines += _family(
            prefix + "cache_lookups_total",
            "counter",
            "Read cache lookups, by result.",
            [({"result": "hit"}, cache.hits), ({"result": "miss"}, cache.misses)],
        )
    return "\n".join(lines) + "\n"
