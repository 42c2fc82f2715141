"""The CMS kind's entry in the adapter contract suite."""

from __future__ import annotations

from adapters.cms import CMSAdapter
from adapters.cms.emulator import create_emulator
from tests.adapters.contract import ContractCase

__all__ = ["CASE"]

CASE = ContractCase(
    kind="cms",
    make_emulator=create_emulator,
    make_adapter=CMSAdapter,
    missing_id="00000000-0000-4000-8000-000000000000",
    malformed_id="not-a-uuid",
    options={},
)
