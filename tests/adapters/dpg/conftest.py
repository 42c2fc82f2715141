"""Fixtures: a DPG emulator on a manual clock and an adapter wired to it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import DPGState, create_emulator
from adapters.emulation import Emulator, EmulatorControl, ManualClock
from tests.adapters.contract import settings_for
from tests.adapters.dpg.contract_case import CASE


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 7, 3, 12, 0, tzinfo=UTC))


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return create_emulator(control=EmulatorControl(clock=clock))


@pytest.fixture
def state(emulator: Emulator) -> DPGState:
    assert isinstance(emulator.state, DPGState)
    return emulator.state


@pytest.fixture
async def adapter(emulator: Emulator, clock: ManualClock) -> AsyncIterator[DPGAdapter]:
    dpg = DPGAdapter(
        settings_for(CASE, emulator), httpx.ASGITransport(app=emulator.app), clock=clock
    )
    yield dpg
    await dpg.aclose()
