"""The middleware that journals requests and injects faults, and the Emulator bundle."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.emulation.clock import Clock, SystemClock
from adapters.emulation.faults import FaultPlan
from adapters.emulation.journal import Journal, RecordedRequest

__all__ = ["CONTROL_PREFIX", "Emulator", "EmulatorControl", "EmulatorMiddleware"]

#: Paths under this prefix are the emulator's own control surface, not the backend's API.
CONTROL_PREFIX = "/__emulator__"


@dataclass
class EmulatorControl:
    journal: Journal = field(default_factory=Journal)
    faults: FaultPlan = field(default_factory=FaultPlan)
    clock: Clock = field(default_factory=SystemClock)


@dataclass
class Emulator:
    """A running emulator: the ASGI app, its control surface, and how to sign in to it.

    ``credentials`` are what a gateway source needs to talk to this emulator (a token, a
    login and password...), with the same keys the adapter reads from ``SourceSettings``.
    ``base_path`` is the prefix of the backend's API within the app (e.g. ``/api/v1``).
    """

    kind: str
    app: ASGIApp
    control: EmulatorControl
    credentials: Mapping[str, str] = field(default_factory=dict)
    base_path: str = ""
    state: object = None


class EmulatorMiddleware:
    """Pure ASGI middleware around a backend emulator.

    Records each request (method, path, query, headers, body) in the journal, then applies the
    first matching fault. Also answers ``GET /__emulator__/journal`` (counts per route) and
    ``POST /__emulator__/reset`` so out-of-process users (benchmarks, compose) can count calls.
    """

    def __init__(self, app: ASGIApp, control: EmulatorControl) -> None:
        self.app = app
        self.control = control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(CONTROL_PREFIX):
            await self._control(scope, send)
            return
        body = await _read_body(receive)
        method: str = scope["method"]
        self.control.journal.record(
            RecordedRequest(
                method=method,
                path=path,
                query=scope.get("query_string", b"").decode("latin-1"),
                headers={
                    k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]
                },
                body=body,
            )
        )
        replay = _replay(body)
        fault = self.control.faults.take(method, path)
        if fault is None:
            await self.app(scope, replay, send)
            return
        if fault.latency:
            await asyncio.sleep(fault.latency)
        if fault.status is not None:
            payload = b"" if fault.body is None else json.dumps(fault.body).encode()
            headers = [(b"content-type", b"application/json")] + [
                (k.lower().encode(), v.encode()) for k, v in fault.headers.items()
            ]
            await send({"type": "http.response.start", "status": fault.status, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return
        if fault.drop_response:

            async def swallow(message: Message) -> None:
                return None

            await self.app(scope, replay, swallow)
            raise ConnectionResetError("emulated fault: response dropped after the work was done")
        await self.app(scope, replay, send)

    async def _control(self, scope: Scope, send: Send) -> None:
        action = scope["path"][len(CONTROL_PREFIX) :].strip("/")
        if action == "reset" and scope["method"] == "POST":
            self.control.journal.clear()
            self.control.faults.clear()
            payload: object = {"reset": True}
        elif action == "journal":
            payload = {
                "total": len(self.control.journal),
                "routes": self.control.journal.by_route(),
            }
        else:
            payload = {"error": "unknown emulator control", "path": scope["path"]}
        status = 404 if "error" in payload else 200  # type: ignore[operator]
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(payload).encode()})


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # like a real server: nothing more until disconnect
        return {"type": "http.disconnect"}

    return receive
