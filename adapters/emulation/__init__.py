"""What every backend emulator shares: a request journal, fault injection and a clock.

An emulator is an ordinary Starlette app of one backend (``adapters/<kind>/emulator``) wrapped
in :class:`EmulatorMiddleware`, which records every request in a :class:`Journal` (tests count
backend calls with it) and applies the faults planned in a :class:`FaultPlan` (latency, error
statuses, 429s, a response dropped after the work was done). :class:`Emulator` bundles the app
with its control surface and the credentials that open it.
"""

from adapters.emulation.clock import Clock, ManualClock, SystemClock
from adapters.emulation.control import Emulator, EmulatorControl, EmulatorMiddleware
from adapters.emulation.faults import Fault, FaultPlan
from adapters.emulation.journal import Journal, RecordedRequest

__all__ = [
    "Clock",
    "Emulator",
    "EmulatorControl",
    "EmulatorMiddleware",
    "Fault",
    "FaultPlan",
    "Journal",
    "ManualClock",
    "RecordedRequest",
    "SystemClock",
]
