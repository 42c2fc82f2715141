"""The assembled schema: an Apollo Federation v2 subgraph.

``@key(fields: "id")`` is on every Node type, and each has a ``resolve_reference`` that goes
through the request's loaders, so ``_entities`` for many representations costs one batched
backend call per (source, type).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import strawberry
from strawberry.extensions import SchemaExtension

from schema.mutations import Mutation
from schema.query import Query
from schema.types import Collection, Gallery, Image, Operation, Set

__all__ = ["build_schema", "sdl"]


def build_schema(
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
) -> strawberry.federation.Schema:
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Collection, Gallery, Set, Image, Operation],
        extensions=list(extensions),
    )


def sdl() -> str:
    """The schema's SDL, as committed in ``schema/schema.graphql``."""
    return build_schema().as_str() + "\n"
