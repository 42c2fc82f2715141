"""The DPG source end to end through GraphQL: the issue's acceptance, with exact backend calls.

Every test runs the gateway app over an in-process DPG emulator on a manual clock
(``tests/gateway/dpg_source.py``) and counts what reached the emulator from its journal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from adapters.dpg.emulator import DPGState
from adapters.emulation import Fault
from schema.ids import decode_id
from tests.gateway.dpg_source import (
    START,
    DPGGateway,
    dpg_gateway,
    gallery_gid,
    image_gid,
    set_gid,
)

ERRORS_DOC = Path(__file__).parents[2] / "docs" / "errors.md"
MISSING_SET = "00000000-0000-4000-8000-000000000000"

USER_ERRORS = "userErrors { code field message backendCode }"
CREATE_SET = f"""
mutation($input: CreateSetInput!, $key: String) {{
  createSet(input: $input, idempotencyKey: $key) {{
    set {{ id name parent {{ id }} }} operation {{ id status }} {USER_ERRORS}
  }}
}}"""
UPDATE_SET = f"""
mutation($input: UpdateSetInput!, $key: String) {{
  updateSet(input: $input, idempotencyKey: $key) {{
    set {{ id name parent {{ name }} }} operation {{ id status }} {USER_ERRORS}
  }}
}}"""
SET_TREE = """
{ setTree(source: "dpg") { id name imageCount
  children { edges { node { id name imageCount
    children { edges { node { id name imageCount
      children { edges { node { id name imageCount } } } } } } } } } } }"""
SET_IMAGES = """
query($id: ID!) { set(id: $id) { imageCount
  gallery { images(first: 100) { edges { node { id hidden } } } } } }"""
GALLERY_IMAGES = """
query($id: ID!) { gallery(id: $id) { imageCount images(first: 100) { edges { node { id } } } } }"""
FIFTY_IMAGES = """
query($id: ID!) { gallery(id: $id) { images(first: 50) { edges { node {
  title width height url(width: 800) keywords { value namespace } } } } } }"""


def keys_sent(dpg: DPGGateway, method: str, path: str) -> list[str]:
    return [
        r.headers["idempotency-key"] for r in dpg.emulator.control.journal.matching(method, path)
    ]


def sets_named(state: DPGState, name: str) -> list[str]:
    return [u for u, node in state.sets.items() if node.name == name]


def image_ids(body: dict[str, Any], *path: str) -> list[str]:
    found: Any = body["data"]
    for step in path:
        found = found[step]
    return [edge["node"]["id"] for edge in found["images"]["edges"]]


# ---- idempotent createSet ------------------------------------------------------------------


async def test_a_create_set_whose_answer_was_dropped_is_resent_with_its_key_and_made_once():
    async with dpg_gateway() as dpg:
        before = len(dpg.state.sets)
        dpg.emulator.control.faults.add(
            Fault(drop_response=True, method="POST", path="/v1/sets", times=1)
        )
        body = await dpg.query(
            CREATE_SET, {"input": {"source": "dpg", "name": "Encore night"}, "key": "create-1"}
        )
        payload = body["data"]["createSet"]
        assert "errors" not in body
        assert payload["set"]["name"] == "Encore night"
        assert payload["userErrors"] == []
        # The adapter resent the write after the dropped answer: 2 POSTs, one key, one set.
        assert keys_sent(dpg, "POST", "/v1/sets") == ["create-1", "create-1"]
        assert len(dpg.state.sets) == before + 1
        assert sets_named(dpg.state, "Encore night") == [decode_id(payload["set"]["id"]).native]
        assert dpg.routes() == {
            "POST /v1/sets": 2,
            f"GET /v1/sets/{decode_id(payload['set']['id']).native}": 1,
        }


async def test_a_client_retrying_create_set_after_a_lost_answer_gets_the_one_set_it_made():
    async with dpg_gateway(retries=0) as dpg:
        before = len(dpg.state.sets)
        dpg.emulator.control.faults.add(
            Fault(drop_response=True, method="POST", path="/v1/sets", times=1)
        )
        variables = {"input": {"source": "dpg", "name": "Encore night"}, "key": "create-2"}
        lost = await dpg.query(CREATE_SET, variables)
        assert lost["data"] is None  # createSet's payload is non-null: the error nulls data
        assert lost["errors"][0]["extensions"]["code"] == "BACKEND_UNAVAILABLE"
        assert len(dpg.state.sets) == before + 1  # the work was committed all the same

        retried = await dpg.query(CREATE_SET, variables)
        assert retried["data"]["createSet"]["set"]["name"] == "Encore night"
        assert len(dpg.state.sets) == before + 1
        assert len(sets_named(dpg.state, "Encore night")) == 1
        assert keys_sent(dpg, "POST", "/v1/sets") == ["create-2", "create-2"]
        assert dpg.calls() == 3  # 2 POSTs + 1 read of the set the retry returned


async def test_the_same_create_set_sent_twice_with_one_key_is_written_once():
    async with dpg_gateway() as dpg:
        variables = {"input": {"source": "dpg", "name": "Press day"}, "key": "create-3"}
        first = await dpg.query(CREATE_SET, variables)
        second = await dpg.query(CREATE_SET, variables)
        assert first["data"]["createSet"]["set"]["id"] == second["data"]["createSet"]["set"]["id"]
        assert dpg.calls("POST", "/v1/sets") == 1  # the second answer came from the gateway
        assert len(sets_named(dpg.state, "Press day")) == 1


async def test_the_same_key_with_another_input_is_refused_as_reused():
    async with dpg_gateway() as dpg:
        await dpg.query(CREATE_SET, {"input": {"source": "dpg", "name": "A"}, "key": "create-4"})
        body = await dpg.query(
            CREATE_SET, {"input": {"source": "dpg", "name": "B"}, "key": "create-4"}
        )
        payload = body["data"]["createSet"]
        assert payload["set"] is None
        assert payload["userErrors"] == [
            {
                "code": "IDEMPOTENCY_KEY_REUSED",
                "field": "idempotencyKey",
                "message": "this idempotency key was already used with a different input",
                "backendCode": None,
            }
        ]
        assert dpg.calls("POST", "/v1/sets") == 1
        assert sets_named(dpg.state, "B") == []


# ---- reads: the tree, sets, a 50-image page ---------------------------------------------


async def test_a_four_level_tree_with_every_image_count_costs_one_tree_call():
    async with dpg_gateway() as dpg:
        body = await dpg.query(SET_TREE)
        assert "errors" not in body

        def check(nodes: list[dict[str, Any]], expected: list[str], depth: int) -> int:
            assert [decode_id(n["id"]).native for n in nodes] == expected
            seen = 0
            for node in nodes:
                state = dpg.state.sets[decode_id(node["id"]).native]
                assert node["name"] == state.name
                assert node["imageCount"] == len(dpg.state.listed_images(state))
                seen += 1
                if depth < 4:
                    children = [e["node"] for e in node["children"]["edges"]]
                    seen += check(children, state.children, depth + 1)
            return seen

        assert check(body["data"]["setTree"], dpg.state.top_level, 1) > 50
        headliners = dpg.set_named("Festival 2024", "Day 1", "Main stage", "Headliners")
        assert set_gid(headliners) in str(body)  # the fourth level is there
        # The tree carries every count: 1 call in all, 0 extra for the counts.
        assert dpg.routes() == {"GET /v1/sets/tree": 1}


async def test_a_fifty_image_gallery_page_costs_two_backend_calls():
    async with dpg_gateway() as dpg:
        reel = dpg.set_named("Highlights reel")
        body = await dpg.query(FIFTY_IMAGES, {"id": gallery_gid(reel)})
        assert "errors" not in body
        edges = body["data"]["gallery"]["images"]["edges"]
        assert len(edges) == 50
        first = edges[0]["node"]
        assert first["width"] in (4000, 5464, 6000, 8192)
        assert "_standard.jpg?" in first["url"]  # the smallest version at least 800 wide
        assert {k["namespace"] for k in first["keywords"]} == {None, "artist", "place"}
        # 1 set detail (the gallery) + 1 page of its images (limit=50): 2 calls.
        assert dpg.routes() == {f"GET /v1/sets/{reel}": 1, f"GET /v1/sets/{reel}/images": 1}
        [page] = dpg.emulator.control.journal.matching("GET", f"/v1/sets/{reel}/images")
        assert "limit=50" in page.query


async def test_a_fourth_level_set_reads_its_parent_ancestors_and_children_in_five_calls():
    async with dpg_gateway() as dpg:
        path = ("Festival 2025", "Day 1", "Main stage", "Headliners")
        fourth = dpg.set_named(*path)
        body = await dpg.query(
            """query($id: ID!) { set(id: $id) { name parent { name } ancestors { id name }
                 children { edges { node { name imageCount } } } } }""",
            {"id": set_gid(fourth)},
        )
        found = body["data"]["set"]
        assert found["name"] == "Headliners"
        assert found["parent"] == {"name": "Main stage"}
        assert [a["name"] for a in found["ancestors"]] == list(path[:3])
        assert [e["node"]["name"] for e in found["children"]["edges"]] == ["Encore"]
        # The set + 3 ancestors, one GET each (DPG has no batch read; parent reuses the
        # loader's copy) + 1 list of its children: 5 calls.
        assert dpg.calls("GET", "/v1/sets/*") == 4
        assert dpg.calls("GET", "/v1/sets") == 1
        assert dpg.calls() == 5


async def test_top_level_sets_are_one_list_call():
    async with dpg_gateway() as dpg:
        body = await dpg.query('{ sets(source: "dpg") { edges { node { name childCount } } } }')
        top = [e["node"] for e in body["data"]["sets"]["edges"]]
        assert [t["name"] for t in top] == [dpg.state.sets[u].name for u in dpg.state.top_level]
        assert top[0]["childCount"] == len(dpg.state.sets[dpg.state.top_level[0]].children)
        assert dpg.routes() == {"GET /v1/sets": 1}


async def test_a_sets_children_with_their_parent_cost_one_list_and_one_detail():
    async with dpg_gateway() as dpg:
        festival = dpg.set_named("Festival 2024")
        body = await dpg.query(
            """query($parent: ID!) {
                 sets(parentId: $parent) { edges { node { name parent { name } } } } }""",
            {"parent": set_gid(festival)},
        )
        days = body["data"]["sets"]["edges"]
        assert [e["node"]["name"] for e in days] == ["Day 1", "Day 2", "Day 3"]
        assert {e["node"]["parent"]["name"] for e in days} == {"Festival 2024"}
        # 1 list of the children + 1 detail of the parent, shared by all three rows.
        assert dpg.routes() == {"GET /v1/sets": 1, f"GET /v1/sets/{festival}": 1}
        [listing] = dpg.emulator.control.journal.matching("GET", "/v1/sets")
        assert f"parent_public_uuid={festival}" in listing.query


# ---- visibility and embargo -------------------------------------------------------------


async def test_an_embargo_hides_images_until_the_emulator_clock_reaches_it():
    async with dpg_gateway() as dpg:
        target = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        held = dpg.state.sets[target].images[:2]
        total = len(dpg.state.sets[target].images)
        body = await dpg.query(
            """mutation($set: ID!, $images: [ID!]!, $at: DateTime!) {
                 setVisibility(setId: $set, imageIds: $images, hidden: false,
                               activationTime: $at) { set { imageCount } userErrors { code } }
               }""",
            {
                "set": set_gid(target),
                "images": [image_gid(i) for i in held],
                "at": (START + timedelta(hours=1)).isoformat(),
            },
        )
        assert body["data"]["setVisibility"] == {
            "set": {"imageCount": total - 2},
            "userErrors": [],
        }
        # 1 write (done in the 202) + 1 read of the fresh set.
        assert dpg.routes() == {
            f"PATCH /v1/sets/{target}/visibility": 1,
            f"GET /v1/sets/{target}": 1,
        }
        hidden_ids = {image_gid(i) for i in held}

        before = await dpg.query(SET_IMAGES, {"id": set_gid(target)})
        listed = image_ids(before, "set", "gallery")
        assert len(listed) == total - 2 and not hidden_ids & set(listed)
        gallery = await dpg.query(GALLERY_IMAGES, {"id": gallery_gid(target)})
        assert not hidden_ids & set(image_ids(gallery, "gallery"))

        dpg.clock.advance(seconds=3601)
        after = await dpg.query(SET_IMAGES, {"id": set_gid(target)})
        assert after["data"]["set"]["imageCount"] == total
        nodes = after["data"]["set"]["gallery"]["images"]["edges"]
        assert hidden_ids <= {n["node"]["id"] for n in nodes}
        assert all(n["node"]["hidden"] is False for n in nodes if n["node"]["id"] in hidden_ids)
        gallery = await dpg.query(GALLERY_IMAGES, {"id": gallery_gid(target)})
        assert hidden_ids <= set(image_ids(gallery, "gallery"))
        assert gallery["data"]["gallery"]["imageCount"] == total


# ---- errors -----------------------------------------------------------------------------

#: DPG status, DPG error code, the GraphQL code it becomes, and whether a mutation reports
#: it in ``userErrors`` (what the caller can fix) rather than as a top-level error.
ERROR_TABLE = [
    (400, "validation", "BAD_USER_INPUT", True),
    (401, "unauthorized", "UNAUTHENTICATED", False),
    (403, "forbidden", "FORBIDDEN", False),
    (404, "set_not_found", "NOT_FOUND", True),
    (409, "idempotency_key_conflict", "CONFLICT", True),
    (429, "rate_limited", "RATE_LIMITED", False),
]


def dpg_error(status: int, code: str) -> Fault:
    """An answer in DPG's own error shape, for any request under ``/v1/sets``."""
    return Fault(
        path="/v1/sets*",
        status=status,
        body={
            "error": {
                "code": code,
                "message": f"emulated {code}",
                "detail": None,
                "field": "name" if status == 400 else None,
                "request_id": "req-emulated",
            }
        },
        headers={"Retry-After": "30"} if status == 429 else {},
        times=1,
    )


@pytest.mark.parametrize(("status", "backend_code", "code", "user_error"), ERROR_TABLE)
async def test_a_dpg_error_reaches_a_query_and_a_mutation_with_its_own_code(
    status: int, backend_code: str, code: str, user_error: bool
):
    async with dpg_gateway() as dpg:
        top = set_gid(dpg.state.top_level[0])
        dpg.emulator.control.faults.add(dpg_error(status, backend_code))
        read = await dpg.query("query($id: ID!) { set(id: $id) { name } }", {"id": top})
        # None of these is retried (429: a Retry-After of 30 s is too long to wait for).
        assert dpg.calls() == 1
        dpg.emulator.control.faults.add(dpg_error(status, backend_code))
        write = await dpg.query(UPDATE_SET, {"input": {"id": top, "name": "Renamed"}})
        assert dpg.calls("PATCH", "/v1/sets/*") == 1
        assert dpg.calls() == 2

    # A query: always a top-level error, the field null.
    assert read["data"] == {"set": None}
    (error,) = read["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"]["backendCode"] == backend_code
    assert error["extensions"]["source"] == "dpg"
    assert error["message"] == f"emulated {backend_code}"
    assert error["extensions"].get("retryAfter") == (30.0 if status == 429 else None)

    # A mutation: userErrors for what the caller can fix, else a top-level error.
    if user_error:
        assert "errors" not in write
        [problem] = write["data"]["updateSet"]["userErrors"]
        assert (problem["code"], problem["backendCode"]) == (code, backend_code)
        assert problem["field"] == ("name" if status == 400 else None)
    else:
        assert write["data"] is None  # updateSet's payload is non-null: the error nulls data
        (error,) = write["errors"]
        assert (error["extensions"]["code"], error["extensions"]["backendCode"]) == (
            code,
            backend_code,
        )
        assert error["extensions"].get("retryAfter") == (30.0 if status == 429 else None)


def test_the_error_table_codes_are_distinct_and_documented():
    codes = [code for _, _, code, _ in ERROR_TABLE]
    assert len(set(codes)) == len(codes) == 6
    assert "INTERNAL_SERVER_ERROR" not in codes
    doc = ERRORS_DOC.read_text(encoding="utf-8")
    for status, backend_code, code, _ in ERROR_TABLE:
        assert f"`{code}`" in doc
        assert f"`{backend_code}`" in doc, f"{status} {backend_code} is not in docs/errors.md"


Provoke = Callable[[DPGGateway], Awaitable[dict[str, Any]]]


async def _bad_colour(dpg: DPGGateway) -> dict[str, Any]:
    return await dpg.query(
        CREATE_SET, {"input": {"source": "dpg", "name": "Odd", "colour": "magenta"}}
    )


async def _any_read(dpg: DPGGateway) -> dict[str, Any]:
    return await dpg.query(SET_TREE)


async def _write_with_read_only_token(dpg: DPGGateway) -> dict[str, Any]:
    return await dpg.query(CREATE_SET, {"input": {"source": "dpg", "name": "Nope"}})


async def _missing_set(dpg: DPGGateway) -> dict[str, Any]:
    return await dpg.query(
        "query($id: ID!) { set(id: $id) { name } }", {"id": set_gid(MISSING_SET)}
    )


async def _key_reused_for_another_write(dpg: DPGGateway) -> dict[str, Any]:
    # The gateway keeps keys per mutation, so only DPG (keys per account) sees the clash.
    await dpg.query(CREATE_SET, {"input": {"source": "dpg", "name": "One"}, "key": "shared"})
    top = set_gid(dpg.state.top_level[0])
    return await dpg.query(UPDATE_SET, {"input": {"id": top, "name": "Two"}, "key": "shared"})


async def _sign_in_locked_out(dpg: DPGGateway) -> dict[str, Any]:
    for _ in range(5):  # five wrong passwords, then DPG locks the login for 60 s
        failed = await dpg.query(SET_TREE)
        assert failed["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    return await dpg.query(SET_TREE)


def _read_only(state: DPGState) -> dict[str, str]:
    return {"token": state.read_only_token.value}


def _wrong_password(state: DPGState) -> dict[str, str]:
    return {"login": state.user.login, "password": "wrong"}


def _bad_token(state: DPGState) -> dict[str, str]:
    return {"token": "dpg_api_live_not_a_token"}


class Provoked(NamedTuple):
    """A DPG error status provoked the way DPG itself gives it (no injected fault)."""

    status: int
    provoke: Provoke
    credentials: Callable[[DPGState], dict[str, str]] | None
    code: str
    backend_code: str
    calls: dict[str, int]  # every backend call it took, by "METHOD /path" (sets by glob)


PROVOKED = [
    Provoked(400, _bad_colour, None, "BAD_USER_INPUT", "validation", {"POST /v1/sets": 1}),
    Provoked(
        401, _any_read, _bad_token, "UNAUTHENTICATED", "unauthorized", {"GET /v1/sets/tree": 1}
    ),
    Provoked(
        403, _write_with_read_only_token, _read_only, "FORBIDDEN", "forbidden", {"POST /v1/sets": 1}
    ),
    Provoked(404, _missing_set, None, "NOT_FOUND", "set_not_found", {"GET /v1/sets/*": 1}),
    Provoked(
        409,
        _key_reused_for_another_write,
        None,
        "CONFLICT",
        "idempotency_key_conflict",
        # the create (POST + a read of the new set), then the clashing PATCH
        {"POST /v1/sets": 1, "GET /v1/sets/*": 1, "PATCH /v1/sets/*": 1},
    ),
    Provoked(
        429,
        _sign_in_locked_out,
        _wrong_password,
        "RATE_LIMITED",
        "rate_limited",
        # five refused sign-ins, then the locked-out one; no request got past sign-in
        {"POST /v1/auth/sign_in": 6},
    ),
]


@pytest.mark.parametrize("case", PROVOKED, ids=lambda case: str(case.status))
async def test_each_error_dpg_itself_gives_reaches_the_client_with_its_code(case: Provoked):
    async with dpg_gateway(credentials=case.credentials) as dpg:
        body = await case.provoke(dpg)
    top_level = [
        (e["extensions"]["code"], e["extensions"].get("backendCode"))
        for e in body.get("errors", [])
    ]
    user_errors = [
        (u["code"], u["backendCode"])
        for payload in (body.get("data") or {}).values()
        if isinstance(payload, dict) and "userErrors" in payload
        for u in payload["userErrors"]
    ]
    assert (top_level + user_errors) == [(case.code, case.backend_code)]
    assert all(code != "INTERNAL_SERVER_ERROR" for code, _ in top_level)
    for route, count in case.calls.items():
        method, path = route.split(" ")
        assert dpg.calls(method, path) == count, route
    assert dpg.calls() == sum(case.calls.values())


# ---- asynchronous writes ----------------------------------------------------------------


async def test_a_write_past_the_deadline_returns_its_operation_which_later_succeeds():
    async with dpg_gateway(options={"operation_deadline": 0}, operation_delay=2) as dpg:
        body = await dpg.query(CREATE_SET, {"input": {"source": "dpg", "name": "Slow set"}})
        payload = body["data"]["createSet"]
        assert payload["set"] is None and payload["userErrors"] == []
        assert payload["operation"]["status"] == "QUEUED"
        assert sets_named(dpg.state, "Slow set") == []
        assert dpg.routes() == {"POST /v1/sets": 1}  # no poll: the deadline had passed

        poll = "query($id: ID!) { operation(id: $id) { id status type errorCode } }"
        op_id = payload["operation"]["id"]
        still = await dpg.query(poll, {"id": op_id})
        assert still["data"]["operation"]["status"] == "QUEUED"

        dpg.clock.advance(seconds=2)
        done = await dpg.query(poll, {"id": op_id})
        assert done["data"]["operation"] == {
            "id": op_id,
            "status": "SUCCEEDED",
            "type": "create",
            "errorCode": None,
        }
        assert len(sets_named(dpg.state, "Slow set")) == 1
        assert dpg.calls("GET", "/v1/operations/*") == 2


# ---- set writes: move, reorder, snapshots --------------------------------------------------


async def test_update_set_with_a_parent_id_moves_the_set_under_that_parent():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        day2 = dpg.set_named("Festival 2024", "Day 2")
        body = await dpg.query(
            UPDATE_SET, {"input": {"id": set_gid(crowd), "parentId": set_gid(day2)}}
        )
        assert body["data"]["updateSet"]["set"]["parent"] == {"name": "Day 2"}
        assert dpg.calls("PATCH", f"/v1/sets/{crowd}") == 1
        moved = await dpg.query(
            "query($id: ID!) { set(id: $id) { ancestors { name } } }", {"id": set_gid(crowd)}
        )
        assert [a["name"] for a in moved["data"]["set"]["ancestors"]] == ["Festival 2024", "Day 2"]
        assert crowd in dpg.state.sets[day2].children


async def test_move_to_top_puts_a_nested_set_back_at_the_top_level():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        body = await dpg.query(UPDATE_SET, {"input": {"id": set_gid(crowd), "moveToTop": True}})
        assert body["data"]["updateSet"]["set"] == {
            "id": set_gid(crowd),
            "name": "Crowd",
            "parent": None,
        }
        [patch] = dpg.emulator.control.journal.matching("PATCH", f"/v1/sets/{crowd}")
        assert patch.body == b'{"parent_public_uuid":null}'
        assert dpg.state.top_level[-1] == crowd
        tree = await dpg.query('{ setTree(source: "dpg") { name } }')
        assert tree["data"]["setTree"][-1] == {"name": "Crowd"}


async def test_a_parent_id_with_move_to_top_is_refused_before_any_backend_call():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        parent = set_gid(dpg.state.top_level[1])
        body = await dpg.query(
            UPDATE_SET,
            {"input": {"id": set_gid(crowd), "parentId": parent, "moveToTop": True}},
        )
        (error,) = body["errors"]
        assert (error["extensions"]["code"], error["extensions"]["field"]) == (
            "BAD_USER_INPUT",
            "moveToTop",
        )
        assert dpg.calls() == 0


REORDER_SETS = f"""
mutation($parent: ID, $ids: [ID!]!) {{
  reorderSets(source: "dpg", parentId: $parent, setIds: $ids) {{
    set {{ id }} operation {{ id }} {USER_ERRORS} }} }}"""
CHILD_NAMES = "query($id: ID!) { sets(parentId: $id) { edges { node { name } } } }"


async def test_reorder_sets_puts_the_siblings_in_the_given_order():
    async with dpg_gateway() as dpg:
        festival = dpg.set_named("Festival 2024")
        days = list(reversed(dpg.state.sets[festival].children))
        body = await dpg.query(
            REORDER_SETS, {"parent": set_gid(festival), "ids": [set_gid(d) for d in days]}
        )
        assert body["data"]["reorderSets"] == {"set": None, "operation": None, "userErrors": []}
        assert dpg.routes() == {"PATCH /v1/sets/reorder": 1}
        listed = await dpg.query(CHILD_NAMES, {"id": set_gid(festival)})
        names = [e["node"]["name"] for e in listed["data"]["sets"]["edges"]]
        assert names == ["Day 3", "Day 2", "Day 1"]


async def test_a_reorder_that_leaves_a_sibling_out_is_a_user_error_from_the_operation():
    async with dpg_gateway() as dpg:
        festival = dpg.set_named("Festival 2024")
        days = dpg.state.sets[festival].children[:2]
        body = await dpg.query(
            REORDER_SETS, {"parent": set_gid(festival), "ids": [set_gid(d) for d in days]}
        )
        [problem] = body["data"]["reorderSets"]["userErrors"]
        assert (problem["code"], problem["field"], problem["backendCode"]) == (
            "BAD_USER_INPUT",
            "setIds",
            "validation",
        )
        assert dpg.routes() == {"PATCH /v1/sets/reorder": 1}
        assert dpg.state.sets[festival].children[:2] == days  # nothing moved


ORDER_IMAGES = """
mutation($gallery: ID!, $images: [ID!]!) {
  reorderImages(galleryId: $gallery, imageIds: $images) { gallery { imageCount } } }"""
SNAPSHOTS = "query($id: ID!) { set(id: $id) { snapshots { id reason imageCount } } }"


async def test_snapshots_record_each_rearrangement_and_restore_puts_one_back():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        original = list(dpg.state.sets[crowd].images)
        await dpg.query(
            ORDER_IMAGES, {"gallery": gallery_gid(crowd), "images": [image_gid(original[-1])]}
        )
        assert dpg.state.sets[crowd].images[0] == original[-1]

        dpg.forget()
        body = await dpg.query(SNAPSHOTS, {"id": set_gid(crowd)})
        [snapshot] = body["data"]["set"]["snapshots"]
        assert (snapshot["reason"], snapshot["imageCount"]) == ("order", len(original))
        # 1 set detail + 1 snapshot page.
        assert dpg.routes() == {f"GET /v1/sets/{crowd}": 1, f"GET /v1/sets/{crowd}/snapshots": 1}

        restored = await dpg.query(
            """mutation($set: ID!, $snapshot: ID!) {
                 restoreSnapshot(setId: $set, snapshotId: $snapshot) {
                   set { imageCount } userErrors { code } } }""",
            {"set": set_gid(crowd), "snapshot": snapshot["id"]},
        )
        assert restored["data"]["restoreSnapshot"] == {
            "set": {"imageCount": len(original)},
            "userErrors": [],
        }
        assert dpg.state.sets[crowd].images == original
        after = await dpg.query(GALLERY_IMAGES, {"id": gallery_gid(crowd)})
        assert image_ids(after, "gallery") == [image_gid(i) for i in original]
        reasons = await dpg.query(SNAPSHOTS, {"id": set_gid(crowd)})
        assert [s["reason"] for s in reasons["data"]["set"]["snapshots"]] == ["restore", "order"]


# ---- a set's images through the generic gallery mutations ---------------------------------


async def test_add_remove_and_reorder_images_work_on_the_gallery_of_a_set():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        gallery = gallery_gid(crowd)
        original = list(dpg.state.sets[crowd].images)
        extra = [u for u in dpg.state.images if u not in original][:2]

        added = await dpg.query(
            """mutation($gallery: ID!, $images: [ImagePlacementInput!]!) {
                 addImages(galleryId: $gallery, images: $images) {
                   gallery { id imageCount } userErrors { code } } }""",
            {"gallery": gallery, "images": [{"imageId": image_gid(u)} for u in extra]},
        )
        assert added["data"]["addImages"] == {
            "gallery": {"id": gallery, "imageCount": len(original) + 2},
            "userErrors": [],
        }
        # 1 write (done in the 202) + 1 read of the fresh set.
        assert dpg.routes() == {f"POST /v1/sets/{crowd}/images": 1, f"GET /v1/sets/{crowd}": 1}
        listed = await dpg.query(GALLERY_IMAGES, {"id": gallery})
        assert image_ids(listed, "gallery") == [image_gid(u) for u in original + extra]

        reordered = await dpg.query(
            ORDER_IMAGES, {"gallery": gallery, "images": [image_gid(u) for u in reversed(extra)]}
        )
        assert reordered["data"]["reorderImages"]["gallery"]["imageCount"] == len(original) + 2
        listed = await dpg.query(GALLERY_IMAGES, {"id": gallery})
        assert image_ids(listed, "gallery")[:2] == [image_gid(u) for u in reversed(extra)]

        removed = await dpg.query(
            """mutation($gallery: ID!, $images: [ID!]!) {
                 removeImages(galleryId: $gallery, imageIds: $images) {
                   gallery { imageCount } userErrors { code } } }""",
            {"gallery": gallery, "images": [image_gid(u) for u in extra]},
        )
        assert removed["data"]["removeImages"] == {
            "gallery": {"imageCount": len(original)},
            "userErrors": [],
        }
        listed = await dpg.query(GALLERY_IMAGES, {"id": gallery})
        assert image_ids(listed, "gallery") == [image_gid(u) for u in original]


async def test_adding_an_image_dpg_does_not_have_is_a_not_found_user_error():
    async with dpg_gateway() as dpg:
        crowd = dpg.set_named("Festival 2024", "Day 1", "Crowd")
        body = await dpg.query(
            """mutation($gallery: ID!, $images: [ImagePlacementInput!]!) {
                 addImages(galleryId: $gallery, images: $images) {
                   gallery { id } userErrors { code field backendCode } } }""",
            {"gallery": gallery_gid(crowd), "images": [{"imageId": image_gid(MISSING_SET)}]},
        )
        assert body["data"]["addImages"] == {
            "gallery": None,
            "userErrors": [
                {
                    "code": "NOT_FOUND",
                    "field": "imageIds",
                    "backendCode": "image_not_found",
                }
            ],
        }
        assert dpg.routes() == {f"POST /v1/sets/{crowd}/images": 1}  # a failed Operation
