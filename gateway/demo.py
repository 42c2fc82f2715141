"""The embedded demo: every backend emulator in-process, seeded, behind one gateway.

No network and no accounts: each source's client talks to its emulator through
``httpx.ASGITransport``. Source names are the kind names (``cms``, ``dpg``, ``pixieset``,
``glycerine``, ``iiif``). The Glycerine emulator fetches manifests to import from the static
IIIF host, so ``importIIIFManifest`` works on the demo's own manifests.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from adapters.base import SourceSettings
from adapters.emulation import Emulator
from adapters.iiif.static_host import DEFAULT_BASE_URL as IIIF_HOST
from gateway.config import AuthSettings, ServerSettings, Settings
from gateway.registry import EMULATORS

__all__ = ["Demo", "build_demo"]


@dataclass
class Demo:
    settings: Settings
    transports: dict[str, httpx.AsyncBaseTransport]
    emulators: dict[str, Emulator]


def build_demo(*, host: str = "127.0.0.1", port: int = 8000) -> Demo:
    iiif = EMULATORS["iiif"](base_url=IIIF_HOST)
    emulators: dict[str, Emulator] = {
        "cms": EMULATORS["cms"](),
        "dpg": EMULATORS["dpg"](),
        "pixieset": EMULATORS["pixieset"](),
        "glycerine": EMULATORS["glycerine"](fetch_transport=httpx.ASGITransport(app=iiif.app)),
        "iiif": iiif,
    }
    options: dict[str, dict[str, object]] = {
        # The emulated host name resolves nowhere: allow it without the private-address check.
        "iiif": {"collection_url": "/collections/top.json", "allow_private_networks": True},
    }
    base_urls = {"iiif": IIIF_HOST}
    sources = tuple(
        SourceSettings(
            name=kind,
            kind=kind,
            base_url=base_urls.get(kind, f"http://{kind}.demo{emulator.base_path}"),
            credentials=dict(emulator.credentials),
            options=options.get(kind, {}),
        )
        for kind, emulator in emulators.items()
    )
    transports: dict[str, httpx.AsyncBaseTransport] = {
        kind: httpx.ASGITransport(app=emulator.app) for kind, emulator in emulators.items()
    }
    settings = Settings(
        sources=sources,
        server=ServerSettings(host=host, port=port),
        # The demo is a sandbox over in-process emulators: anyone may try the mutations.
        auth=AuthSettings(anonymous_permissions=frozenset({"read", "write"})),
    )
    return Demo(settings=settings, transports=transports, emulators=emulators)
