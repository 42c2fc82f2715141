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
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from adapters.errors import BackendError
from schema.context import context_of
from schema.errors import InvalidArgument
from schema.loaders import Entity, PageKey
from schema.records import Edge as RecordEdge, Page

__all__ = [
    "Connection",
    "Edge",
    "MergedPage",
    "PageInfo",
    "check_first",
    "connection_from_page",
    "decode_cursor",
    "embedded_page",
    "encode_cursor",
    "load_page",
    "merge_pages",
]

N = TypeVar("N")
R = TypeVar("R")
END = "$end"
MAX_ROUNDS = 3


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


def _state(
    sources: Sequence[str], after: str | None
) -> tuple[dict[str, str | None], dict[str, int]]:
    """Each source's cursor (None: from the start; END: finished) and items taken so far."""
    if after is None:
        return dict.fromkeys(sources), dict.fromkeys(sources, 0)
    state = decode_cursor(after)
    positions, counts = state.get("m"), state.get("n", {})
    if (
        not isinstance(positions, dict)
        or not isinstance(counts, dict)
        or set(positions) - set(sources)
        or set(counts) - set(sources)
        or not all(v is None or isinstance(v, str) for v in positions.values())
        or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()
        )
    ):
        raise InvalidArgument("not a cursor from this list", field="after")
    return {s: positions.get(s) for s in sources}, {s: counts.get(s, 0) for s in sources}


@dataclass
class _Merge:
    """The state of one merged page as it fills up, round by round.

    The merged order is fixed, whatever the page size: the k-th item of every source, in
    configured source order, then the (k+1)-th, and so on (a source that has ended drops out).
    So the next item always belongs to the source with the fewest items taken (ties to the
    earlier source); when that source's fetched items run out, the page waits for a refill
    rather than jump ahead, which keeps every page a slice of one and the same list.
    """

    sources: Sequence[str]
    first: int
    position: dict[str, str | None]
    counts: dict[str, int]
    items: list[tuple[str, Any, str]] = field(default_factory=list)
    errors: list[BackendError] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    totals: dict[str, int | None] = field(default_factory=dict)
    queues: dict[str, list[RecordEdge[Any]]] = field(default_factory=dict)
    more: dict[str, bool] = field(default_factory=dict)

    def still_going(self) -> list[str]:
        return [s for s in self.sources if self.position[s] != END and s not in self.failed]

    def dry(self) -> list[str]:
        """Sources still going with nothing fetched in hand: the ones to ask."""
        return [s for s in self.still_going() if not self.queues.get(s)]

    def take(self, results: Sequence[object], asking: Sequence[str]) -> None:
        for source, result in zip(asking, results, strict=True):
            if isinstance(result, BackendError):
                self.errors.append(result)
                self.failed.add(source)
            elif isinstance(result, BaseException):
                raise result
            else:
                page: Page[Any] = result  # type: ignore[assignment]
                self.totals.setdefault(source, page.total_count)
                self.queues[source] = list(page.edges)
                self.more[source] = page.has_next and bool(page.edges)
                if not page.edges:
                    self.position[source] = END

    def interleave(self) -> bool:
        """Add items in merged order; True when the page is full or no source has more."""
        while len(self.items) < self.first:
            going = self.still_going()
            if not going:
                return True
            source = min(going, key=lambda s: (self.counts[s], self.sources.index(s)))
            queue = self.queues.get(source)
            if not queue:
                return False  # its next item is not fetched yet: refill before going on
            edge = queue.pop(0)
            self.position[source] = edge.cursor
            self.counts[source] += 1
            if not queue and not self.more.get(source, False):
                self.position[source] = END
            cursor = encode_cursor({"m": self.position, "n": self.counts})
            self.items.append((source, edge.node, cursor))
        return True


async def merge_pages(
    sources: Sequence[str],
    fetch: Callable[[str, str | None, int], Any],
    *,
    first: int,
    after: str | None,
) -> MergedPage[Any]:
    """Up to ``first`` items of the merged list after ``after`` (see :class:`_Merge`).

    Each source is first asked for its share (``first`` divided by the sources still going,
    rounded up); a source whose share runs out before the page is full is asked for the rest,
    for at most :data:`MAX_ROUNDS` rounds (a page cut short there still says it has more). So a
    page costs about one list call per source rather than ``first`` items from each.
    """
    position, counts = _state(sources, after)
    merge = _Merge(sources, first, position, counts)
    size = max(1, -(-first // max(1, len(merge.still_going()))))
    for _ in range(MAX_ROUNDS):
        asking = merge.dry()
        if asking:
            results = await asyncio.gather(
                *(fetch(s, merge.position[s], size) for s in asking), return_exceptions=True
            )
            merge.take(results, asking)
        if merge.interleave():
            break
        size = max(1, first - len(merge.items))
    known = [merge.totals[s] for s in sources if s in merge.totals]
    complete = not merge.errors and len(known) == len(sources) and None not in known
    return MergedPage(
        items=merge.items,
        has_next=any(merge.position[s] != END for s in sources),
        total_count=sum(t for t in known if t is not None) if complete else None,
        errors=merge.errors,
    )


async def load_page(
    info: Info[Any, Any],
    source: str,
    entity: Entity,
    *,
    parent: str | None,
    first: int | None,
    after: str | None,
    status: str | None = None,
) -> Page[Any]:
    """One page of a source's list, through the request's page loader."""
    ctx = context_of(info)
    size = check_first(
        first, default=ctx.limits.default_page_size, maximum=ctx.limits.max_page_size
    )
    key = PageKey(entity, parent, size, single_after(after, source), status)
    page = await ctx.loaders.page(source, key)
    for edge in page.edges:
        ctx.loaders.prime(source, entity, edge.node)
    return page


def embedded_page(
    items: Sequence[R], info: Info[Any, Any], source: str, first: int | None, after: str | None
) -> Page[R]:
    """One page of a list the backend returned whole (paged here, in memory)."""
    ctx = context_of(info)
    size = check_first(
        first, default=ctx.limits.default_page_size, maximum=ctx.limits.max_page_size
    )
    try:
        return Page.slice(items, first=size, after=single_after(after, source))
    except ValueError:
        raise InvalidArgument("not a cursor from this list", field="after") from None
