"""A circuit breaker per source: stop calling a backend that keeps failing, for a while.

After ``threshold`` consecutive failures (unreachable, timed out, or 5xx) the breaker opens:
calls fail at once with :class:`~adapters.errors.Unavailable` (code ``BACKEND_UNAVAILABLE``,
backend code ``circuit_open``) instead of waiting on a dead backend, so one bad source cannot
slow every query down. After ``cooldown`` seconds one trial call goes through (half-open); its
success closes the breaker, its failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from adapters.errors import Unavailable

__all__ = ["CircuitBreaker"]


class CircuitBreaker:
    def __init__(
        self,
        source: str,
        *,
        threshold: int = 5,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> str:
        """``closed``, ``open`` or ``half-open`` (for /metrics)."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.cooldown:
            return "half-open"
        return "open"

    def check(self) -> None:
        """Raise when calls must not go out now; otherwise let this one through."""
        state = self.state
        if state == "closed":
            return
        if state == "half-open" and not self._trial:
            self._trial = True  # one trial call; the others keep failing fast until it answers
            return
        error = Unavailable(
            f"{self.source} is failing; calls are paused for {self.cooldown:g} s",
            source=self.source,
            backend_code="circuit_open",
        )
        error.unsent = True
        raise error

    def abandon(self) -> None:
        """A call ended without a verdict (cancelled): let another call be the trial."""
        self._trial = False

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial = False

    def record_failure(self) -> None:
        self._failures += 1
        self._trial = False
        if self._opened_at is not None or self._failures >= self.threshold:
            self._opened_at = self._clock()
