"""Faults an emulator can be told to inject: latency, error responses, 429s, dropped responses."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Fault", "FaultPlan"]


@dataclass
class Fault:
    """One planned fault, matched by method and a path glob.

    * ``latency``: seconds to wait before handling.
    * ``status`` (+ ``body``, ``headers``): answer this instead of handling the request.
    * ``drop_response``: handle the request (the work is committed) but never deliver the
      response; the client sees a broken connection and will likely retry.
    * ``times``: how many matching requests it applies to; None means every one.
    """

    method: str | None = None
    path: str = "*"
    latency: float = 0.0
    status: int | None = None
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    drop_response: bool = False
    times: int | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.times <= 0:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        return fnmatch.fnmatchcase(path, self.path)


@dataclass
class FaultPlan:
    """The faults in force, first match wins.

    Usage::

        emulator.control.faults.add(Fault(method="GET", path="/v1/sets/*", status=503, times=1))
    """

    faults: list[Fault] = field(default_factory=list)

    def add(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request, consuming one of its ``times``."""
        for fault in self.faults:
            if fault.matches(method, path):
                if fault.times is not None:
                    fault.times -= 1
                return fault
        return None

    def clear(self) -> None:
        self.faults.clear()
