"""Set writes in the DPG emulator: defaults for new sets, and a snapshot before every change
to a set's images, their visibility or its child sets."""

from __future__ import annotations

import httpx
import pytest

from adapters.dpg.emulator import DPGState


def key(name: str) -> dict[str, str]:
    return {"Idempotency-Key": name}


def reasons(state: DPGState, set_uuid: str) -> list[str]:
    return [s.reason for s in state.snapshots.get(set_uuid, [])]


async def test_a_new_set_defaults_to_colour_none_and_type_gallery(
    api: httpx.AsyncClient,
) -> None:
    op = (await api.post("/sets", json={"name": "Plain"}, headers=key("d"))).json()
    made = (await api.get(f"/sets/{op['result']['set_public_uuid']}")).json()
    assert (made["colour"], made["type"]) == ("none", "gallery")


def _rearrangement(state: DPGState, reason: str) -> tuple[str, str, dict[str, object]]:
    """The request that rearranges the first top-level set for this snapshot ``reason``."""
    top = state.top_level[0]
    node = state.sets[top]
    outsider = next(u for u in state.images if u not in node.visibility)
    writes: dict[str, tuple[str, str, dict[str, object]]] = {
        "add_images": ("POST", f"/sets/{top}/images", {"image_public_uuids": [outsider]}),
        "remove_images": ("DELETE", f"/sets/{top}/images", {"image_public_uuids": node.images[:1]}),
        "order": ("PATCH", f"/sets/{top}/order", {"image_public_uuids": node.images[::-1]}),
        "visibility": (
            "PATCH",
            f"/sets/{top}/visibility",
            {"image_public_uuids": node.images[:1], "hidden": True},
        ),
        "reorder": (
            "PATCH",
            "/sets/reorder",
            {"parent_public_uuid": top, "set_public_uuids": node.children[::-1]},
        ),
        "create_child": ("POST", "/sets", {"name": "Day 4", "parent_public_uuid": top}),
        "delete_child": ("DELETE", f"/sets/{node.children[0]}", {}),
    }
    return writes[reason]


@pytest.mark.parametrize(
    "reason",
    [
        "add_images",
        "remove_images",
        "order",
        "visibility",
        "reorder",
        "create_child",
        "delete_child",
    ],
)
async def test_each_rearrangement_snapshots_the_set_first(
    api: httpx.AsyncClient, state: DPGState, reason: str
) -> None:
    top = state.top_level[0]
    images, children = list(state.sets[top].images), list(state.sets[top].children)
    method, path, body = _rearrangement(state, reason)
    response = await api.request(method, path, json=body or None, headers=key(reason))
    assert response.json()["status"] == "succeeded"
    listed = (await api.get(f"/sets/{top}/snapshots")).json()
    assert [s["reason"] for s in listed] == [reason]
    # Taken first: it holds the set as it was before the write.
    [snapshot] = state.snapshots[top]
    assert (list(snapshot.images), list(snapshot.children)) == (images, children)
    assert listed[0]["image_count"] == len(images)


async def test_a_move_snapshots_both_parents(api: httpx.AsyncClient, state: DPGState) -> None:
    old_parent, new_parent = state.top_level[:2]
    moving = state.sets[old_parent].children[0]
    response = await api.patch(
        f"/sets/{moving}", json={"parent_public_uuid": new_parent}, headers=key("mv")
    )
    assert response.json()["status"] == "succeeded"
    assert reasons(state, old_parent) == ["move"] and reasons(state, new_parent) == ["move"]
    assert moving in state.snapshots[old_parent][0].children
    assert moving not in state.snapshots[new_parent][0].children
    assert reasons(state, moving) == []


async def test_the_top_level_has_no_snapshots_so_only_set_parents_are_snapshotted(
    api: httpx.AsyncClient, state: DPGState
) -> None:
    parent = state.top_level[0]
    child = state.sets[parent].children[0]
    to_top = await api.patch(f"/sets/{child}", json={"parent_public_uuid": None}, headers=key("t"))
    reordered = await api.patch(
        "/sets/reorder",
        json={"parent_public_uuid": None, "set_public_uuids": state.top_level[::-1]},
        headers=key("r"),
    )
    assert [to_top.json()["status"], reordered.json()["status"]] == ["succeeded"] * 2
    assert state.top_level[0] == child
    # One snapshot in all: the parent the set left. Neither top-level change has a set to keep.
    assert {u: [s.reason for s in snaps] for u, snaps in state.snapshots.items()} == {
        parent: ["move"]
    }


async def test_a_restore_snapshots_the_set_before_putting_one_back(
    api: httpx.AsyncClient, state: DPGState
) -> None:
    top = state.top_level[0]
    original = list(state.sets[top].images)
    await api.patch(
        f"/sets/{top}/order", json={"image_public_uuids": original[::-1]}, headers=key("o")
    )
    [before_order] = state.snapshots[top]
    await api.post(
        f"/sets/{top}/restore", json={"snapshot_uuid": before_order.uuid}, headers=key("r")
    )
    assert reasons(state, top) == ["restore", "order"]
    assert list(state.snapshots[top][0].images) == original[::-1]
    assert state.sets[top].images == original
