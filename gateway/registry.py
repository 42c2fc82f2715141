"""The adapter kinds this gateway knows: a hand-written table, no discovery.

``ADAPTERS`` builds an adapter for a source; ``EMULATORS`` builds the in-process emulator of a
kind (for ``demo``, ``emulate`` and the tests).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from adapters.base import Adapter, SourceSettings
from adapters.emulation import Emulator

__all__ = ["ADAPTERS", "EMULATORS", "KINDS", "AdapterFactory", "build_adapter"]

AdapterFactory = Callable[[SourceSettings, httpx.AsyncBaseTransport | None], Adapter]

ADAPTERS: dict[str, AdapterFactory] = {}
EMULATORS: dict[str, Callable[[], Emulator]] = {}


def _register() -> None:
    from adapters.cms import CMSAdapter
    from adapters.cms.emulator import create_emulator as cms_emulator

    ADAPTERS["cms"] = CMSAdapter
    EMULATORS["cms"] = cms_emulator


_register()
KINDS = frozenset(ADAPTERS)


def build_adapter(
    settings: SourceSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Adapter:
    return ADAPTERS[settings.kind](settings, transport)
