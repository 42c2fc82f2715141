"""Hostile queries get a clear error fast, before any backend call."""

from __future__ import annotations

import asyncio

from gateway.runtime import Gateway
from schema.ids import encode_id
from tests.fakes import FakeAdapter
from tests.gateway.harness import graphql, running, settings_for


def gateway(fake: FakeAdapter, **limits: object) -> Gateway:
    return Gateway(settings_for({"fake": fake}, **limits), adapters={"fake": fake})


def deep_query(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"gallery {{ id images(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"
    return f'{{ galleries(source: "fake", first: 1) {{ edges {{ node {{ {inner} }} }} }} }}'


async def test_a_deeply_nested_query_is_refused_in_validation():
    fake = FakeAdapter()
    async with running(gateway(fake)) as client:
        body = await graphql(client, deep_query(10))
    assert "QUERY_TOO_DEEP" in {e["extensions"]["code"] for e in body["errors"]}
    assert body["data"] is None
    assert fake.calls == []


async def test_a_thousand_aliases_are_refused():
    fake = FakeAdapter()
    fields = " ".join(f"a{i}: sources {{ name }}" for i in range(1000))
    async with running(gateway(fake, max_tokens=50_000)) as client:
        body = await graphql(client, f"{{ {fields} }}")
    codes = {e["extensions"]["code"] for e in body["errors"]}
    assert "TOO_MANY_ALIASES" in codes
    assert fake.calls == []


async def test_too_many_tokens_are_refused_while_parsing():
    fields = " ".join(f"a{i}: sources {{ name }}" for i in range(1000))
    async with running(gateway(FakeAdapter())) as client:
        body = await graphql(client, f"{{ {fields} }}")
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_TOKENS"


async def test_huge_list_products_are_refused_as_too_costly():
    fake = FakeAdapter()
    query = (
        '{ galleries(source: "fake", first: 100) { edges { node { '
        "images(first: 100) { edges { node { keywords { value } metadata { label } } } } } } } }"
    )
    async with running(gateway(fake, max_cost=10_000)) as client:
        body = await graphql(client, query)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert fake.calls == []


async def test_a_variable_page_size_is_costed_at_the_maximum():
    query = (
        'query($n: Int) { galleries(source: "fake", first: $n) { edges { node { '
        "images(first: $n) { edges { node { keywords { value } } } } } } } }"
    )
    async with running(gateway(FakeAdapter(), max_cost=5_000)) as client:
        body = await graphql(client, query, {"n": 1})
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_an_oversized_body_is_refused_with_413():
    async with running(gateway(FakeAdapter(), max_body_bytes=1_000)) as client:
        response = await client.post(
            "/graphql", json={"query": "{ sources { name } }" + " " * 2_000}
        )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_introspection_is_not_counted_against_the_depth_limit():
    introspection = (
        "{ __schema { types { name fields { name type { name ofType { name ofType { name "
        "ofType { name ofType { name ofType { name } } } } } } } } } }"
    )
    async with running(gateway(FakeAdapter(), max_depth=3)) as client:
        body = await graphql(client, introspection)
    assert "errors" not in body


async def test_fragment_cycles_are_refused_not_followed_forever():
    query = (
        "fragment A on Gallery { id ...B } fragment B on Gallery { id ...A } "
        '{ galleries(source: "fake", first: 1) { edges { node { ...A } } } }'
    )
    async with running(gateway(FakeAdapter())) as client:
        body = await graphql(client, query)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_too_many_node_ids_are_refused():
    ids = ", ".join(f'"id{i}"' for i in range(101))
    async with running(gateway(FakeAdapter())) as client:
        body = await graphql(client, f"{{ nodes(ids: [{ids}]) {{ id }} }}")
    assert body["errors"][0]["extensions"]["code"] in ("BAD_USER_INPUT", "QUERY_TOO_COSTLY")


async def test_a_malformed_query_is_a_parse_error():
    async with running(gateway(FakeAdapter())) as client:
        body = await graphql(client, "{ galleries(")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_a_request_over_the_deadline_is_stopped_with_request_timeout():
    class Slow(FakeAdapter):
        async def load_galleries(self, ids):
            await asyncio.sleep(5)
            return await super().load_galleries(ids)

    fake = Slow()
    gid = encode_id("fake", "Gallery", "g1")
    async with running(gateway(fake, request_timeout=0.05)) as client:
        body = await graphql(client, f'{{ gallery(id: "{gid}") {{ title }} }}')
    assert body["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"


async def test_fragments_spread_in_a_diamond_are_measured_in_linear_time():
    # Each fragment spreads the one below twice: re-walking it at every spread would take
    # 2**40 steps; measuring each fragment once takes 40. The cost is refused, quickly.
    levels = 40
    fragments = ["fragment F0 on Query { sources { name } }"] + [
        f"fragment F{i} on Query {{ ...F{i - 1} a{i}: sources {{ name }} ...F{i - 1} }}"
        for i in range(1, levels + 1)
    ]
    query = " ".join(fragments) + f" {{ ...F{levels} }}"
    fake = FakeAdapter()
    async with running(gateway(fake, max_tokens=50_000)) as client:
        body = await graphql(client, query)
    codes = {e["extensions"]["code"] for e in body["errors"]}
    assert codes & {"QUERY_TOO_COSTLY", "TOO_MANY_ALIASES"}
    assert fake.calls == []


async def test_entities_are_costed_by_the_number_of_representations():
    representations = ", ".join(
        f'{{__typename: "Gallery", id: "{encode_id("fake", "Gallery", f"g{i}")}"}}'
        for i in range(60)
    )
    query = (
        f"{{ _entities(representations: [{representations}]) {{ ... on Gallery "
        "{ images(first: 100) { edges { node { id title } } } } } }"
    )
    async with running(gateway(FakeAdapter(), max_cost=10_000)) as client:
        body = await graphql(client, query)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
