"""The schema is a Federation v2 subgraph: _service gives the SDL, _entities is batched."""

from __future__ import annotations

from gateway.runtime import Gateway
from schema.ids import encode_id
from schema.root import sdl
from tests.fakes import FakeAdapter
from tests.gateway.harness import graphql, running, settings_for

ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Gallery { id title }
    ... on Image { id title }
  }
}
"""


def gateway(fake: FakeAdapter) -> Gateway:
    return Gateway(settings_for({"fake": fake}), adapters={"fake": fake})


async def test_service_sdl_is_the_exported_schema():
    fake = FakeAdapter()
    async with running(gateway(fake)) as client:
        body = await graphql(client, "{ _service { sdl } }")
    service_sdl = body["data"]["_service"]["sdl"]
    assert '@link(url: "https://specs.apollo.dev/federation/v2' in service_sdl
    assert service_sdl.strip() == sdl().strip()


async def test_entities_for_many_galleries_cost_one_batched_load():
    fake = FakeAdapter()
    representations = [
        {"__typename": "Gallery", "id": encode_id("fake", "Gallery", f"g{i}")} for i in range(25)
    ]
    async with running(gateway(fake)) as client:
        body = await graphql(client, ENTITIES, {"representations": representations})
    titles = [e["title"] for e in body["data"]["_entities"]]
    assert titles == [f"Gallery {i}" for i in range(25)]
    assert fake.count("load_galleries") == 1


async def test_entities_of_two_types_cost_one_batch_per_type():
    fake = FakeAdapter()
    representations = [
        {"__typename": "Gallery", "id": encode_id("fake", "Gallery", "g1")},
        {"__typename": "Image", "id": encode_id("fake", "Image", "g2-i3")},
        {"__typename": "Gallery", "id": encode_id("fake", "Gallery", "g4")},
    ]
    async with running(gateway(fake)) as client:
        body = await graphql(client, ENTITIES, {"representations": representations})
    assert [e["title"] for e in body["data"]["_entities"]] == [
        "Gallery 1",
        "Image 3 of gallery 2",
        "Gallery 4",
    ]
    assert fake.count("load_galleries") == 1
    assert fake.count("load_images") == 1


async def test_an_entity_with_a_malformed_id_is_null_with_an_error():
    fake = FakeAdapter()
    representations = [
        {"__typename": "Gallery", "id": "garbage"},
        {"__typename": "Gallery", "id": encode_id("fake", "Gallery", "g1")},
    ]
    async with running(gateway(fake)) as client:
        body = await graphql(client, ENTITIES, {"representations": representations})
    assert body["data"]["_entities"][0] is None
    assert body["data"]["_entities"][1]["title"] == "Gallery 1"
    assert body["errors"][0]["path"] == ["_entities", 0]


async def test_bad_representations_are_bad_user_input_each_in_its_own_slot():
    fake = FakeAdapter()
    good = {"__typename": "Gallery", "id": encode_id("fake", "Gallery", "g1")}
    bad = [
        {"__typename": "Gallery", "id": "garbage"},
        {"__typename": "Gallery", "id": encode_id("elsewhere", "Gallery", "1")},
        {"__typename": "Gallery", "id": encode_id("fake", "Image", "g1-i1")},
        {"__typename": "Gallery"},
        {"__typename": "Gallery", "id": {}},
        {"__typename": "Gallery", "id": good["id"], "extra": 1},
        {"__typename": "Widget", "id": good["id"]},
        {"id": good["id"]},
    ]
    async with running(gateway(fake)) as client:
        body = await graphql(client, ENTITIES, {"representations": [*bad, good]})
    entities = body["data"]["_entities"]
    assert entities[:-1] == [None] * len(bad)
    assert entities[-1]["title"] == "Gallery 1"
    codes = {tuple(e["path"]): e["extensions"]["code"] for e in body["errors"]}
    assert codes == {
        **{("_entities", i): "BAD_USER_INPUT" for i in range(len(bad))},
        ("_entities", 1): "UNKNOWN_SOURCE",
    }


async def test_too_many_representations_are_refused():
    fake = FakeAdapter()
    representations = [
        {"__typename": "Gallery", "id": encode_id("fake", "Gallery", f"g{i % 50}")}
        for i in range(101)
    ]
    async with running(gateway(fake)) as client:
        body = await graphql(client, ENTITIES, {"representations": representations})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert fake.calls == []
