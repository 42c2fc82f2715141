"""``python -m bench.run``: run every scenario and write the results as a Markdown table.

Usage::

    python -m bench.run --runs 20 --latency-ms 20 --output bench/results.md

Speed is reported as ratios within one run (a scenario against its baseline, measured on the
same machine minutes apart), never as absolute promises: the milliseconds depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.scenarios import SCENARIOS, Measurement, Scenario, measure

__all__ = ["main", "render"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Benchmark the gateway over its emulators."
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per scenario")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first")
    parser.add_argument(
        "--latency-ms", type=float, default=20.0, help="added to every backend call"
    )
    parser.add_argument("--output", type=Path, default=None, help="Markdown file to write")
    parser.add_argument(
        "--only", action="append", default=None, metavar="KEY", help="run only this scenario"
    )
    return parser


def _ratio(measurement: Measurement, results: dict[str, Measurement]) -> str:
    scenario = measurement.scenario
    if scenario.baseline is None:
        baselines_of = [
            m.scenario.key for m in results.values() if m.scenario.baseline == scenario.key
        ]
        return f"baseline of {', '.join(baselines_of)}" if baselines_of else ""
    baseline = results.get(scenario.baseline)
    if baseline is None:
        return ""
    calls = baseline.backend_calls / measurement.backend_calls if measurement.backend_calls else 0
    return (
        f"{scenario.baseline} / this: calls x{calls:.2f}, "
        f"median x{baseline.median_ms / measurement.median_ms:.1f}, "
        f"p95 x{baseline.p95_ms / measurement.p95_ms:.1f}"
    )


def _calls(measurement: Measurement) -> str:
    total = (
        f"{min(measurement.calls_per_run)}-{max(measurement.calls_per_run)}"
        if measurement.calls_vary
        else str(measurement.backend_calls)
    )
    parts = ", ".join(f"{name} {n}" for name, n in measurement.calls_by_source.items())
    return f"{total} ({parts})" if parts else total


def render(measurements: Sequence[Measurement], *, command: str, runs: int, warmups: int) -> str:
    """The results page: how it was run, on what, then one row per scenario."""
    results = {m.scenario.key: m for m in measurements}
    latency = measurements[0].latency_ms if measurements else 0.0
    lines = [
        "# Benchmark results",
        "",
        f"Command: `{command}`",
        "",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        f"- {runs} timed runs per scenario after {warmups} warm-ups; every backend call "
        f"delayed by {latency:g} ms",
        "- Backend calls: per run, from the emulator journals (the last run, by source)",
        "",
        "| Scenario | GraphQL requests | Backend calls | Median ms | p95 ms | Ratio |",
        "|---|---:|---|---:|---:|---|",
    ]
    for m in measurements:
        lines.append(
            f"| `{m.scenario.key}` {m.scenario.title} | {m.graphql_requests} | {_calls(m)} "
            f"| {m.median_ms:.1f} | {m.p95_ms:.1f} | {_ratio(m, results)} |"
        )
    return "\n".join(lines) + "\n"


async def _measure_all(
    scenarios: Sequence[Scenario], *, runs: int, warmups: int, latency_ms: float
) -> list[Measurement]:
    out: list[Measurement] = []
    for scenario in scenarios:
        sys.stderr.write(f"{scenario.key} ...\n")
        out.append(await measure(scenario, runs=runs, warmups=warmups, latency_ms=latency_ms))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    scenarios = [s for s in SCENARIOS if args.only is None or s.key in args.only]
    if not scenarios:
        sys.stderr.write(f"no scenario named {args.only}; one of {[s.key for s in SCENARIOS]}\n")
        return 2
    given = sys.argv[1:] if argv is None else list(argv)
    command = shlex.join(["python", "-m", "bench.run", *given])
    measurements = asyncio.run(
        _measure_all(scenarios, runs=args.runs, warmups=args.warmups, latency_ms=args.latency_ms)
    )
    page = render(measurements, command=command, runs=args.runs, warmups=args.warmups)
    if args.output is not None:
        args.output.write_text(page, encoding="utf-8")
    sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
