"""The assembled schema: an Apollo Federation v2 subgraph.

``@key(fields: "id")`` is on every Node type, and each has a ``resolve_reference`` that goes
through the request's loaders, so ``_entities`` for many representations costs one batched
backend call per (source, type).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from adapters.errors import BackendError
from schema.errors import GatewayInputError
from schema.mutations import Mutation
from schema.query import Query
from schema.types import Collection, Gallery, Image, Operation, Set

__all__ = ["GatewaySchema", "build_schema", "sdl"]

log = logging.getLogger("schema")


class GatewaySchema(strawberry.federation.Schema):
    """The federation schema, logging only what is not an expected, client-facing error.

    Backend errors, bad input and query-shape refusals are answers, not incidents: they go to
    the client with a code, and at debug level to the log. Anything else is logged with its
    traceback (by the gateway, with the request id, when it formats the error).
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, BackendError | GatewayInputError):
                log.debug("client error: %s", error.message)


def build_schema(
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
) -> strawberry.federation.Schema:
    return GatewaySchema(
        query=Query,
        mutation=Mutation,
        types=[Collection, Gallery, Set, Image, Operation],
        extensions=list(extensions),
    )


def sdl() -> str:
    """The schema's SDL, as committed in ``schema/schema.graphql``."""
    return build_schema().as_str() + "\n"
