"""Fixtures of the CMS tests: a fresh emulator, an HTTP client on it, and an adapter."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.cms import CMSAdapter
from adapters.cms.emulator import EDITOR_TOKEN, create_emulator
from adapters.emulation import Emulator, EmulatorControl, ManualClock

EMULATOR_HOST = "http://cms.emulator"


@pytest.fixture
def emulator() -> Emulator:
    return create_emulator(
        control=EmulatorControl(clock=ManualClock()),
        extra_tokens={"no-permissions-token": ()},
    )


@pytest.fixture
async def api(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """A raw HTTP client on the emulator, signed in with the editor token."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url=EMULATOR_HOST,
        headers={"Authorization": f"Bearer {EDITOR_TOKEN}"},
    ) as client:
        yield client


def cms_settings(emulator: Emulator, **options: object) -> SourceSettings:
    return SourceSettings(
        name="cms-test",
        kind="cms",
        base_url=f"{EMULATOR_HOST}{emulator.base_path}",
        credentials=dict(emulator.credentials),
        options=options,
        retries=0,
    )


@pytest.fixture
async def adapter(emulator: Emulator) -> AsyncIterator[CMSAdapter]:
    cms = CMSAdapter(cms_settings(emulator), httpx.ASGITransport(app=emulator.app))
    yield cms
    await cms.aclose()
