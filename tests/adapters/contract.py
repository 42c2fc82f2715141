"""What each adapter kind hands the contract suite (``tests/adapters/test_contract.py``).

Every kind adds a ``tests/adapters/<kind>/contract_case.py`` that defines ``CASE``, and
``test_contract.py`` lists them. The suite builds the kind's emulator, points an adapter at it
through ``httpx.ASGITransport`` and checks the rules of ``adapters/base.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from adapters.base import Adapter, SourceSettings
from adapters.emulation import Emulator

__all__ = ["ContractCase", "settings_for"]


@dataclass(frozen=True)
class ContractCase:
    kind: str
    make_emulator: Callable[[], Emulator]
    make_adapter: Callable[[SourceSettings, httpx.AsyncBaseTransport | None], Adapter]
    missing_id: str  # well formed for this kind, but no such object
    malformed_id: str  # not an id this backend could ever have
    options: Mapping[str, object] = field(default_factory=dict)


def settings_for(
    case: ContractCase, emulator: Emulator, *, name: str | None = None
) -> SourceSettings:
    """Source settings that point an adapter of ``case.kind`` at ``emulator`` (in-process)."""
    return SourceSettings(
        name=name or f"{case.kind}-test",
        kind=case.kind,
        base_url=f"http://{case.kind}.emulator{emulator.base_path}",
        credentials=dict(emulator.credentials),
        options=dict(case.options),
        timeout=5.0,
    )
