"""Fixtures of the Glycerine adapter tests: a freshly seeded emulator per test."""

from __future__ import annotations

import pytest

from adapters.emulation import Emulator
from adapters.iiif.emulator import create_emulator


@pytest.fixture
def emulator() -> Emulator:
    return create_emulator()
