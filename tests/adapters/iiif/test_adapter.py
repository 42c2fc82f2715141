from __future__ import annotations

from collections.abc import Sequence

import httpx
import pytest

from adapters.base import Adapter, Capability, SourceSettings
from adapters.emulation import Emulator, EmulatorControl, Fault, ManualClock
from adapters.errors import (
    BadUpstreamResponse,
    DocumentTooLarge,
    HostNotAllowed,
    InvalidInput,
    NotFound,
    NotSupported,
    RateLimited,
    Unavailable,
)
from adapters.iiif import IIIFAdapter
from adapters.iiif.static_host import (
    ACCEPTANCE_MANIFESTS,
    ATLAS_CANVASES,
    FOREIGN_MANIFEST_URL,
    PRIVATE_MANIFEST_URL,
    create_emulator,
)
from schema.image_urls import image_url
from schema.records import GalleryRecord, PublicationStatus
from tests.adapters.contract import settings_for
from tests.adapters.iiif.contract_case import CASE

HOST = "http://iiif.emulator"
TOP = f"{HOST}/collections/top.json"
ACCEPTANCE = f"{HOST}/collections/acceptance.json"
VARIANTS3 = f"{HOST}/manifests/v3/variants.json"


def _adapter(host: Emulator, *, clock: ManualClock | None = None, **options: object) -> IIIFAdapter:
    settings = SourceSettings(
        name="museum",
        kind="iiif",
        base_url=HOST,
        options={"collection_url": "/collections/top.json", "allow_private_networks": True}
        | options,
    )
    return IIIFAdapter(settings, httpx.ASGITransport(app=host.app), clock=clock)


def test_adapter_satisfies_the_contract_protocol():
    adapter = IIIFAdapter(SourceSettings(name="s", kind="iiif", base_url=HOST))
    assert isinstance(adapter, Adapter)
    assert adapter.source == "s" and adapter.entry_url == HOST
    assert Capability.GALLERIES in IIIFAdapter.capabilities
    assert Capability.SETS not in IIIFAdapter.capabilities


def test_collection_url_may_be_a_path_or_an_absolute_url():
    relative = _adapter(create_emulator())
    absolute = IIIFAdapter(
        SourceSettings(name="s", kind="iiif", base_url=HOST, options={"collection_url": TOP})
    )
    assert relative.entry_url == absolute.entry_url == TOP


async def test_list_collections_is_the_entry_then_nested_collections():
    adapter = _adapter(create_emulator())
    page = await adapter.list_collections(first=10, after=None)
    assert [c.id for c in page.items] == [
        TOP,
        ACCEPTANCE,
        f"{HOST}/collections/archive-v2.json",
        f"{HOST}/collections/archive-v2-maps.json",
    ]
    assert page.items[1].gallery_count == ACCEPTANCE_MANIFESTS
    assert {t.language for t in page.items[0].translations} == {"en", "fr", "de", "none"}


async def test_list_galleries_of_a_collection_are_summaries_labelled_from_the_entry():
    adapter = _adapter(create_emulator())
    page = await adapter.list_galleries(collection_id=ACCEPTANCE, status=None, first=5, after=None)
    assert len(page.items) == 5 and page.has_next and page.total_count == ACCEPTANCE_MANIFESTS
    first = page.items[0]
    assert (first.complete, first.collection_id) == (False, ACCEPTANCE)
    assert {t.language for t in first.translations} == {"en", "fr", "de"}


async def test_paging_all_galleries_reaches_the_end_without_duplicates():
    adapter = _adapter(create_emulator())
    ids: list[str] = []
    after: str | None = None
    while True:
        page = await adapter.list_galleries(collection_id=None, status=None, first=7, after=after)
        ids += [g.id for g in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert len(ids) == len(set(ids)) == page.total_count
    assert VARIANTS3 in ids and f"{HOST}/manifests/v3/atlas.json" in ids


async def test_a_status_other_than_published_lists_nothing():
    adapter = _adapter(create_emulator())
    draft = await adapter.list_galleries(
        collection_id=None, status=PublicationStatus.DRAFT, first=5, after=None
    )
    published = await adapter.list_galleries(
        collection_id=None, status=PublicationStatus.PUBLISHED, first=5, after=None
    )
    assert draft.items == [] and len(published.items) == 5


async def test_a_foreign_cursor_is_invalid_input():
    adapter = _adapter(create_emulator())
    with pytest.raises(InvalidInput) as caught:
        await adapter.list_collections(first=2, after="bogus")
    assert caught.value.field == "after"


async def test_acceptance_query_fetches_each_document_exactly_once():
    """A collection of 20+ manifests, their first 5 images, labels in two languages."""
    host = create_emulator()
    adapter = _adapter(host)
    [collection] = await adapter.load_collections([ACCEPTANCE])
    assert not isinstance(collection, Exception)
    page = await adapter.list_galleries(
        collection_id=ACCEPTANCE, status=None, first=ACCEPTANCE_MANIFESTS, after=None
    )
    galleries = await adapter.load_galleries([g.id for g in page.items])
    for gallery in galleries:
        assert isinstance(gallery, GalleryRecord) and gallery.images is not None
        first_five = gallery.images[:5]
        assert len(first_five) == 5
        assert {"en", "fr"} <= {t.language for t in gallery.translations}
        assert all({"en", "fr"} <= {t.language for t in i.translations} for i in first_five)
        assert all(image_url(i, 300, None) for i in first_five)
    journal = host.control.journal
    assert journal.count("GET", "/collections/acceptance.json") == 1
    assert journal.count("GET", "/manifests/*") == ACCEPTANCE_MANIFESTS
    assert len(journal.by_route()) == len(journal) == ACCEPTANCE_MANIFESTS + 1


async def test_concurrent_loads_of_one_manifest_share_one_fetch():
    host = create_emulator()
    adapter = _adapter(host)
    results = await adapter.load_galleries([VARIANTS3, VARIANTS3, VARIANTS3])
    assert all(isinstance(r, GalleryRecord) for r in results)
    assert host.control.journal.count("GET", "/manifests/v3/variants.json") == 1


async def test_documents_are_fetched_again_after_the_ttl():
    host = create_emulator()
    clock = ManualClock()
    adapter = _adapter(host, clock=clock, document_ttl=60)
    await adapter.load_galleries([VARIANTS3])
    clock.advance(30)
    await adapter.load_galleries([VARIANTS3])
    assert host.control.journal.count("GET", "/manifests/v3/variants.json") == 1
    clock.advance(31)
    await adapter.load_galleries([VARIANTS3])
    assert host.control.journal.count("GET", "/manifests/v3/variants.json") == 2


async def test_level0_info_json_is_fetched_once_per_service():
    host = create_emulator()
    adapter = _adapter(host)
    [gallery] = await adapter.load_galleries([VARIANTS3])
    await adapter.load_galleries([VARIANTS3])
    assert isinstance(gallery, GalleryRecord) and gallery.images is not None
    unlisted = gallery.images[3]
    assert unlisted.service is not None and unlisted.service.sizes
    assert image_url(unlisted, 500, None) == (
        f"{HOST}/iiif/3/v3-level0-unlisted/full/600,400/0/default.jpg"
    )
    assert host.control.journal.count("GET", "/iiif/*/info.json") == 1


async def test_failing_manifests_fail_only_their_own_slot():
    host = create_emulator()
    adapter = _adapter(host)
    good = f"{HOST}/manifests/v3/album-01.json"
    ids = [
        f"{HOST}/manifests/missing.json",
        f"{HOST}/manifests/not-json.json",
        f"{HOST}/manifests/not-iiif.json",
        f"{HOST}/manifests/huge.json",
        FOREIGN_MANIFEST_URL,
        f"{HOST}/redirects/5",
        good,
        "not a url",
        ACCEPTANCE,
    ]
    results = await adapter.load_galleries(ids)
    assert [type(r) for r in results] == [
        NotFound,
        BadUpstreamResponse,
        BadUpstreamResponse,
        DocumentTooLarge,
        HostNotAllowed,
        BadUpstreamResponse,
        GalleryRecord,
        NotFound,
        NotFound,
    ]
    codes = [getattr(r, "backend_code", None) for r in results[1:3]] + [results[5].backend_code]  # type: ignore[union-attr]
    assert codes == ["not_json", "not_iiif", "too_many_redirects"]
    assert all(getattr(r, "source", "museum") == "museum" for r in results)
    assert host.control.journal.count(path="/manifests/v3/album-01.json") == 1


async def test_a_private_address_is_refused_without_the_option():
    adapter = _adapter(create_emulator(), allow_private_networks=False, allowed_hosts=["*"])
    [result] = await adapter.load_galleries([PRIVATE_MANIFEST_URL])
    assert isinstance(result, HostNotAllowed) and result.backend_code == "private_address"


async def test_list_images_pages_hundreds_of_canvases_from_one_fetch():
    host = create_emulator()
    adapter = _adapter(host)
    atlas = f"{HOST}/manifests/v3/atlas.json"
    seen: list[str] = []
    after: str | None = None
    while True:
        page = await adapter.list_images(gallery_id=atlas, first=100, after=after)
        seen += [i.id for i in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert len(seen) == len(set(seen)) == ATLAS_CANVASES
    assert host.control.journal.count("GET", "/manifests/v3/atlas.json") == 1


async def test_load_images_groups_by_manifest_and_keeps_order():
    host = create_emulator()
    adapter = _adapter(host)
    [gallery] = await adapter.load_galleries([VARIANTS3])
    assert isinstance(gallery, GalleryRecord) and gallery.images is not None
    wanted = [gallery.images[2].id, f"{VARIANTS3}#nope", "garbage", gallery.images[0].id]
    results = await adapter.load_images(wanted)
    assert [getattr(r, "id", None) for r in results] == [wanted[0], None, None, wanted[3]]
    assert isinstance(results[1], NotFound) and isinstance(results[2], NotFound)
    assert host.control.journal.count("GET", "/manifests/*") == 1


async def test_sets_are_not_supported():
    adapter = _adapter(create_emulator())
    [result] = await adapter.load_sets(["x"])
    assert isinstance(result, NotSupported)
    with pytest.raises(NotSupported):
        await adapter.list_sets(parent_id=None, first=5, after=None)


@pytest.mark.parametrize(("status", "error"), [(429, RateLimited), (500, Unavailable)])
async def test_injected_faults_map_to_the_error_tree(status: int, error: type[Exception]) -> None:
    control = EmulatorControl()
    host = create_emulator(control=control)
    control.faults.add(Fault(method="GET", path="/collections/top.json", status=status))
    with pytest.raises(error):
        await _adapter(host).list_collections(first=5, after=None)


async def test_ping_reads_the_entry_collection_and_aclose_closes():
    host = create_emulator()
    adapter = _adapter(host)
    await adapter.ping()
    await adapter.aclose()
    assert host.control.journal.count("GET", "/collections/top.json") == 1


async def test_contract_case_settings_reach_the_static_host():
    host = CASE.make_emulator()
    adapter = CASE.make_adapter(settings_for(CASE, host), httpx.ASGITransport(app=host.app))
    results: Sequence[object] = await adapter.load_galleries([CASE.missing_id, CASE.malformed_id])
    assert all(isinstance(r, NotFound) for r in results)
    page = await adapter.list_collections(first=1, after=None)
    assert page.items[0].id == TOP
    await adapter.aclose()
