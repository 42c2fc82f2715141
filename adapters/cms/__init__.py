"""The CMS (Omnitcode-style) adapter kind ``cms``: see :mod:`adapters.cms.adapter`."""

from __future__ import annotations

from adapters.cms.adapter import CMSAdapter

__all__ = ["CMSAdapter"]
