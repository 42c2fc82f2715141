"""Argument types shared by list and text fields."""

from __future__ import annotations

from typing import Annotated

import strawberry

__all__ = ["AfterArg", "FirstArg", "LanguagesArg"]

FirstArg = Annotated[
    int | None,
    strawberry.argument(description="How many items to return (default 20, at most 100)."),
]
AfterArg = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
LanguagesArg = Annotated[
    list[str] | None,
    strawberry.argument(description="Only these languages (BCP-47 codes); all when omitted."),
]
