"""The assembled schema: an Apollo Federation v2 subgraph.

``@key(fields: "id")`` is on every Node type, and each has a ``resolve_reference`` that goes
through the request's loaders, so ``_entities`` for many representations costs one batched
backend call per (source, type).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext, Info

from adapters.errors import BackendError
from schema.context import context_of
from schema.errors import GatewayInputError, InvalidArgument
from schema.mutations import Mutation
from schema.query import Query
from schema.types import Collection, Gallery, Image, Operation, Set

__all__ = ["ENTITY_TYPES", "GatewaySchema", "build_schema", "sdl"]

#: The federation entities (``@key(fields: "id")``) this subgraph resolves.
ENTITY_TYPES = frozenset({"Collection", "Gallery", "Set", "Image", "Operation"})

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

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        """``_entities``, refusing malformed representations one by one with a coded error.

        strawberry would raise on an unknown ``__typename`` (failing the whole field) or call
        ``resolve_reference`` with whatever keys came; here each bad one is ``BAD_USER_INPUT``
        in its own slot, and the number per request is capped like ``nodes(ids:)``.
        """
        limit = context_of(info).limits.max_nodes
        if len(representations) > limit:
            raise InvalidArgument(
                f"at most {limit} representations at once", field="representations"
            )
        results: list[Any] = [None] * len(representations)
        good: list[int] = []
        for index, representation in enumerate(representations):
            problem = _representation_problem(representation)
            if problem is None:
                good.append(index)
            else:
                results[index] = InvalidArgument(problem, field="representations")
        resolved = super().entities_resolver(info, [representations[i] for i in good])
        for index, value in zip(good, resolved, strict=True):
            results[index] = value
        return results


def _representation_problem(representation: object) -> str | None:
    if not isinstance(representation, dict):
        return "a representation must be an object"
    typename = representation.get("__typename")
    if typename not in ENTITY_TYPES:
        return f"__typename must be one of {', '.join(sorted(ENTITY_TYPES))}"
    if set(representation) != {"__typename", "id"} or not isinstance(representation["id"], str):
        return "a representation is {__typename, id} with the id a string"
    return None


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
