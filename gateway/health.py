"""``/healthz`` (the process is up) and ``/readyz`` (every source answered its ping)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

from adapters.base import Adapter
from adapters.errors import BackendError

__all__ = ["PING_TIMEOUT", "liveness", "readiness"]

PING_TIMEOUT = 3.0


def liveness() -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def _ping(adapter: Adapter) -> dict[str, Any]:
    try:
        await asyncio.wait_for(adapter.ping(), PING_TIMEOUT)
    except TimeoutError:
        return {"status": "down", "code": "BACKEND_TIMEOUT"}
    except BackendError as exc:
        return {"status": "down", "code": exc.code}
    return {"status": "up"}


async def readiness(adapters: Mapping[str, Adapter]) -> JSONResponse:
    results = await asyncio.gather(*(_ping(a) for a in adapters.values()))
    sources = {
        name: {"kind": adapter.kind, **result}
        for (name, adapter), result in zip(adapters.items(), results, strict=True)
    }
    ready = all(r["status"] == "up" for r in results)
    return JSONResponse(
        {"status": "ready" if ready else "unready", "sources": sources},
        status_code=200 if ready else 503,
    )
