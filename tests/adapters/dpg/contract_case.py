"""The DPG kind's entry in the adapter contract suite."""

from __future__ import annotations

from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import create_emulator
from tests.adapters.contract import ContractCase

__all__ = ["CASE"]

CASE = ContractCase(
    kind="dpg",
    make_emulator=create_emulator,
    make_adapter=DPGAdapter,
    missing_id="00000000-0000-4000-8000-000000000000",
    malformed_id="not-a-uuid",
    options={"operation_deadline": 1.0, "poll_interval": 0.01},
)
