from __future__ import annotations

import httpx

from adapters.emulation import Emulator, EmulatorControl, ManualClock
from adapters.pixieset.emulator import create_emulator
from adapters.pixieset.emulator.state import Studio


def studio_of(emulator: Emulator) -> Studio:
    assert isinstance(emulator.state, Studio)
    return emulator.state


async def login(backend: httpx.AsyncClient, emulator: Emulator) -> str:
    response = await backend.post("login", json=dict(emulator.credentials))
    assert response.status_code == 200
    token: str = response.json()["data"]["csrf_token"]
    return token


async def test_login_sets_a_session_cookie_and_hands_out_a_csrf_token(backend, emulator):
    response = await backend.post("login", json=dict(emulator.credentials))

    assert response.status_code == 200
    assert response.cookies.get("session_cookie")
    assert response.json()["data"]["csrf_token"]


async def test_wrong_password_is_a_flat_401(backend, emulator):
    response = await backend.post(
        "login", json={"email": emulator.credentials["email"], "password": "nope"}
    )

    assert response.status_code == 401
    assert response.json() == {"error": "Unauthorized", "message": "Invalid email or password"}


async def test_login_without_fields_is_a_validation_error(backend):
    response = await backend.post("login", json={})

    assert response.status_code == 422
    assert set(response.json()["error"]["details"]) == {"email", "password"}


async def test_calls_without_a_session_get_the_documented_flat_401(backend):
    response = await backend.get("data/bootstrap")

    assert response.status_code == 401
    assert response.json() == {"error": "Unauthorized", "message": "Session expired or invalid"}


async def test_bootstrap_doubles_as_the_session_check(backend, emulator):
    await login(backend, emulator)

    data = (await backend.get("data/bootstrap")).json()["data"]

    assert {"account", "user", "custom_url", "workspace"} <= set(data)


async def test_sessions_expire_on_the_emulator_clock(backend, emulator, clock):
    await login(backend, emulator)
    clock.advance(599)
    assert (await backend.get("data/bootstrap")).status_code == 200

    clock.advance(1)

    assert (await backend.get("data/bootstrap")).status_code == 401


async def test_a_write_without_the_csrf_token_is_refused(backend, emulator):
    await login(backend, emulator)
    collection_id = next(iter(studio_of(emulator).collections))

    response = await backend.put(f"collections/{collection_id}", json={"name": "Renamed"})

    assert response.status_code == 403
    assert response.json() == {"error": "Forbidden", "message": "CSRF token mismatch"}
    assert studio_of(emulator).collections[collection_id].name != "Renamed"


async def test_a_write_with_the_csrf_token_updates_the_collection(backend, emulator):
    csrf = await login(backend, emulator)
    collection_id = next(iter(studio_of(emulator).collections))

    response = await backend.put(
        f"collections/{collection_id}",
        json={"name": "Renamed", "expiry_date": "2027-05-01", "color": "ignored"},
        headers={"X-CSRF-Token": csrf},
    )

    assert response.status_code == 200
    assert response.json()["data"]["name"] == "Renamed"
    assert response.json()["data"]["expiry_date"] == "2027-05-01"


async def test_an_invalid_update_names_the_field_and_changes_nothing(backend, emulator):
    csrf = await login(backend, emulator)
    collection_id = next(iter(studio_of(emulator).collections))
    before = studio_of(emulator).collections[collection_id].name

    response = await backend.put(
        f"collections/{collection_id}",
        json={"name": "Fine", "downloadable": "yes"},
        headers={"X-CSRF-Token": csrf},
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"
    assert response.json()["error"]["details"] == {
        "downloadable": ["The downloadable field must be true or false."]
    }
    assert studio_of(emulator).collections[collection_id].name == before


async def test_a_password_is_never_returned(backend, emulator):
    await login(backend, emulator)
    protected = [c for c in studio_of(emulator).collections.values() if c.password]

    for collection in protected:
        for suffix in ("", "/edit"):
            response = await backend.get(f"collections/{collection.id}{suffix}")
            assert response.json()["data"]["password_protected"] is True
            assert collection.password not in response.text
            assert "password" not in {
                k for k in response.json()["data"] if k != "password_protected"
            }


async def test_no_password_in_the_collections_list(backend, emulator):
    await login(backend, emulator)
    protected = [c for c in studio_of(emulator).collections.values() if c.password]

    response = await backend.get("collections", params={"limit": 100})

    listed = {c["id"]: c for c in response.json()["data"]}
    assert len(protected) == 2
    for collection in protected:
        assert listed[collection.id]["password_protected"] is True
        assert collection.password not in response.text
    assert all("password" not in item for item in listed.values())


async def test_no_password_in_the_answer_to_a_put_that_sets_one(backend, emulator):
    csrf = await login(backend, emulator)
    collection = next(c for c in studio_of(emulator).collections.values() if not c.password)

    response = await backend.put(
        f"collections/{collection.id}",
        json={"password": "harbour-secret"},
        headers={"X-CSRF-Token": csrf},
    )

    assert response.status_code == 200
    assert response.json()["data"]["password_protected"] is True
    assert "password" not in response.json()["data"]
    assert "harbour-secret" not in response.text
    assert collection.password == "harbour-secret"


async def test_collection_detail_has_the_documented_fields(backend, emulator):
    await login(backend, emulator)
    collection_id = next(iter(studio_of(emulator).collections))

    data = (
        await backend.get(f"collections/{collection_id}", params={"expand": "video_cover"})
    ).json()["data"]

    assert {
        "id", "name", "description", "gallery_count", "photo_count", "video_count",
        "password_protected", "downloadable", "expiry_date", "client_count",
    } <= set(data)  # fmt: skip
    assert len(str(data["id"])) == 8


async def test_collections_page_with_limit_and_offset(backend, emulator):
    await login(backend, emulator)

    body = (await backend.get("collections", params={"limit": 5, "offset": 10})).json()

    assert len(body["data"]) == 2
    assert body["meta"] == {"total": 12, "limit": 5, "offset": 10}


async def test_a_limit_over_the_maximum_is_a_validation_error(backend, emulator):
    await login(backend, emulator)

    response = await backend.get("collections", params={"limit": 500})

    assert response.status_code == 422
    assert "limit" in response.json()["error"]["details"]


async def test_a_non_numeric_id_is_an_invalid_id_format(backend, emulator):
    await login(backend, emulator)

    response = await backend.get("collections/abc")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_id_format"


async def test_an_unknown_collection_is_resource_not_found(backend, emulator):
    await login(backend, emulator)

    response = await backend.get("collections/10000000")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "resource_not_found"


async def test_an_unknown_photo_is_the_flat_resource_not_found(backend, emulator):
    await login(backend, emulator)
    missing = max(studio_of(emulator).media) + 1

    response = await backend.get(f"photos/{missing}")

    assert response.status_code == 404
    assert response.json() == {
        "error": "Resource not found",
        "message": f"No photo found with ID: {missing}",
    }


async def test_a_non_numeric_photo_id_keeps_the_general_invalid_id_format(backend, emulator):
    await login(backend, emulator)

    response = await backend.get("photos/abc")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_id_format"


async def test_a_seeded_gallery_cover_is_its_photos_medium_url(backend, emulator):
    await login(backend, emulator)
    collection_id = next(iter(studio_of(emulator).collections))

    galleries = (await backend.get(f"collections/{collection_id}/galleries")).json()["data"]

    assert galleries
    for gallery in galleries:
        cover = gallery["cover_photo"]
        photo = (await backend.get(f"photos/{cover['id']}")).json()["data"]
        assert cover["url"] == photo["urls"]["medium"]


async def test_a_cover_without_a_medium_size_uses_a_size_it_has(backend, emulator):
    await login(backend, emulator)
    studio = studio_of(emulator)
    gallery = next(iter(studio.galleries.values()))
    cover = next(m for m in studio.media_of(gallery) if m.kind == "photo")
    cover.width, cover.height = 800, 600  # under medium's 1024: thumb and small only

    listed = (await backend.get(f"galleries/{gallery.id}")).json()["data"]["cover_photo"]
    urls = (await backend.get(f"photos/{cover.id}")).json()["data"]["urls"]

    assert set(urls) == {"thumb", "small", "original"}
    assert listed == {"id": cover.id, "url": urls["small"]}


async def test_a_tiny_cover_falls_back_to_the_original(backend, emulator):
    await login(backend, emulator)
    studio = studio_of(emulator)
    gallery = next(iter(studio.galleries.values()))
    cover = next(m for m in studio.media_of(gallery) if m.kind == "photo")
    cover.width, cover.height = 200, 150  # smaller than every named size

    listed = (await backend.get(f"galleries/{gallery.id}")).json()["data"]["cover_photo"]
    urls = (await backend.get(f"photos/{cover.id}")).json()["data"]["urls"]

    assert set(urls) == {"original"}
    assert listed["url"] == urls["original"]


async def test_gallery_photos_meta_varies_between_total_pages_and_last_page(backend, emulator):
    await login(backend, emulator)
    galleries = list(studio_of(emulator).galleries.values())
    even = next(g for g in galleries if g.id % 2 == 0)
    odd = next(g for g in galleries if g.id % 2 == 1)

    even_meta = (await backend.get(f"galleries/{even.id}/photos?per_page=10")).json()["meta"]
    odd_meta = (await backend.get(f"galleries/{odd.id}/photos?per_page=10")).json()["meta"]

    assert "total_pages" in even_meta and "last_page" not in even_meta
    assert odd_meta["last_page"] == -(-len(odd.media_ids) // 10)
    assert (odd_meta["from"], odd_meta["to"]) == (1, 10)
    assert "total_pages" not in odd_meta


async def test_gallery_photos_pages_follow_gallery_order(backend, emulator):
    await login(backend, emulator)
    gallery = next(iter(studio_of(emulator).galleries.values()))

    page2 = (await backend.get(f"galleries/{gallery.id}/photos?page=2&per_page=7")).json()

    assert [p["id"] for p in page2["data"]] == gallery.media_ids[7:14]
    assert page2["meta"]["current_page"] == 2


async def test_videos_carry_type_duration_and_a_video_original(backend, emulator):
    await login(backend, emulator)
    video = next(m for m in studio_of(emulator).media.values() if m.kind == "video")

    data = (await backend.get(f"photos/{video.id}")).json()["data"]

    assert data["type"] == "video"
    assert data["duration"] > 0
    assert data["urls"]["original"].startswith("https://videos.pixieset.com/")


async def test_downloads_keep_their_trailing_slash(backend, emulator):
    await login(backend, emulator)
    collection = next(c for c in studio_of(emulator).collections.values() if c.downloads)

    with_slash = await backend.get(f"collections/{collection.id}/downloads/")
    without = await backend.get(f"collections/{collection.id}/downloads")

    assert len(with_slash.json()["data"]) == len(collection.downloads)
    assert without.status_code == 404


async def test_client_lists_and_logs_are_served(backend, emulator):
    await login(backend, emulator)
    collection = next(iter(studio_of(emulator).collections.values()))
    cid = collection.id

    clients = (await backend.get(f"collections/{cid}/clients")).json()["data"]
    favorites = (await backend.get(f"collections/{cid}/favorites")).json()["data"]
    links = await backend.get(f"collections/{cid}/photo_sharing_links")
    visitors = await backend.get(f"collections/{cid}/visitor_emails")
    downloads = await backend.get(f"collections/{cid}/photo_downloads")
    video_downloads = await backend.get(f"collections/{cid}/gallery_video_downloads")

    assert {c["email"] for c in clients} == {c.email for c in collection.clients}
    assert sum(c["favorites_count"] for c in clients) == len(favorites)
    assert all(r.status_code == 200 for r in (links, visitors, downloads, video_downloads))


async def test_before_hooks_are_harmless_checks(backend, emulator):
    await login(backend, emulator)
    cid = next(iter(studio_of(emulator).collections))

    show = await backend.get(f"collections/{cid}/before_show")
    download = await backend.get(f"collections/{cid}/before_download_settings")
    defaults = await backend.get(f"collection_defaults/{cid}/before_collection_default_settings")
    missing = await backend.get("collections/10000000/before_show")

    assert show.json()["data"]["allowed"] is True
    assert download.json()["data"]["allowed"] is True
    assert defaults.json()["data"] == {"allowed": True}
    assert missing.status_code == 404


async def test_before_show_reports_the_expired_collection(backend, emulator):
    await login(backend, emulator)
    expired = [c for c in studio_of(emulator).collections.values() if c.expiry_date]
    flags = [
        (await backend.get(f"collections/{c.id}/before_show")).json()["data"]["expired"]
        for c in expired
    ]

    assert flags.count(True) == 1


async def test_starred_photos_span_collections(backend, emulator):
    await login(backend, emulator)
    starred = [m for m in studio_of(emulator).media.values() if m.starred]

    body = (await backend.get("photos/starred", params={"per_page": 100})).json()

    assert body["meta"]["total"] == len(starred)
    assert len({p["collection_id"] for p in body["data"]}) > 1


async def test_rate_limit_answers_429_with_retry_after():
    clock = ManualClock()
    # One request a minute per caller: the login counts for the address, the rest for the session.
    emulator = create_emulator(control=EmulatorControl(clock=clock), rate_limit=1)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://e/api/v1/"
    ) as backend:
        await login(backend, emulator)
        assert (await backend.get("data/bootstrap")).status_code == 200
        clock.advance(15)

        limited = await backend.get("data/bootstrap")
        clock.advance(45)
        again = await backend.get("data/bootstrap")

    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "45"
    assert limited.json()["error"]["code"] == "rate_limited"
    assert again.status_code == 200


async def test_unknown_routes_answer_in_the_general_error_shape(backend, emulator):
    await login(backend, emulator)

    response = await backend.get("watermarks")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "resource_not_found"


async def test_logout_ends_the_session(backend, emulator):
    csrf = await login(backend, emulator)

    response = await backend.post("logout", headers={"X-CSRF-Token": csrf})

    assert response.status_code == 204
    assert (await backend.get("data/bootstrap")).status_code == 401
