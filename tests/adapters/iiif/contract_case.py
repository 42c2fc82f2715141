"""The plain IIIF kind in the contract suite, against the static IIIF host."""

from __future__ import annotations

from adapters.iiif import IIIFAdapter
from adapters.iiif.static_host import create_emulator
from tests.adapters.contract import ContractCase

__all__ = ["CASE"]

CASE = ContractCase(
    kind="iiif",
    make_emulator=create_emulator,
    make_adapter=IIIFAdapter,
    missing_id="http://iiif.emulator/manifests/v3/no-such-album.json",
    malformed_id="not a url",
    options={
        "collection_url": "/collections/top.json",
        # the emulator host name does not resolve: allow it without a DNS check
        "allow_private_networks": True,
        # the suite checks each call's backend behaviour (faults); the cache has its own tests
        "document_ttl": 0,
    },
)
