"""Fixtures: an HTTP client on the DPG emulator, signed in with the service token."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.emulation import Emulator


@pytest.fixture
async def api(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://dpg/v1",
        headers={"Authorization": f"Bearer {emulator.credentials['token']}"},
    ) as client:
        yield client
