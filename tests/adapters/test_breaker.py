"""The circuit breaker opens after repeated failures, fails fast, then tries one call again."""

from __future__ import annotations

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.breaker import CircuitBreaker
from adapters.errors import Unavailable
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
