"""Shared fixtures: the environment is cleared of GATEWAY_* so config tests see only their own."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def clean_environ() -> Iterator[None]:
    saved = {k: v for k, v in os.environ.items() if k.startswith("GATEWAY_")}
    for key in saved:
        del os.environ[key]
    yield
    for key in [k for k in os.environ if k.startswith("GATEWAY_")]:
        del os.environ[key]
    os.environ.update(saved)
