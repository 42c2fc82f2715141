"""The adapter contract (adapters/base.py), checked once per adapter kind against its emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from adapters.base import Adapter
from adapters.emulation import Emulator, Fault
from adapters.errors import (
    BackendError,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from schema.records import Page
from tests.adapters.cms.contract_case import CASE as CMS
from tests.adapters.contract import ContractCase, settings_for
from tests.adapters.dpg.contract_case import CASE as DPG
from tests.adapters.iiif.contract_case import CASE as IIIF
from tests.adapters.iiif.glycerine.contract_case import CASE as GLYCERINE
from tests.adapters.pixieset.contract_case import CASE as PIXIESET

CASES = [CMS, DPG, PIXIESET, GLYCERINE, IIIF]


class ClosingTransport(httpx.ASGITransport):
    """An in-process transport that counts how often its client closed it."""

    closed = 0

    async def aclose(self) -> None:
        self.closed += 1
        await super().aclose()


@pytest.fixture(params=CASES, ids=[c.kind for c in CASES])
def case(request: pytest.FixtureRequest) -> ContractCase:
    result: ContractCase = request.param
    return result


@pytest.fixture
def emulator(case: ContractCase) -> Emulator:
    return case.make_emulator()


@pytest.fixture
def transport(emulator: Emulator) -> ClosingTransport:
    return ClosingTransport(app=emulator.app)


@pytest.fixture
async def adapter(
    case: ContractCase, emulator: Emulator, transport: ClosingTransport
) -> AsyncIterator[Adapter]:
    built = case.make_adapter(settings_for(case, emulator), transport)
    yield built
    await built.aclose()


async def walk(fetch: Any, first: int) -> list[str]:
    ids: list[str] = []
    after = None
    for _ in range(500):
        page: Page[Any] = await fetch(first=first, after=after)
        ids += [edge.node.id for edge in page.edges]
        if not page.has_next:
            return ids
        assert page.edges, "a page that says more follows must not be empty"
        after = page.edges[-1].cursor
    raise AssertionError("the walk did not end")


async def some_gallery_ids(adapter: Adapter, n: int) -> list[str]:
    page = await adapter.list_galleries(collection_id=None, status=None, first=n, after=None)
    assert page.edges, "every emulator is seeded with galleries"
    return [edge.node.id for edge in page.edges]


def test_the_adapter_says_its_kind_and_source(case: ContractCase, adapter: Adapter):
    assert adapter.kind == case.kind
    assert adapter.source == f"{case.kind}-test"
    assert isinstance(adapter, Adapter)


async def test_batch_loads_answer_in_key_order_with_not_found_per_missing_key(
    case: ContractCase, adapter: Adapter
):
    ids = await some_gallery_ids(adapter, 3)
    keys = [ids[-1], case.missing_id, ids[0], case.malformed_id]
    results = await adapter.load_galleries(keys)
    assert len(results) == 4
    first, missing, second, malformed = results
    assert not isinstance(first, BackendError) and first.id == ids[-1]
    assert not isinstance(second, BackendError) and second.id == ids[0]
    assert isinstance(missing, NotFound) and missing.source == adapter.source
    assert isinstance(malformed, NotFound | InvalidInput)


async def test_loaded_galleries_are_complete(adapter: Adapter):
    (record,) = await adapter.load_galleries((await some_gallery_ids(adapter, 1))[:1])
    assert not isinstance(record, BackendError)
    assert record.complete


async def test_a_gallery_walk_reaches_the_end_with_no_duplicate_and_no_gap(adapter: Adapter):
    async def fetch(*, first: int, after: str | None) -> Page[Any]:
        return await adapter.list_galleries(
            collection_id=None, status=None, first=first, after=after
        )

    small = await walk(fetch, 3)
    large = await walk(fetch, 50)
    assert len(small) == len(set(small))
    assert small == large


async def test_a_collection_walk_reaches_the_end_with_no_duplicate_and_no_gap(adapter: Adapter):
    small = await walk(adapter.list_collections, 2)
    large = await walk(adapter.list_collections, 50)
    assert small
    assert len(small) == len(set(small))
    assert small == large


async def test_an_image_walk_reaches_the_end_with_no_duplicate_and_no_gap(adapter: Adapter):
    gallery_id = (await some_gallery_ids(adapter, 1))[0]

    async def fetch(*, first: int, after: str | None) -> Page[Any]:
        return await adapter.list_images(gallery_id=gallery_id, first=first, after=after)

    small = await walk(fetch, 4)
    large = await walk(fetch, 100)
    assert small
    assert len(small) == len(set(small))
    assert small == large


async def test_a_cursor_the_adapter_did_not_make_is_invalid_input(adapter: Adapter):
    with pytest.raises(InvalidInput) as caught:
        await adapter.list_galleries(
            collection_id=None, status=None, first=5, after="garbage-cursor-!"
        )
    assert caught.value.field == "after"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, Unauthorized),
        (403, Forbidden),
        (429, RateLimited),
        (500, Unavailable),
        (503, Unavailable),
    ],
)
async def test_backend_error_statuses_map_to_the_error_tree(
    adapter: Adapter, emulator: Emulator, status: int, error: type[BackendError]
):
    await some_gallery_ids(adapter, 1)  # signed in, caches warm: the fault hits a real call
    emulator.control.faults.add(
        Fault(status=status, body={"error": "injected"}, headers={"Retry-After": "120"})
    )
    with pytest.raises(error) as caught:
        await adapter.list_galleries(collection_id=None, status=None, first=5, after=None)
    assert caught.value.source == adapter.source


async def test_aclose_closes_the_pooled_client(
    case: ContractCase, emulator: Emulator, transport: ClosingTransport
):
    built = case.make_adapter(settings_for(case, emulator), transport)
    await built.list_collections(first=1, after=None)
    await built.aclose()
    assert transport.closed == 1
