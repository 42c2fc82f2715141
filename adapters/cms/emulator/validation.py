"""FastAPI/Pydantic v2 style request validation for the CMS emulator.

Each ``field_*`` reader checks one value and, when it is wrong, appends an error item shaped
like Pydantic's (``type``, ``loc``, ``msg``, ``input``, optional ``ctx``) to a
:class:`Problems` list; the route raises :class:`ValidationFailed` when the list is not empty,
which the app renders as ``422 {"detail": [...]}``, as FastAPI does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

__all__ = ["JSON", "Problems", "ValidationFailed"]

JSON = object  # any decoded JSON value


class ValidationFailed(Exception):
    def __init__(self, errors: list[dict[str, object]]) -> None:
        super().__init__("request validation failed")
        self.errors = errors


class Problems:
    """Collects validation errors for one request."""

    def __init__(self) -> None:
        self.errors: list[dict[str, object]] = []

    def add(
        self,
        kind: str,
        loc: Sequence[str | int],
        msg: str,
        value: JSON,
        ctx: dict[str, object] | None = None,
    ) -> None:
        error: dict[str, object] = {"type": kind, "loc": list(loc), "msg": msg, "input": value}
        if ctx is not None:
            error["ctx"] = ctx
        self.errors.append(error)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

    def uuid(self, value: JSON, loc: Sequence[str | int]) -> str | None:
        """A canonical (lower-case, hyphenated) UUID string, or None after recording why not."""
        if not isinstance(value, str):
            self.add("uuid_type", loc, "UUID input should be a string, bytes or UUID object", value)
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            self.add(
                "uuid_parsing",
                loc,
                "Input should be a valid UUID, invalid character or length",
                value,
                {"error": "invalid character or length"},
            )
            return None

    def string(
        self, value: JSON, loc: Sequence[str | int], *, min_length: int = 0, max_length: int
    ) -> str | None:
        if not isinstance(value, str):
            self.add("string_type", loc, "Input should be a valid string", value)
            return None
        if len(value) < min_length:
            noun = "character" if min_length == 1 else "characters"
            self.add(
                "string_too_short",
                loc,
                f"String should have at least {min_length} {noun}",
                value,
                {"min_length": min_length},
            )
            return None
        if len(value) > max_length:
            self.add(
                "string_too_long",
                loc,
                f"String should have at most {max_length} characters",
                value,
                {"max_length": max_length},
            )
            return None
        return value

    def optional_string(
        self, value: JSON, loc: Sequence[str | int], *, max_length: int
    ) -> str | None:
        return None if value is None else self.string(value, loc, max_length=max_length)

    def integer(self, value: JSON, loc: Sequence[str | int], *, ge: int) -> int | None:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            number = int(value)  # Pydantic's lax mode reads numeric strings
        if number is None:
            kind, msg = (
                (
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                )
                if isinstance(value, str)
                else ("int_type", "Input should be a valid integer")
            )
            self.add(kind, loc, msg, value)
            return None
        if number < ge:
            self.add(
                "greater_than_equal",
                loc,
                f"Input should be greater than or equal to {ge}",
                value,
                {"ge": ge},
            )
            return None
        return number

    def choice(self, value: JSON, loc: Sequence[str | int], options: Sequence[str]) -> str | None:
        if isinstance(value, str) and value in options:
            return value
        expected = ", ".join(f"'{o}'" for o in options[:-1]) + f" or '{options[-1]}'"
        self.add("enum", loc, f"Input should be {expected}", value, {"expected": expected})
        return None

    def missing(self, loc: Sequence[str | int], body: JSON) -> None:
        self.add("missing", loc, "Field required", body)
