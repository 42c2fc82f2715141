"""The client sends exactly the documented requests and reads the CMS error bodies."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.cms.auth import BearerToken
from adapters.cms.client import CMSClient
from adapters.errors import (
    BadUpstreamResponse,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from adapters.http import BackendHTTP

G = "7fba5cbd-dc1e-4282-bb7a-0e0c7109e1cd"
M = "8c0d0033-fc23-45a9-b8fd-d20854348156"
L = "6513270e-269e-4d37-b2a7-4de452e6b438"
GALLERY = {"id": G, "slug": "s", "status": "draft", "translations": [], "gallery_media": []}

Handler = Callable[[httpx.Request], httpx.Response]


def client_with(handler: Handler, *, retries: int = 0) -> tuple[CMSClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    settings = SourceSettings(
        name="cms-x", kind="cms", base_url="https://cms.example/api/v1", retries=retries
    )
    http = BackendHTTP(settings, httpx.MockTransport(record), auth=BearerToken("tok"))
    return CMSClient(http), seen


def answer(status: int, body: object = None, headers: dict[str, str] | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return handler


async def test_list_galleries_sends_skip_limit_status_and_the_token() -> None:
    client, seen = client_with(answer(200, [{"id": G, "slug": "s", "status": "draft"}]))
    rows = await client.list_galleries(skip=20, limit=11, status="published")
    assert rows == [{"id": G, "slug": "s", "status": "draft"}]
    (request,) = seen
    assert str(request.url) == (
        "https://cms.example/api/v1/galleries?skip=20&limit=11&status=published"
    )
    assert request.headers["Authorization"] == "Bearer tok"


async def test_get_gallery_is_one_get_on_its_path() -> None:
    client, seen = client_with(answer(200, GALLERY))
    assert (await client.get_gallery(G))["id"] == G
    assert (seen[0].method, seen[0].url.path) == ("GET", f"/api/v1/galleries/{G}")


@pytest.mark.parametrize(
    ("call", "method", "path", "body"),
    [
        (lambda c: c.create_gallery({"slug": "s"}), "POST", "/galleries", {"slug": "s"}),
        (
            lambda c: c.update_gallery(G, {"status": "archived"}),
            "PATCH",
            f"/galleries/{G}",
            {"status": "archived"},
        ),
        (
            lambda c: c.upsert_translation(G, {"language_id": L, "title": "T"}),
            "PUT",
            f"/galleries/{G}/translations",
            {"language_id": L, "title": "T"},
        ),
        (
            lambda c: c.delete_translation(G, L),
            "DELETE",
            f"/galleries/{G}/translations/{L}",
            None,
        ),
        (
            lambda c: c.add_media(G, {"media_id": M, "caption": "c"}),
            "POST",
            f"/galleries/{G}/media",
            {"media_id": M, "caption": "c"},
        ),
        (
            lambda c: c.update_media(G, M, {"caption": "c"}),
            "PATCH",
            f"/galleries/{G}/media/{M}",
            {"caption": "c"},
        ),
        (lambda c: c.remove_media(G, M), "DELETE", f"/galleries/{G}/media/{M}", None),
        (
            lambda c: c.reorder_media(G, [M]),
            "POST",
            f"/galleries/{G}/media/reorder",
            {"media_ids": [M]},
        ),
    ],
)
async def test_each_gallery_write_sends_its_documented_request(
    call: Callable[[CMSClient], Awaitable[Any]], method: str, path: str, body: object
) -> None:
    client, seen = client_with(answer(200, GALLERY))
    result = await call(client)
    assert result["id"] == G
    (request,) = seen
    assert (request.method, request.url.path) == (method, f"/api/v1{path}")
    assert (json.loads(request.content) if request.content else None) == body


async def test_delete_gallery_reads_the_204() -> None:
    client, seen = client_with(answer(204))
    await client.delete_gallery(G)
    assert (seen[0].method, seen[0].url.path) == ("DELETE", f"/api/v1/galleries/{G}")


async def test_languages_and_media_have_their_endpoints() -> None:
    client, seen = client_with(answer(200, [{"id": L, "code": "en"}]))
    assert (await client.list_languages())[0]["code"] == "en"
    assert seen[-1].url.path == "/api/v1/languages"


async def test_media_list_accepts_the_bare_array() -> None:
    client, seen = client_with(answer(200, [{"id": M}]))
    assert await client.list_media(skip=0, limit=5) == [{"id": M}]
    assert str(seen[0].url) == "https://cms.example/api/v1/media?skip=0&limit=5"


async def test_media_list_accepts_the_data_and_pagination_variant() -> None:
    body = {"data": [{"id": M}], "pagination": {"total": 1, "page": 1, "has_next": False}}
    client, _ = client_with(answer(200, body))
    assert await client.list_media(skip=0, limit=5) == [{"id": M}]


async def test_get_media_is_one_get() -> None:
    client, seen = client_with(answer(200, {"id": M, "path": "uploads/media/a.jpg"}))
    assert (await client.get_media(M))["id"] == M
    assert seen[0].url.path == f"/api/v1/media/{M}"


async def test_path_segments_are_escaped() -> None:
    client, seen = client_with(answer(404, {"detail": "Gallery not found"}))
    with pytest.raises(NotFound):
        await client.get_gallery("a/b?c")
    assert seen[0].url.raw_path == b"/api/v1/galleries/a%2Fb%3Fc"


@pytest.mark.parametrize(
    ("status", "detail", "error", "field"),
    [
        (401, "Not authenticated", Unauthorized, None),
        (403, "Not enough permissions", Forbidden, None),
        (404, "Gallery not found", NotFound, None),
        (404, "Cover image not found", NotFound, "coverImageId"),
        (404, "Language not found", NotFound, "language"),
        (404, "One or more media IDs not found in gallery", NotFound, "imageIds"),
        (400, "Media is already in this gallery", InvalidInput, "imageId"),
        (400, "Not all media items included in reorder request", InvalidInput, "imageIds"),
        (409, "Gallery slug already exists", Conflict, "slug"),
        (500, "Internal Server Error", Unavailable, None),
    ],
)
async def test_detail_errors_become_the_error_tree_with_a_field(
    status: int, detail: str, error: type[Exception], field: str | None
) -> None:
    client, _ = client_with(answer(status, {"detail": detail}))
    with pytest.raises(error) as caught:
        await client.create_gallery({"slug": "s"})
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert caught.value.message == detail  # type: ignore[attr-defined]
    assert caught.value.source == "cms-x"  # type: ignore[attr-defined]


async def test_a_422_names_the_field_from_loc_and_keeps_the_pydantic_type() -> None:
    body = {
        "detail": [
            {
                "type": "string_too_short",
                "loc": ["body", "slug"],
                "msg": "String should have at least 2 characters",
                "input": "a",
            }
        ]
    }
    client, _ = client_with(answer(422, body))
    with pytest.raises(InvalidInput) as caught:
        await client.create_gallery({"slug": "a"})
    assert (caught.value.field, caught.value.backend_code, caught.value.status) == (
        "slug",
        "string_too_short",
        422,
    )
    assert caught.value.message == "slug: String should have at least 2 characters"


async def test_a_429_carries_retry_after() -> None:
    client, _ = client_with(answer(429, {"detail": "Too many"}, {"Retry-After": "30"}))
    with pytest.raises(RateLimited) as caught:
        await client.create_gallery({"slug": "s"})
    assert caught.value.retry_after == 30.0


async def test_an_error_without_a_json_body_still_maps_by_status() -> None:
    client, _ = client_with(lambda request: httpx.Response(502, text="<html>bad gateway"))
    with pytest.raises(Unavailable) as caught:
        await client.get_gallery(G)
    assert caught.value.message == "the CMS answered 502"


async def test_writes_are_sent_once_even_when_the_backend_fails() -> None:
    client, seen = client_with(answer(503, {"detail": "busy"}), retries=2)
    with pytest.raises(Unavailable):
        await client.add_media(G, {"media_id": M})
    assert len(seen) == 1


@pytest.mark.parametrize(
    "body",
    [{"not": "a list"}, [{"slug": "no id"}], "text"],
)
async def test_a_list_of_the_wrong_shape_is_a_bad_upstream_response(body: object) -> None:
    client, _ = client_with(answer(200, body))
    with pytest.raises(BadUpstreamResponse):
        await client.list_galleries(skip=0, limit=1)


async def test_a_gallery_with_unreadable_media_is_a_bad_upstream_response() -> None:
    client, _ = client_with(answer(200, {"id": G, "gallery_media": [{"order": 1}]}))
    with pytest.raises(BadUpstreamResponse):
        await client.get_gallery(G)


async def test_a_success_that_is_not_json_is_a_bad_upstream_response() -> None:
    client, _ = client_with(lambda request: httpx.Response(200, text="<html>"))
    with pytest.raises(BadUpstreamResponse):
        await client.get_gallery(G)
