"""Glycerine Server (IIIF image sets) as a gateway source: see :mod:`.adapter`."""

from __future__ import annotations

from adapters.iiif.glycerine.adapter import GlycerineAdapter

__all__ = ["GlycerineAdapter"]
