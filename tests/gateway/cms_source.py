"""A gateway over one in-process CMS emulator, for the end-to-end CMS tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from adapters.base import SourceSettings
from adapters.cms.emulator import create_emulator
from adapters.emulation import Emulator
from gateway.config import LimitSettings, Settings
from gateway.runtime import Gateway
from tests.gateway.harness import EDITING, running


@dataclass
class CMSGateway:
    client: httpx.AsyncClient
    emulator: Emulator

    def calls(self, method: str | None = None, path: str = "*") -> int:
        return self.emulator.control.journal.count(method, path)


@asynccontextmanager
async def cms_gateway(**emulator_options: Any) -> AsyncIterator[CMSGateway]:
    emulator = create_emulator(**emulator_options)
    source = SourceSettings(
        name="cms",
        kind="cms",
        base_url="http://cms.test/api/v1",
        credentials=dict(emulator.credentials),
    )
    gateway = Gateway(
        Settings(sources=(source,), limits=LimitSettings(), auth=EDITING),
        transports={"cms": httpx.ASGITransport(app=emulator.app)},
    )
    async with running(gateway) as client:
        yield CMSGateway(client, emulator)
