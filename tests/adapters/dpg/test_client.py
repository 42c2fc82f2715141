"""DPGClient sends exactly the requests DPG expects (checked with httpx.MockTransport)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.dpg.client import DPGClient
from adapters.errors import BadUpstreamResponse, InvalidInput, NotFound
from adapters.http import BackendHTTP

Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Handler, seen: list[httpx.Request]) -> DPGClient:
    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    settings = SourceSettings(name="dpg", kind="dpg", base_url="https://api.example/v1")
    return DPGClient(BackendHTTP(settings, httpx.MockTransport(record)))


async def test_list_sets_sends_limit_offset_and_parent_and_reads_paging_headers() -> None:
    seen: list[httpx.Request] = []
    headers = {"X-Has-More": "true", "X-Next-Offset": "30"}
    client = client_for(
        lambda r: httpx.Response(200, json=[{"public_uuid": "s"}], headers=headers), seen
    )
    listing = await client.list_sets(parent="p1", limit=10, offset=20)
    assert str(seen[0].url) == (
        "https://api.example/v1/sets?limit=10&offset=20&parent_public_uuid=p1"
    )
    assert (listing.has_more, listing.next_offset) == (True, 30)
    assert listing.items == [{"public_uuid": "s"}]


async def test_a_second_get_is_conditional_and_a_304_reuses_the_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(
            200, json={"uuid": "op-1", "status": "running"}, headers={"ETag": '"v1"'}
        )

    client = client_for(handler, seen)
    first = await client.get_operation("op-1")
    second = await client.get_operation("op-1")
    assert first == second == {"uuid": "op-1", "status": "running"}
    assert "If-None-Match" not in seen[0].headers
    assert seen[1].headers["If-None-Match"] == '"v1"'


async def test_a_write_sends_the_key_and_resends_the_same_key_on_retry() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if len(seen) == 1:
            return httpx.Response(503)
        return httpx.Response(202, json={"uuid": "op-1", "status": "succeeded"})

    client = client_for(handler, seen)
    op = await client.add_set_images("s1", ["i1", "i2"], key="abc")
    assert op["status"] == "succeeded"
    assert [r.headers["Idempotency-Key"] for r in seen] == ["abc", "abc"]
    assert seen[0].method == "POST" and seen[0].url.path == "/v1/sets/s1/images"
    assert json.loads(seen[0].content) == {"image_public_uuids": ["i1", "i2"]}


async def test_the_error_body_gives_code_and_field() -> None:
    body = {
        "error": {
            "code": "validation",
            "message": "The request is not valid.",
            "detail": "hidden must be true or false",
            "field": "hidden",
            "request_id": "req-1",
        }
    }
    client = client_for(lambda r: httpx.Response(400, json=body), [])
    with pytest.raises(InvalidInput) as caught:
        await client.set_visibility("s1", {"image_public_uuids": ["i"], "hidden": True}, key="k")
    assert (caught.value.backend_code, caught.value.field) == ("validation", "hidden")
    assert caught.value.message == "The request is not valid."


async def test_an_error_without_a_dpg_body_still_maps_by_status() -> None:
    client = client_for(lambda r: httpx.Response(404, text="<html>gone</html>"), [])
    with pytest.raises(NotFound) as caught:
        await client.get_set("s1")
    assert caught.value.backend_code is None and caught.value.source == "dpg"


async def test_a_body_that_is_not_json_is_a_bad_upstream_response() -> None:
    client = client_for(lambda r: httpx.Response(200, text="<html>maintenance</html>"), [])
    with pytest.raises(BadUpstreamResponse):
        await client.set_tree()
