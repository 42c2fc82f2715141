"""Every documented behaviour of the CMS emulator, and every choice its docstring names."""

from __future__ import annotations

from typing import Any

import httpx

from adapters.cms.emulator import READER_TOKEN
from adapters.cms.emulator.state import CMSState
from adapters.emulation import Emulator, Fault, ManualClock

G = "/api/v1/galleries"
MISSING = "00000000-0000-4000-8000-00000000abcd"


def state_of(emulator: Emulator) -> CMSState:
    assert isinstance(emulator.state, CMSState)
    return emulator.state


async def first_gallery(api: httpx.AsyncClient) -> dict[str, Any]:
    summary = (await api.get(G, params={"limit": 1})).json()[0]
    body: dict[str, Any] = (await api.get(f"{G}/{summary['id']}")).json()
    return body


def language_id(emulator: Emulator, code: str) -> str:
    return next(lang.id for lang in state_of(emulator).languages.values() if lang.code == code)


def unplaced_media(emulator: Emulator, gallery: dict[str, Any]) -> str:
    placed = {item["media_id"] for item in gallery["gallery_media"]}
    return next(m for m in state_of(emulator).media if m not in placed)


async def new_gallery(api: httpx.AsyncClient, slug: str = "new-gallery") -> dict[str, Any]:
    response = await api.post(G, json={"slug": slug})
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


# -- listing ---------------------------------------------------------------------------------


async def test_list_returns_only_id_slug_and_status(api: httpx.AsyncClient) -> None:
    response = await api.get(G)
    assert response.status_code == 200
    assert all(set(item) == {"id", "slug", "status"} for item in response.json())


async def test_list_defaults_to_a_limit_of_one_hundred(emulator: Emulator) -> None:
    from adapters.cms.emulator import create_emulator

    big = create_emulator(gallery_count=130, media_count=300)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=big.app),
        base_url="http://cms",
        headers={"Authorization": f"Bearer {big.credentials['token']}"},
    ) as client:
        assert len((await client.get(G)).json()) == 100
        assert len((await client.get(G, params={"limit": 200})).json()) == 129


async def test_skip_and_limit_page_without_gaps_or_overlap(api: httpx.AsyncClient) -> None:
    everything = [g["id"] for g in (await api.get(G)).json()]
    walked: list[str] = []
    for skip in range(0, len(everything) + 5, 5):
        walked += [g["id"] for g in (await api.get(G, params={"skip": skip, "limit": 5})).json()]
    assert walked == everything
    assert len(everything) == 23


async def test_status_filter_keeps_only_that_status(api: httpx.AsyncClient) -> None:
    archived = (await api.get(G, params={"status": "archived"})).json()
    assert archived
    assert {g["status"] for g in archived} == {"archived"}


async def test_an_unknown_status_filter_is_a_validation_error(api: httpx.AsyncClient) -> None:
    response = await api.get(G, params={"status": "live"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


async def test_a_negative_skip_or_non_numeric_limit_is_a_validation_error(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get(G, params={"skip": -1, "limit": "ten"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["query", "skip"], ["query", "limit"]]


# -- reading one -----------------------------------------------------------------------------


async def test_gallery_detail_embeds_translations_media_and_cover(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    assert gallery["translations"][0]["gallery_id"] == gallery["id"]
    orders = [item["order"] for item in gallery["gallery_media"]]
    assert orders == sorted(orders)
    media = gallery["gallery_media"][0]["media"]
    assert set(media) == {
        "id",
        "filename",
        "original_filename",
        "mime_type",
        "size",
        "path",
        "alt_text",
    }
    assert gallery["cover_image"]["id"] == gallery["cover_image_id"]


async def test_an_unknown_gallery_is_404(api: httpx.AsyncClient) -> None:
    response = await api.get(f"{G}/{MISSING}")
    assert (response.status_code, response.json()) == (404, {"detail": "Gallery not found"})


async def test_a_malformed_gallery_id_is_a_422_on_the_path(api: httpx.AsyncClient) -> None:
    response = await api.get(f"{G}/not-a-uuid")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "uuid_parsing"
    assert response.json()["detail"][0]["loc"] == ["path", "gallery_id"]


async def test_an_upper_case_uuid_finds_the_gallery(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    response = await api.get(f"{G}/{gallery['id'].upper()}")
    assert response.json()["id"] == gallery["id"]


async def test_unknown_routes_answer_fastapi_style(api: httpx.AsyncClient) -> None:
    assert (await api.get("/api/v1/posts")).json() == {"detail": "Not Found"}
    response = await api.put(f"{G}/{MISSING}")
    assert (response.status_code, response.json()) == (405, {"detail": "Method Not Allowed"})


# -- auth ------------------------------------------------------------------------------------


async def test_a_missing_token_is_401_not_authenticated(api: httpx.AsyncClient) -> None:
    response = await api.get(G, headers={"Authorization": ""})
    assert (response.status_code, response.json()) == (401, {"detail": "Not authenticated"})
    assert response.headers["www-authenticate"] == "Bearer"


async def test_an_unknown_token_is_401(api: httpx.AsyncClient) -> None:
    response = await api.get(G, headers={"Authorization": "Bearer forged"})
    assert response.status_code == 401


async def test_the_read_only_token_reads_but_cannot_write(api: httpx.AsyncClient) -> None:
    reader = {"Authorization": f"Bearer {READER_TOKEN}"}
    assert (await api.get(G, headers=reader)).status_code == 200
    response = await api.post(G, json={"slug": "nope"}, headers=reader)
    assert (response.status_code, response.json()) == (403, {"detail": "Not enough permissions"})


async def test_auth_is_checked_before_validation(api: httpx.AsyncClient) -> None:
    reader = {"Authorization": f"Bearer {READER_TOKEN}"}
    assert (await api.post(G, json={"slug": "x"}, headers=reader)).status_code == 403


async def test_each_write_needs_its_permission(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    none = {"Authorization": "Bearer no-permissions-token"}
    calls = [
        api.get(G, headers=none),
        api.get(f"{G}/{gallery['id']}", headers=none),
        api.patch(f"{G}/{gallery['id']}", json={}, headers=none),
        api.delete(f"{G}/{gallery['id']}", headers=none),
        api.post(f"{G}/{gallery['id']}/media/reorder", json={"media_ids": []}, headers=none),
        api.get("/api/v1/media", headers=none),
    ]
    for call in calls:
        assert (await call).status_code == 403


async def test_languages_need_only_a_valid_token(api: httpx.AsyncClient) -> None:
    response = await api.get(
        "/api/v1/languages", headers={"Authorization": "Bearer no-permissions-token"}
    )
    assert response.status_code == 200
    assert (await api.get("/api/v1/languages", headers={"Authorization": ""})).status_code == 401


# -- create ----------------------------------------------------------------------------------


async def test_create_returns_201_with_the_full_gallery_and_draft_default(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    en = language_id(emulator, "en")
    response = await api.post(
        G,
        json={
            "slug": "summer-2026",
            "translations": [{"language_id": en, "title": "Summer 2026", "description": "Sun"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["translations"][0]["title"] == "Summer 2026"
    assert body["gallery_media"] == []
    assert body["author_id"] == body["created_by"]
    assert body["created_at"] == "2026-01-01T00:00:00Z"
    assert body["updated_at"] is None
    assert body["id"] in [g["id"] for g in (await api.get(G)).json()]


async def test_a_taken_slug_is_409(api: httpx.AsyncClient) -> None:
    taken = (await first_gallery(api))["slug"]
    response = await api.post(G, json={"slug": taken})
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Gallery slug already exists"},
    )


async def test_an_unknown_cover_image_is_404(api: httpx.AsyncClient) -> None:
    response = await api.post(G, json={"slug": "with-cover", "cover_image_id": MISSING})
    assert (response.status_code, response.json()) == (404, {"detail": "Cover image not found"})


async def test_slug_length_is_validated_fastapi_style(api: httpx.AsyncClient) -> None:
    short = await api.post(G, json={"slug": "a"})
    assert short.status_code == 422
    assert short.json()["detail"][0] == {
        "type": "string_too_short",
        "loc": ["body", "slug"],
        "msg": "String should have at least 2 characters",
        "input": "a",
        "ctx": {"min_length": 2},
    }
    long = await api.post(G, json={"slug": "x" * 256})
    assert long.json()["detail"][0]["type"] == "string_too_long"
    assert (await api.post(G, json={"slug": "x" * 255})).status_code == 201


async def test_a_missing_slug_or_bad_status_is_reported_per_field(api: httpx.AsyncClient) -> None:
    response = await api.post(G, json={"status": "live"})
    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["type"] for e in response.json()["detail"]}
    assert errors == {("body", "slug"): "missing", ("body", "status"): "enum"}


async def test_a_body_that_is_not_json_is_422(api: httpx.AsyncClient) -> None:
    response = await api.post(G, content=b"{nope", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


async def test_create_with_an_unknown_language_is_404(api: httpx.AsyncClient) -> None:
    response = await api.post(
        G, json={"slug": "lang", "translations": [{"language_id": MISSING, "title": "T"}]}
    )
    assert (response.status_code, response.json()) == (404, {"detail": "Language not found"})


async def test_a_create_with_a_missing_cover_and_a_taken_slug_is_404_not_409(
    api: httpx.AsyncClient,
) -> None:
    taken = (await first_gallery(api))["slug"]
    response = await api.post(G, json={"slug": taken, "cover_image_id": MISSING})
    assert (response.status_code, response.json()) == (404, {"detail": "Cover image not found"})


async def test_a_patch_with_a_missing_cover_and_a_taken_slug_is_404_not_409(
    api: httpx.AsyncClient,
) -> None:
    first, second = (await api.get(G, params={"limit": 2})).json()
    response = await api.patch(
        f"{G}/{first['id']}", json={"slug": second["slug"], "cover_image_id": MISSING}
    )
    assert (response.status_code, response.json()) == (404, {"detail": "Cover image not found"})
    assert (await api.get(f"{G}/{first['id']}")).json()["slug"] == first["slug"]


async def test_a_create_with_a_taken_slug_and_an_unknown_language_is_409(
    api: httpx.AsyncClient,
) -> None:
    taken = (await first_gallery(api))["slug"]
    response = await api.post(
        G, json={"slug": taken, "translations": [{"language_id": MISSING, "title": "T"}]}
    )
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Gallery slug already exists"},
    )


async def test_a_create_with_author_id_null_gets_the_tokens_user(
    api: httpx.AsyncClient,
) -> None:
    body = (await api.post(G, json={"slug": "no-author", "author_id": None})).json()
    assert body["author_id"] == body["created_by"]


# -- update and delete -----------------------------------------------------------------------


async def test_patch_changes_only_the_fields_sent(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    assert isinstance(emulator.control.clock, ManualClock)
    emulator.control.clock.advance(60)
    response = await api.patch(f"{G}/{gallery['id']}", json={"status": "archived"})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["slug"]) == ("archived", gallery["slug"])
    assert body["updated_at"] == "2026-01-01T00:01:00Z"


async def test_patch_to_a_taken_slug_is_409_but_keeping_ones_own_is_fine(
    api: httpx.AsyncClient,
) -> None:
    first, second = (await api.get(G, params={"limit": 2})).json()
    clash = await api.patch(f"{G}/{first['id']}", json={"slug": second["slug"]})
    assert clash.status_code == 409
    same = await api.patch(f"{G}/{first['id']}", json={"slug": first["slug"]})
    assert same.status_code == 200


async def test_patch_with_an_unknown_cover_is_404_and_null_clears_it(
    api: httpx.AsyncClient,
) -> None:
    gallery = await first_gallery(api)
    missing = await api.patch(f"{G}/{gallery['id']}", json={"cover_image_id": MISSING})
    assert missing.json() == {"detail": "Cover image not found"}
    cleared = await api.patch(f"{G}/{gallery['id']}", json={"cover_image_id": None})
    assert (cleared.json()["cover_image_id"], cleared.json()["cover_image"]) == (None, None)


async def test_patch_with_author_id_null_keeps_the_author(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    author = "11111111-1111-4111-8111-111111111111"
    changed = await api.patch(f"{G}/{gallery['id']}", json={"author_id": author})
    assert changed.json()["author_id"] == author
    kept = await api.patch(f"{G}/{gallery['id']}", json={"author_id": None})
    assert (kept.status_code, kept.json()["author_id"]) == (200, author)


async def test_patch_of_an_unknown_gallery_is_404(api: httpx.AsyncClient) -> None:
    response = await api.patch(f"{G}/{MISSING}", json={"status": "draft"})
    assert response.json() == {"detail": "Gallery not found"}


async def test_delete_is_a_soft_delete_answered_with_204(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    response = await api.delete(f"{G}/{gallery['id']}")
    assert (response.status_code, response.content) == (204, b"")
    assert (await api.get(f"{G}/{gallery['id']}")).status_code == 404
    assert gallery["id"] not in [g["id"] for g in (await api.get(G)).json()]
    assert (await api.delete(f"{G}/{gallery['id']}")).status_code == 404
    assert state_of(emulator).galleries[gallery["id"]].deleted_at is not None
    media_id = gallery["gallery_media"][0]["media_id"]
    assert (await api.get(f"/api/v1/media/{media_id}")).status_code == 200


async def test_a_soft_deleted_gallerys_slug_stays_reserved(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    await api.delete(f"{G}/{gallery['id']}")
    response = await api.post(G, json={"slug": gallery["slug"]})
    assert response.status_code == 409


# -- translations ----------------------------------------------------------------------------


async def test_put_translation_creates_then_replaces_per_language(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await new_gallery(api)
    de = language_id(emulator, "de")
    url = f"{G}/{gallery['id']}/translations"
    created = await api.put(url, json={"language_id": de, "title": "Sommer", "description": "D"})
    assert created.status_code == 200
    replaced = await api.put(url, json={"language_id": de, "title": "Sommer 2026"})
    translations = replaced.json()["translations"]
    assert len(translations) == 1
    assert (translations[0]["title"], translations[0]["description"]) == ("Sommer 2026", None)
    assert translations[0]["updated_at"] is not None


async def test_put_translation_with_an_unknown_language_is_404(api: httpx.AsyncClient) -> None:
    gallery = await new_gallery(api)
    response = await api.put(
        f"{G}/{gallery['id']}/translations", json={"language_id": MISSING, "title": "T"}
    )
    assert (response.status_code, response.json()) == (404, {"detail": "Language not found"})


async def test_put_translation_on_an_unknown_gallery_is_404(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    response = await api.put(
        f"{G}/{MISSING}/translations",
        json={"language_id": language_id(emulator, "en"), "title": "T"},
    )
    assert response.json() == {"detail": "Gallery not found"}


async def test_put_translation_requires_a_title(api: httpx.AsyncClient, emulator: Emulator) -> None:
    gallery = await new_gallery(api)
    response = await api.put(
        f"{G}/{gallery['id']}/translations", json={"language_id": language_id(emulator, "fr")}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "title"]


async def test_translation_text_limits_are_the_emulators_own(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await new_gallery(api)
    url = f"{G}/{gallery['id']}/translations"
    fr = language_id(emulator, "fr")
    limits = {"description": 10_000, "meta_title": 255, "meta_description": 500}
    for field, limit in limits.items():
        at_limit = await api.put(url, json={"language_id": fr, "title": "T", field: "x" * limit})
        assert at_limit.status_code == 200, field
        over = await api.put(url, json={"language_id": fr, "title": "T", field: "x" * (limit + 1)})
        assert over.status_code == 422, field
        [error] = over.json()["detail"]
        assert (error["type"], error["loc"], error["ctx"]) == (
            "string_too_long",
            ["body", field],
            {"max_length": limit},
        )


async def test_a_create_checks_the_same_limits_inside_translations(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    en = language_id(emulator, "en")
    response = await api.post(
        G,
        json={
            "slug": "long-meta",
            "translations": [{"language_id": en, "title": "T", "meta_title": "m" * 256}],
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "translations", 0, "meta_title"]


async def test_delete_translation_answers_200_with_the_gallery(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    en = language_id(emulator, "en")
    response = await api.delete(f"{G}/{gallery['id']}/translations/{en}")
    assert response.status_code == 200
    assert en not in [t["language_id"] for t in response.json()["translations"]]
    again = await api.delete(f"{G}/{gallery['id']}/translations/{en}")
    assert (again.status_code, again.json()) == (404, {"detail": "Translation not found"})


async def test_delete_translation_with_a_malformed_language_id_is_422(
    api: httpx.AsyncClient,
) -> None:
    gallery = await first_gallery(api)
    response = await api.delete(f"{G}/{gallery['id']}/translations/en")
    assert response.json()["detail"][0]["loc"] == ["path", "language_id"]


# -- gallery media ---------------------------------------------------------------------------


async def test_add_media_answers_201_and_appends_when_order_is_zero_or_absent(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    extra = [
        m
        for m in state_of(emulator).media
        if m not in {i["media_id"] for i in gallery["gallery_media"]}
    ]
    url = f"{G}/{gallery['id']}/media"
    first = await api.post(url, json={"media_id": extra[0], "order": 0, "caption": "New"})
    assert first.status_code == 201
    second = await api.post(url, json={"media_id": extra[1]})
    items = second.json()["gallery_media"]
    assert [i["media_id"] for i in items[-2:]] == extra[:2]
    assert items[-1]["order"] == items[-2]["order"] + 1 == len(gallery["gallery_media"]) + 1
    assert items[-2]["caption"] == "New"


async def test_add_media_to_an_empty_gallery_starts_at_order_zero(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await new_gallery(api)
    media_id = next(iter(state_of(emulator).media))
    body = (await api.post(f"{G}/{gallery['id']}/media", json={"media_id": media_id})).json()
    assert body["gallery_media"][0]["order"] == 0


async def test_add_media_with_an_order_stores_it_as_given(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    media_id = unplaced_media(emulator, gallery)
    body = (
        await api.post(f"{G}/{gallery['id']}/media", json={"media_id": media_id, "order": 1})
    ).json()
    ids = [i["media_id"] for i in body["gallery_media"]]
    # Ties on order keep the older item first.
    assert ids.index(media_id) == 2
    assert body["gallery_media"][2]["order"] == 1


async def test_adding_media_already_in_the_gallery_is_400(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    media_id = gallery["gallery_media"][0]["media_id"]
    response = await api.post(f"{G}/{gallery['id']}/media", json={"media_id": media_id})
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Media is already in this gallery"},
    )


async def test_adding_unknown_media_is_404(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    response = await api.post(f"{G}/{gallery['id']}/media", json={"media_id": MISSING})
    assert (response.status_code, response.json()) == (404, {"detail": "Media not found"})


async def test_adding_to_an_unknown_gallery_is_404(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    media_id = next(iter(state_of(emulator).media))
    response = await api.post(f"{G}/{MISSING}/media", json={"media_id": media_id})
    assert response.json() == {"detail": "Gallery not found"}


async def test_a_caption_over_500_characters_is_422(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    media_id = unplaced_media(emulator, gallery)
    url = f"{G}/{gallery['id']}/media"
    response = await api.post(url, json={"media_id": media_id, "caption": "c" * 501})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "caption"]
    ok = await api.post(url, json={"media_id": media_id, "caption": "c" * 500})
    assert ok.status_code == 201


async def test_a_negative_order_is_422(api: httpx.AsyncClient, emulator: Emulator) -> None:
    gallery = await first_gallery(api)
    media_id = unplaced_media(emulator, gallery)
    response = await api.post(
        f"{G}/{gallery['id']}/media", json={"media_id": media_id, "order": -1}
    )
    assert response.json()["detail"][0]["type"] == "greater_than_equal"


async def test_patch_media_updates_order_and_caption(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    media_id = gallery["gallery_media"][0]["media_id"]
    response = await api.patch(
        f"{G}/{gallery['id']}/media/{media_id}", json={"order": 99, "caption": "Updated caption"}
    )
    assert response.status_code == 200
    last = response.json()["gallery_media"][-1]
    assert (last["media_id"], last["order"], last["caption"]) == (media_id, 99, "Updated caption")


async def test_patch_media_order_null_is_422_and_changes_nothing(
    api: httpx.AsyncClient,
) -> None:
    gallery = await first_gallery(api)
    item = gallery["gallery_media"][0]
    response = await api.patch(
        f"{G}/{gallery['id']}/media/{item['media_id']}", json={"order": None, "caption": "X"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "int_type",
            "loc": ["body", "order"],
            "msg": "Input should be a valid integer",
            "input": None,
        }
    ]
    after = (await api.get(f"{G}/{gallery['id']}")).json()["gallery_media"][0]
    assert (after["order"], after["caption"]) == (item["order"], item["caption"])


async def test_add_media_order_null_is_422_too(api: httpx.AsyncClient, emulator: Emulator) -> None:
    gallery = await first_gallery(api)
    media_id = unplaced_media(emulator, gallery)
    response = await api.post(
        f"{G}/{gallery['id']}/media", json={"media_id": media_id, "order": None}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "order"]


async def test_patch_media_caption_null_clears_the_caption(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    media_id = gallery["gallery_media"][0]["media_id"]
    url = f"{G}/{gallery['id']}/media/{media_id}"
    assert (await api.patch(url, json={"caption": "Set"})).status_code == 200
    response = await api.patch(url, json={"caption": None})
    assert response.status_code == 200
    item = next(i for i in response.json()["gallery_media"] if i["media_id"] == media_id)
    assert item["caption"] is None


async def test_patch_media_not_in_the_gallery_is_404(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    media_id = unplaced_media(emulator, gallery)
    response = await api.patch(f"{G}/{gallery['id']}/media/{media_id}", json={"caption": "x"})
    assert response.json() == {"detail": "Media not found in this gallery"}


async def test_remove_media_answers_200_and_keeps_the_library_item(
    api: httpx.AsyncClient,
) -> None:
    gallery = await first_gallery(api)
    media_id = gallery["gallery_media"][0]["media_id"]
    response = await api.delete(f"{G}/{gallery['id']}/media/{media_id}")
    assert response.status_code == 200
    remaining = response.json()["gallery_media"]
    assert media_id not in [i["media_id"] for i in remaining]
    assert [i["order"] for i in remaining] == [i["order"] for i in gallery["gallery_media"][1:]]
    assert (await api.get(f"/api/v1/media/{media_id}")).status_code == 200
    again = await api.delete(f"{G}/{gallery['id']}/media/{media_id}")
    assert again.json() == {"detail": "Media not found in this gallery"}


async def test_reorder_with_every_media_id_sets_orders_from_zero(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    ids = [i["media_id"] for i in gallery["gallery_media"]][::-1]
    response = await api.post(f"{G}/{gallery['id']}/media/reorder", json={"media_ids": ids})
    assert response.status_code == 200
    items = response.json()["gallery_media"]
    assert [i["media_id"] for i in items] == ids
    assert [i["order"] for i in items] == list(range(len(ids)))


async def test_reorder_without_every_media_id_is_refused(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    ids = [i["media_id"] for i in gallery["gallery_media"]][1:]
    response = await api.post(f"{G}/{gallery['id']}/media/reorder", json={"media_ids": ids})
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Not all media items included in reorder request"},
    )


async def test_reorder_with_a_duplicate_instead_of_an_id_is_refused(api: httpx.AsyncClient) -> None:
    gallery = await first_gallery(api)
    ids = [i["media_id"] for i in gallery["gallery_media"]]
    ids[-1] = ids[0]
    response = await api.post(f"{G}/{gallery['id']}/media/reorder", json={"media_ids": ids})
    assert response.status_code == 400


async def test_reorder_naming_media_outside_the_gallery_is_404(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    gallery = await first_gallery(api)
    ids = [i["media_id"] for i in gallery["gallery_media"]][1:] + [
        unplaced_media(emulator, gallery)
    ]
    response = await api.post(f"{G}/{gallery['id']}/media/reorder", json={"media_ids": ids})
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "One or more media IDs not found in gallery"},
    )


async def test_reorder_of_an_unknown_gallery_is_404(api: httpx.AsyncClient) -> None:
    response = await api.post(f"{G}/{MISSING}/media/reorder", json={"media_ids": []})
    assert response.json() == {"detail": "Gallery not found"}


# -- languages, media library, uploads -------------------------------------------------------


async def test_languages_list_the_table(api: httpx.AsyncClient) -> None:
    languages = (await api.get("/api/v1/languages")).json()
    assert [lang["code"] for lang in languages] == ["en", "fr", "de", "es"]
    assert [lang["code"] for lang in languages if lang["is_default"]] == ["en"]
    assert set(languages[0]) == {"id", "code", "name", "is_default", "is_active"}


async def test_media_library_pages_with_skip_and_limit(api: httpx.AsyncClient) -> None:
    page = (await api.get("/api/v1/media", params={"skip": 10, "limit": 5})).json()
    everything = (await api.get("/api/v1/media", params={"limit": 1000})).json()
    assert page == everything[10:15]
    assert len(everything) == 320
    assert len((await api.get("/api/v1/media")).json()) == 100


async def test_one_media_item_is_its_summary_or_404(api: httpx.AsyncClient) -> None:
    first = (await api.get("/api/v1/media", params={"limit": 1})).json()[0]
    assert (await api.get(f"/api/v1/media/{first['id']}")).json() == first
    missing = await api.get(f"/api/v1/media/{MISSING}")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Media not found"})


async def test_uploaded_files_are_served_at_their_path_without_a_token(
    api: httpx.AsyncClient,
) -> None:
    gallery = await first_gallery(api)
    media = gallery["gallery_media"][0]["media"]
    response = await api.get(f"/{media['path']}", headers={"Authorization": ""})
    assert response.status_code == 200
    assert response.headers["content-type"] == media["mime_type"]
    assert response.content[:2] in (b"\xff\xd8", b"\x89P")
    assert (await api.get("/uploads/media/nothing.jpg")).status_code == 404


# -- the emulator kit ------------------------------------------------------------------------


async def test_requests_are_journaled_and_faults_injected(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.control.faults.add(Fault(method="GET", path=f"{G}/*", status=503, times=1))
    gallery_id = (await api.get(G, params={"limit": 1})).json()[0]["id"]
    assert (await api.get(f"{G}/{gallery_id}")).status_code == 503
    assert (await api.get(f"{G}/{gallery_id}")).status_code == 200
    assert emulator.control.journal.count("GET", f"{G}/*") == 2
