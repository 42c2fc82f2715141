"""GlycerineAdapter against the emulator: records, batching, paging, writes, call counts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.base import (
    Adapter,
    GalleryDraft,
    GalleryPatch,
    GalleryWriter,
    ManifestImporter,
    MediaPlacement,
    MediaWriter,
)
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
from adapters.iiif.emulator import create_emulator
from adapters.iiif.glycerine import GlycerineAdapter
from schema.records import GalleryRecord, ImageRecord, PublicationStatus, Translation
from tests.adapters.contract import settings_for
from tests.adapters.iiif.glycerine.contract_case import CASE

KEY = "idem-1"


def adapter_for(emulator: Emulator) -> GlycerineAdapter:
    return GlycerineAdapter(settings_for(CASE, emulator), httpx.ASGITransport(app=emulator.app))


@pytest.fixture
async def adapter(emulator: Emulator) -> AsyncIterator[GlycerineAdapter]:
    glycerine = adapter_for(emulator)
    yield glycerine
    await glycerine.aclose()


def test_the_adapter_implements_the_reads_and_the_writers_it_claims() -> None:
    glycerine = GlycerineAdapter(settings_for(CASE, create_emulator()))
    assert isinstance(glycerine, Adapter)
    assert isinstance(glycerine, GalleryWriter)
    assert isinstance(glycerine, MediaWriter)
    assert isinstance(glycerine, ManifestImporter)


def test_a_bad_service_level_option_is_refused() -> None:
    emulator = create_emulator()
    settings = settings_for(CASE, emulator)
    with pytest.raises(ValueError, match="image_service_level"):
        GlycerineAdapter(
            type(settings)(**{**settings.__dict__, "options": {"image_service_level": 5}})
        )


async def test_load_galleries_returns_records_in_key_order_with_not_found_slots(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    results = await adapter.load_galleries(["1:2", "1:9999", "bad", "2:5", "1:2"])
    assert [getattr(r, "id", None) for r in results] == ["1:2", None, None, "2:5", "1:2"]
    assert isinstance(results[1], NotFound)
    assert isinstance(results[2], NotFound)
    # one GET per distinct well-formed id: 1:2, 1:9999, 2:5
    assert emulator.control.journal.count("GET", "/api/collections/*/image-sets/*") == 3


async def test_an_image_set_is_a_gallery_and_a_set_with_the_same_id(
    adapter: GlycerineAdapter,
) -> None:
    [gallery] = await adapter.load_galleries(["1:1"])
    [image_set] = await adapter.load_sets(["1:1"])
    assert isinstance(gallery, GalleryRecord)
    assert gallery.set_id == "1:1"
    assert getattr(image_set, "gallery_id", None) == "1:1"
    assert gallery.collection_id == "1"
    assert gallery.status is PublicationStatus.PUBLISHED
    assert gallery.image_count and gallery.image_count >= 7
    assert gallery.images is None


async def test_allowed_languages_become_translations(adapter: GlycerineAdapter) -> None:
    [gallery] = await adapter.load_galleries(["1:1"])
    assert isinstance(gallery, GalleryRecord)
    assert gallery.translations
    assert all(t.title == gallery.title for t in gallery.translations)


async def test_a_set_in_someone_elses_collection_is_forbidden_in_its_slot(
    adapter: GlycerineAdapter,
) -> None:
    [result] = await adapter.load_galleries(["5:12"])
    assert isinstance(result, Forbidden)
    assert result.source == adapter.source


async def test_load_images_uses_one_get_per_distinct_image(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    results = await adapter.load_images(["3", "4", "3", "99999"])
    assert [getattr(r, "id", None) for r in results] == ["3", "4", "3", None]
    assert isinstance(results[3], NotFound)
    assert emulator.control.journal.count("GET", "/api/images/*") == 3


async def test_list_images_is_one_call_in_weight_order_with_a_service(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_images(gallery_id="1:1", first=100, after=None)
    assert [i.position for i in page.items] == sorted(i.position or 0 for i in page.items)
    first = page.items[0]
    assert first.service is not None
    assert first.service.level == 1
    assert first.service.version in (2, 3)
    assert first.gallery_id == "1:1"
    assert emulator.control.journal.count("GET", "/api/image-sets/1/images") == 1
    assert emulator.control.journal.count() == 1  # and no other call at all


async def test_list_galleries_across_collections_costs_one_plus_one_per_collection(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_galleries(collection_id=None, status=None, first=5, after=None)
    assert page.total_count == 11  # every set the main user can see (4 collections)
    assert page.has_next
    journal = emulator.control.journal
    assert journal.count("GET", "/api/collections") == 1
    assert journal.count("GET", "/api/collections/*/image-sets") == 4
    assert journal.count() == 5  # 1 list of collections + 4 lists of sets, nothing else


async def test_paging_galleries_walks_every_set_once(adapter: GlycerineAdapter) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        page = await adapter.list_galleries(collection_id=None, status=None, first=4, after=after)
        seen.extend(g.id for g in page.items)
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert len(seen) == len(set(seen)) == 11


async def test_list_galleries_filters_by_status(adapter: GlycerineAdapter) -> None:
    page = await adapter.list_galleries(
        collection_id="1", status=PublicationStatus.PUBLISHED, first=10, after=None
    )
    assert [g.id for g in page.items] == ["1:1", "1:4"]


async def test_a_foreign_cursor_is_invalid_input_on_after(adapter: GlycerineAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.list_collections(first=2, after="b2Zmc2V0OjI=")
    assert caught.value.field == "after"


async def test_list_sets_are_flat(adapter: GlycerineAdapter, emulator: Emulator) -> None:
    top = await adapter.list_sets(parent_id=None, first=50, after=None)
    assert len(top.items) == 11
    assert all(s.child_count == 0 for s in top.items)
    children = await adapter.list_sets(parent_id="1:1", first=50, after=None)
    assert children.items == []


async def test_create_gallery_with_published_status_publishes_it(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    draft = GalleryDraft(
        title="Lantern slides",
        description="Glass slides",
        collection_id="2",
        status=PublicationStatus.PUBLISHED,
        translations=(Translation("en"), Translation("fr")),
    )
    created = await adapter.create_gallery(draft, idempotency_key=KEY)
    assert isinstance(created, GalleryRecord)
    assert created.status is PublicationStatus.PUBLISHED
    assert [t.language for t in created.translations] == ["en", "fr"]
    assert created.collection_id == "2"
    journal = emulator.control.journal
    assert journal.count("POST", "/api/collections/2/image-sets") == 1
    assert journal.count("PUT", "/api/collections/2/image-sets/*") == 1


async def test_create_gallery_without_a_title_is_invalid_input_on_name(
    adapter: GlycerineAdapter,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.create_gallery(GalleryDraft(collection_id="1"), idempotency_key=KEY)
    assert caught.value.field == "title"  # Glycerine's name, as the GraphQL input calls it
    assert caught.value.message == "The name field is required."
    assert caught.value.status == 422


async def test_create_gallery_needs_a_collection(adapter: GlycerineAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.create_gallery(GalleryDraft(title="x"), idempotency_key=KEY)
    assert caught.value.field == "collection_id"


async def test_update_gallery_maps_status_and_allowed_languages(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    patch = GalleryPatch(
        title="Renamed", status=PublicationStatus.PUBLISHED, allowed_languages=("de", "it")
    )
    updated = await adapter.update_gallery("1:2", patch, idempotency_key=KEY)
    assert isinstance(updated, GalleryRecord)
    assert (updated.title, updated.status) == ("Renamed", PublicationStatus.PUBLISHED)
    assert [t.language for t in updated.translations] == ["de", "it"]
    [request] = emulator.control.journal.matching("PUT", "/api/collections/1/image-sets/2")
    assert request.body == (b'{"name":"Renamed","published":true,"allowed_languages":["de","it"]}')
    draft = await adapter.update_gallery(
        "1:2", GalleryPatch(status=PublicationStatus.DRAFT), idempotency_key=KEY
    )
    assert isinstance(draft, GalleryRecord)
    assert draft.status is PublicationStatus.DRAFT


async def test_an_unknown_language_is_invalid_input_on_its_item(
    adapter: GlycerineAdapter,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.update_gallery(
            "1:2", GalleryPatch(allowed_languages=("en", "xx")), idempotency_key=KEY
        )
    assert caught.value.field == "allowedLanguages.1"


async def test_a_status_glycerine_cannot_express_is_refused_before_any_call(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.update_gallery(
            "1:2", GalleryPatch(status=PublicationStatus.ARCHIVED), idempotency_key=KEY
        )
    assert caught.value.field == "status"
    assert len(emulator.control.journal) == 0


async def test_updating_a_shared_set_with_access_only_is_forbidden(
    adapter: GlycerineAdapter,
) -> None:
    with pytest.raises(Forbidden):
        await adapter.update_gallery("4:10", GalleryPatch(title="x"), idempotency_key=KEY)


async def test_delete_gallery_deletes_the_set(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    await adapter.delete_gallery("1:3", idempotency_key=KEY)
    [result] = await adapter.load_galleries(["1:3"])
    assert isinstance(result, NotFound)
    assert emulator.control.journal.count("DELETE", "/api/collections/1/image-sets/3") == 1


async def test_add_images_appends_them_through_image_ids(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    before = await adapter.list_images(gallery_id="1:2", first=100, after=None)
    updated = await adapter.add_images(
        "1:2", [MediaPlacement("111"), MediaPlacement("112")], idempotency_key=KEY
    )
    assert isinstance(updated, GalleryRecord)
    assert updated.image_count == len(before.items) + 2
    after = await adapter.list_images(gallery_id="1:2", first=100, after=None)
    assert [i.id for i in after.items[-2:]] == ["111", "112"]
    [request] = emulator.control.journal.matching("PUT", "/api/collections/1/image-sets/2")
    assert request.body == b'{"image_ids":[111,112]}'


async def test_add_images_with_a_caption_is_not_supported(adapter: GlycerineAdapter) -> None:
    with pytest.raises(NotSupported) as caught:
        await adapter.add_images("1:2", [MediaPlacement("111", caption="hi")], idempotency_key=KEY)
    assert caught.value.source == adapter.source


async def test_reorder_and_remove_are_not_supported_naming_the_source(
    adapter: GlycerineAdapter,
) -> None:
    with pytest.raises(NotSupported, match="glycerine-test"):
        await adapter.reorder_images("1:2", ["1"], idempotency_key=KEY)
    with pytest.raises(NotSupported, match="glycerine-test"):
        await adapter.remove_images("1:2", ["1"], idempotency_key=KEY)


async def test_import_manifest_returns_the_new_gallery() -> None:
    url = "https://example.org/iiif/p/manifest.json"
    manifest = {
        "@context": "http://iiif.io/api/presentation/2/context.json",
        "@id": url,
        "@type": "sc:Manifest",
        "label": "Letters home",
        "sequences": [
            {
                "canvases": [
                    {
                        "@id": f"{url}/c{n}",
                        "label": f"p. {n}",
                        "width": 800,
                        "height": 600,
                        "images": [
                            {
                                "resource": {
                                    "@id": f"https://img.example.org/p{n}/full/full/0/default.jpg",
                                    "service": {
                                        "@context": "http://iiif.io/api/image/2/context.json",
                                        "@id": f"https://img.example.org/p{n}",
                                    },
                                }
                            }
                        ],
                    }
                    for n in (1, 2, 3)
                ]
            }
        ],
    }
    web = httpx.MockTransport(
        lambda request: (
            httpx.Response(200, json=manifest) if str(request.url) == url else httpx.Response(404)
        )
    )
    emulator = create_emulator(fetch_transport=web)
    glycerine = adapter_for(emulator)
    imported = await glycerine.import_manifest("2", url, idempotency_key=KEY)
    assert isinstance(imported, GalleryRecord)
    assert (imported.title, imported.image_count, imported.collection_id) == (
        "Letters home",
        3,
        "2",
    )
    images = await glycerine.list_images(gallery_id=imported.id, first=10, after=None)
    assert [i.title for i in images.items] == ["p. 1", "p. 2", "p. 3"]
    assert images.items[0].service is not None
    assert images.items[0].service.base == "https://img.example.org/p1"
    with pytest.raises(InvalidInput) as caught:
        await glycerine.import_manifest("2", "https://example.org/gone", idempotency_key=KEY)
    assert caught.value.field == "manifestUrl"
    await glycerine.aclose()


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (429, RateLimited),
        (500, Unavailable),
    ],
)
async def test_fault_statuses_map_to_the_error_tree(
    adapter: GlycerineAdapter, emulator: Emulator, status: int, error: type[Exception]
) -> None:
    emulator.control.faults.add(
        Fault(method="GET", path="/api/collections", status=status, body={"message": "nope"})
    )
    with pytest.raises(error):
        await adapter.list_collections(first=10, after=None)


async def test_a_wrong_token_is_unauthorized_not_a_redirect() -> None:
    emulator = create_emulator()
    settings = settings_for(CASE, emulator)
    wrong = type(settings)(**{**settings.__dict__, "credentials": {"token": "nope"}})
    glycerine = GlycerineAdapter(wrong, httpx.ASGITransport(app=emulator.app))
    with pytest.raises(Unauthorized) as caught:
        await glycerine.ping()
    assert caught.value.message == "Unauthenticated."
    await glycerine.aclose()


async def test_load_images_gives_an_original_url_and_no_gallery(
    adapter: GlycerineAdapter,
) -> None:
    [image] = await adapter.load_images(["1"])
    assert isinstance(image, ImageRecord)
    assert image.original_url is not None
    assert image.original_url.endswith("/0/default.jpg")
    assert image.gallery_id is None


async def test_a_source_wide_failure_in_a_batch_load_is_raised_once(
    adapter: GlycerineAdapter, emulator: Emulator
) -> None:
    emulator.control.faults.add(
        Fault(path="/api/images/*", status=401, body={"message": "Unauthenticated."})
    )
    with pytest.raises(Unauthorized):
        await adapter.load_images(["1", "2", "3"])
    assert emulator.control.journal.count("GET", "/api/images/*") == 3
