"""The DPG emulator checks every body as it arrives: a bad one is 400 with no Operation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
import pytest

from adapters.dpg.emulator import DPGState

UNKNOWN = "00000000-0000-4000-8000-000000000000"  # well formed, names nothing
Write = tuple[str, str, dict[str, object]]


def key(name: str) -> dict[str, str]:
    return {"Idempotency-Key": name}


async def refused(
    api: httpx.AsyncClient, method: str, path: str, body: object, field: str | None
) -> dict[str, object]:
    response = await api.request(method, path, json=body, headers=key(f"{method} {path}"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert isinstance(error, dict)
    assert (error["code"], error["field"]) == ("validation", field)
    return error


def _malformed_id_writes(state: DPGState) -> dict[str, Write]:
    top = state.top_level[0]
    return {
        "add": ("POST", f"/sets/{top}/images", {"image_public_uuids": ["nope"]}),
        "remove": ("DELETE", f"/sets/{top}/images", {"image_public_uuids": [UNKNOWN, "nope"]}),
        "order": ("PATCH", f"/sets/{top}/order", {"image_public_uuids": [f"{{{UNKNOWN}}}"]}),
        "visibility": (
            "PATCH",
            f"/sets/{top}/visibility",
            {"image_public_uuids": [UNKNOWN.replace("-", "")], "hidden": True},
        ),
        "reorder ids": ("PATCH", "/sets/reorder", {"set_public_uuids": ["nope"]}),
        "reorder parent": (
            "PATCH",
            "/sets/reorder",
            {"parent_public_uuid": "nope", "set_public_uuids": [UNKNOWN]},
        ),
        "create parent": ("POST", "/sets", {"name": "X", "parent_public_uuid": "nope"}),
        "move": ("PATCH", f"/sets/{top}", {"parent_public_uuid": "nope"}),
        "lead image": ("PATCH", f"/sets/{top}", {"lead_image_public_uuid": "nope"}),
        "restore": ("POST", f"/sets/{top}/restore", {"snapshot_uuid": "nope"}),
    }


MALFORMED_FIELDS = {
    "add": "image_public_uuids",
    "remove": "image_public_uuids",
    "order": "image_public_uuids",
    "visibility": "image_public_uuids",
    "reorder ids": "set_public_uuids",
    "reorder parent": "parent_public_uuid",
    "create parent": "parent_public_uuid",
    "move": "parent_public_uuid",
    "lead image": "lead_image_public_uuid",
    "restore": "snapshot_uuid",
}


@pytest.mark.parametrize("case", sorted(MALFORMED_FIELDS))
async def test_a_malformed_id_in_a_body_is_400_at_once_with_no_operation(
    api: httpx.AsyncClient, state: DPGState, case: str
) -> None:
    method, path, body = _malformed_id_writes(state)[case]
    await refused(api, method, path, body, MALFORMED_FIELDS[case])
    assert state.operations == {}


async def test_a_well_formed_unknown_id_is_left_to_the_operation(
    api: httpx.AsyncClient, state: DPGState
) -> None:
    top = state.top_level[0]
    response = await api.post(
        f"/sets/{top}/images", json={"image_public_uuids": [UNKNOWN]}, headers=key("unknown")
    )
    assert response.status_code == 202
    assert response.json()["error"]["code"] == "image_not_found"


async def test_a_name_is_at_most_191_characters(api: httpx.AsyncClient, state: DPGState) -> None:
    error = await refused(api, "POST", "/sets", {"name": "x" * 192}, "name")
    assert error["detail"] == "name must be at most 191 characters"
    longest = await api.post("/sets", json={"name": "x" * 191}, headers=key("191"))
    assert longest.json()["status"] == "succeeded"


async def test_an_id_list_takes_at_most_200_ids(api: httpx.AsyncClient, state: DPGState) -> None:
    target = state.top_level[4]  # "Highlights reel": 150 images, no children
    outside = [u for u in state.images if u not in state.sets[target].visibility]
    too_many = {"image_public_uuids": outside[:201]}
    error = await refused(api, "POST", f"/sets/{target}/images", too_many, "image_public_uuids")
    assert error["detail"] == "image_public_uuids takes at most 200 uuids"
    fits = await api.post(
        f"/sets/{target}/images", json={"image_public_uuids": outside[:200]}, headers=key("200")
    )
    assert fits.json()["status"] == "succeeded"
    assert len(state.sets[target].images) == 150 + 200


@pytest.mark.parametrize(
    "ids", [[], [UNKNOWN, UNKNOWN]], ids=["an empty list", "the same id twice"]
)
async def test_an_id_list_is_neither_empty_nor_repeats_an_id(
    api: httpx.AsyncClient, state: DPGState, ids: list[str]
) -> None:
    top = state.top_level[0]
    await refused(
        api, "PATCH", f"/sets/{top}/order", {"image_public_uuids": ids}, "image_public_uuids"
    )
    assert state.operations == {}


async def test_a_patch_with_nothing_to_change_is_refused(
    api: httpx.AsyncClient, state: DPGState
) -> None:
    error = await refused(api, "PATCH", f"/sets/{state.top_level[0]}", {}, None)
    assert error["detail"] == "nothing to change"


@pytest.mark.parametrize(
    "make_time",
    [
        lambda now: (now + timedelta(hours=1)).replace(tzinfo=None).isoformat(),
        lambda now: "tomorrow",
    ],
    ids=["a time without a timezone", "not a time"],
)
async def test_an_activation_time_needs_a_timezone(
    api: httpx.AsyncClient, state: DPGState, make_time: Callable[[datetime], str]
) -> None:
    top = state.top_level[0]
    body = {
        "image_public_uuids": state.sets[top].images[:1],
        "hidden": True,
        "activation_time": make_time(state.now()),
    }
    await refused(api, "PATCH", f"/sets/{top}/visibility", body, "activation_time")
    assert state.operations == {}
