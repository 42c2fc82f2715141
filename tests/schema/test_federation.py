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
