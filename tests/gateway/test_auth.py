"""Gateway auth: anonymous permissions, bearer tokens, and a clear 401 for a wrong token."""

from __future__ import annotations

import pytest

from gateway.auth import InvalidToken, authenticate
from gateway.config import AuthSettings, LimitSettings, ServerSettings, Settings, TokenSettings
from gateway.runtime import Gateway
from tests.fakes import FakeAdapter
from tests.gateway.harness import graphql, running, settings_for

AUTH = AuthSettings(
    anonymous_permissions=frozenset({"read"}),
    tokens=(TokenSettings("editor", "editor-token", frozenset({"read", "write"})),),
)


def test_no_header_is_the_anonymous_principal():
    principal = authenticate(None, AUTH)
    assert principal.name == "anonymous"
    assert principal.can("read") and not principal.can("write")


def test_a_known_bearer_token_is_its_principal():
    principal = authenticate("Bearer editor-token", AUTH)
    assert principal.name == "editor" and principal.can("write")


@pytest.mark.parametrize("header", ["Bearer nope", "Basic abc", "Bearer ", "editor-token"])
def test_anything_else_is_an_invalid_token(header: str):
    with pytest.raises(InvalidToken):
        authenticate(header, AUTH)


def gateway_with_auth(fake: FakeAdapter) -> Gateway:
    base = settings_for({"fake": fake})
    settings = Settings(sources=base.sources, limits=LimitSettings(), auth=AUTH)
    return Gateway(settings, adapters={"fake": fake})


async def test_a_wrong_token_gets_401_before_any_graphql_runs():
    fake = FakeAdapter()
    async with running(gateway_with_auth(fake)) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ sources { name } }"},
            headers={"Authorization": "Bearer wrong"},
        )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert fake.calls == []


MUTATION = 'mutation { createGallery(input: {source: "fake", slug: "new"}) { gallery { slug } } }'


async def test_a_mutation_needs_the_write_permission():
    fake = FakeAdapter()
    async with running(gateway_with_auth(fake)) as client:
        anonymous = await graphql(client, MUTATION)
        editor = await graphql(client, MUTATION, headers={"Authorization": "Bearer editor-token"})
    assert anonymous["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert editor["data"]["createGallery"]["gallery"]["slug"] == "new"
    assert fake.writes == 1


async def test_a_configured_browser_origin_may_call_the_gateway():
    fake = FakeAdapter()
    base = settings_for({"fake": fake})
    settings = Settings(
        sources=base.sources, server=ServerSettings(cors_origins=("https://app.example",))
    )
    async with running(Gateway(settings, adapters={"fake": fake})) as client:
        preflight = await client.options(
            "/graphql",
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        other = await client.post(
            "/graphql",
            json={"query": "{ sources { name } }"},
            headers={"Origin": "https://evil.example"},
        )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example"
    assert "access-control-allow-origin" not in other.headers


async def test_without_the_read_permission_queries_are_forbidden_but_the_schema_is_not():
    fake = FakeAdapter()
    base = settings_for({"fake": fake})
    locked = AuthSettings(anonymous_permissions=frozenset(), tokens=AUTH.tokens)
    settings = Settings(sources=base.sources, auth=locked)
    async with running(Gateway(settings, adapters={"fake": fake})) as client:
        anonymous = await graphql(client, '{ galleries(source: "fake") { totalCount } }')
        schema = await graphql(client, "{ __schema { queryType { name } } _service { sdl } }")
        editor = await graphql(
            client,
            '{ galleries(source: "fake", first: 1) { edges { node { id } } } }',
            headers={"Authorization": "Bearer editor-token"},
        )
    assert anonymous["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "errors" not in schema
    assert "errors" not in editor
    assert fake.count("list_galleries") == 1  # only the editor's


def test_by_default_anonymous_callers_may_read_but_not_write():
    assert AuthSettings().anonymous_permissions == frozenset({"read"})
