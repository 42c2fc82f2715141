"""Fixtures of the Glycerine emulator tests: a seeded emulator and a signed-in JSON client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.emulation import Emulator
from adapters.iiif.emulator import create_emulator


@pytest.fixture
def emulator() -> Emulator:
    return create_emulator()


@pytest.fixture
async def api(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in as the seeded main user, asking for JSON as Glycerine requires."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://glycerine.emulator/api",
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {emulator.credentials['token']}",
        },
    ) as client:
        yield client
