"""DPG writes: ``202 Accepted`` + an Operation, polled until it ends or a deadline passes.

The caller's idempotency key goes out as ``Idempotency-Key`` and is reused on every retry
(:meth:`DPGClient._write` sends with ``retry=True``), so a write whose answer was lost is
resent safely and done once. Polls of ``/v1/operations/{uuid}`` are conditional (the client's
ETag cache sends ``If-None-Match``), so an unchanged Operation costs an empty ``304``.

A failed Operation raises the error class its ``code`` implies, with that code as
``backend_code`` and its ``field``; an unknown code is a :class:`Conflict` (the backend could
not do the write in its current state).
"""

from __future__ import annotations

import asyncio

from adapters.dpg import mapping
from adapters.dpg.client import DPGClient
from adapters.dpg.wire import OperationWire
from adapters.errors import BackendError
from adapters.http import error_for_status

__all__ = ["CODE_STATUS", "OperationRunner", "failure_for", "is_finished", "target_set"]

#: DPG error codes -> the HTTP status they stand for (for codes met inside an Operation).
CODE_STATUS = {
    "validation": 400,
    "idempotency_key_missing": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "api_not_enabled": 403,
    "not_found": 404,
    "idempotency_key_conflict": 409,
    "conflict": 409,
    "payload_too_large": 413,
    "rate_limited": 429,
}
TERMINAL = frozenset({"succeeded", "success", "completed", "failed", "error"})
FAILED = frozenset({"failed", "error"})


def is_finished(op: OperationWire) -> bool:
    return op.get("status", "").lower() in TERMINAL


def failure_for(op: OperationWire, source: str) -> BackendError:
    """The error a failed Operation stands for."""
    error = op.get("error") or {}
    code = error.get("code")
    message = error.get("message") or f"{source} could not complete operation {op['uuid']}"
    status = CODE_STATUS.get(code or "", 409)
    if code and code.endswith("_not_found"):
        status = 404
    return error_for_status(
        status,
        message=message,
        source=source,
        backend_code=code,
        field=mapping.input_field(error.get("field")),
    )


def target_set(op: OperationWire) -> str | None:
    """The set an Operation made or changed: ``result.set_public_uuid``, else the first of
    ``set_public_uuids`` (or the single ``set_public_uuid`` variant)."""
    result = op.get("result") or {}
    found = result.get("set_public_uuid") or op.get("set_public_uuid")
    if found:
        return found
    sets = op.get("set_public_uuids") or []
    return sets[0] if sets else None


class OperationRunner:
    """Waits for Operations on behalf of the adapter.

    Usage::

        runner = OperationRunner(client, deadline=5.0, interval=0.25)
        op = await runner.wait(await client.create_set(body, key=key))
    """

    def __init__(self, client: DPGClient, *, deadline: float, interval: float) -> None:
        self.client = client
        self.deadline = deadline
        self.interval = interval

    async def wait(self, op: OperationWire) -> OperationWire:
        """The Operation once finished, or as it stands at the deadline.

        Raises the matching error when it failed.
        """
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.deadline
        # Most Operations already read succeeded in the 202; the status is the truth.
        while not is_finished(op):
            remaining = give_up - loop.time()
            if remaining <= 0:
                return op
            await asyncio.sleep(min(self.interval, remaining))
            op = await self.client.get_operation(op["uuid"])
        if op.get("status", "").lower() in FAILED:
            raise failure_for(op, self.client.source)
        return op
