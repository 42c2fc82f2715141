"""The embedded demo: every backend emulator in-process, seeded, behind one gateway.

No network and no accounts: each source's client talks to its emulator through
``httpx.ASGITransport``. Source names are the kind names (``cms``, ``dpg``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from adapters.base import SourceSettings
from adapters.emulation import Emulator
from gateway.config import ServerSettings, Settings
from gateway.registry import EMULATORS

__all__ = ["Demo", "build_demo"]

#: Kind-specific source options the demo needs (emulated hosts live on made-up names).
DEMO_OPTIONS: Mapping[str, Mapping[str, object]] = {}


@dataclass
class Demo:
    settings: Settings
    transports: dict[str, httpx.AsyncBaseTransport]
    emulators: dict[str, Emulator]


def build_demo(*, host: str = "127.0.0.1", port: int = 8000) -> Demo:
    sources = []
    transports: dict[str, httpx.AsyncBaseTransport] = {}
    emulators: dict[str, Emulator] = {}
    for kind, make in EMULATORS.items():
        emulator = make()
        emulators[kind] = emulator
        sources.append(
            SourceSettings(
                name=kind,
                kind=kind,
                base_url=f"http://{kind}.demo{emulator.base_path}",
                credentials=dict(emulator.credentials),
                options=dict(DEMO_OPTIONS.get(kind, {})),
            )
        )
        transports[kind] = httpx.ASGITransport(app=emulator.app)
    settings = Settings(sources=tuple(sources), server=ServerSettings(host=host, port=port))
    return Demo(settings=settings, transports=transports, emulators=emulators)
