"""A gateway over one in-process DPG emulator on a manual clock, for the end-to-end DPG tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from adapters.base import SourceSettings
from adapters.dpg.emulator import DPGState, create_emulator
from adapters.emulation import Emulator, EmulatorControl, ManualClock
from gateway.config import LimitSettings, Settings
from gateway.runtime import Gateway
from schema.ids import encode_id
from tests.gateway.harness import EDITING, graphql, running

__all__ = ["START", "DPGGateway", "dpg_gateway", "gallery_gid", "image_gid", "set_gid"]

START = datetime(2026, 7, 3, 12, 0, tzinfo=UTC)


@dataclass
class DPGGateway:
    client: httpx.AsyncClient
    emulator: Emulator
    clock: ManualClock

    @property
    def state(self) -> DPGState:
        assert isinstance(self.emulator.state, DPGState)
        return self.emulator.state

    async def query(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await graphql(self.client, query, variables)

    def calls(self, method: str | None = None, path: str = "*") -> int:
        return self.emulator.control.journal.count(method, path)

    def routes(self) -> Counter[str]:
        """Backend calls by ``"METHOD /path"`` since the last :meth:`forget`."""
        return self.emulator.control.journal.by_route()

    def forget(self) -> None:
        """Start counting backend calls afresh (after a test's setup)."""
        self.emulator.control.journal.clear()

    def set_named(self, *path: str) -> str:
        """The native id of the set at this name path from the top (``"Festival 2024", ...``)."""
        siblings = self.state.top_level
        found = ""
        for name in path:
            found = next(u for u in siblings if self.state.sets[u].name == name)
            siblings = self.state.sets[found].children
        return found


def set_gid(native: str) -> str:
    return encode_id("dpg", "Set", native)


def gallery_gid(native: str) -> str:
    return encode_id("dpg", "Gallery", native)


def image_gid(native: str) -> str:
    return encode_id("dpg", "Image", native)


@asynccontextmanager
async def dpg_gateway(
    *,
    options: Mapping[str, object] | None = None,
    credentials: Callable[[DPGState], Mapping[str, str]] | None = None,
    retries: int = 2,
    **emulator_options: Any,
) -> AsyncIterator[DPGGateway]:
    """The gateway with one source ``dpg`` over a fresh, seeded DPG emulator.

    ``options`` are the DPG source options (``operation_deadline``...); ``credentials``, given
    the emulator's state, replace its service token (a read-only token, a user login...);
    ``emulator_options`` go to ``create_emulator``.
    """
    clock = ManualClock(START)
    emulator = create_emulator(control=EmulatorControl(clock=clock), **emulator_options)
    assert isinstance(emulator.state, DPGState)
    secrets = emulator.credentials if credentials is None else credentials(emulator.state)
    source = SourceSettings(
        name="dpg",
        kind="dpg",
        base_url=f"http://dpg.test{emulator.base_path}",
        credentials=dict(secrets),
        retries=retries,
        options=dict(options or {}),
    )
    gateway = Gateway(
        Settings(sources=(source,), limits=LimitSettings(), auth=EDITING),
        transports={"dpg": httpx.ASGITransport(app=emulator.app)},
    )
    async with running(gateway) as client:
        yield DPGGateway(client, emulator, clock)
