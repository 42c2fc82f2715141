"""Cursors are opaque and checked; merged pages interleave sources and resume exactly."""

from __future__ import annotations

import pytest

from adapters.errors import Unavailable
from schema.errors import InvalidArgument
from schema.pagination import check_first, decode_cursor, encode_cursor, merge_pages, single_after
from schema.records import Page


def test_a_cursor_round_trips_and_is_url_safe():
    cursor = encode_cursor({"s": "cms", "c": "10"})
    assert decode_cursor(cursor) == {"s": "cms", "c": "10"}
    assert "=" not in cursor


@pytest.mark.parametrize("cursor", ["!!", "bm90IGpzb24", encode_cursor({"s": "dpg", "c": "1"})])
def test_a_cursor_from_elsewhere_is_refused(cursor: str):
    with pytest.raises(InvalidArgument) as caught:
        single_after(cursor, "cms")
    assert caught.value.field == "after"


def test_first_is_bounded():
    assert check_first(None, default=20, maximum=100) == 20
    with pytest.raises(InvalidArgument):
        check_first(101, default=20, maximum=100)
    with pytest.raises(InvalidArgument):
        check_first(-1, default=20, maximum=100)


class Lists:
    """In-memory sources for merge_pages, remembering what each was asked for."""

    def __init__(self, **sizes: int) -> None:
        self.data = {name: [f"{name}{i}" for i in range(n)] for name, n in sizes.items()}
        self.asked: list[tuple[str, int]] = []

    async def __call__(self, source: str, after: str | None, size: int) -> Page[str]:
        self.asked.append((source, size))
        return Page.slice(self.data[source], first=size, after=after)


async def test_a_merged_walk_visits_every_item_once():
    fetch = Lists(a=5, b=2, c=0)
    seen: list[str] = []
    after = None
    while True:
        page = await merge_pages(["a", "b", "c"], fetch, first=3, after=after)
        seen += [item for _, item, _ in page.items]
        if not page.has_next:
            break
        after = page.items[-1][2]
    # the k-th item of each source in turn, then the (k+1)-th; an ended source drops out
    assert seen == ["a0", "b0", "a1", "b1", "a2", "a3", "a4"]


async def test_resuming_after_any_item_continues_right_after_it():
    fetch = Lists(a=4, b=4)
    first = await merge_pages(["a", "b"], fetch, first=3, after=None)
    middle_cursor = first.items[1][2]  # after "b0"
    resumed = await merge_pages(["a", "b"], fetch, first=3, after=middle_cursor)
    assert [item for _, item, _ in resumed.items] == ["a1", "b1", "a2"]


async def walk_all(sources: Lists, names: list[str], first: int) -> list[str]:
    seen: list[str] = []
    after = None
    for _ in range(100):
        page = await merge_pages(names, sources, first=first, after=after)
        seen += [item for _, item, _ in page.items]
        if not page.has_next:
            return seen
        after = page.items[-1][2] if page.items else after
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("first", [1, 2, 3, 4, 7, 50])
async def test_the_merged_order_is_the_same_whatever_the_page_size(first: int):
    expected = ["a0", "b0", "c0", "a1", "c1", "a2", "c2", "c3", "c4"]
    assert await walk_all(Lists(a=3, b=1, c=5), ["a", "b", "c"], first) == expected


async def test_a_failing_source_is_reported_and_retried_on_the_next_page():
    calls = {"b": 0}

    async def fetch(source: str, after: str | None, size: int) -> Page[str]:
        if source == "b":
            calls["b"] += 1
            if calls["b"] == 1:
                raise Unavailable("down", source="b")
        return Page.slice([f"{source}{i}" for i in range(2)], first=size, after=after)

    first = await merge_pages(["a", "b"], fetch, first=3, after=None)
    assert [item for _, item, _ in first.items] == ["a0", "a1"]
    assert len(first.errors) == 1 and first.has_next
    second = await merge_pages(["a", "b"], fetch, first=3, after=first.items[-1][2])
    assert [item for _, item, _ in second.items] == ["b0", "b1"]
    assert not second.has_next


async def test_a_merged_cursor_naming_an_unknown_source_is_refused():
    with pytest.raises(InvalidArgument):
        await merge_pages(["a"], Lists(a=1), first=1, after=encode_cursor({"m": {"zz": None}}))


async def test_totals_add_up_only_when_every_source_knows_its_total():
    page = await merge_pages(["a", "b"], Lists(a=2, b=3), first=10, after=None)
    assert page.total_count == 5


async def test_each_source_is_asked_for_its_share_of_the_page_only():
    fetch = Lists(a=10, b=10, c=10)
    page = await merge_pages(["a", "b", "c"], fetch, first=6, after=None)
    assert [item for _, item, _ in page.items] == ["a0", "b0", "c0", "a1", "b1", "c1"]
    assert fetch.asked == [("a", 2), ("b", 2), ("c", 2)]


async def test_a_short_source_leaves_its_share_to_the_others_in_a_second_round():
    fetch = Lists(a=1, b=10)
    page = await merge_pages(["a", "b"], fetch, first=4, after=None)
    assert [item for _, item, _ in page.items] == ["a0", "b0", "b1", "b2"]
    assert fetch.asked == [("a", 2), ("b", 2), ("b", 1)]
    assert page.has_next


@pytest.mark.parametrize("positions", [{"a": 5}, {"a": [1]}, {"a": {"x": 1}}, ["a"]])
async def test_a_forged_merged_cursor_is_refused(positions: object):
    with pytest.raises(InvalidArgument) as caught:
        await merge_pages(["a"], Lists(a=1), first=1, after=encode_cursor({"m": positions}))
    assert caught.value.field == "after"
