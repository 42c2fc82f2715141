"""The one place errors become GraphQL errors.

Adapters raise :mod:`adapters.errors`, the schema raises :mod:`schema.errors`; here both become
``{"message", "path", "locations", "extensions": {"code", "source", "backendCode", "field",
"requestId"}}``. Anything else is a bug: it is logged with the request id and shown to the
client only as ``INTERNAL_SERVER_ERROR`` with that id, never with a stack trace or a backend URL.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError

from adapters.errors import BackendError, RateLimited
from schema.errors import GatewayInputError

__all__ = ["format_error", "partial_error"]

log = logging.getLogger("gateway.errors")


def _root_cause(error: GraphQLError) -> BaseException | None:
    original = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


def format_error(error: GraphQLError, request_id: str) -> dict[str, Any]:
    original = _root_cause(error)
    extensions: dict[str, Any] = {}
    message = error.message
    if isinstance(original, BackendError):
        message = original.message
        extensions = {
            "code": original.code,
            "source": original.source,
            "backendCode": original.backend_code,
            "field": original.field,
        }
        if isinstance(original, RateLimited) and original.retry_after is not None:
            extensions["retryAfter"] = original.retry_after
    elif isinstance(original, GatewayInputError):
        message = original.message
        extensions = {"code": original.code, "field": original.field, "source": original.source}
    elif isinstance(original, GraphQLError | None):
        code = (error.extensions or {}).get("code")
        if code is None:
            if isinstance(error, GraphQLSyntaxError) or isinstance(original, GraphQLSyntaxError):
                code = "TOO_MANY_TOKENS" if "tokens" in message else "GRAPHQL_PARSE_FAILED"
            elif message.startswith("Variable '$"):
                code = "BAD_USER_INPUT"  # a variable value the schema cannot accept
            elif error.path is None:
                code = "GRAPHQL_VALIDATION_FAILED"
            else:
                code = "BAD_USER_INPUT"
        extensions = {**(error.extensions or {}), "code": code}
    else:
        log.error(
            "unhandled error in request %s at %s",
            request_id,
            error.path,
            exc_info=(type(original), original, original.__traceback__),
        )
        message = f"internal error (request id {request_id})"
        extensions = {"code": "INTERNAL_SERVER_ERROR"}
    extensions["requestId"] = request_id
    formatted: dict[str, Any] = {"message": message}
    if error.locations:
        formatted["locations"] = [
            {"line": loc.line, "column": loc.column} for loc in error.locations
        ]
    if error.path is not None:
        formatted["path"] = error.path
    formatted["extensions"] = {k: v for k, v in extensions.items() if v is not None}
    return formatted


def partial_error(path: list[str | int], error: Exception) -> GraphQLError:
    """A GraphQL error for a source left out of a merged list (the rest still arrives)."""
    return GraphQLError(str(error), path=path, original_error=error)
