"""Configuration: one TOML file plus ``GATEWAY_*`` environment overrides, read once at startup.

The file lists sources (``[[sources]]``) and optional ``[server]``, ``[limits]`` and ``[auth]``
tables. Secrets never live in the file: a source's ``credentials`` map each credential to the
*name* of an environment variable holding it. Anything wrong stops startup with a
:class:`ConfigError` naming the key. See docs/configuration.md for every key.

Environment overrides (applied after the file):

* ``GATEWAY_HOST``, ``GATEWAY_PORT``;
* ``GATEWAY_LIMITS_<KEY>`` for any ``[limits]`` key (``GATEWAY_LIMITS_MAX_DEPTH=8``);
* ``GATEWAY_SOURCE_<NAME>_<KEY>`` for a source's ``base_url``, ``timeout``,
  ``max_concurrency`` or ``retries`` (name upper-cased, ``-`` as ``_``).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from adapters.base import SourceSettings

__all__ = [
    "AuthSettings",
    "CacheSettings",
    "ConfigError",
    "LimitSettings",
    "ServerSettings",
    "Settings",
    "TokenSettings",
    "load_settings",
    "parse_settings",
]


class ConfigError(ValueError):
    """Bad configuration; the message names the key."""


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    graphiql: bool = True
    #: Browser origins allowed to call /graphql (CORS), e.g. "https://app.example"; "*" for any.
    cors_origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class LimitSettings:
    """Limits on what one request may ask (checked before execution, except page sizes)."""

    max_body_bytes: int = 256 * 1024
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5_000
    max_cost: int = 50_000
    default_page_size: int = 20
    max_page_size: int = 100
    max_nodes: int = 100
    request_timeout: float = 30.0


@dataclass(frozen=True)
class CacheSettings:
    """The cross-request read cache: ``ttl`` seconds (0, the default, turns it off)."""

    ttl: float = 0.0
    max_entries: int = 10_000


@dataclass(frozen=True)
class TokenSettings:
    name: str
    token: str
    permissions: frozenset[str]


@dataclass(frozen=True)
class AuthSettings:
    """Gateway auth: bearer tokens mapped to permissions, and what anonymous callers get.

    Permissions: ``read``, ``write`` (mutations), ``clients:read`` (client personal data),
    or ``*`` for all.
    """

    anonymous_permissions: frozenset[str] = frozenset({"read"})
    tokens: tuple[TokenSettings, ...] = ()


@dataclass(frozen=True)
class Settings:
    sources: tuple[SourceSettings, ...]
    server: ServerSettings = field(default_factory=ServerSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    cache: CacheSettings = field(default_factory=CacheSettings)


def load_settings(
    path: str | Path, *, environ: Mapping[str, str], kinds: Collection[str]
) -> Settings:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    return parse_settings(raw, environ=environ, kinds=kinds)


def parse_settings(
    raw: Mapping[str, Any], *, environ: Mapping[str, str], kinds: Collection[str]
) -> Settings:
    unknown = set(raw) - {"server", "limits", "auth", "cache", "sources"}
    if unknown:
        raise ConfigError(f"unknown top-level key: {sorted(unknown)[0]}")
    server_table = dict(_table(raw, "server"))
    origins = _origins(server_table.pop("cors_origins", []), "server.cors_origins")
    if "GATEWAY_CORS_ORIGINS" in environ:
        origins = _origins(environ["GATEWAY_CORS_ORIGINS"].split(","), "GATEWAY_CORS_ORIGINS")
    server = _dataclass_from(ServerSettings, server_table, "server")
    server = replace(_override(server, "server", environ, prefix="GATEWAY_"), cors_origins=origins)
    limits = _dataclass_from(LimitSettings, _table(raw, "limits"), "limits")
    limits = _override(limits, "limits", environ, prefix="GATEWAY_LIMITS_")
    auth = _auth(_table(raw, "auth"), environ)
    cache = _dataclass_from(CacheSettings, _table(raw, "cache"), "cache", allow_zero=True)
    cache = _override(cache, "cache", environ, prefix="GATEWAY_CACHE_", allow_zero=True)
    sources_raw = raw.get("sources", [])
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ConfigError("sources: at least one [[sources]] entry is required")
    sources = tuple(
        _source(entry, f"sources[{i}]", environ, kinds) for i, entry in enumerate(sources_raw)
    )
    names = [s.name for s in sources]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise ConfigError(f"sources: the name {duplicate!r} is used twice")
    return Settings(sources=sources, server=server, limits=limits, auth=auth, cache=cache)


def _origins(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of origins")
    origins = tuple(v.strip().rstrip("/") for v in value if v.strip())
    bad = next((o for o in origins if o != "*" and not o.startswith(("http://", "https://"))), None)
    if bad is not None:
        raise ConfigError(f"{key}: {bad!r} is not an origin (scheme://host[:port]) or '*'")
    return origins


def _table(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table")
    return value


_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


def _to_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _TRUE + _FALSE:
        return value.lower() in _TRUE
    return None


def _to_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _to_float(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None  # nan and inf are no settings


def _to_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_CASTS: dict[type, Any] = {bool: _to_bool, int: _to_int, float: _to_float, str: _to_str}


def _cast(value: Any, target: type, key: str) -> Any:
    """Check/convert one scalar; env values arrive as strings."""
    converted = _CASTS[target](value)
    if converted is None:
        raise ConfigError(f"{key}: expected {target.__name__}, got {value!r}")
    return converted


_TYPES: dict[str, type] = {"bool": bool, "int": int, "float": float, "str": str}


def _dataclass_from(
    cls: Any, table: Mapping[str, Any], section: str, *, allow_zero: bool = False
) -> Any:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{section}.{key}: unknown key")
        values[key] = _cast(value, _TYPES[str(known[key].type)], f"{section}.{key}")
    settings = cls(**values)
    _check_positive(settings, section, allow_zero=allow_zero)
    return settings


def _override(
    settings: Any,
    section: str,
    environ: Mapping[str, str],
    *,
    prefix: str,
    allow_zero: bool = False,
) -> Any:
    changes: dict[str, Any] = {}
    for f in fields(settings):
        env_key = prefix + f.name.upper()
        if env_key in environ and str(f.type) in _TYPES:  # scalars; lists are read apart
            changes[f.name] = _cast(environ[env_key], _TYPES[str(f.type)], env_key)
    updated = replace(settings, **changes)
    _check_positive(updated, section, allow_zero=allow_zero)
    return updated


def _check_positive(settings: Any, section: str, *, allow_zero: bool = False) -> None:
    for f in fields(settings):
        value = getattr(settings, f.name)
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        if value < 0 or (value == 0 and not allow_zero):
            raise ConfigError(
                f"{section}.{f.name}: must be {'0 or more' if allow_zero else 'greater than 0'}"
            )


def _auth(table: Mapping[str, Any], environ: Mapping[str, str]) -> AuthSettings:
    unknown = set(table) - {"anonymous_permissions", "tokens"}
    if unknown:
        raise ConfigError(f"auth.{sorted(unknown)[0]}: unknown key")
    anonymous = table.get("anonymous_permissions", ["read"])
    if not isinstance(anonymous, list) or not all(isinstance(p, str) for p in anonymous):
        raise ConfigError("auth.anonymous_permissions: expected a list of strings")
    tokens = []
    for i, entry in enumerate(table.get("tokens", [])):
        key = f"auth.tokens[{i}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{key}: expected a table")
        name = _cast(entry.get("name"), str, f"{key}.name")
        env_name = _cast(entry.get("token_env"), str, f"{key}.token_env")
        if env_name not in environ:
            raise ConfigError(f"{key}.token_env: environment variable {env_name} is not set")
        permissions = entry.get("permissions", [])
        if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
            raise ConfigError(f"{key}.permissions: expected a list of strings")
        tokens.append(TokenSettings(name, environ[env_name], frozenset(permissions)))
    return AuthSettings(anonymous_permissions=frozenset(anonymous), tokens=tuple(tokens))


_SOURCE_KEYS = {
    "name",
    "kind",
    "base_url",
    "credentials",
    "timeout",
    "connect_timeout",
    "max_concurrency",
    "retries",
    "breaker_threshold",
    "breaker_cooldown",
    "options",
}


def _source(
    entry: Any, key: str, environ: Mapping[str, str], kinds: Collection[str]
) -> SourceSettings:
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{key}: expected a table")
    unknown = set(entry) - _SOURCE_KEYS
    if unknown:
        raise ConfigError(f"{key}.{sorted(unknown)[0]}: unknown key")
    name = _cast(entry.get("name"), str, f"{key}.name")
    key = f"sources.{name}"
    kind = _cast(entry.get("kind"), str, f"{key}.kind")
    if kind not in kinds:
        raise ConfigError(f"{key}.kind: unknown kind {kind!r} (one of {', '.join(sorted(kinds))})")
    values = _source_numbers(entry, key, environ, "GATEWAY_SOURCE_" + _env_name(name) + "_")
    credentials = _credentials(entry.get("credentials", {}), key, environ)
    options = entry.get("options", {})
    if not isinstance(options, Mapping):
        raise ConfigError(f"{key}.options: expected a table")
    return SourceSettings(
        name=name, kind=kind, credentials=credentials, options=dict(options), **values
    )


def _env_name(name: str) -> str:
    return name.upper().replace("-", "_")


def _source_numbers(
    entry: Mapping[str, Any], key: str, environ: Mapping[str, str], env_prefix: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field_name, target in (
        ("base_url", str),
        ("timeout", float),
        ("connect_timeout", float),
        ("max_concurrency", int),
        ("retries", int),
        ("breaker_threshold", int),
        ("breaker_cooldown", float),
    ):
        value = environ.get(env_prefix + field_name.upper(), entry.get(field_name))
        if value is not None:
            values[field_name] = _cast(value, target, f"{key}.{field_name}")
    if "base_url" not in values:
        raise ConfigError(f"{key}.base_url: required")
    if not str(values["base_url"]).startswith(("http://", "https://")):
        raise ConfigError(f"{key}.base_url: must be an http(s) URL")
    for number in (
        "timeout",
        "connect_timeout",
        "max_concurrency",
        "breaker_threshold",
        "breaker_cooldown",
    ):
        if number in values and values[number] <= 0:
            raise ConfigError(f"{key}.{number}: must be greater than 0")
    if values.get("retries", 0) < 0:
        raise ConfigError(f"{key}.retries: must be 0 or more")
    return values


def _credentials(raw: Any, key: str, environ: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{key}.credentials: expected a table of environment variable names")
    credentials: dict[str, str] = {}
    for cred, env_name in raw.items():
        if not isinstance(env_name, str):
            raise ConfigError(f"{key}.credentials.{cred}: expected an environment variable name")
        if env_name not in environ:
            raise ConfigError(
                f"{key}.credentials.{cred}: environment variable {env_name} is not set"
            )
        credentials[cred] = environ[env_name]
    return credentials
