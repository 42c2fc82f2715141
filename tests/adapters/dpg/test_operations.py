"""DPG writes: 202 + Operation, Idempotency-Key reuse on retry, polling, failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest

from adapters.base import GalleryDraft, MediaPlacement, SetDraft, SetPatch
from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import DPGState, create_emulator
from adapters.emulation import Emulator, EmulatorControl, Fault, ManualClock
from adapters.errors import Conflict, InvalidInput, NotFound, NotSupported
from schema.records import GalleryRecord, OperationRecord, OperationStatus, SetRecord
from tests.adapters.contract import settings_for
from tests.adapters.dpg.contract_case import CASE


@pytest.fixture
async def slow(clock: ManualClock) -> AsyncIterator[tuple[DPGAdapter, Emulator]]:
    """An emulator whose Operations take 10 s (emulator time) and an adapter that waits 50 ms."""
    emulator = create_emulator(control=EmulatorControl(clock=clock), operation_delay=10)
    settings = replace(
        settings_for(CASE, emulator), options={"operation_deadline": 0.05, "poll_interval": 0.01}
    )
    dpg = DPGAdapter(settings, httpx.ASGITransport(app=emulator.app), clock=clock)
    yield dpg, emulator
    await dpg.aclose()


async def test_retried_create_after_a_dropped_response_makes_one_set(
    adapter: DPGAdapter, emulator: Emulator, state: DPGState
) -> None:
    emulator.control.faults.add(Fault(method="POST", path="/v1/sets", drop_response=True, times=1))
    before = len(state.sets)
    created = await adapter.create_set(SetDraft(name="Day 4"), idempotency_key="key-1")
    assert isinstance(created, SetRecord) and created.name == "Day 4"
    assert len(state.sets) == before + 1
    posts = emulator.control.journal.matching("POST", "/v1/sets")
    assert len(posts) == 2
    assert {p.headers["idempotency-key"] for p in posts} == {"key-1"}
    # the retry got the original, already succeeded Operation: no polls, one fresh read
    assert emulator.control.journal.count() == 3
    assert emulator.control.journal.count("GET", f"/v1/sets/{created.id}") == 1


async def test_a_slow_operation_comes_back_pending_after_cheap_304_polls(
    slow: tuple[DPGAdapter, Emulator], clock: ManualClock
) -> None:
    dpg, emulator = slow
    pending = await dpg.create_set(SetDraft(name="Later"), idempotency_key="k")
    assert isinstance(pending, OperationRecord)
    assert pending.status is OperationStatus.QUEUED
    polls = emulator.control.journal.matching("GET", "/v1/operations/*")
    assert len(polls) >= 2
    assert all("if-none-match" in p.headers for p in polls[1:])
    clock.advance(11)
    done = await dpg.load_operation(pending.id)
    assert done.status is OperationStatus.SUCCEEDED
    assert isinstance(emulator.state, DPGState)
    assert done.target_ids and done.target_ids[0] in emulator.state.sets


async def test_a_failed_operation_raises_with_its_code_and_field(
    adapter: DPGAdapter, state: DPGState
) -> None:
    set_uuid = state.top_level[0]
    with pytest.raises(NotFound) as caught:
        await adapter.add_images(
            set_uuid, [MediaPlacement(image_id=CASE.missing_id)], idempotency_key="a"
        )
    # DPG's field, named as the GraphQL input the caller sent calls it
    assert (caught.value.backend_code, caught.value.field) == ("image_not_found", "imageIds")


async def test_moving_a_set_under_its_own_child_is_invalid_input(
    adapter: DPGAdapter, state: DPGState
) -> None:
    top = state.top_level[0]
    child = state.sets[top].children[0]
    with pytest.raises(InvalidInput) as caught:
        await adapter.update_set(top, SetPatch(parent_id=child), idempotency_key="m")
    assert (caught.value.backend_code, caught.value.field) == ("validation", "parentId")


async def test_an_off_palette_colour_is_a_400_naming_the_field(adapter: DPGAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.create_set(SetDraft(name="X", colour="mauve"), idempotency_key="c")
    assert (caught.value.status, caught.value.field) == (400, "colour")


async def test_reusing_a_key_for_another_write_is_a_conflict(adapter: DPGAdapter) -> None:
    await adapter.create_set(SetDraft(name="One"), idempotency_key="same")
    with pytest.raises(Conflict) as caught:
        await adapter.create_set(SetDraft(name="Two"), idempotency_key="same")
    assert caught.value.backend_code == "idempotency_key_conflict"


async def test_update_returns_the_fresh_set(adapter: DPGAdapter, state: DPGState) -> None:
    set_uuid = state.top_level[0]
    lead = state.sets[set_uuid].images[3]
    updated = await adapter.update_set(
        set_uuid, SetPatch(name="Renamed", colour="blue", lead_image_id=lead), idempotency_key="u"
    )
    assert isinstance(updated, SetRecord)
    assert (updated.name, updated.colour, updated.lead_image_id) == ("Renamed", "blue", lead)


async def test_visibility_with_a_future_activation_time_hides_images_until_then(
    adapter: DPGAdapter, state: DPGState, clock: ManualClock
) -> None:
    set_uuid = state.top_level[0]
    held = state.sets[set_uuid].images[:3]
    before = len(state.sets[set_uuid].images)
    result = await adapter.set_visibility(
        set_uuid,
        held,
        hidden=True,
        activation_time=clock.now() + timedelta(hours=2),
        idempotency_key="v",
    )
    assert isinstance(result, SetRecord) and result.image_count == before - 3
    page = await adapter.list_images(gallery_id=set_uuid, first=50, after=None)
    assert not {i.id for i in page.items} & set(held)
    clock.advance(2 * 3600)
    page = await adapter.list_images(gallery_id=set_uuid, first=50, after=None)
    released = page.items[:3]
    assert [i.id for i in released] == held
    assert all(i.available_from is not None and i.hidden is False for i in released)


async def test_reorder_and_restore_snapshot_round_trip(
    adapter: DPGAdapter, state: DPGState
) -> None:
    set_uuid = state.top_level[0]
    original = list(state.sets[set_uuid].images)
    gallery = await adapter.reorder_images(set_uuid, list(reversed(original)), idempotency_key="o")
    assert isinstance(gallery, GalleryRecord)
    assert state.sets[set_uuid].images == list(reversed(original))
    snapshots = await adapter.list_snapshots(set_uuid)
    assert snapshots[0].reason == "order" and snapshots[0].image_count == len(original)
    restored = await adapter.restore_snapshot(set_uuid, snapshots[0].id, idempotency_key="r")
    assert isinstance(restored, SetRecord)
    assert state.sets[set_uuid].images == original


async def test_reorder_sets_and_delete_finish_with_none(
    adapter: DPGAdapter, state: DPGState
) -> None:
    parent = state.top_level[0]
    children = list(reversed(state.sets[parent].children))
    assert await adapter.reorder_sets(parent, children, idempotency_key="s") is None
    assert state.sets[parent].children == children
    assert await adapter.delete_set(children[0], idempotency_key="d") is None
    assert children[0] not in state.sets


async def test_galleries_are_written_as_sets(adapter: DPGAdapter, state: DPGState) -> None:
    parent = state.top_level[0]
    gallery = await adapter.create_gallery(
        GalleryDraft(title="Press picks", collection_id=parent), idempotency_key="g"
    )
    assert isinstance(gallery, GalleryRecord)
    assert gallery.collection_id == parent and gallery.set_id == gallery.id
    images = list(state.images)[:2]
    added = await adapter.add_images(
        gallery.id, [MediaPlacement(image_id=i) for i in images], idempotency_key="add"
    )
    assert isinstance(added, GalleryRecord) and added.image_count == 2
    removed = await adapter.remove_images(gallery.id, images[:1], idempotency_key="rm")
    assert isinstance(removed, GalleryRecord) and removed.image_count == 1


async def test_placements_and_slugs_are_not_supported_naming_the_source(
    adapter: DPGAdapter, state: DPGState
) -> None:
    set_uuid = state.top_level[0]
    with pytest.raises(NotSupported) as caught:
        await adapter.update_image_placement(
            set_uuid, MediaPlacement(image_id="x", caption="c"), idempotency_key="p"
        )
    assert caught.value.source == "dpg-test"
    with pytest.raises(NotSupported) as slug:
        await adapter.create_gallery(GalleryDraft(title="T", slug="t"), idempotency_key="s")
    assert slug.value.field == "slug"
