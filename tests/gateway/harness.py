"""Run the gateway app in-process for tests: lifespan started, an httpx client on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx

from adapters.base import Adapter, SourceSettings
from gateway.app import create_app
from gateway.config import AuthSettings, LimitSettings, Settings
from gateway.runtime import Gateway

#: Anonymous callers who may read and write: most tests exercise mutations without a token.
EDITING = AuthSettings(anonymous_permissions=frozenset({"read", "write"}))


def settings_for(adapters: Mapping[str, Adapter], **limits: Any) -> Settings:
    sources = tuple(
        SourceSettings(name=name, kind="cms", base_url=f"http://{name}.test") for name in adapters
    )
    return Settings(sources=sources, limits=LimitSettings(**limits), auth=EDITING)


@asynccontextmanager
async def running(gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(gateway)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            yield client


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables}, **kw)
    body: dict[str, Any] = response.json()
    return body
