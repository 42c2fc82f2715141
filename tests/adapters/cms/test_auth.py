from __future__ import annotations

import httpx

from adapters.cms.auth import BearerToken


async def test_every_request_carries_the_bearer_token() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json=[])

    async with httpx.AsyncClient(
        transport=httpx.MockTransport(handler), auth=BearerToken("t0k")
    ) as client:
        await client.get("http://cms/api/v1/languages")
    assert seen == ["Bearer t0k"]
