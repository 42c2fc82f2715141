"""DPGAdapter reads against the emulator: batching, paging, the tree, errors, call counts."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from adapters.base import Adapter, SetDraft, SetTreeReader
from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import DPGState, create_emulator
from adapters.emulation import Emulator, Fault
from adapters.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from schema.records import GalleryRecord, SetRecord
from tests.adapters.contract import settings_for
from tests.adapters.dpg.contract_case import CASE

MISSING = CASE.missing_id


async def test_adapter_satisfies_the_protocols(adapter: DPGAdapter) -> None:
    assert isinstance(adapter, Adapter)
    assert isinstance(adapter, SetTreeReader)
    assert adapter.source == "dpg-test"


async def test_load_sets_keeps_key_order_with_not_found_values(
    adapter: DPGAdapter, state: DPGState, emulator: Emulator
) -> None:
    first, second = state.top_level[:2]
    results = await adapter.load_sets([second, MISSING, first, "not-a-uuid", second])
    assert [getattr(r, "id", None) for r in results] == [second, None, first, None, second]
    assert isinstance(results[1], NotFound) and isinstance(results[3], NotFound)
    # de-duplicated, and the malformed id never reached the backend
    assert emulator.control.journal.count("GET", "/v1/sets/*") == 3


async def test_a_set_is_also_a_gallery_and_a_collection(
    adapter: DPGAdapter, state: DPGState
) -> None:
    set_uuid = state.top_level[0]
    [as_set] = await adapter.load_sets([set_uuid])
    [as_gallery] = await adapter.load_galleries([set_uuid])
    [as_collection] = await adapter.load_collections([set_uuid])
    assert isinstance(as_set, SetRecord) and isinstance(as_gallery, GalleryRecord)
    assert as_set.gallery_id == as_gallery.id and as_gallery.set_id == as_set.id
    assert not isinstance(as_collection, Exception)
    assert as_collection.gallery_count == len(state.sets[set_uuid].children)
    assert as_set.website == "https://photos.myfest.example"


async def test_load_images_maps_versions_keywords_and_alt_text(
    adapter: DPGAdapter, state: DPGState
) -> None:
    image_uuid = next(iter(state.images))
    [image] = await adapter.load_images([image_uuid])
    assert not isinstance(image, Exception)
    seed = state.images[image_uuid]
    assert (image.width, image.height) == (seed.width, seed.height)
    assert image.alt_text == seed.alt_text
    assert [r.name for r in image.renditions] == ["thumbnail", "standard", "wuxga"]
    assert all(r.url.startswith("https://media.digitalphotogallery.com/") for r in image.renditions)
    assert any(k.namespace == "artist" for k in image.keywords)
    assert ("creator", seed.metadata["creator"]) in [(m.label, m.value) for m in image.metadata]


async def test_a_50_image_gallery_page_is_one_backend_call(
    adapter: DPGAdapter, state: DPGState, emulator: Emulator
) -> None:
    gallery = next(u for u, s in state.sets.items() if len(s.images) > 100)
    page = await adapter.list_images(gallery_id=gallery, first=50, after=None)
    assert len(page.items) == 50 and page.has_next
    assert [i.position for i in page.items] == list(range(50))
    assert emulator.control.journal.count() == 1
    assert emulator.control.journal.requests[0].query == "limit=50&offset=0"


async def test_image_paging_walk_has_no_gap_or_duplicate(
    adapter: DPGAdapter, state: DPGState
) -> None:
    gallery = next(u for u, s in state.sets.items() if len(s.images) > 100)
    seen: list[str] = []
    after = None
    while True:
        page = await adapter.list_images(gallery_id=gallery, first=40, after=after)
        seen.extend(i.id for i in page.items)
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert seen == state.sets[gallery].images


async def test_galleries_from_the_tree_are_marked_incomplete(adapter: DPGAdapter) -> None:
    page = await adapter.list_galleries(collection_id=None, status=None, first=10, after=None)
    assert len(page.items) == 10 and page.items[0].complete is False


async def test_a_page_larger_than_the_list_ends_in_one_call(
    adapter: DPGAdapter, emulator: Emulator
) -> None:
    large = await adapter.list_sets(parent_id=None, first=250, after=None)
    assert len(large.items) == 5 and not large.has_next
    # 1 call in all, and it is the top-level list: no follow-up page, no per-set fetch.
    assert emulator.control.journal.count() == 1
    assert emulator.control.journal.count("GET", "/v1/sets") == 1


async def test_gallery_walk_over_every_set_reaches_the_end(
    adapter: DPGAdapter, state: DPGState
) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = await adapter.list_galleries(collection_id=None, status=None, first=7, after=after)
        seen.extend(g.id for g in page.items)
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert sorted(seen) == sorted(state.sets) and len(seen) == len(set(seen))


async def test_galleries_of_a_collection_are_its_child_sets(
    adapter: DPGAdapter, state: DPGState
) -> None:
    top = state.top_level[0]
    page = await adapter.list_galleries(collection_id=top, status=None, first=50, after=None)
    assert [g.id for g in page.items] == state.sets[top].children
    assert all(g.collection_id == top for g in page.items)


async def test_children_of_a_set_come_in_order(adapter: DPGAdapter, state: DPGState) -> None:
    top = state.top_level[1]
    page = await adapter.list_sets(parent_id=top, first=2, after=None)
    rest = await adapter.list_sets(parent_id=top, first=50, after=page.edges[-1].cursor)
    assert [s.id for s in page.items + rest.items] == state.sets[top].children


async def test_a_foreign_cursor_is_invalid_input(adapter: DPGAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.list_collections(first=5, after="bmV4dA==")
    assert caught.value.field == "after"


async def test_the_tree_with_image_counts_is_one_call(
    adapter: DPGAdapter, state: DPGState, emulator: Emulator
) -> None:
    tree = await adapter.load_set_tree()
    assert emulator.control.journal.count() == 1
    assert emulator.control.journal.count("GET", "/v1/sets/tree") == 1

    def walk(nodes: tuple[SetRecord, ...], depth: int) -> int:
        deepest = depth
        for node in nodes:
            assert node.image_count == len(state.sets[node.id].images)
            assert node.child_ids == tuple(state.sets[node.id].children)
            deepest = max(deepest, walk(node.children or (), depth + 1))
        return deepest

    assert walk(tree, 1) >= 4
    assert [n.id for n in tree] == state.top_level


async def test_backend_errors_reach_the_caller_as_distinct_classes(
    adapter: DPGAdapter, emulator: Emulator, state: DPGState
) -> None:
    faults = emulator.control.faults
    for status, code in [(401, "unauthorized"), (429, "rate_limited"), (500, "internal")]:
        body = {"error": {"code": code, "message": code, "field": None}}
        headers = {"Retry-After": "30"} if status == 429 else {}
        faults.add(Fault(path="/v1/me", status=status, body=body, headers=headers, times=3))
        with pytest.raises((Unauthorized, RateLimited, Unavailable)) as caught:
            await adapter.ping()
        assert caught.value.backend_code == code
        faults.clear()
    assert isinstance(caught.value, Unavailable)
    state.api_enabled = False
    with pytest.raises(Forbidden) as off:
        await adapter.ping()
    assert off.value.backend_code == "api_not_enabled"


async def test_rate_limited_carries_retry_after(adapter: DPGAdapter, emulator: Emulator) -> None:
    body = {"error": {"code": "rate_limited", "message": "slow down"}}
    emulator.control.faults.add(
        Fault(path="/v1/me", status=429, body=body, headers={"Retry-After": "30"})
    )
    with pytest.raises(RateLimited) as caught:
        await adapter.ping()
    assert caught.value.retry_after == 30.0


async def test_missing_scope_is_forbidden_not_api_not_enabled(
    emulator: Emulator, state: DPGState
) -> None:
    settings = replace(
        settings_for(CASE, emulator), credentials={"token": state.read_only_token.value}
    )
    dpg = DPGAdapter(settings, httpx.ASGITransport(app=emulator.app))
    with pytest.raises(Forbidden) as caught:
        await dpg.create_set(SetDraft(name="X"), idempotency_key="k")
    assert caught.value.backend_code == "forbidden"
    await dpg.aclose()


async def test_a_bad_token_is_unauthorized(emulator: Emulator) -> None:
    settings = replace(settings_for(CASE, emulator), credentials={"token": "dpg_api_live_x"})
    dpg = DPGAdapter(settings, httpx.ASGITransport(app=emulator.app))
    [result] = await dpg.load_sets([MISSING])
    assert isinstance(result, Unauthorized) and result.source == "dpg-test"
    await dpg.aclose()


async def test_repeated_reads_revalidate_with_etags(
    adapter: DPGAdapter, state: DPGState, emulator: Emulator
) -> None:
    set_uuid = state.top_level[0]
    await adapter.load_sets([set_uuid])
    [again] = await adapter.load_sets([set_uuid])
    assert isinstance(again, SetRecord) and again.id == set_uuid
    second = emulator.control.journal.requests[-1]
    assert "if-none-match" in second.headers


async def test_settings_without_credentials_fail_naming_the_key() -> None:
    emulator = create_emulator()
    settings = replace(settings_for(CASE, emulator), credentials={})
    with pytest.raises(ValueError, match="token"):
        DPGAdapter(settings)


async def test_a_page_over_200_is_fetched_in_backend_pages_of_200() -> None:
    offsets: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params["limit"])
        offset = int(request.url.params["offset"])
        offsets.append(f"{limit}@{offset}")
        items = [{"public_uuid": f"i{offset + n}"} for n in range(limit)]
        more = {"X-Has-More": "true", "X-Next-Offset": str(offset + limit)}
        return httpx.Response(200, json=items, headers=more)

    settings = replace(settings_for(CASE, create_emulator()), base_url="https://api.example/v1")
    dpg = DPGAdapter(settings, httpx.MockTransport(handler))
    page = await dpg.list_images(gallery_id=MISSING, first=250, after="10")
    await dpg.aclose()
    assert offsets == ["200@10", "50@210"]
    assert page.items[0].id == "i10" and page.edges[-1].cursor == "260"
