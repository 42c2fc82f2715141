"""IIIF sources: plain IIIF Presentation collections and manifests (kind ``iiif``).

The reader (:mod:`.presentation`), the Image API helpers (:mod:`.image_api`, also used by the
Glycerine adapter), safe document fetching (:mod:`.documents`) and :class:`IIIFAdapter`.
"""

from __future__ import annotations

from adapters.iiif.adapter import IIIFAdapter

__all__ = ["IIIFAdapter"]
