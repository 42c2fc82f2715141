"""Opaque global ids: (source name, type name, native id) in one URL-safe string.

A global id is ``base64url("<source>:<Type>:<native id>")`` without padding. Clients must treat
it as opaque; the gateway decodes it to route a ``node(id)`` to the right source and loader.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

__all__ = ["NODE_TYPES", "GlobalId", "InvalidId", "decode_id", "encode_id"]

NODE_TYPES = frozenset({"Collection", "Gallery", "Set", "Image", "Operation"})
MAX_ID_LENGTH = 2048


class InvalidId(ValueError):
    """A string that is not a global id this gateway made."""


@dataclass(frozen=True)
class GlobalId:
    source: str
    type: str
    native: str

    def __str__(self) -> str:
        return encode_id(self.source, self.type, self.native)


def encode_id(source: str, type_name: str, native: str) -> str:
    raw = f"{source}:{type_name}:{native}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_id(value: str, *, expect: str | None = None) -> GlobalId:
    """Decode a global id, checking its shape (and its type, when ``expect`` is given).

    Raises :class:`InvalidId` with a message safe to show to a client.
    """
    if not value or len(value) > MAX_ID_LENGTH:
        raise InvalidId("not a valid id")
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidId("not a valid id") from None
    source, sep1, rest = raw.partition(":")
    type_name, sep2, native = rest.partition(":")
    if not (sep1 and sep2 and source and native) or type_name not in NODE_TYPES:
        raise InvalidId("not a valid id")
    if expect is not None and type_name != expect:
        raise InvalidId(f"expected an id of a {expect}, got one of a {type_name}")
    return GlobalId(source, type_name, native)
