"""Errors the schema layer raises itself (not from a backend).

Like :mod:`adapters.errors`, each carries a stable ``code``; ``gateway/errors.py`` renders both
trees into GraphQL errors.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["GatewayInputError", "InvalidArgument", "PermissionDenied", "UnknownSource"]


class GatewayInputError(Exception):
    code: ClassVar[str] = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.source = source


class InvalidArgument(GatewayInputError):
    """An argument the client can fix: a malformed id or cursor, ``first`` out of range."""

    code = "BAD_USER_INPUT"


class UnknownSource(GatewayInputError):
    code = "UNKNOWN_SOURCE"


class PermissionDenied(GatewayInputError):
    """The gateway's own authorization refused the field (no backend call was made)."""

    code = "FORBIDDEN"
