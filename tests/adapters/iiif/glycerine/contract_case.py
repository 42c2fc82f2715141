"""The Glycerine kind as the contract suite sees it."""

from __future__ import annotations

from adapters.iiif.emulator import create_emulator
from adapters.iiif.glycerine import GlycerineAdapter
from tests.adapters.contract import ContractCase

__all__ = ["CASE"]

CASE = ContractCase(
    kind="glycerine",
    make_emulator=create_emulator,
    make_adapter=GlycerineAdapter,
    missing_id="1:9999",  # collection 1 exists, image set 9999 does not
    malformed_id="not-a-glycerine-id",
    options={"image_service_level": 1},
)
