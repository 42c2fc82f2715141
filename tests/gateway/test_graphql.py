"""The GraphQL endpoint end to end, over fake sources: batching, partial results, errors."""

from __future__ import annotations

from adapters.errors import Unavailable
from gateway.runtime import Gateway
from schema.ids import encode_id
from tests.fakes import FakeAdapter
from tests.gateway.harness import graphql, running, settings_for

FIFTY_GALLERIES = """
{ galleries(source: "fake", first: 50) { totalCount edges { node {
    id title translations { language title }
    images(first: 10) { edges { node { id url(width: 400) } } }
} } } }
"""


def gateway_over(*fakes: FakeAdapter, **limits: object) -> Gateway:
    adapters = {f.name: f for f in fakes}
    return Gateway(settings_for(adapters, **limits), adapters=adapters)


async def test_fifty_galleries_with_images_cost_one_list_and_one_batched_load():
    fake = FakeAdapter()
    async with running(gateway_over(fake)) as client:
        body = await graphql(client, FIFTY_GALLERIES)
    assert "errors" not in body
    edges = body["data"]["galleries"]["edges"]
    assert len(edges) == 50
    assert len(edges[0]["node"]["images"]["edges"]) == 10
    assert edges[0]["node"]["images"]["edges"][0]["node"]["url"] == "https://img.test/g0/0-400.jpg"
    assert fake.count("list_galleries") == 1
    assert fake.count("load_galleries") == 1
    assert len(fake.calls[1][1]) == 50  # one batch of all 50 ids
    assert fake.count("list_images") == 0  # images came embedded in the gallery records


async def test_the_same_gallery_asked_twice_is_fetched_once():
    fake = FakeAdapter()
    gid = encode_id("fake", "Gallery", "g3")
    query = (
        f'{{ a: gallery(id: "{gid}") {{ title }} '
        f'b: node(id: "{gid}") {{ ... on Gallery {{ slug }} }} }}'
    )
    async with running(gateway_over(fake)) as client:
        body = await graphql(client, query)
    assert body["data"] == {"a": {"title": "Gallery 3"}, "b": {"slug": "gallery-3"}}
    assert fake.calls == [("load_galleries", ("g3",))]


async def test_nodes_with_thirty_ids_cost_one_batch_and_keep_their_order():
    fake = FakeAdapter()
    ids = [encode_id("fake", "Gallery", f"g{i}") for i in reversed(range(30))]
    async with running(gateway_over(fake)) as client:
        body = await graphql(
            client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}
        )
    assert [n["id"] for n in body["data"]["nodes"]] == ids
    assert fake.count("load_galleries") == 1


async def test_a_missing_node_is_null_with_a_not_found_error_at_its_index():
    fake = FakeAdapter()
    ids = [encode_id("fake", "Gallery", "g1"), encode_id("fake", "Gallery", "nope")]
    async with running(gateway_over(fake)) as client:
        body = await graphql(
            client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}
        )
    assert body["data"]["nodes"][1] is None
    (error,) = body["errors"]
    assert error["path"] == ["nodes", 1]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["extensions"]["source"] == "fake"


async def test_a_malformed_id_is_bad_user_input_not_a_server_error():
    async with running(gateway_over(FakeAdapter())) as client:
        response = await client.post("/graphql", json={"query": '{ node(id: "%%%") { id } }'})
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "id"


async def test_an_id_of_an_unknown_source_says_so():
    gid = encode_id("elsewhere", "Gallery", "1")
    async with running(gateway_over(FakeAdapter())) as client:
        body = await graphql(client, f'{{ node(id: "{gid}") {{ id }} }}')
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_SOURCE"


async def test_merged_lists_walk_every_source_without_duplicates_or_gaps():
    one, two = FakeAdapter(name="one", galleries=7), FakeAdapter(name="two", galleries=4)
    seen: list[str] = []
    after = None
    async with running(gateway_over(one, two)) as client:
        for _ in range(10):
            body = await graphql(
                client,
                "query($after: String) { galleries(first: 3, after: $after) "
                "{ pageInfo { hasNextPage endCursor } edges { node { id source } } } }",
                {"after": after},
            )
            page = body["data"]["galleries"]
            seen += [f"{e['node']['source']}/{e['node']['id']}" for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    assert len(seen) == 11
    assert len(set(seen)) == 11
    assert seen[0].startswith("one/") and seen[1].startswith("two/")  # interleaved


async def test_a_failing_source_costs_only_its_own_items_in_a_merged_list():
    good = FakeAdapter(name="good", galleries=3)
    bad = FakeAdapter(name="bad", fail_with=Unavailable("down for maintenance", source="bad"))
    async with running(gateway_over(good, bad)) as client:
        body = await graphql(client, "{ galleries(first: 5) { edges { node { title } } } }")
    assert [e["node"]["title"] for e in body["data"]["galleries"]["edges"]] == [
        "Gallery 0",
        "Gallery 1",
        "Gallery 2",
    ]
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BACKEND_UNAVAILABLE"
    assert error["extensions"]["source"] == "bad"
    assert error["path"] == ["galleries"]


async def test_a_failing_backend_call_nulls_only_the_fields_that_needed_it():
    good, bad = FakeAdapter(name="good"), FakeAdapter(name="bad")
    bad.fail_with = Unavailable("no answer", source="bad")
    query = (
        f'{{ ok: gallery(id: "{encode_id("good", "Gallery", "g1")}") {{ title }} '
        f'broken: gallery(id: "{encode_id("bad", "Gallery", "g1")}") {{ title }} }}'
    )
    async with running(gateway_over(good, bad)) as client:
        body = await graphql(client, query)
    assert body["data"] == {"ok": {"title": "Gallery 1"}, "broken": None}
    assert body["errors"][0]["path"] == ["broken"]


async def test_errors_carry_the_request_id_and_the_response_echoes_it():
    async with running(gateway_over(FakeAdapter())) as client:
        response = await client.post(
            "/graphql",
            json={"query": '{ node(id: "x") { id } }'},
            headers={"X-Request-Id": "trace-123"},
        )
    assert response.headers["x-request-id"] == "trace-123"
    assert response.json()["errors"][0]["extensions"]["requestId"] == "trace-123"


async def test_an_unexpected_exception_is_masked_as_internal():
    fake = FakeAdapter()
    fake.fail_with = RuntimeError("secret https://user:pw@backend/")  # type: ignore[assignment]
    gid = encode_id("fake", "Gallery", "g1")
    async with running(gateway_over(fake)) as client:
        body = await graphql(client, f'{{ gallery(id: "{gid}") {{ title }} }}')
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in str(body)
    assert "pw@" not in str(body)


async def test_first_beyond_the_maximum_is_refused_before_any_backend_call():
    fake = FakeAdapter()
    async with running(gateway_over(fake)) as client:
        body = await graphql(client, '{ galleries(source: "fake", first: 1000) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] in ("BAD_USER_INPUT", "QUERY_TOO_COSTLY")
    assert fake.calls == []


async def test_malformed_http_requests_get_the_graphql_error_shape_not_plain_text():
    cases = [
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        {"json": {}},
        {"json": {"query": 5}},
        {"json": [{"query": "{ sources { name } }"}] * 3},
        {"content": b"{ sources { name } }", "headers": {"content-type": "text/plain"}},
    ]
    async with running(gateway_over(FakeAdapter())) as client:
        for case in cases:
            response = await client.post("/graphql", **case)  # type: ignore[arg-type]
            assert response.status_code == 400
            assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_another_method_is_a_json_405():
    async with running(gateway_over(FakeAdapter())) as client:
        response = await client.put("/graphql", json={"query": "{ sources { name } }"})
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_one_idempotency_key_on_two_sources_is_two_writes():
    one, two = FakeAdapter(name="one"), FakeAdapter(name="two")
    mutation = (
        'mutation($s: String!) { createGallery(input: {source: $s, slug: "same"}, '
        'idempotencyKey: "shared") { gallery { id } userErrors { code } } }'
    )
    async with running(gateway_over(one, two)) as client:
        first = await graphql(client, mutation, {"s": "one"})
        second = await graphql(client, mutation, {"s": "two"})
    assert (
        first["data"]["createGallery"]["gallery"]["id"]
        != second["data"]["createGallery"]["gallery"]["id"]
    )
    assert (one.writes, two.writes) == (1, 1)


async def test_json_nested_past_the_parser_limit_is_a_400_not_a_500():
    nested = "[" * 5000 + "]" * 5000
    body = '{"query": "{ sources { name } }", "variables": {"x": ' + nested + "}}"
    async with running(gateway_over(FakeAdapter())) as client:
        response = await client.post(
            "/graphql", content=body.encode(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_variable_of_the_wrong_type_is_bad_user_input():
    async with running(gateway_over(FakeAdapter())) as client:
        body = await graphql(
            client, "query($n: Int) { galleries(first: $n) { totalCount } }", {"n": "many"}
        )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
