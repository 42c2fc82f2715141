"""The adapter kinds this gateway knows: a hand-written table, no discovery.

``ADAPTERS`` builds an adapter for a source; ``EMULATORS`` builds the in-process emulator of a
kind (for ``demo``, ``emulate`` and the tests).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from adapters.base import Adapter, SourceSettings
from adapters.cms import CMSAdapter
from adapters.cms.emulator import create_emulator as create_cms_emulator
from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import create_emulator as create_dpg_emulator
from adapters.emulation import Emulator
from adapters.iiif import IIIFAdapter
from adapters.iiif.emulator import create_emulator as create_glycerine_emulator
from adapters.iiif.glycerine import GlycerineAdapter
from adapters.iiif.static_host import create_emulator as create_iiif_static_host
from adapters.pixieset import PixiesetAdapter
from adapters.pixieset.emulator import create_emulator as create_pixieset_emulator

__all__ = ["ADAPTERS", "EMULATORS", "KINDS", "AdapterFactory", "build_adapter"]

AdapterFactory = Callable[[SourceSettings, httpx.AsyncBaseTransport | None], Adapter]

ADAPTERS: dict[str, AdapterFactory] = {}
EMULATORS: dict[str, Callable[..., Emulator]] = {}


ADAPTERS.update(
    {
        "cms": CMSAdapter,
        "dpg": DPGAdapter,
        "pixieset": PixiesetAdapter,
        "glycerine": GlycerineAdapter,
        "iiif": IIIFAdapter,
    }
)
EMULATORS.update(
    {
        "cms": create_cms_emulator,
        "dpg": create_dpg_emulator,
        "pixieset": create_pixieset_emulator,
        "glycerine": create_glycerine_emulator,
        "iiif": create_iiif_static_host,
    }
)
KINDS = frozenset(ADAPTERS)


def build_adapter(
    settings: SourceSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Adapter:
    return ADAPTERS[settings.kind](settings, transport)
