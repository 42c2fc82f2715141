"""The ``pixieset`` kind for the shared adapter contract suite."""

from __future__ import annotations

from adapters.pixieset import PixiesetAdapter
from adapters.pixieset.emulator import create_emulator
from tests.adapters.contract import ContractCase

__all__ = ["CASE"]

CASE = ContractCase(
    kind="pixieset",
    make_emulator=create_emulator,
    make_adapter=PixiesetAdapter,
    missing_id="10000000",  # 8 digits, like a collection id; the seed never uses it
    malformed_id="not-a-number",
)
