"""The DPG emulator behaves as the guides say: paging headers, ETags, errors, 202 writes."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from adapters.dpg.emulator import DPGState, create_emulator
from adapters.emulation import Emulator, EmulatorControl, Fault, ManualClock


def state_of(emulator: Emulator) -> DPGState:
    assert isinstance(emulator.state, DPGState)
    return emulator.state


def write_headers(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


async def test_seeded_account_is_deep_and_large(emulator: Emulator) -> None:
    state = state_of(emulator)

    def depth(set_uuid: str) -> int:
        return 1 + max((depth(c) for c in state.sets[set_uuid].children), default=0)

    assert len(state.sets) >= 40
    assert len(state.images) >= 500
    assert max(depth(u) for u in state.top_level) >= 4


async def test_same_seed_gives_the_same_account() -> None:
    first = state_of(create_emulator(seed=3))
    second = state_of(create_emulator(seed=3))
    assert list(first.sets) == list(second.sets)
    assert state_of(create_emulator(seed=4)).top_level != first.top_level


async def test_lists_are_bare_arrays_paged_by_headers(api: httpx.AsyncClient) -> None:
    response = await api.get("/images", params={"limit": 20, "offset": 40})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list) and len(body) == 20
    assert response.headers["X-Has-More"] == "true"
    assert response.headers["X-Next-Offset"] == "60"


async def test_default_limit_is_fifty_and_the_max_is_two_hundred(api: httpx.AsyncClient) -> None:
    assert len((await api.get("/images")).json()) == 50
    too_many = await api.get("/images", params={"limit": 201})
    assert too_many.status_code == 400
    assert too_many.json()["error"]["field"] == "limit"


async def test_last_page_says_no_more(api: httpx.AsyncClient) -> None:
    response = await api.get("/sets", params={"limit": 200})
    assert response.headers["X-Has-More"] == "false"
    assert response.headers["X-Next-Offset"] == str(len(response.json()))


async def test_children_come_in_the_parents_order(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    parent = state.top_level[0]
    response = await api.get("/sets", params={"parent_public_uuid": parent})
    assert [s["public_uuid"] for s in response.json()] == state.sets[parent].children


async def test_tree_nests_every_set_with_counts(api: httpx.AsyncClient, emulator: Emulator) -> None:
    tree = (await api.get("/sets/tree")).json()

    def walk(nodes: list[dict[str, object]]) -> int:
        total = 0
        for node in nodes:
            assert isinstance(node["image_count"], int)
            children = node["children"]
            assert isinstance(children, list)
            total += 1 + walk(children)
        return total

    assert walk(tree) == len(state_of(emulator).sets)


async def test_set_detail_has_counts_and_website(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    body = (await api.get(f"/sets/{set_uuid}")).json()
    assert body["image_count"] == len(state.sets[set_uuid].images)
    assert body["child_count"] == len(state.sets[set_uuid].children)
    assert body["website"]["url"].startswith("https://")


async def test_image_detail_splits_keywords_and_hides_private_urls(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    image_uuid = next(iter(state_of(emulator).images))
    body = (await api.get(f"/images/{image_uuid}")).json()
    assert {"namespace": None, "value": body["keywords"][0]["value"]} == body["keywords"][0]
    assert any(k["namespace"] == "artist" for k in body["keywords"])
    original = next(v for v in body["versions"] if v["name"] == "original")
    assert original["access"] == "private" and "url" not in original
    assert all("url" in v for v in body["versions"] if v["access"] == "public")


async def test_get_answers_304_to_a_matching_etag(api: httpx.AsyncClient) -> None:
    first = await api.get("/me")
    again = await api.get("/me", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


async def test_missing_token_is_401_unauthorized(emulator: Emulator) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://dpg/v1"
    ) as client:
        response = await client.get("/sets")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "unauthorized"
    assert set(error) == {"code", "message", "detail", "field", "request_id"}


async def test_missing_scope_is_403_forbidden(api: httpx.AsyncClient, emulator: Emulator) -> None:
    token = state_of(emulator).read_only_token.value
    response = await api.post(
        "/sets",
        json={"name": "New"},
        headers={"Authorization": f"Bearer {token}", **write_headers("k1")},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


async def test_switched_off_api_is_403_api_not_enabled(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state_of(emulator).api_enabled = False
    response = await api.get("/sets")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "api_not_enabled"


async def test_unknown_set_is_404(api: httpx.AsyncClient) -> None:
    response = await api.get("/sets/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "set_not_found"


async def test_write_answers_202_with_a_succeeded_operation(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    response = await api.post("/sets", json={"name": "Day 4"}, headers=write_headers("a"))
    assert response.status_code == 202
    op = response.json()
    assert op["status"] == "succeeded" and op["type"] == "create"
    new_uuid = op["result"]["set_public_uuid"]
    assert op["set_public_uuids"] == [new_uuid]
    assert state_of(emulator).top_level[-1] == new_uuid


async def test_write_without_idempotency_key_is_refused(api: httpx.AsyncClient) -> None:
    response = await api.post("/sets", json={"name": "Day 4"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "idempotency_key_missing"


async def test_same_key_and_body_do_the_work_once(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    before = len(state_of(emulator).sets)
    first = await api.post("/sets", json={"name": "Once"}, headers=write_headers("same"))
    second = await api.post("/sets", json={"name": "Once"}, headers=write_headers("same"))
    assert first.json()["uuid"] == second.json()["uuid"]
    assert len(state_of(emulator).sets) == before + 1


async def test_same_key_with_another_body_is_409(api: httpx.AsyncClient) -> None:
    await api.post("/sets", json={"name": "One"}, headers=write_headers("k"))
    response = await api.post("/sets", json={"name": "Two"}, headers=write_headers("k"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_conflict"


@pytest.mark.parametrize(
    "field,value", [("colour", "mauve"), ("type", "album"), ("colour", None), ("type", None)]
)
async def test_off_palette_choices_are_turned_away(
    api: httpx.AsyncClient, emulator: Emulator, field: str, value: object
) -> None:
    state = state_of(emulator)
    before = len(state.sets)
    set_uuid = state.top_level[0]
    created = await api.post(
        "/sets", json={"name": "X", field: value}, headers=write_headers(f"c-{field}")
    )
    updated = await api.patch(
        f"/sets/{set_uuid}", json={field: value}, headers=write_headers(f"u-{field}")
    )
    for response in (created, updated):
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["code"], error["field"]) == ("validation", field)
    # Turned away rather than saved: no set made, nothing changed, no Operation queued.
    assert len(state.sets) == before
    assert state.sets[set_uuid].colour is not None and state.sets[set_uuid].type is not None
    assert state.operations == {}


async def test_the_palettes_none_clears_a_colour(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    await api.patch(f"/sets/{set_uuid}", json={"colour": "red"}, headers=write_headers("red"))
    assert state.sets[set_uuid].colour == "red"
    cleared = await api.patch(
        f"/sets/{set_uuid}", json={"colour": "none"}, headers=write_headers("none")
    )
    assert cleared.json()["status"] == "succeeded"
    assert (await api.get(f"/sets/{set_uuid}")).json()["colour"] == "none"


@pytest.mark.parametrize("value", ["yes", 1, "true", None])
async def test_hidden_must_be_a_real_boolean(
    api: httpx.AsyncClient, emulator: Emulator, value: object
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    body = {"image_public_uuids": state.sets[set_uuid].images[:1], "hidden": value}
    response = await api.patch(
        f"/sets/{set_uuid}/visibility", json=body, headers=write_headers("v")
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("validation", "hidden")


async def test_operation_stays_queued_then_running_until_the_clock_passes(
    clock: ManualClock,
) -> None:
    emulator = create_emulator(control=EmulatorControl(clock=clock), operation_delay=10)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://dpg/v1",
        headers={"Authorization": f"Bearer {emulator.credentials['token']}"},
    ) as api:
        op = (await api.post("/sets", json={"name": "Later"}, headers=write_headers("l"))).json()
        assert op["status"] == "queued"
        clock.advance(6)
        assert (await api.get(f"/operations/{op['uuid']}")).json()["status"] == "running"
        clock.advance(5)
        assert (await api.get(f"/operations/{op['uuid']}")).json()["status"] == "succeeded"
        assert (await api.get(f"/sets/{op['set_public_uuids'][0]}")).is_success


async def test_unknown_image_fails_the_operation_with_its_field(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    set_uuid = state_of(emulator).top_level[0]
    response = await api.post(
        f"/sets/{set_uuid}/images",
        json={"image_public_uuids": ["00000000-0000-4000-8000-000000000000"]},
        headers=write_headers("img"),
    )
    op = response.json()
    assert op["status"] == "failed"
    assert (op["error"]["code"], op["error"]["field"]) == ("image_not_found", "image_public_uuids")


async def test_moving_a_set_into_its_own_subtree_fails(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    top = state.top_level[0]
    child = state.sets[top].children[0]
    response = await api.patch(
        f"/sets/{top}", json={"parent_public_uuid": child}, headers=write_headers("mv")
    )
    assert response.json()["error"]["field"] == "parent_public_uuid"
    assert state.sets[top].parent is None


async def test_rearranging_takes_a_snapshot_that_restore_puts_back(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    original = list(state.sets[set_uuid].images)
    reordered = list(reversed(original))
    await api.patch(
        f"/sets/{set_uuid}/order",
        json={"image_public_uuids": reordered},
        headers=write_headers("o"),
    )
    assert state.sets[set_uuid].images == reordered
    snapshots = (await api.get(f"/sets/{set_uuid}/snapshots")).json()
    assert snapshots[0]["reason"] == "order"
    await api.post(
        f"/sets/{set_uuid}/restore",
        json={"snapshot_uuid": snapshots[0]["uuid"]},
        headers=write_headers("r"),
    )
    assert state.sets[set_uuid].images == original


async def test_reorder_must_list_every_child(api: httpx.AsyncClient, emulator: Emulator) -> None:
    state = state_of(emulator)
    parent = state.top_level[0]
    children = list(state.sets[parent].children)
    partial = await api.patch(
        "/sets/reorder",
        json={"parent_public_uuid": parent, "set_public_uuids": children[:1]},
        headers=write_headers("p"),
    )
    assert partial.json()["status"] == "failed"
    full = await api.patch(
        "/sets/reorder",
        json={"parent_public_uuid": parent, "set_public_uuids": list(reversed(children))},
        headers=write_headers("f"),
    )
    assert full.json()["status"] == "succeeded"
    assert state.sets[parent].children == list(reversed(children))


async def test_embargoed_images_appear_only_after_activation_time(
    api: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    held = state.sets[set_uuid].images[:2]
    when = clock.now() + timedelta(hours=1)
    await api.patch(
        f"/sets/{set_uuid}/visibility",
        json={"image_public_uuids": held, "hidden": True, "activation_time": when.isoformat()},
        headers=write_headers("e"),
    )
    listed = [i["public_uuid"] for i in (await api.get(f"/sets/{set_uuid}/images")).json()]
    assert not set(held) & set(listed)
    clock.advance(3601)
    listed = [i["public_uuid"] for i in (await api.get(f"/sets/{set_uuid}/images")).json()]
    assert listed[:2] == held


async def test_dropped_response_still_commits_the_write(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.control.faults.add(Fault(method="POST", path="/v1/sets", drop_response=True, times=1))
    before = len(state_of(emulator).sets)
    with pytest.raises(ConnectionResetError):
        await api.post("/sets", json={"name": "Dropped"}, headers=write_headers("d"))
    assert len(state_of(emulator).sets) == before + 1


async def test_refresh_token_rotates_on_every_use(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    user = state_of(emulator).user
    signed = await api.post(
        "/auth/sign_in", json={"login": user.login, "password": user.password, "device": "t"}
    )
    account = signed.json()["accounts"][0]["uuid"]
    first = signed.json()["refresh_token"]
    token = await api.post("/auth/token", json={"refresh_token": first, "account_uuid": account})
    assert token.json()["expires_in"] == 900
    assert token.json()["refresh_token"] != first
    reused = await api.post("/auth/token", json={"refresh_token": first, "account_uuid": account})
    assert reused.status_code == 401


async def test_access_token_expires_after_fifteen_minutes(
    api: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    user = state_of(emulator).user
    signed = await api.post(
        "/auth/sign_in", json={"login": user.login, "password": user.password, "device": "t"}
    )
    body = {
        "refresh_token": signed.json()["refresh_token"],
        "account_uuid": signed.json()["accounts"][0]["uuid"],
    }
    access = (await api.post("/auth/token", json=body)).json()["access_token"]
    bearer = {"Authorization": f"Bearer {access}"}
    assert (await api.get("/me", headers=bearer)).status_code == 200
    clock.advance(900)
    assert (await api.get("/me", headers=bearer)).status_code == 401


async def test_sign_in_is_rate_limited_after_repeated_failures(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    user = state_of(emulator).user
    wrong = {"login": user.login, "password": "nope", "device": "t"}
    statuses = [(await api.post("/auth/sign_in", json=wrong)).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    limited = await api.post("/auth/sign_in", json={**wrong, "password": user.password})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert json.loads(limited.content)["error"]["code"] == "rate_limited"


# ---- every answer in the DPG shape -----------------------------------------------------------


async def test_an_unknown_path_is_a_404_not_found_in_the_error_shape(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get("/galleries", headers={"X-Request-Id": "trace-1"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "No endpoint /v1/galleries.",
            "detail": None,
            "field": None,
            "request_id": "trace-1",
        }
    }


async def test_a_wrong_method_is_a_405_that_names_every_allowed_method(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    set_uuid = state_of(emulator).top_level[0]
    on_list = await api.put("/sets", json={"name": "X"})
    on_detail = await api.put(f"/sets/{set_uuid}", json={"name": "X"})
    assert (on_list.status_code, on_detail.status_code) == (405, 405)
    assert on_list.json()["error"]["code"] == "method_not_allowed"
    assert set(on_list.json()["error"]) == {"code", "message", "detail", "field", "request_id"}
    assert on_list.headers["Allow"] == "GET, HEAD, POST"
    assert on_detail.headers["Allow"] == "DELETE, GET, HEAD, PATCH"


async def test_a_202_names_the_operation_to_poll_in_location(api: httpx.AsyncClient) -> None:
    response = await api.post("/sets", json={"name": "Day 4"}, headers=write_headers("loc"))
    assert response.status_code == 202
    location = response.headers["Location"]
    assert location == f"/v1/operations/{response.json()['uuid']}"
    polled = await api.get(location.removeprefix("/v1"))
    assert polled.json()["uuid"] == response.json()["uuid"]


async def test_an_error_carries_the_callers_x_request_id(api: httpx.AsyncClient) -> None:
    response = await api.get("/sets/nope", headers={"X-Request-Id": "abc-123"})
    assert response.json()["error"]["request_id"] == "abc-123"
    assert response.headers["X-Request-Id"] == "abc-123"


async def test_request_ids_are_seeded_and_never_shift_the_ids_made_later() -> None:
    async def run(provoke_errors: int) -> tuple[list[str], str]:
        emulator = create_emulator(seed=5)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=emulator.app),
            base_url="http://dpg/v1",
            headers={"Authorization": f"Bearer {emulator.credentials['token']}"},
        ) as client:
            ids = [
                (await client.get("/sets/nope")).json()["error"]["request_id"]
                for _ in range(provoke_errors)
            ]
            made = await client.post("/sets", json={"name": "N"}, headers=write_headers("n"))
            return ids, str(made.json()["result"]["set_public_uuid"])

    first_ids, first_set = await run(2)
    again_ids, again_set = await run(2)
    _, quiet_set = await run(0)
    assert first_ids == again_ids and len(set(first_ids)) == 2
    assert all(i.startswith("req-") for i in first_ids)
    assert first_set == again_set == quiet_set


async def test_an_operation_poll_answers_304_until_the_operation_changes(
    clock: ManualClock,
) -> None:
    emulator = create_emulator(control=EmulatorControl(clock=clock), operation_delay=10)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://dpg/v1",
        headers={"Authorization": f"Bearer {emulator.credentials['token']}"},
    ) as api:
        op = (await api.post("/sets", json={"name": "Later"}, headers=write_headers("p"))).json()
        first = await api.get(f"/operations/{op['uuid']}")
        etag = {"If-None-Match": first.headers["ETag"]}
        unchanged = await api.get(f"/operations/{op['uuid']}", headers=etag)
        assert (unchanged.status_code, unchanged.content) == (304, b"")
        clock.advance(10)
        finished = await api.get(f"/operations/{op['uuid']}", headers=etag)
        assert finished.status_code == 200
        assert finished.json()["status"] == "succeeded"
    # 1 write + 3 polls.
    assert emulator.control.journal.count() == 4


@pytest.mark.parametrize("authorization", [None, "Bearer nope", "Basic x"])
async def test_api_not_enabled_beats_401_whatever_the_token(
    emulator: Emulator, authorization: str | None
) -> None:
    state_of(emulator).api_enabled = False
    headers = {"Authorization": authorization} if authorization else {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://dpg/v1"
    ) as client:
        response = await client.get("/sets", headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "api_not_enabled"


async def test_the_same_key_on_another_path_is_409(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    first, second = state.top_level[:2]
    body = {"image_public_uuids": state.sets[first].images[:1]}
    await api.patch(f"/sets/{first}/order", json=body, headers=write_headers("k"))
    before = list(state.sets[second].images)
    response = await api.patch(f"/sets/{second}/order", json=body, headers=write_headers("k"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_conflict"
    assert state.sets[second].images == before and len(state.operations) == 1


async def test_hidden_images_without_an_embargo_stay_listed_and_flagged(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    state = state_of(emulator)
    set_uuid = state.top_level[0]
    held = state.sets[set_uuid].images[:2]
    await api.patch(
        f"/sets/{set_uuid}/visibility",
        json={"image_public_uuids": held, "hidden": True},
        headers=write_headers("h"),
    )
    listed = (await api.get(f"/sets/{set_uuid}/images")).json()
    flags = {i["public_uuid"]: i["hidden"] for i in listed}
    assert [flags[u] for u in held] == [True, True]
    assert sum(flags.values()) == 2
    detail = (await api.get(f"/sets/{set_uuid}")).json()
    assert detail["image_count"] == len(state.sets[set_uuid].images)


async def test_children_of_an_unknown_parent_are_404_set_not_found(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get(
        "/sets", params={"parent_public_uuid": "00000000-0000-4000-8000-000000000000"}
    )
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("set_not_found", "parent_public_uuid")


async def test_an_operation_is_polled_with_any_valid_token_but_not_without_one(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    op = (await api.post("/sets", json={"name": "P"}, headers=write_headers("o"))).json()
    no_scopes = state_of(emulator).issue_token("No scopes", ())
    polled = await api.get(
        f"/operations/{op['uuid']}", headers={"Authorization": f"Bearer {no_scopes.value}"}
    )
    assert polled.status_code == 200 and polled.json()["uuid"] == op["uuid"]
    anonymous = await api.get(f"/operations/{op['uuid']}", headers={"Authorization": ""})
    assert anonymous.status_code == 401
