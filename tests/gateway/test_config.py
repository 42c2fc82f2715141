"""Configuration is read once; anything wrong stops startup with a message naming the key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from gateway.config import ConfigError, load_settings, parse_settings

KINDS = frozenset({"cms", "dpg", "pixieset", "glycerine", "iiif"})
MINIMAL: dict[str, Any] = {
    "sources": [{"name": "cms", "kind": "cms", "base_url": "https://cms.example/api/v1"}]
}


def parse(raw: Mapping[str, Any], environ: dict[str, str] | None = None):
    return parse_settings(raw, environ=environ or {}, kinds=KINDS)


def test_a_minimal_config_gets_sensible_defaults():
    settings = parse(MINIMAL)
    (source,) = settings.sources
    assert (source.name, source.kind, source.timeout, source.max_concurrency) == (
        "cms",
        "cms",
        10.0,
        8,
    )
    assert settings.server.port == 8000
    assert settings.limits.max_depth == 12


def test_credentials_are_read_from_the_named_environment_variables():
    raw = {"sources": [{**MINIMAL["sources"][0], "credentials": {"token": "CMS_TOKEN"}}]}
    settings = parse(raw, {"CMS_TOKEN": "s3cret"})
    assert settings.sources[0].credentials == {"token": "s3cret"}


def test_a_missing_credential_variable_names_the_key_and_the_variable():
    raw = {"sources": [{**MINIMAL["sources"][0], "credentials": {"token": "CMS_TOKEN"}}]}
    with pytest.raises(ConfigError, match=r"sources\.cms\.credentials\.token: .*CMS_TOKEN"):
        parse(raw)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "flickr"}, r"sources\.cms\.kind: unknown kind 'flickr'"),
        ({"base_url": "ftp://x"}, r"sources\.cms\.base_url: must be an http"),
        ({"timeout": "soon"}, r"sources\.cms\.timeout: expected float"),
        ({"timeout": -1}, r"sources\.cms\.timeout: must be greater than 0"),
        ({"max_concurrency": 0}, r"sources\.cms\.max_concurrency: must be greater than 0"),
        ({"colour": "red"}, r"sources\[0\]\.colour: unknown key"),
    ],
)
def test_a_bad_source_key_is_named(change: dict[str, object], message: str):
    with pytest.raises(ConfigError, match=message):
        parse({"sources": [{**MINIMAL["sources"][0], **change}]})


def test_no_sources_is_an_error():
    with pytest.raises(ConfigError, match="at least one"):
        parse({"sources": []})


def test_two_sources_with_one_name_are_an_error():
    with pytest.raises(ConfigError, match="used twice"):
        parse({"sources": MINIMAL["sources"] * 2})


def test_limits_are_checked_and_named():
    with pytest.raises(ConfigError, match=r"limits\.max_depth: expected int"):
        parse({**MINIMAL, "limits": {"max_depth": "deep"}})
    with pytest.raises(ConfigError, match=r"limits\.max_cost: unknown key|limits\.max_costs"):
        parse({**MINIMAL, "limits": {"max_costs": 1}})


def test_environment_overrides_win_over_the_file():
    settings = parse(
        MINIMAL,
        {
            "GATEWAY_PORT": "9100",
            "GATEWAY_LIMITS_MAX_DEPTH": "6",
            "GATEWAY_SOURCE_CMS_BASE_URL": "https://other.example/api/v1",
            "GATEWAY_SOURCE_CMS_TIMEOUT": "2.5",
        },
    )
    assert settings.server.port == 9100
    assert settings.limits.max_depth == 6
    assert settings.sources[0].base_url == "https://other.example/api/v1"
    assert settings.sources[0].timeout == 2.5


def test_a_bad_environment_override_names_the_variable():
    with pytest.raises(ConfigError, match="GATEWAY_LIMITS_MAX_DEPTH: expected int"):
        parse(MINIMAL, {"GATEWAY_LIMITS_MAX_DEPTH": "lots"})


def test_auth_tokens_come_from_the_environment():
    raw = {
        **MINIMAL,
        "auth": {
            "anonymous_permissions": ["read"],
            "tokens": [{"name": "ops", "token_env": "OPS_TOKEN", "permissions": ["*"]}],
        },
    }
    settings = parse(raw, {"OPS_TOKEN": "t0k"})
    (token,) = settings.auth.tokens
    assert (token.name, token.token, token.permissions) == ("ops", "t0k", frozenset({"*"}))
    assert settings.auth.anonymous_permissions == frozenset({"read"})


def test_a_config_file_that_is_not_toml_says_so(tmp_path: Path):
    path = tmp_path / "gateway.toml"
    path.write_text("[[sources]\nname = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, environ={}, kinds=KINDS)


def test_a_missing_config_file_says_so(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={}, kinds=KINDS)


def test_the_example_config_in_the_docs_loads():
    example = Path(__file__).resolve().parents[2] / "docs" / "gateway.example.toml"
    environ = {"CMS_TOKEN": "a", "DPG_TOKEN": "b", "PIXIESET_EMAIL": "c", "PIXIESET_PASSWORD": "d"}
    environ |= {"GLYCERINE_TOKEN": "e", "GATEWAY_EDITOR_TOKEN": "f"}
    settings = load_settings(example, environ=environ, kinds=KINDS)
    assert [s.kind for s in settings.sources] == ["cms", "dpg", "pixieset", "glycerine", "iiif"]


def test_cors_origins_are_a_checked_list_with_an_env_override():
    settings = parse({**MINIMAL, "server": {"cors_origins": ["https://app.example/"]}})
    assert settings.server.cors_origins == ("https://app.example",)
    overridden = parse(MINIMAL, {"GATEWAY_CORS_ORIGINS": "https://a.example, https://b.example"})
    assert overridden.server.cors_origins == ("https://a.example", "https://b.example")
    with pytest.raises(ConfigError, match=r"server\.cors_origins: 'app\.example' is not an origin"):
        parse({**MINIMAL, "server": {"cors_origins": ["app.example"]}})


def test_the_read_cache_is_off_unless_given_a_ttl():
    assert parse(MINIMAL).cache.ttl == 0
    cache = parse({**MINIMAL, "cache": {"ttl": 15, "max_entries": 500}}).cache
    assert (cache.ttl, cache.max_entries) == (15.0, 500)
    assert parse(MINIMAL, {"GATEWAY_CACHE_TTL": "5"}).cache.ttl == 5.0
    with pytest.raises(ConfigError, match=r"cache\.ttl: must be 0 or more"):
        parse({**MINIMAL, "cache": {"ttl": -1}})
