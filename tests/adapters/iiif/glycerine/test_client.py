"""GlycerineClient sends exactly the documented requests and reads Laravel errors."""

from __future__ import annotations

import json

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.errors import BadUpstreamResponse, Forbidden, InvalidInput, NotFound, RateLimited
from adapters.iiif.glycerine.client import GlycerineClient

SETTINGS = SourceSettings(
    name="glyc",
    kind="glycerine",
    base_url="https://server.glycerine.example/api",
    credentials={"token": "1|secret"},
    retries=0,
)

SET = {"id": 17, "name": "Plates", "collection": {"id": 3, "name": "C"}}


def recording(response: httpx.Response, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response

    return httpx.MockTransport(handler)


async def call(response: httpx.Response) -> tuple[GlycerineClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    return GlycerineClient(SETTINGS, recording(response, seen)), seen


async def test_every_request_sends_accept_json_and_the_bearer_token() -> None:
    client, seen = await call(httpx.Response(200, json={"id": 1, "name": "Ada"}))
    user = await client.auth_user()
    assert user["id"] == 1
    [request] = seen
    assert str(request.url) == "https://server.glycerine.example/api/auth-user"
    assert request.headers["accept"] == "application/json"
    assert request.headers["authorization"] == "Bearer 1|secret"
    await client.aclose()


async def test_get_image_set_uses_the_collection_scoped_path() -> None:
    client, seen = await call(httpx.Response(200, json=SET))
    await client.get_image_set(3, 17)
    assert (seen[0].method, seen[0].url.path) == ("GET", "/api/collections/3/image-sets/17")
    await client.aclose()


async def test_update_image_set_puts_the_json_body() -> None:
    client, seen = await call(httpx.Response(200, json=SET))
    await client.update_image_set(3, 17, {"published": True, "allowed_languages": ["en"]})
    [request] = seen
    assert (request.method, request.url.path) == ("PUT", "/api/collections/3/image-sets/17")
    assert json.loads(request.content) == {"published": True, "allowed_languages": ["en"]}
    await client.aclose()


async def test_import_manifest_posts_the_manifest_url() -> None:
    client, seen = await call(httpx.Response(200, json=SET))
    await client.import_manifest(3, "https://example.org/m.json")
    [request] = seen
    assert (request.method, request.url.path) == ("POST", "/api/collections/3/import/manifest")
    assert json.loads(request.content) == {"manifest": "https://example.org/m.json"}
    await client.aclose()


async def test_list_images_reads_a_bare_array() -> None:
    client, seen = await call(httpx.Response(200, json=[{"id": 1}, {"id": 2}]))
    images = await client.list_images(17)
    assert [i["id"] for i in images] == [1, 2]
    assert seen[0].url.path == "/api/image-sets/17/images"
    await client.aclose()


async def test_a_422_is_invalid_input_naming_the_first_field_as_the_graphql_input_does() -> None:
    body = {
        "message": "The name field is required. (and 1 more error)",
        "errors": {"name": ["The name field is required."], "image_ids.0": ["bad"]},
    }
    client, _ = await call(httpx.Response(422, json=body))
    with pytest.raises(InvalidInput) as caught:
        await client.create_image_set(3, {})
    assert (caught.value.field, caught.value.message) == ("title", "The name field is required.")
    assert caught.value.source == "glyc"
    await client.aclose()


async def test_a_403_keeps_laravels_message() -> None:
    client, _ = await call(httpx.Response(403, json={"message": "This action is unauthorized."}))
    with pytest.raises(Forbidden, match="This action is unauthorized."):
        await client.delete_image_set(3, 17)
    await client.aclose()


async def test_a_404_without_a_json_body_is_still_not_found() -> None:
    client, _ = await call(httpx.Response(404, text="<html>Not Found</html>"))
    with pytest.raises(NotFound):
        await client.get_image(9)
    await client.aclose()


async def test_a_429_carries_retry_after() -> None:
    client, _ = await call(httpx.Response(429, headers={"Retry-After": "30"}, json={}))
    with pytest.raises(RateLimited) as caught:
        await client.list_collections()
    assert caught.value.retry_after == 30.0
    await client.aclose()


async def test_a_login_redirect_is_a_bad_upstream_response() -> None:
    client, _ = await call(httpx.Response(302, headers={"Location": "https://x/login"}))
    with pytest.raises(BadUpstreamResponse):
        await client.list_collections()
    await client.aclose()


async def test_an_object_where_a_list_is_expected_is_a_bad_upstream_response() -> None:
    client, _ = await call(httpx.Response(200, json={"data": []}))
    with pytest.raises(BadUpstreamResponse):
        await client.list_image_sets(3)
    await client.aclose()


async def test_a_body_that_is_not_json_is_a_bad_upstream_response() -> None:
    client, _ = await call(httpx.Response(200, text="<!DOCTYPE html>"))
    with pytest.raises(BadUpstreamResponse):
        await client.get_collection(3)
    await client.aclose()


async def test_writes_are_not_retried() -> None:
    settings = SourceSettings(
        name="glyc", kind="glycerine", base_url="https://g.example/api", retries=2
    )
    seen: list[httpx.Request] = []
    client = GlycerineClient(settings, recording(httpx.Response(503, json={}), seen))
    with pytest.raises(Exception, match="503"):
        await client.create_image_set(3, {"name": "x"})
    assert len(seen) == 1
    assert "authorization" not in seen[0].headers  # no token configured, none sent
    await client.aclose()
