"""The DPG (Digital Photo Gallery) adapter kind: sets, galleries and images over ``/v1``."""

from __future__ import annotations

from adapters.dpg.adapter import DPGAdapter

__all__ = ["DPGAdapter"]
