"""Native ids of Glycerine image sets, which carry their collection id.

The API fetches an image set only under its collection (``/collections/{cid}/image-sets/{id}``),
so the gateway-facing native id of an image set is ``"{collection_id}:{image_set_id}"``
(``"3:17"``); collections and images keep their plain ids (``"3"``, ``"112"``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ImageSetId", "parse_plain_id"]


@dataclass(frozen=True)
class ImageSetId:
    collection_id: int
    image_set_id: int

    def __str__(self) -> str:
        return f"{self.collection_id}:{self.image_set_id}"

    @classmethod
    def parse(cls, value: str) -> ImageSetId:
        """Read ``"{cid}:{id}"``; raises ``ValueError`` for anything else."""
        collection, sep, image_set = value.partition(":")
        if not sep:
            raise ValueError(f"not a Glycerine image set id: {value!r}")
        return cls(parse_plain_id(collection), parse_plain_id(image_set))


def parse_plain_id(value: str) -> int:
    """A collection or image id: a positive decimal integer; ``ValueError`` otherwise."""
    if not value.isascii() or not value.isdigit() or int(value) == 0:
        raise ValueError(f"not a Glycerine id: {value!r}")
    return int(value)
