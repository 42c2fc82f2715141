"""Fixtures: a seeded emulator on a manual clock, and an adapter pointed at it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.emulation import Emulator, EmulatorControl, ManualClock
from adapters.pixieset import PixiesetAdapter
from adapters.pixieset.emulator import create_emulator
from tests.adapters.contract import settings_for
from tests.adapters.pixieset.contract_case import CASE


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return create_emulator(control=EmulatorControl(clock=clock), session_ttl=600)


@pytest.fixture
async def adapter(emulator: Emulator, clock: ManualClock) -> AsyncIterator[PixiesetAdapter]:
    adapter = PixiesetAdapter(
        settings_for(CASE, emulator), httpx.ASGITransport(app=emulator.app), clock=clock
    )
    yield adapter
    await adapter.aclose()


@pytest.fixture
async def backend(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """A plain client on the emulator's API, not logged in."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://pixieset.emulator/api/v1/",
    ) as client:
        yield client
