"""Fetching IIIF documents safely: only allowed hosts, public addresses, bounded size and time.

A IIIF source is a graph of documents on hosts that the source's own documents (or a caller's
id) name, so every fetch is checked, at every redirect hop:

* the scheme is ``http`` or ``https`` and the host matches :attr:`FetchPolicy.allowed_hosts`
  (exact names, ``*.example.org`` suffix patterns, or ``*``), else :class:`HostNotAllowed`;
* unless ``allow_private_networks``, the host's addresses (an IP literal directly, a name
  through the injected resolver) must all be public: no private, loopback, link-local,
  multicast or reserved address, else :class:`HostNotAllowed` (``backend_code=
  "private_address"``). The check resolves before connecting, so a DNS answer that changes
  between the check and the connection is not caught; pin addresses in the transport where that
  matters;
* at most ``max_redirects`` redirects are followed, else :class:`BadUpstreamResponse`
  (``backend_code="too_many_redirects"``);
* the body is streamed and abandoned past ``max_document_bytes`` (or refused up front from
  ``Content-Length``): :class:`DocumentTooLarge`;
* the whole fetch, redirects included, must finish within ``timeout``: :class:`Timeout`;
* 4xx/5xx map through :func:`adapters.http.error_for_status` (404 -> NotFound); a body that is
  not a JSON object is :class:`BadUpstreamResponse` (``backend_code="not_json"``).

Transport failures and 502/503/504 are retried (``settings.retries`` times) like any safe GET.
"""

from __future__ import annotations

import asyncio
import fnmatch
import ipaddress
import json
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

import httpx

from adapters.base import SourceSettings
from adapters.errors import (
    BackendError,
    BadUpstreamResponse,
    DocumentTooLarge,
    HostNotAllowed,
    Timeout,
    Unavailable,
)
from adapters.http import REQUEST_ID, BackendHTTP, error_for_status, parse_retry_after
from adapters.iiif.presentation.wire import JSONObject

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DocumentFetcher",
    "FetchPolicy",
    "Resolver",
    "system_resolver",
]

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 3
ACCEPT = "application/ld+json, application/json;q=0.9, */*;q=0.1"

Resolver = Callable[[str], Awaitable[Sequence[str]]]
"""Host name -> its IP addresses (as strings). Injected so tests need no DNS."""


async def system_resolver(host: str) -> Sequence[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


def _option_int(options: Mapping[str, object], key: str, default: int) -> int:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"option {key!r} must be an integer")
    return int(value)


def _option_bool(options: Mapping[str, object], key: str, default: bool) -> bool:
    value = options.get(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


@dataclass(frozen=True)
class FetchPolicy:
    """What a source may fetch. Built once from the source's settings."""

    allowed_hosts: tuple[str, ...]
    allow_private_networks: bool = False
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: SourceSettings, *, entry_url: str) -> FetchPolicy:
        """Options ``allowed_hosts`` (default: the host of ``entry_url``),
        ``allow_private_networks``, ``max_document_bytes``, ``max_redirects``."""
        options = settings.options
        hosts = options.get("allowed_hosts")
        if isinstance(hosts, str):
            allowed = tuple(h.strip().lower() for h in hosts.split(",") if h.strip())
        elif isinstance(hosts, Sequence):
            allowed = tuple(str(h).strip().lower() for h in hosts)
        else:
            allowed = (httpx.URL(entry_url).host.lower(),)
        return cls(
            allowed_hosts=allowed,
            allow_private_networks=_option_bool(options, "allow_private_networks", False),
            max_document_bytes=_option_int(
                options, "max_document_bytes", DEFAULT_MAX_DOCUMENT_BYTES
            ),
            max_redirects=_option_int(options, "max_redirects", DEFAULT_MAX_REDIRECTS),
            timeout=settings.timeout,
        )

    def host_allowed(self, host: str) -> bool:
        host = host.lower()
        return any(fnmatch.fnmatchcase(host, pattern) for pattern in self.allowed_hosts)


class DocumentFetcher:
    """Fetches JSON documents for one source under a :class:`FetchPolicy`.

    Usage::

        fetcher = DocumentFetcher(http, policy)
        document = await fetcher.fetch_json("https://example.org/iiif/manifest.json")
    """

    def __init__(
        self, http: BackendHTTP, policy: FetchPolicy, *, resolver: Resolver | None = None
    ) -> None:
        self._http = http
        self._policy = policy
        self._resolver = resolver or system_resolver
        self._semaphore = asyncio.Semaphore(http.settings.max_concurrency)

    @property
    def source(self) -> str:
        return self._http.source

    async def fetch_json(self, url: str) -> JSONObject:
        """The JSON object at ``url``, or one of the errors in the module docstring."""
        try:
            async with asyncio.timeout(self._policy.timeout):
                body = await self._fetch(url)
        except TimeoutError as exc:
            raise Timeout(f"{self.source}: a document took too long", source=self.source) from exc
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadUpstreamResponse(
                "a IIIF document is not JSON", source=self.source, backend_code="not_json"
            ) from exc
        if not isinstance(document, dict):
            raise BadUpstreamResponse(
                "a IIIF document is not a JSON object", source=self.source, backend_code="not_json"
            )
        return document

    async def check_url(self, url: str) -> httpx.URL:
        """``url`` parsed, if the policy lets this source fetch it; else HostNotAllowed."""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise HostNotAllowed("not a fetchable URL", source=self.source) from exc
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise HostNotAllowed("only http(s) URLs are fetched", source=self.source)
        if not self._policy.host_allowed(parsed.host):
            raise HostNotAllowed(
                f"host {parsed.host} is not allowed for this source",
                source=self.source,
                backend_code="host_not_allowed",
            )
        if not self._policy.allow_private_networks:
            await self._check_public(parsed.host)
        return parsed

    async def _check_public(self, host: str) -> None:
        try:
            addresses = [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            try:
                addresses = [ipaddress.ip_address(a) for a in await self._resolver(host)]
            except (OSError, ValueError) as exc:
                raise Unavailable(
                    f"{self.source}: cannot resolve a host", source=self.source
                ) from exc
        if not addresses or any(not a.is_global or a.is_multicast for a in addresses):
            raise HostNotAllowed(
                f"host {host} is on a private or reserved network",
                source=self.source,
                backend_code="private_address",
            )

    async def _fetch(self, url: str) -> bytes:
        current = url
        for _ in range(self._policy.max_redirects + 1):
            target = await self.check_url(current)
            location, body = await self._get_with_retries(target)
            if location is None:
                return body
            current = str(target.join(location))
        raise BadUpstreamResponse(
            "a IIIF document redirects too many times",
            source=self.source,
            backend_code="too_many_redirects",
        )

    async def _get_with_retries(self, url: httpx.URL) -> tuple[str | None, bytes]:
        attempts = 1 + self._http.settings.retries
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                return await self._get(url, retry_statuses=not last)
            except Unavailable:
                if last:
                    raise
            await asyncio.sleep(min(0.05 * 2.0**attempt, 1.0))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _get(self, url: httpx.URL, *, retry_statuses: bool) -> tuple[str | None, bytes]:
        """One GET: ``(redirect location, b"")`` or ``(None, body)``; raises the error tree."""
        headers = {"Accept": ACCEPT}
        request_id = REQUEST_ID.get()
        if request_id is not None:
            headers["X-Request-Id"] = request_id
        client = self._http.client
        async with self._semaphore:
            try:
                response = await client.send(
                    client.build_request("GET", url, headers=headers), stream=True
                )
            except httpx.TimeoutException as exc:
                self._http.stats.calls[("GET", "timeout")] += 1
                raise Timeout(f"{self.source} did not answer in time", source=self.source) from exc
            except (httpx.TransportError, OSError) as exc:
                self._http.stats.calls[("GET", "unreachable")] += 1
                raise Unavailable(
                    f"{self.source} could not be reached", source=self.source
                ) from exc
            self._http.stats.calls[("GET", response.status_code)] += 1
            try:
                return await self._read(response, retry_statuses=retry_statuses)
            finally:
                await response.aclose()

    async def _read(
        self, response: httpx.Response, *, retry_statuses: bool
    ) -> tuple[str | None, bytes]:
        status = response.status_code
        if response.is_redirect:
            location = response.headers.get("Location")
            if not location:
                raise BadUpstreamResponse("a redirect without a Location", source=self.source)
            return location, b""
        if status >= 400:
            if retry_statuses and status in (502, 503, 504):
                raise Unavailable(f"{self.source} answered {status}", source=self.source)
            raise self._status_error(response)
        limit = self._policy.max_document_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(limit)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise self._too_large(limit)
            chunks.append(chunk)
        return None, b"".join(chunks)

    def _too_large(self, limit: int) -> BackendError:
        return DocumentTooLarge(
            f"a IIIF document is larger than {limit} bytes",
            source=self.source,
            backend_code="document_too_large",
        )

    def _status_error(self, response: httpx.Response) -> BackendError:
        return error_for_status(
            response.status_code,
            message=f"a IIIF document answered {response.status_code}",
            source=self.source,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
