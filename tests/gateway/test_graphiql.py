"""A browser GET of /graphql shows GraphiQL, with its files served by the gateway itself."""

from __future__ import annotations

import pytest

from gateway.graphiql import ASSETS, DEFAULT_QUERY, local_assets_present, render_page
from gateway.runtime import Gateway
from tests.fakes import FakeAdapter
from tests.gateway.harness import running, settings_for


def test_the_page_uses_local_files_and_the_example_query():
    html = render_page(local_assets=True)
    assert "unpkg.com" not in html
    assert "/graphiql/assets/graphiql/graphiql.min.js" in html
    assert "galleries(first: 5)" in html
    assert "integrity=" in html  # the local files are the same bytes the hashes name


def test_without_local_files_the_page_falls_back_to_the_cdn():
    html = render_page(local_assets=False)
    assert "https://unpkg.com/graphiql@3.8.3/graphiql.min.js" in html


def test_the_default_query_asks_for_sources_and_galleries():
    assert "sources" in DEFAULT_QUERY and "url(width: 400)" in DEFAULT_QUERY


async def test_a_browser_get_of_graphql_serves_the_page():
    fake = FakeAdapter()
    async with running(Gateway(settings_for({"fake": fake}), adapters={"fake": fake})) as client:
        response = await client.get("/graphql", headers={"Accept": "text/html"})
        root = await client.get("/")
    assert response.status_code == 200
    assert "<title>Gallery Gateway</title>" in response.text
    assert root.status_code == 307 and root.headers["location"] == "/graphql"


async def test_only_the_listed_asset_files_are_served():
    fake = FakeAdapter()
    async with running(Gateway(settings_for({"fake": fake}), adapters={"fake": fake})) as client:
        outside = await client.get("/graphiql/assets/react/package.json")
    assert outside.status_code == 404


@pytest.mark.skipif(not local_assets_present(), reason="npm ci --prefix ui has not been run")
async def test_the_graphiql_files_are_served_when_installed():
    fake = FakeAdapter()
    async with running(Gateway(settings_for({"fake": fake}), adapters={"fake": fake})) as client:
        for path in ASSETS.values():
            response = await client.get(f"/graphiql/assets/{path}")
            assert response.status_code == 200, path
