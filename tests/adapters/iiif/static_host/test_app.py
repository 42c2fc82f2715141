from __future__ import annotations

import httpx

from adapters.emulation import Emulator
from adapters.iiif.static_host import (
    ACCEPTANCE_MANIFESTS,
    ATLAS_CANVASES,
    HUGE_DOCUMENT_BYTES,
    create_emulator,
)

HOST = "http://iiif.emulator"


def _client(host: Emulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=host.app), base_url=HOST)


async def test_top_collection_is_v3_with_nested_collections_and_absolute_ids():
    host = create_emulator()
    async with _client(host) as client:
        response = await client.get("/collections/top.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert body["id"] == f"{HOST}/collections/top.json"
    assert set(body["label"]) == {"en", "fr", "de", "none"}
    kinds = [(item["type"], item["id"]) for item in body["items"]]
    assert ("Collection", f"{HOST}/collections/acceptance.json") in kinds
    assert ("Collection", f"{HOST}/collections/archive-v2.json") in kinds


async def test_acceptance_collection_holds_enough_manifests_in_both_versions():
    host = create_emulator()
    async with _client(host) as client:
        items = (await client.get("/collections/acceptance.json")).json()["items"]
        assert len(items) == ACCEPTANCE_MANIFESTS >= 20
        versions = {item["id"].split("/manifests/")[1][:2] for item in items}
        v2 = (await client.get(items[1]["id"].removeprefix(HOST))).json()
    assert versions == {"v2", "v3"}
    assert v2["@type"] == "sc:Manifest" and v2["sequences"][0]["canvases"]


async def test_documents_are_deterministic_per_seed_and_differ_between_seeds():
    async def album(seed: int) -> object:
        async with _client(create_emulator(seed=seed)) as client:
            return (await client.get("/manifests/v3/album-01.json")).json()

    assert await album(7) == await album(7)
    assert await album(7) != await album(8)


async def test_base_url_is_configurable():
    host = create_emulator(base_url="https://iiif.museum.example/")
    async with _client(host) as client:
        body = (await client.get("/collections/top.json")).json()
    assert body["id"] == "https://iiif.museum.example/collections/top.json"


async def test_atlas_has_hundreds_of_canvases():
    async with _client(create_emulator()) as client:
        body = (await client.get("/manifests/v3/atlas.json")).json()
    assert len(body["items"]) == ATLAS_CANVASES >= 200


async def test_info_json_v2_and_v3():
    async with _client(create_emulator()) as client:
        v3 = (await client.get("/iiif/3/v3-level0-unlisted/info.json")).json()
        v2 = (await client.get("/iiif/2/v2-level1-maxwidth/info.json")).json()
        missing = await client.get("/iiif/3/nope/info.json")
    assert v3["type"] == "ImageService3" and v3["profile"] == "level0" and v3["sizes"]
    assert v2["@context"] == "http://iiif.io/api/image/2/context.json"
    assert v2["profile"][0] == "http://iiif.io/api/image/2/level1.json"
    assert v2["profile"][1]["maxWidth"] == 1000
    assert missing.status_code == 404


async def test_level0_service_without_sizes_in_the_manifest_lists_them_in_info_json():
    async with _client(create_emulator()) as client:
        manifest = (await client.get("/manifests/v3/variants.json")).json()
    services = [
        canvas["items"][0]["items"][0]["body"].get("service", [{}])[0]
        for canvas in manifest["items"]
    ]
    unlisted = next(s for s in services if s.get("id", "").endswith("v3-level0-unlisted"))
    listed = next(s for s in services if s.get("id", "").endswith("v3-level0-listed"))
    assert "sizes" not in unlisted and listed["sizes"]


async def test_failure_routes():
    async with _client(create_emulator()) as client:
        missing = await client.get("/manifests/missing.json")
        html = await client.get("/manifests/not-json.json")
        redirect = await client.get("/redirects/2")
        last_hop = await client.get("/redirects/1")
        post = await client.post("/collections/top.json")
    assert (missing.status_code, missing.text) == (404, "Not Found")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert redirect.status_code == 302
    assert redirect.headers["location"] == f"{HOST}/redirects/1"
    assert last_hop.headers["location"] == f"{HOST}/manifests/v3/album-01.json"
    assert post.status_code == 405


async def test_huge_manifest_streams_fifty_megabytes_of_valid_json():
    async with _client(create_emulator()) as client:
        response = await client.get("/manifests/huge.json")
    assert "content-length" not in response.headers
    assert len(response.content) == HUGE_DOCUMENT_BYTES
    assert response.json()["type"] == "Manifest"


async def test_every_request_is_journaled():
    host = create_emulator()
    async with _client(host) as client:
        await client.get("/collections/top.json")
        await client.get("/manifests/missing.json")
    assert host.control.journal.count("GET", "/collections/*") == 1
    assert host.control.journal.count("GET", "/manifests/*") == 1
