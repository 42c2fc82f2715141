from __future__ import annotations

import asyncio
from datetime import date

import pytest

from adapters.base import Adapter, ClientReader, CollectionPatch, CollectionWriter
from adapters.emulation import Emulator, Fault
from adapters.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    NotSupported,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from adapters.pixieset.emulator.state import Studio
from schema.records import MediaType, PublicationStatus


def studio_of(emulator: Emulator) -> Studio:
    assert isinstance(emulator.state, Studio)
    return emulator.state


def test_the_adapter_implements_the_reads_clients_and_collection_writes(adapter):
    assert isinstance(adapter, Adapter)
    assert isinstance(adapter, ClientReader)
    assert isinstance(adapter, CollectionWriter)


async def test_ten_collections_with_galleries_and_first_photos_cost_an_exact_number_of_calls(
    adapter, emulator
):
    collections = await adapter.list_collections(first=10, after=None)
    galleries = await asyncio.gather(
        *(
            adapter.list_galleries(collection_id=c.id, status=None, first=50, after=None)
            for c in collections.items
        )
    )
    gallery_ids = [g.id for page in galleries for g in page.items]
    photos = await asyncio.gather(
        *(adapter.list_images(gallery_id=gid, first=12, after=None) for gid in gallery_ids)
    )

    journal = emulator.control.journal
    assert len(collections.items) == 10
    assert len(gallery_ids) == 35  # the galleries of the seed's ten newest collections
    assert all(len(page.items) == 12 for page in photos)
    assert journal.count("POST", "/api/v1/login") == 1
    assert journal.count("GET", "/api/v1/collections") == 1
    assert journal.count("GET", "/api/v1/collections/*/galleries") == 10
    assert journal.count("GET", "/api/v1/galleries/*/photos") == 35
    assert all("per_page=12" in r.query for r in journal.matching("GET", "/api/v1/galleries/*"))
    assert len(journal) == 1 + 1 + 10 + 35
    assert len({r.target for r in journal.requests}) == len(journal)  # nothing repeated


async def test_loads_answer_in_key_order_with_not_found_and_invalid_in_their_slots(
    adapter, emulator
):
    ids = [str(c) for c in studio_of(emulator).collections][:3]

    results = await adapter.load_collections([ids[2], "10000000", ids[0], "oops"])

    assert [getattr(r, "id", None) for r in results] == [ids[2], None, ids[0], None]
    assert isinstance(results[1], NotFound)
    assert isinstance(results[3], InvalidInput)
    assert emulator.control.journal.count("GET", "/api/v1/collections/*") == 3


async def test_galleries_and_images_load_one_call_per_id(adapter, emulator):
    gallery = next(iter(studio_of(emulator).galleries.values()))
    media_ids = [str(m) for m in gallery.media_ids[:3]]

    galleries = await adapter.load_galleries([str(gallery.id), "999999999"])
    images = await adapter.load_images(media_ids)

    assert galleries[0].id == str(gallery.id)
    assert isinstance(galleries[1], NotFound)
    assert [i.id for i in images] == media_ids
    assert emulator.control.journal.count("GET", "/api/v1/photos/*") == 3


async def test_the_emulators_flat_404_for_an_unknown_photo_is_not_found_in_its_slot(
    adapter, emulator
):
    known = str(next(iter(studio_of(emulator).media)))
    missing = str(max(studio_of(emulator).media) + 1)

    results = await adapter.load_images([missing, known])

    assert isinstance(results[0], NotFound)
    assert results[0].source == adapter.source
    assert f"No photo found with ID: {missing}" in str(results[0])
    assert results[1].id == known
    journal = emulator.control.journal
    assert journal.count("GET", f"/api/v1/photos/{missing}") == 1
    assert len(journal) == 3  # the login, then one GET per photo


async def test_a_source_wide_failure_in_a_batch_is_raised(adapter, emulator):
    emulator.control.faults.add(Fault(path="/api/v1/photos/*", status=500, times=None))

    with pytest.raises(Unavailable):
        await adapter.load_images(["1000000001", "1000000002"])


async def test_the_expired_collection_is_expired(adapter, emulator, clock):
    expired = next(
        c
        for c in studio_of(emulator).collections.values()
        if c.expiry_date and c.expiry_date < clock.now().date()
    )

    [record] = await adapter.load_collections([str(expired.id)])

    assert record.status is PublicationStatus.EXPIRED
    assert record.access.expires_on == expired.expiry_date


async def test_password_protected_collections_say_so_without_a_password(adapter, emulator):
    page = await adapter.list_collections(first=50, after=None)

    protected = [c for c in page.items if c.access and c.access.password_protected]

    assert len(protected) == 2
    assert all(not hasattr(c.access, "password") for c in protected)


async def test_walking_collections_reaches_the_end_without_gaps(adapter, emulator):
    seen: list[str] = []
    after = None
    while True:
        page = await adapter.list_collections(first=5, after=after)
        seen += [c.id for c in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor

    assert sorted(seen) == sorted(str(c) for c in studio_of(emulator).collections)
    assert len(seen) == len(set(seen))


async def test_walking_all_galleries_across_collections_reaches_the_end_without_gaps(
    adapter, emulator
):
    seen: list[str] = []
    after = None
    while True:
        page = await adapter.list_galleries(collection_id=None, status=None, first=7, after=after)
        seen += [g.id for g in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor

    assert sorted(seen) == sorted(str(g) for g in studio_of(emulator).galleries)
    assert len(seen) == len(set(seen))


async def test_gallery_status_filter_keeps_only_matching_galleries(adapter, emulator):
    page = await adapter.list_galleries(
        collection_id=None, status=PublicationStatus.HIDDEN, first=100, after=None
    )

    assert {g.id for g in page.items} == {
        str(g.id) for g in studio_of(emulator).galleries.values() if g.private
    }


async def test_walking_images_in_pages_that_do_not_align_has_no_gap(adapter, emulator):
    gallery = max(studio_of(emulator).galleries.values(), key=lambda g: len(g.media_ids))
    seen: list[str] = []
    after = None
    sizes = [5, 12, 7, 30]
    while True:
        page = await adapter.list_images(
            gallery_id=str(gallery.id), first=sizes[len(seen) % 4], after=after
        )
        seen += [i.id for i in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor

    assert seen == [str(m) for m in gallery.media_ids]
    assert page.total_count == len(gallery.media_ids)


async def test_images_carry_media_type_sizes_and_counts(adapter, emulator):
    video = next(m for m in studio_of(emulator).media.values() if m.kind == "video")
    [record] = await adapter.load_images([str(video.id)])

    assert record.media_type is MediaType.VIDEO
    assert (record.width, record.height) == (video.width, video.height)
    assert record.renditions
    assert record.favorites_count is not None


async def test_a_foreign_cursor_is_refused_as_bad_input(adapter):
    with pytest.raises(InvalidInput) as raised:
        await adapter.list_collections(first=5, after="c1.2")
    with pytest.raises(InvalidInput):
        await adapter.list_galleries(collection_id=None, status=None, first=5, after="12")

    assert raised.value.field == "after"


async def test_clients_are_listed_fresh_every_time(adapter, emulator):
    collection = next(iter(studio_of(emulator).collections.values()))

    first = await adapter.list_clients(str(collection.id))
    second = await adapter.list_clients(str(collection.id))

    assert [c.email for c in first] == [c.email for c in collection.clients]
    assert first == second
    assert emulator.control.journal.count("GET", "/api/v1/collections/*/clients") == 2


async def test_update_collection_writes_and_returns_the_fresh_record(adapter, emulator):
    collection = next(iter(studio_of(emulator).collections.values()))

    record = await adapter.update_collection(
        str(collection.id),
        CollectionPatch(
            title="Renamed", private=True, downloadable=False, expires_on=date(2027, 3, 1)
        ),
        idempotency_key="key-1",
    )

    assert record.title == "Renamed"
    assert record.status is PublicationStatus.HIDDEN
    assert record.access.downloadable is False
    assert (collection.name, collection.expiry_date) == ("Renamed", date(2027, 3, 1))
    assert emulator.control.journal.count("PUT", "/api/v1/collections/*") == 1


async def test_clearing_the_expiry_removes_it(adapter, emulator):
    collection = next(c for c in studio_of(emulator).collections.values() if c.expiry_date)

    record = await adapter.update_collection(
        str(collection.id), CollectionPatch(clear_expiry=True), idempotency_key="k"
    )

    assert record.access.expires_on is None
    assert collection.expiry_date is None


async def test_an_empty_patch_does_not_write(adapter, emulator):
    collection_id = str(next(iter(studio_of(emulator).collections)))

    await adapter.update_collection(collection_id, CollectionPatch(), idempotency_key="k")

    assert emulator.control.journal.count("PUT") == 0


async def test_sets_are_not_supported(adapter):
    with pytest.raises(NotSupported):
        await adapter.list_sets(parent_id=None, first=5, after=None)
    assert isinstance((await adapter.load_sets(["1"]))[0], NotSupported)


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (403, {"error": "Forbidden", "message": "Insufficient permissions"}, Forbidden),
        (404, {"error": {"code": "resource_not_found", "message": "Gone"}}, NotFound),
        (500, {"error": {"code": "server_error", "message": "Oops"}}, Unavailable),
    ],
)
async def test_injected_faults_map_to_the_error_tree(adapter, emulator, status, body, error):
    emulator.control.faults.add(Fault(path="/api/v1/collections", status=status, body=body))

    with pytest.raises(error) as raised:
        await adapter.list_collections(first=5, after=None)

    assert raised.value.source == adapter.source


async def test_a_429_with_a_long_retry_after_is_rate_limited(adapter, emulator):
    emulator.control.faults.add(
        Fault(
            path="/api/v1/collections",
            status=429,
            body={"error": {"code": "rate_limited", "message": "Slow down"}},
            headers={"Retry-After": "60"},
        )
    )

    with pytest.raises(RateLimited) as raised:
        await adapter.list_collections(first=5, after=None)

    assert raised.value.retry_after == 60.0


async def test_a_401_that_survives_a_relogin_is_unauthorized(adapter, emulator):
    emulator.control.faults.add(
        Fault(
            path="/api/v1/collections",
            status=401,
            body={"error": "Unauthorized", "message": "Session expired or invalid"},
        )
    )

    with pytest.raises(Unauthorized):
        await adapter.list_collections(first=5, after=None)

    assert emulator.control.journal.count("POST", "/api/v1/login") == 2
