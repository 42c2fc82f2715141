"""The circuit breaker opens after repeated failures, fails fast, then tries one call again."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.breaker import CircuitBreaker
from adapters.errors import BadUpstreamResponse, Unavailable
from adapters.http import CALLS, BackendHTTP


def test_it_opens_after_the_threshold_and_half_opens_after_the_cooldown():
    now = [0.0]
    breaker = CircuitBreaker("s", threshold=3, cooldown=10, clock=lambda: now[0])
    for _ in range(3):
        breaker.check()
        breaker.record_failure()
    assert breaker.state == "open"
    with pytest.raises(Unavailable) as caught:
        breaker.check()
    assert caught.value.backend_code == "circuit_open"
    now[0] = 10
    assert breaker.state == "half-open"
    breaker.check()  # the one trial call
    with pytest.raises(Unavailable):
        breaker.check()  # others still fail fast while it is out
    breaker.record_success()
    assert breaker.state == "closed"


def test_a_failed_trial_opens_it_again():
    now = [0.0]
    breaker = CircuitBreaker("s", threshold=1, cooldown=5, clock=lambda: now[0])
    breaker.record_failure()
    now[0] = 6
    breaker.check()
    breaker.record_failure()
    assert breaker.state == "open"


async def test_a_backend_answering_500_trips_the_breaker_and_stops_being_called():
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(500)

    settings = SourceSettings(
        name="flaky", kind="cms", base_url="http://flaky.test", breaker_threshold=2, retries=0
    )
    http = BackendHTTP(settings, httpx.MockTransport(handler))
    for _ in range(2):
        assert (await http.request("GET", "/x")).status_code == 500
    with pytest.raises(Unavailable):
        await http.request("GET", "/x")
    assert calls == 2
    assert CALLS.breakers["flaky"].state == "open"
    assert CALLS.stats["flaky"].calls[("GET", 500)] == 2
    await http.aclose()


async def test_a_cancelled_trial_call_frees_the_trial_for_the_next_call():
    now = [0.0]
    healthy = [False]

    async def handler(request: httpx.Request) -> httpx.Response:
        if not healthy[0]:
            await asyncio.sleep(10)
        return httpx.Response(200)

    settings = SourceSettings(
        name="slow", kind="cms", base_url="http://slow.test", breaker_threshold=1, retries=0
    )
    http = BackendHTTP(settings, httpx.MockTransport(handler))
    http.breaker = CircuitBreaker("slow", threshold=1, cooldown=5, clock=lambda: now[0])
    http.breaker.record_failure()  # open
    now[0] = 6  # half-open: the next call is the trial
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(http.request("GET", "/x"), 0.05)
    healthy[0] = True
    assert (await http.request("GET", "/x")).status_code == 200
    assert http.breaker.state == "closed"
    await http.aclose()


async def test_a_call_the_client_cannot_send_is_a_coded_error_not_a_crash():
    def handler(request: httpx.Request) -> httpx.Response:
        raise ValueError("unknown url type")

    settings = SourceSettings(name="odd", kind="cms", base_url="http://odd.test", retries=0)
    http = BackendHTTP(settings, httpx.MockTransport(handler))
    with pytest.raises(BadUpstreamResponse) as caught:
        await http.request("GET", "/x")
    assert caught.value.unsent and caught.value.source == "odd"
    await http.aclose()
