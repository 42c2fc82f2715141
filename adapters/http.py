"""The pooled HTTP client of one source, with what every adapter needs around it.

:class:`BackendHTTP` owns one ``httpx.AsyncClient`` (built from :class:`SourceSettings`, with an
injectable transport), bounds concurrent calls, forwards the gateway's request id, retries safe
calls (honouring ``Retry-After``), and turns transport failures into the error tree. Parsing a
backend's error *body* stays with each adapter's client: every backend has its own shape;
:func:`error_for_status` then picks the error class from the status.

Usage::

    http = BackendHTTP(settings, transport)
    response = await http.request("GET", "/api/v1/galleries", params={"limit": 10})
    await http.aclose()
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import Counter
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from adapters.base import SourceSettings
from adapters.breaker import CircuitBreaker
from adapters.errors import (
    BackendError,
    BadUpstreamResponse,
    Conflict,
    DocumentTooLarge,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Timeout,
    Unauthorized,
    Unavailable,
)

__all__ = [
    "CALLS",
    "REQUEST_ID",
    "BackendHTTP",
    "CallRegistry",
    "CallStats",
    "error_for_status",
    "parse_retry_after",
]

log = logging.getLogger("adapters.http")

#: The id of the GraphQL request being served; set by the gateway, sent as ``X-Request-Id``.
REQUEST_ID: ContextVar[str | None] = ContextVar("gallery_gateway_request_id", default=None)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_RETRY_AFTER = 5.0  # seconds; a longer Retry-After fails fast with RateLimited instead


@dataclass
class CallStats:
    """Counts of backend calls by (method, status), and the time they took."""

    calls: Counter[tuple[str, int | str]] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.calls.values())


class CallRegistry:
    """Every source's :class:`CallStats` and breaker in this process, for ``/metrics``.

    Process-wide on purpose, like a Prometheus registry: adapters create their clients, the
    gateway only reads the numbers.
    """

    def __init__(self) -> None:
        self.stats: dict[str, CallStats] = {}
        self.breakers: dict[str, CircuitBreaker] = {}

    def register(self, source: str, stats: CallStats, breaker: CircuitBreaker) -> None:
        self.stats[source] = stats
        self.breakers[source] = breaker


#: The registry every :class:`BackendHTTP` reports to.
CALLS = CallRegistry()


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds, from either delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def error_for_status(
    status: int,
    *,
    message: str,
    source: str,
    backend_code: str | None = None,
    field: str | None = None,
    retry_after: float | None = None,
) -> BackendError:
    """The error-tree class for an HTTP error status."""
    kwargs: dict[str, Any] = {
        "source": source,
        "backend_code": backend_code,
        "status": status,
        "field": field,
    }
    if status == 429:
        return RateLimited(message, retry_after=retry_after, **kwargs)
    if status in (400, 422):
        return InvalidInput(message, **kwargs)
    if status == 401:
        return Unauthorized(message, **kwargs)
    if status == 403:
        return Forbidden(message, **kwargs)
    if status in (404, 410):
        return NotFound(message, **kwargs)
    if status == 409:
        return Conflict(message, **kwargs)
    if status == 413:
        return DocumentTooLarge(message, **kwargs)
    if status >= 500:
        return Unavailable(message, **kwargs)
    return BadUpstreamResponse(message, **kwargs)


class BackendHTTP:
    """One source's pooled client. See the module docstring."""

    def __init__(
        self,
        settings: SourceSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        auth: httpx.Auth | None = None,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = False,
    ) -> None:
        self.settings = settings
        self.stats = CallStats()
        self.breaker = CircuitBreaker(
            settings.name,
            threshold=settings.breaker_threshold,
            cooldown=settings.breaker_cooldown,
        )
        CALLS.register(settings.name, self.stats, self.breaker)
        self._semaphore = asyncio.Semaphore(settings.max_concurrency)
        self.client = httpx.AsyncClient(
            base_url=settings.base_url,
            transport=transport,
            auth=auth,
            headers=dict(headers or {}),
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            limits=httpx.Limits(
                max_connections=settings.max_concurrency,
                max_keepalive_connections=settings.max_concurrency,
            ),
            follow_redirects=follow_redirects,
        )

    @property
    def source(self) -> str:
        return self.settings.name

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        retry: bool | None = None,
    ) -> httpx.Response:
        """Send one request and return the response, whatever its status.

        Retries (up to ``settings.retries`` times) when the call is safe to repeat: a GET, or
        a write the caller marks ``retry=True`` because it carries an idempotency key. It
        retries on connection failures, timeouts, 502/503/504, and 429 with a short
        ``Retry-After``. Raises :class:`Unavailable` / :class:`Timeout` when the backend cannot
        be reached at all.
        """
        may_retry = method.upper() in SAFE_METHODS if retry is None else retry
        attempts = 1 + (self.settings.retries if may_retry else 0)
        send_headers = dict(headers or {})
        request_id = REQUEST_ID.get()
        if request_id is not None:
            send_headers.setdefault("X-Request-Id", request_id)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = await self._send(
                    method, url, params=params, json=json, content=content, headers=send_headers
                )
            except (Timeout, Unavailable):
                if last:
                    raise
                await asyncio.sleep(self._backoff(attempt))
                continue
            if last:
                return response
            if response.status_code == 429:
                wait = parse_retry_after(response.headers.get("Retry-After"))
                if wait is None or wait > MAX_RETRY_AFTER:
                    return response
                await asyncio.sleep(wait)
                continue
            if response.status_code in (502, 503, 504):
                await asyncio.sleep(self._backoff(attempt))
                continue
            return response
        raise AssertionError("unreachable: the last attempt always returns or raises")

    async def _send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        content: bytes | None,
        headers: Mapping[str, str],
    ) -> httpx.Response:
        self.breaker.check()
        started = time.perf_counter()
        try:
            async with self._semaphore:
                response = await self.client.request(
                    method, url, params=params, json=json, content=content, headers=headers
                )
        except httpx.TimeoutException as exc:
            self.stats.calls[(method, "timeout")] += 1
            self.breaker.record_failure()
            # A connect timeout never reached the backend; any later one may have.
            unsent = isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            error: BackendError = Timeout(
                f"{self.source} did not answer in time", source=self.source
            )
            error.unsent = unsent
            raise error from exc
        except (httpx.TransportError, OSError) as exc:
            # OSError: a connection dropped mid-response surfaces as one through
            # in-process transports (the emulators' "drop the response" fault).
            self.stats.calls[(method, "unreachable")] += 1
            self.breaker.record_failure()
            error = Unavailable(f"{self.source} could not be reached", source=self.source)
            error.unsent = isinstance(exc, httpx.ConnectError)
            raise error from exc
        except BackendError:
            # raised by the source's own httpx.Auth flow (a refused sign-in): already coded
            self.breaker.abandon()
            raise
        except Exception as exc:
            # Not a network failure but the client or transport refusing the call (a URL it
            # cannot send, say): the backend never saw it.
            self.stats.calls[(method, "refused")] += 1
            self.breaker.abandon()
            log.warning("%s: %s %s could not be sent: %r", self.source, method, url, exc)
            error = BadUpstreamResponse(f"{self.source} could not be called", source=self.source)
            error.unsent = True
            raise error from exc
        except BaseException:
            self.breaker.abandon()  # cancelled: no verdict on the backend, free the trial slot
            raise
        finally:
            self.stats.seconds += time.perf_counter() - started
        self.stats.calls[(method, response.status_code)] += 1
        if response.status_code >= 500:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        return response

    @staticmethod
    def _backoff(attempt: int) -> float:
        return float(min(0.05 * 2.0**attempt, 1.0))

    async def aclose(self) -> None:
        await self.client.aclose()
