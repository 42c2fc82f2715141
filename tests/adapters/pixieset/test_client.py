from __future__ import annotations

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.errors import (
    BadUpstreamResponse,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from adapters.http import BackendHTTP
from adapters.pixieset.client import PixiesetClient

SETTINGS = SourceSettings(
    name="pixie", kind="pixieset", base_url="http://pixie.test/api/v1", retries=0
)


def client_answering(*responses: httpx.Response) -> tuple[PixiesetClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0)

    return PixiesetClient(BackendHTTP(SETTINGS, httpx.MockTransport(handler))), seen


async def test_gallery_photos_ask_for_page_and_per_page():
    client, seen = client_answering(httpx.Response(200, json={"data": [], "meta": {}}))

    await client.gallery_photos("129003127", page=3, per_page=12)

    assert seen[0].url.path == "/api/v1/galleries/129003127/photos"
    assert dict(seen[0].url.params) == {"page": "3", "per_page": "12"}


async def test_collections_ask_for_limit_and_offset():
    client, seen = client_answering(httpx.Response(200, json={"data": []}))

    await client.list_collections(limit=30, offset=60)

    assert seen[0].url.path == "/api/v1/collections"
    assert dict(seen[0].url.params) == {"limit": "30", "offset": "60"}


async def test_downloads_keep_the_documented_trailing_slash():
    client, seen = client_answering(httpx.Response(200, json={"data": []}))

    await client.downloads("90516387")

    assert seen[0].url.path == "/api/v1/collections/90516387/downloads/"


async def test_the_general_error_shape_becomes_the_error_tree():
    client, _ = client_answering(
        httpx.Response(
            422,
            json={
                "error": {
                    "code": "validation_failed",
                    "message": "The given data was invalid.",
                    "details": {"expiry_date": ["Not a date."]},
                }
            },
        )
    )

    with pytest.raises(InvalidInput) as raised:
        await client.update_collection("90516387", {"expiry_date": "soon"})

    assert raised.value.backend_code == "validation_failed"
    assert raised.value.field == "expiresOn"  # named as the GraphQL input calls it
    assert raised.value.source == "pixie"


async def test_the_flat_auth_error_shape_becomes_the_error_tree():
    client, _ = client_answering(
        httpx.Response(403, json={"error": "Forbidden", "message": "Insufficient permissions"})
    )

    with pytest.raises(Forbidden, match="Insufficient permissions"):
        await client.bootstrap()


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, Unauthorized), (404, NotFound), (500, Unavailable), (400, InvalidInput)],
)
async def test_statuses_map_to_their_error_classes(status, error):
    client, _ = client_answering(httpx.Response(status, json={"error": {"message": "no"}}))

    with pytest.raises(error):
        await client.get_collection("90516387")


async def test_a_429_carries_retry_after():
    client, _ = client_answering(
        httpx.Response(429, json={"error": {"code": "rate_limited"}}, headers={"Retry-After": "30"})
    )

    with pytest.raises(RateLimited) as raised:
        await client.get_gallery("129003127")

    assert raised.value.retry_after == 30.0


async def test_a_body_that_is_not_json_is_a_bad_upstream_response():
    client, _ = client_answering(httpx.Response(200, text="<html>login</html>"))

    with pytest.raises(BadUpstreamResponse):
        await client.get_photo("4410029381")


async def test_logout_posts_to_the_logout_endpoint():
    client, seen = client_answering(httpx.Response(204))

    await client.logout()

    assert (seen[0].method, seen[0].url.path) == ("POST", "/api/v1/logout")
