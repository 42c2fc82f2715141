"""The Pixieset-style client-gallery adapter kind (``pixieset``)."""

from __future__ import annotations

from adapters.pixieset.adapter import PixiesetAdapter

__all__ = ["PixiesetAdapter"]
