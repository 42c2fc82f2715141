"""``python -m bench.load``: a bounded load test of a real uvicorn server on the loopback.

The gateway (over the CMS emulator of scenario (a), 60 galleries, every backend call delayed by
``--latency-ms``) is served by uvicorn in a background thread on ``127.0.0.1`` and a free port.
``--clients`` concurrent httpx clients then send the acceptance query (scenario (a): 50
galleries with titles, translations and their first 10 images) until ``--requests`` requests
are done or ``--duration`` seconds have passed, whichever comes first; then the server stops.

Client and server share one process (and its GIL), so requests/s is a lower bound of what the
server alone would do; the latency percentiles include the emulated backend latency.

Usage::

    python -m bench.load --clients 8 --requests 400 --duration 30 --latency-ms 20
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import shlex
import socket
import statistics
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from adapters.emulation import Fault
from bench.scenarios import CMS_FIFTY, cms_rig
from gateway.app import create_app
from gateway.runtime import Gateway

__all__ = ["LoadResult", "main", "run_load"]

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT = 10.0


@dataclass(frozen=True)
class LoadResult:
    clients: int
    completed: int
    failed: int
    elapsed_s: float
    latencies_ms: tuple[float, ...]

    @property
    def requests_per_second(self) -> float:
        return self.completed / self.elapsed_s if self.elapsed_s else 0.0

    def percentile(self, pct: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return math.nan
        return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


class _Budget:
    """How many requests may still start; shared by the clients of one event loop."""

    def __init__(self, requests: int, deadline: float) -> None:
        self.left = requests
        self.deadline = deadline

    def take(self) -> bool:
        if self.left <= 0 or time.perf_counter() >= self.deadline:
            return False
        self.left -= 1
        return True


class _ServerThread:
    """uvicorn on a socket bound to the loopback, run in a daemon thread until stopped."""

    def __init__(self, server: uvicorn.Server, sock: socket.socket) -> None:
        self.server = server
        self.sock = sock
        self.thread = threading.Thread(target=server.run, args=([sock],), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> _ServerThread:
        self.thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the gateway server did not start")
            time.sleep(0.02)  # waiting for another thread, not for the system under test
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=STARTUP_TIMEOUT)
        self.sock.close()


def _serve(latency_ms: float) -> _ServerThread:
    rig = cms_rig()
    if latency_ms > 0:
        for emulator in rig.emulators.values():
            emulator.control.faults.add(Fault(latency=latency_ms / 1000))
    app = create_app(Gateway(rig.settings, transports=rig.transports))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((LOOPBACK, 0))  # the OS picks a free port; loopback only
    return _ServerThread(uvicorn.Server(config), sock)


async def _client(
    url: str, budget: _Budget, latencies: list[float], failures: list[str], request_timeout: float
) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=request_timeout) as client:
        while budget.take():
            started = time.perf_counter()
            try:
                response = await client.post("/graphql", json={"query": CMS_FIFTY})
                ok = response.status_code == 200 and not response.json().get("errors")
            except httpx.HTTPError as exc:
                failures.append(repr(exc))
                continue
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                failures.append(f"HTTP {response.status_code}")


async def _drive(url: str, *, clients: int, requests: int, duration: float) -> LoadResult:
    # one warm-up request: sign-ins and the language table are not what is measured
    async with httpx.AsyncClient(base_url=url, timeout=duration) as client:
        (await client.post("/graphql", json={"query": CMS_FIFTY})).raise_for_status()
    latencies: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    budget = _Budget(requests, started + duration)
    await asyncio.gather(
        *(_client(url, budget, latencies, failures, duration) for _ in range(clients))
    )
    return LoadResult(
        clients=clients,
        completed=len(latencies),
        failed=len(failures),
        elapsed_s=time.perf_counter() - started,
        latencies_ms=tuple(latencies),
    )


def run_load(
    *, clients: int = 8, requests: int = 400, duration: float = 30.0, latency_ms: float = 20.0
) -> LoadResult:
    """Serve, load, stop: at most ``requests`` requests and about ``duration`` seconds."""
    with _serve(latency_ms) as server:
        return asyncio.run(
            _drive(server.url, clients=clients, requests=requests, duration=duration)
        )


def render(result: LoadResult, *, command: str, latency_ms: float) -> str:
    median = statistics.median(result.latencies_ms) if result.latencies_ms else math.nan
    return "\n".join(
        [
            "# Load test",
            "",
            f"Command: `{command}`",
            "",
            f"- Python {platform.python_version()}, {os.cpu_count()} CPUs; uvicorn on "
            f"{LOOPBACK}, client in the same process; backend latency {latency_ms:g} ms",
            "- Query: scenario (a), 50 CMS galleries with translations and 10 images each",
            "",
            "| Clients | Completed | Failed | Seconds | Requests/s | p50 ms | p90 ms | p99 ms "
            "| max ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {result.clients} | {result.completed} | {result.failed} "
            f"| {result.elapsed_s:.1f} | {result.requests_per_second:.1f} | {median:.1f} "
            f"| {result.percentile(90):.1f} | {result.percentile(99):.1f} "
            f"| {result.percentile(100):.1f} |",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="stop after this many")
    parser.add_argument("--duration", type=float, default=30.0, help="or after these seconds")
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.requests < 1 or args.duration <= 0:
        parser.error("--clients, --requests and --duration must be positive")
    result = run_load(
        clients=args.clients,
        requests=args.requests,
        duration=args.duration,
        latency_ms=args.latency_ms,
    )
    given = sys.argv[1:] if argv is None else list(argv)
    page = render(
        result,
        command=shlex.join(["python", "-m", "bench.load", *given]),
        latency_ms=args.latency_ms,
    )
    if args.output is not None:
        args.output.write_text(page, encoding="utf-8")
    sys.stdout.write(page)
    return 0 if result.failed == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
