"""The CMS adapter against its emulator: records, paging, batching (counted), writes, errors."""

from __future__ import annotations

import httpx
import pytest

from adapters.base import (
    Adapter,
    Capability,
    GalleryDraft,
    GalleryPatch,
    GalleryWriter,
    MediaPlacement,
    MediaWriter,
    SourceSettings,
    TranslationWriter,
)
from adapters.cms import CMSAdapter
from adapters.cms.emulator import READER_TOKEN, create_emulator
from adapters.cms.emulator.state import CMSState, GalleryTranslation, Language
from adapters.emulation import Emulator, Fault
from adapters.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    NotSupported,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from schema.records import GalleryRecord, ImageRecord, MediaType, PublicationStatus, Translation
from tests.adapters.cms.conftest import cms_settings

MISSING = "00000000-0000-4000-8000-000000000000"
KEY = "idem-1"


def state_of(emulator: Emulator) -> CMSState:
    assert isinstance(emulator.state, CMSState)
    return emulator.state


def live_ids(emulator: Emulator) -> list[str]:
    return [g.id for g in state_of(emulator).list_galleries(skip=0, limit=1000, status=None)]


def count(emulator: Emulator, method: str, path: str) -> int:
    return emulator.control.journal.count(method, f"/api/v1/{path}")


def gallery(result: object) -> GalleryRecord:
    assert isinstance(result, GalleryRecord)
    return result


def images_of(record: GalleryRecord) -> tuple[ImageRecord, ...]:
    assert record.images is not None
    return record.images


async def first_gallery(adapter: CMSAdapter, emulator: Emulator) -> GalleryRecord:
    (found,) = await adapter.load_galleries(live_ids(emulator)[:1])
    return gallery(found)


# -- shape -----------------------------------------------------------------------------------


def test_the_adapter_implements_the_contract_and_its_writers(adapter: CMSAdapter) -> None:
    assert isinstance(adapter, Adapter)
    assert isinstance(adapter, GalleryWriter)
    assert isinstance(adapter, MediaWriter)
    assert isinstance(adapter, TranslationWriter)
    assert CMSAdapter.kind == "cms"
    assert Capability.SETS not in CMSAdapter.capabilities
    assert Capability.WRITE_TRANSLATIONS in CMSAdapter.capabilities
    assert adapter.source == "cms-test"


def test_a_source_without_a_token_fails_at_startup() -> None:
    with pytest.raises(ValueError, match="token"):
        CMSAdapter(SourceSettings(name="cms", kind="cms", base_url="http://cms/api/v1"))


# -- collections and sets --------------------------------------------------------------------


async def test_there_is_one_synthetic_collection_and_it_costs_no_call(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_collections(first=10, after=None)
    assert [c.id for c in page.items] == ["all"]
    assert page.items[0].title == "cms-test"
    loaded = await adapter.load_collections(["all", "other"])
    assert loaded[0] == page.items[0]
    assert isinstance(loaded[1], NotFound)
    assert len(emulator.control.journal) == 0


async def test_there_are_no_sets(adapter: CMSAdapter) -> None:
    page = await adapter.list_sets(parent_id=None, first=10, after=None)
    assert (page.items, page.has_next) == ([], False)
    assert isinstance((await adapter.load_sets(["x"]))[0], NotFound)


# -- listing galleries -----------------------------------------------------------------------


async def test_list_asks_for_one_more_than_first_and_returns_incomplete_summaries(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_galleries(collection_id=None, status=None, first=5, after=None)
    assert len(page.items) == 5
    assert page.has_next
    assert page.total_count is None
    assert all(not g.complete and g.slug and g.collection_id == "all" for g in page.items)
    (request,) = emulator.control.journal.matching("GET", "/api/v1/galleries")
    assert request.query == "skip=0&limit=6"


async def test_a_paging_walk_reaches_the_end_without_duplicates_or_gaps(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        page = await adapter.list_galleries(collection_id="all", status=None, first=4, after=after)
        seen += [g.id for g in page.items]
        if not page.has_next:
            break
        after = page.edges[-1].cursor
    assert seen == live_ids(emulator)
    assert count(emulator, "GET", "galleries") == 6  # 23 galleries, 4 a page


async def test_the_status_filter_is_passed_to_the_cms(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_galleries(
        collection_id=None, status=PublicationStatus.ARCHIVED, first=50, after=None
    )
    assert page.items
    assert {g.status for g in page.items} == {PublicationStatus.ARCHIVED}
    assert "status=archived" in emulator.control.journal.requests[-1].query


async def test_a_status_the_cms_cannot_have_is_an_empty_page_without_a_call(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    page = await adapter.list_galleries(
        collection_id=None, status=PublicationStatus.SCHEDULED, first=5, after=None
    )
    assert (page.items, page.has_next) == ([], False)
    assert len(emulator.control.journal) == 0


async def test_a_garbled_cursor_is_invalid_input_on_after(adapter: CMSAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.list_galleries(collection_id=None, status=None, first=5, after="abc==")
    assert caught.value.field == "after"
    assert caught.value.source == "cms-test"


async def test_another_collection_is_not_found(adapter: CMSAdapter) -> None:
    with pytest.raises(NotFound):
        await adapter.list_galleries(collection_id="other", status=None, first=5, after=None)


# -- loading galleries -----------------------------------------------------------------------


async def test_loading_fifty_galleries_is_fifty_gets_and_one_languages_get() -> None:
    emulator = create_emulator(gallery_count=60)
    adapter = CMSAdapter(cms_settings(emulator), httpx.ASGITransport(app=emulator.app))
    ids = live_ids(emulator)[:50]
    results = await adapter.load_galleries(ids)
    assert [gallery(r).id for r in results] == ids
    assert count(emulator, "GET", "galleries/*") == 50
    assert count(emulator, "GET", "languages") == 1
    await adapter.load_galleries(ids[:3])
    assert count(emulator, "GET", "languages") == 1  # cached
    await adapter.aclose()


async def test_the_same_id_twice_in_one_batch_is_fetched_once(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    first, second = live_ids(emulator)[:2]
    results = await adapter.load_galleries([first, second, first])
    assert [gallery(r).id for r in results] == [first, second, first]
    assert count(emulator, "GET", "galleries/*") == 2


async def test_missing_and_malformed_ids_are_not_found_values_in_their_slots(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    known = live_ids(emulator)[0]
    results = await adapter.load_galleries([MISSING, known, "not-a-uuid"])
    assert isinstance(results[0], NotFound)
    assert gallery(results[1]).id == known
    assert isinstance(results[2], NotFound)
    assert count(emulator, "GET", "galleries/*") == 2  # the malformed id costs no call


async def test_a_full_record_embeds_images_translations_and_urls(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    stored = state_of(emulator).galleries[record.id]
    assert record.complete
    assert record.title == "Summer Festival 2024"
    assert {t.language for t in record.translations} <= {"en", "fr", "de"}
    assert "en" in {t.language for t in record.translations}
    images = images_of(record)
    assert [i.id for i in images] == [f"{record.id}:{m.media_id}" for m in stored.ordered_media()]
    assert [i.position for i in images] == list(range(len(images)))
    assert images[0].caption == stored.ordered_media()[0].caption
    assert record.image_count == len(images)
    assert record.cover_url is not None
    assert record.cover_url.startswith("http://cms.emulator/uploads/media/")


async def test_image_urls_resolve_to_files_on_the_cms(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    url = images_of(record)[0].original_url
    assert url is not None
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator.app)) as client:
        response = await client.get(url)
    assert response.status_code == 200


async def test_a_gallery_without_an_english_translation_takes_its_title_from_another(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    fourth = live_ids(emulator)[3]
    record = gallery((await adapter.load_galleries([fourth]))[0])
    assert "en" not in {t.language for t in record.translations}
    assert record.title == "Marathon de la ville 2024"


async def test_the_default_language_option_picks_the_title(emulator: Emulator) -> None:
    adapter = CMSAdapter(
        cms_settings(emulator, default_language="fr"), httpx.ASGITransport(app=emulator.app)
    )
    records = [gallery(g) for g in await adapter.load_galleries(live_ids(emulator))]
    bilingual = next(r for r in records if {"en", "fr"} <= {t.language for t in r.translations})
    fr = next(t for t in bilingual.translations if t.language == "fr")
    assert bilingual.title == fr.title
    await adapter.aclose()


async def test_the_media_base_url_option_moves_image_urls(emulator: Emulator) -> None:
    adapter = CMSAdapter(
        cms_settings(emulator, media_base_url="https://cdn.example"),
        httpx.ASGITransport(app=emulator.app),
    )
    record = await first_gallery(adapter, emulator)
    assert (images_of(record)[0].original_url or "").startswith("https://cdn.example/uploads/")
    await adapter.aclose()


async def test_an_unknown_language_id_refreshes_the_languages_once(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    state = state_of(emulator)
    italian = Language(id=MISSING, code="it", name="Italiano", is_default=False, is_active=True)
    state.languages[italian.id] = italian
    stored = state.galleries[record.id]
    stored.translations.append(
        GalleryTranslation(
            id=MISSING,
            gallery_id=record.id,
            language_id=italian.id,
            title="Festa d'estate",
            description=None,
            meta_title=None,
            meta_description=None,
            created_at=stored.created_at,
        )
    )
    again = gallery((await adapter.load_galleries([record.id]))[0])
    assert "it" in {t.language for t in again.translations}
    assert count(emulator, "GET", "languages") == 2


# -- images ----------------------------------------------------------------------------------


async def test_load_images_goes_through_one_get_per_distinct_gallery(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    first, second = (gallery(g) for g in await adapter.load_galleries(live_ids(emulator)[:2]))
    emulator.control.journal.clear()
    wanted = [i.id for i in images_of(first)[:3]] + [i.id for i in images_of(second)[:2]]
    results = await adapter.load_images(wanted)
    assert [r.id for r in results if isinstance(r, ImageRecord)] == wanted
    assert count(emulator, "GET", "galleries/*") == 2
    assert count(emulator, "GET", "languages") == 0


async def test_load_images_marks_missing_and_malformed_ids(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    known = live_ids(emulator)[0]
    results = await adapter.load_images(
        [f"{known}:{MISSING}", f"{MISSING}:{MISSING}", "garbage", MISSING]
    )
    assert all(isinstance(r, NotFound) for r in results)


async def test_a_bare_media_id_loads_the_library_item(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    media = next(iter(state_of(emulator).media.values()))
    (image,) = await adapter.load_images([media.id])
    assert isinstance(image, ImageRecord)
    assert (image.id, image.gallery_id, image.mime_type) == (media.id, None, media.mime_type)
    assert image.media_type in (MediaType.PHOTO, MediaType.VIDEO)
    assert count(emulator, "GET", "media/*") == 1


async def test_list_images_pages_the_gallery_in_memory(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    gallery_id = live_ids(emulator)[0]
    page = await adapter.list_images(gallery_id=gallery_id, first=5, after=None)
    rest = await adapter.list_images(gallery_id=gallery_id, first=100, after=page.edges[-1].cursor)
    assert page.has_next and not rest.has_next
    total = len(state_of(emulator).galleries[gallery_id].media)
    assert page.total_count == total
    assert len(page.items) + len(rest.items) == total
    assert count(emulator, "GET", "galleries/*") == 2


async def test_list_images_of_an_unknown_gallery_is_not_found(adapter: CMSAdapter) -> None:
    with pytest.raises(NotFound):
        await adapter.list_images(gallery_id=MISSING, first=5, after=None)


# -- gallery writes --------------------------------------------------------------------------


async def test_create_sends_slug_status_cover_and_a_main_language_title(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    cover = await first_gallery(adapter, emulator)
    created = gallery(
        await adapter.create_gallery(
            GalleryDraft(
                title="Summer 2026",
                description="Sun",
                status=PublicationStatus.PUBLISHED,
                cover_image_id=images_of(cover)[0].id,
                translations=(Translation(language="de", title="Sommer 2026"),),
            ),
            idempotency_key=KEY,
        )
    )
    assert (created.slug, created.status, created.title) == (
        "summer-2026",
        PublicationStatus.PUBLISHED,
        "Summer 2026",
    )
    assert {t.language for t in created.translations} == {"en", "de"}
    assert created.cover_image_id == images_of(cover)[0].id.split(":")[1]
    assert count(emulator, "POST", "galleries") == 1


async def test_a_taken_slug_is_a_conflict_on_slug(adapter: CMSAdapter, emulator: Emulator) -> None:
    taken = (await first_gallery(adapter, emulator)).slug
    with pytest.raises(Conflict) as caught:
        await adapter.create_gallery(GalleryDraft(slug=taken), idempotency_key=KEY)
    assert caught.value.field == "slug"


async def test_an_unknown_cover_is_not_found_on_cover_image_id(adapter: CMSAdapter) -> None:
    with pytest.raises(NotFound) as caught:
        await adapter.create_gallery(
            GalleryDraft(slug="fresh", cover_image_id=MISSING), idempotency_key=KEY
        )
    assert caught.value.field == "coverImageId"


async def test_a_short_slug_is_invalid_input_on_slug(adapter: CMSAdapter) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.create_gallery(GalleryDraft(slug="x"), idempotency_key=KEY)
    assert (caught.value.field, caught.value.status) == ("slug", 422)


async def test_create_with_an_unknown_language_is_refused_before_posting(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await adapter.create_gallery(
            GalleryDraft(slug="fresh", translations=(Translation(language="xx", title="T"),)),
            idempotency_key=KEY,
        )
    assert caught.value.field == "language"
    assert count(emulator, "POST", "galleries") == 0


async def test_update_patches_fields_and_merges_the_title_translation(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    before = await first_gallery(adapter, emulator)
    emulator.control.journal.clear()
    after = gallery(
        await adapter.update_gallery(
            before.id,
            GalleryPatch(status=PublicationStatus.ARCHIVED, title="Renamed"),
            idempotency_key=KEY,
        )
    )
    assert (after.status, after.title, after.description) == (
        PublicationStatus.ARCHIVED,
        "Renamed",
        before.description,
    )
    en = next(t for t in after.translations if t.language == "en")
    assert en.meta_title == next(t for t in before.translations if t.language == "en").meta_title
    assert count(emulator, "PATCH", "galleries/*") == 1
    assert count(emulator, "PUT", "galleries/*/translations") == 1
    assert count(emulator, "GET", "galleries/*") == 0


async def test_update_of_allowed_languages_is_not_supported(adapter: CMSAdapter) -> None:
    with pytest.raises(NotSupported):
        await adapter.update_gallery(
            MISSING, GalleryPatch(allowed_languages=("en",)), idempotency_key=KEY
        )


async def test_delete_is_soft_and_the_gallery_is_then_not_found(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    target = live_ids(emulator)[0]
    assert await adapter.delete_gallery(target, idempotency_key=KEY) is None
    assert isinstance((await adapter.load_galleries([target]))[0], NotFound)
    assert count(emulator, "DELETE", "galleries/*") == 1


# -- media writes ----------------------------------------------------------------------------


async def test_add_images_appends_then_reorders_once_for_positions(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    target, donor = (gallery(g) for g in await adapter.load_galleries(live_ids(emulator)[:2]))
    incoming = [images_of(donor)[0].id, images_of(donor)[1].id]
    emulator.control.journal.clear()
    result = gallery(
        await adapter.add_images(
            target.id,
            [
                MediaPlacement(image_id=incoming[0], caption="First now", position=0),
                MediaPlacement(image_id=incoming[1]),
            ],
            idempotency_key=KEY,
        )
    )
    images = images_of(result)
    media = [i.id.split(":")[1] for i in images]
    assert media[0] == incoming[0].split(":")[1]
    assert media[-1] == incoming[1].split(":")[1]
    assert images[0].caption == "First now"
    assert count(emulator, "POST", "galleries/*/media") == 2
    assert count(emulator, "POST", "galleries/*/media/reorder") == 1
    assert len(emulator.control.journal) == 3  # 2 adds + 1 reorder, no other call


async def test_adding_an_image_already_there_is_invalid_input(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    with pytest.raises(InvalidInput) as caught:
        await adapter.add_images(
            record.id, [MediaPlacement(image_id=images_of(record)[0].id)], idempotency_key=KEY
        )
    assert caught.value.field == "imageId"


async def test_update_placement_changes_caption_and_moves_the_image(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    last = images_of(record)[-1]
    result = gallery(
        await adapter.update_image_placement(
            record.id,
            MediaPlacement(image_id=last.id, caption="Moved", position=0),
            idempotency_key=KEY,
        )
    )
    assert (images_of(result)[0].id, images_of(result)[0].caption) == (last.id, "Moved")
    assert count(emulator, "PATCH", "galleries/*/media/*") == 1
    assert count(emulator, "POST", "galleries/*/media/reorder") == 1


async def test_remove_images_removes_each_once(adapter: CMSAdapter, emulator: Emulator) -> None:
    record = await first_gallery(adapter, emulator)
    gone = [images_of(record)[0].id, images_of(record)[1].id]
    result = gallery(await adapter.remove_images(record.id, [*gone, gone[0]], idempotency_key=KEY))
    assert not set(gone) & {i.id for i in images_of(result)}
    assert count(emulator, "DELETE", "galleries/*/media/*") == 2


async def test_reorder_with_every_image_is_one_get_and_one_reorder(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    emulator.control.journal.clear()
    wanted = [i.id for i in reversed(images_of(record))]
    result = gallery(await adapter.reorder_images(record.id, wanted, idempotency_key=KEY))
    assert [i.id for i in images_of(result)] == wanted
    assert count(emulator, "GET", "galleries/*") == 1
    assert count(emulator, "POST", "galleries/*/media/reorder") == 1
    assert len(emulator.control.journal) == 2  # the GET and the reorder, nothing else


async def test_reorder_without_every_image_is_refused_before_the_backend_is_asked(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    ids = [i.id for i in images_of(record)]
    with pytest.raises(InvalidInput) as caught:
        await adapter.reorder_images(record.id, ids[2:], idempotency_key=KEY)
    assert caught.value.field == "imageIds"
    assert ids[0] in caught.value.message and ids[1] in caught.value.message
    assert ids[2] not in caught.value.message
    assert count(emulator, "POST", "galleries/*/media/reorder") == 0


async def test_reorder_naming_an_image_of_another_gallery_is_refused(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    first, second = (gallery(g) for g in await adapter.load_galleries(live_ids(emulator)[:2]))
    ids = [i.id for i in images_of(first)] + [images_of(second)[0].id]
    with pytest.raises(InvalidInput):
        await adapter.reorder_images(first.id, ids, idempotency_key=KEY)
    assert count(emulator, "POST", "galleries/*/media/reorder") == 0


# -- translation writes ----------------------------------------------------------------------


async def test_upsert_translation_by_language_code(adapter: CMSAdapter, emulator: Emulator) -> None:
    record = await first_gallery(adapter, emulator)
    result = gallery(
        await adapter.upsert_translation(
            record.id,
            Translation(language="de", title="Sommerfest", description="Bühne"),
            idempotency_key=KEY,
        )
    )
    de = next(t for t in result.translations if t.language == "de")
    assert (de.title, de.description) == ("Sommerfest", "Bühne")


async def test_an_unknown_language_code_is_invalid_input_on_language(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    with pytest.raises(InvalidInput) as caught:
        await adapter.upsert_translation(
            record.id, Translation(language="xx", title="T"), idempotency_key=KEY
        )
    assert caught.value.field == "language"
    assert count(emulator, "PUT", "galleries/*/translations") == 0
    assert count(emulator, "GET", "languages") == 2  # one refresh before giving up


async def test_delete_translation_by_code_and_again_is_not_found(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    record = await first_gallery(adapter, emulator)
    result = gallery(await adapter.delete_translation(record.id, "en", idempotency_key=KEY))
    assert "en" not in {t.language for t in result.translations}
    with pytest.raises(NotFound) as caught:
        await adapter.delete_translation(record.id, "en", idempotency_key=KEY)
    assert caught.value.field == "language"


# -- auth and errors -------------------------------------------------------------------------


async def test_the_read_only_token_reads_but_writes_are_forbidden(emulator: Emulator) -> None:
    settings = SourceSettings(
        name="cms-ro",
        kind="cms",
        base_url="http://cms.emulator/api/v1",
        credentials={"token": READER_TOKEN},
    )
    adapter = CMSAdapter(settings, httpx.ASGITransport(app=emulator.app))
    record = await first_gallery(adapter, emulator)
    with pytest.raises(Forbidden):
        await adapter.delete_gallery(record.id, idempotency_key=KEY)
    await adapter.aclose()


async def test_a_wrong_token_is_unauthorized(emulator: Emulator) -> None:
    settings = SourceSettings(
        name="cms-bad",
        kind="cms",
        base_url="http://cms.emulator/api/v1",
        credentials={"token": "x"},
    )
    adapter = CMSAdapter(settings, httpx.ASGITransport(app=emulator.app))
    with pytest.raises(Unauthorized):
        await adapter.ping()
    await adapter.aclose()


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
async def test_injected_faults_map_to_the_error_tree(
    adapter: CMSAdapter, emulator: Emulator, status: int, error: type[Exception]
) -> None:
    emulator.control.faults.add(
        Fault(method="GET", path="/api/v1/galleries", status=status, body={"detail": "x"})
    )
    with pytest.raises(error):
        await adapter.list_galleries(collection_id=None, status=None, first=5, after=None)


async def test_a_failing_gallery_get_fails_only_its_slot(
    adapter: CMSAdapter, emulator: Emulator
) -> None:
    first, second = live_ids(emulator)[:2]
    emulator.control.faults.add(Fault(method="GET", path=f"/api/v1/galleries/{second}", status=500))
    results = await adapter.load_galleries([first, second])
    assert gallery(results[0]).id == first
    assert isinstance(results[1], Unavailable)


async def test_ping_reads_one_summary(adapter: CMSAdapter, emulator: Emulator) -> None:
    await adapter.ping()
    assert emulator.control.journal.requests[-1].query == "skip=0&limit=1"


async def test_aclose_closes_the_pool(adapter: CMSAdapter) -> None:
    await adapter.aclose()
    assert adapter.http.client.is_closed
