"""Relay connections over backend lists, with opaque cursors.

A cursor is ``base64url(json)`` of where to resume: for one source, that source's own cursor;
for a list merged across sources, every source's cursor (or "end"). Backends page by offset,
skip/limit, page/meta, headers or not at all; clients only ever see these cursors.

Merged lists interleave sources round-robin (source order as configured), so the first page
shows every source; a source that fails is left out of that page, reported as an error with its
code and source, and retried from the same position on the next page.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from adapters.errors import BackendError
from schema.errors import InvalidArgument
from schema.records import Edge as RecordEdge, Page

__all__ = [
    "Connection",
    "Edge",
    "MergedPage",
    "PageInfo",
    "check_first",
    "connection_from_page",
    "decode_cursor",
    "encode_cursor",
    "merge_pages",
]

N = TypeVar("N")
R = TypeVar("R")
END = "$end"


@strawberry.type(description="Where a page of a connection starts and ends.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(description="A page of a list, in the Relay connection shape.")
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="How many items the whole list has, when the backend says (else null)."
    )

    @strawberry.field(description="The nodes of this page, without their cursors.")
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]


def encode_cursor(state: dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(value: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        state = json.loads(raw)
    except (binascii.Error, ValueError):
        raise InvalidArgument("not a cursor from this list", field="after") from None
    if not isinstance(state, dict):
        raise InvalidArgument("not a cursor from this list", field="after")
    return state


def check_first(first: int | None, *, default: int, maximum: int) -> int:
    if first is None:
        return default
    if first < 0 or first > maximum:
        raise InvalidArgument(f"first must be between 0 and {maximum}", field="first")
    return first


def single_after(after: str | None, source: str) -> str | None:
    """The adapter cursor inside a one-source connection cursor."""
    if after is None:
        return None
    state = decode_cursor(after)
    cursor = state.get("c")
    if state.get("s") != source or not isinstance(cursor, str):
        raise InvalidArgument("not a cursor from this list", field="after")
    return cursor


def connection_from_page(
    page: Page[R], source: str, wrap: Callable[[R], N], *, after: str | None
) -> Connection[N]:
    edges = [
        Edge(cursor=encode_cursor({"s": source, "c": e.cursor}), node=wrap(e.node))
        for e in page.edges
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total_count,
    )


@dataclass
class MergedPage(Generic[R]):
    """A merged page: (source, record) pairs with their cursors, and the failed sources."""

    items: list[tuple[str, R, str]]
    has_next: bool
    total_count: int | None
    errors: list[BackendError]


async def merge_pages(
    sources: Sequence[str],
    fetch: Callable[[str, str | None], Any],
    *,
    first: int,
    after: str | None,
) -> MergedPage[Any]:
    """Fetch up to ``first`` items from every unfinished source and interleave them."""
    state: dict[str, str | None]
    if after is None:
        state = dict.fromkeys(sources)
    else:
        decoded = decode_cursor(after).get("m")
        if not isinstance(decoded, dict) or set(decoded) - set(sources):
            raise InvalidArgument("not a cursor from this list", field="after")
        state = {s: decoded.get(s) for s in sources}
    live = [s for s in sources if state[s] != END]
    results = await asyncio.gather(*(fetch(s, state[s]) for s in live), return_exceptions=True)
    pages: dict[str, Page[Any]] = {}
    errors: list[BackendError] = []
    for source, result in zip(live, results, strict=True):
        if isinstance(result, BackendError):
            errors.append(result)
        elif isinstance(result, BaseException):
            raise result
        else:
            pages[source] = result
    queues: dict[str, list[RecordEdge[Any]]] = {s: list(p.edges) for s, p in pages.items()}
    items: list[tuple[str, Any, str]] = []
    position = dict(state)
    while len(items) < first and any(queues.values()):
        for source in sources:
            queue = queues.get(source)
            if not queue or len(items) >= first:
                continue
            edge = queue.pop(0)
            position[source] = edge.cursor
            if not queue and not pages[source].has_next:
                position[source] = END
            items.append((source, edge.node, encode_cursor({"m": position})))
    for source, page in pages.items():
        if not page.edges and not page.has_next:
            position[source] = END
    has_next = (
        any(queues.get(s) for s in sources)
        or any(position[s] != END for s in sources if s in pages)
        or bool(errors)
    )
    totals = [p.total_count for p in pages.values()]
    total = sum(t for t in totals if t is not None) if None not in totals and not errors else None
    return MergedPage(items=items, has_next=bool(has_next), total_count=total, errors=errors)
