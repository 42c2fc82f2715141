"""Gateway auth: who the caller is, from ``Authorization: Bearer <token>``.

No header: the anonymous principal, with ``auth.anonymous_permissions``. A known token: its
configured principal. An unknown token: ``401 UNAUTHENTICATED`` before any GraphQL runs (a
wrong token is a mistake to report, not a reason to fall back to anonymous).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
)
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from gateway.config import AuthSettings
from schema.context import Principal

__all__ = ["ANONYMOUS", "AuthMiddleware", "InvalidToken", "ReadPermission", "authenticate"]

ANONYMOUS = "anonymous"


class InvalidToken(Exception):
    """An ``Authorization`` header that names no known gateway token."""


def authenticate(header: str | None, settings: AuthSettings) -> Principal:
    if not header:
        return Principal(ANONYMOUS, settings.anonymous_permissions)
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("expected 'Authorization: Bearer <token>'")
    for entry in settings.tokens:
        if hmac.compare_digest(entry.token.encode(), token.strip().encode()):
            return Principal(entry.name, entry.permissions)
    raise InvalidToken("unknown token")


class AuthMiddleware:
    """Puts the :class:`Principal` in ``scope["state"]["principal"]``, or answers 401."""

    def __init__(self, app: ASGIApp, settings: AuthSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next(
            (v.decode("latin-1") for k, v in scope["headers"] if k == b"authorization"), None
        )
        try:
            principal = authenticate(header, self.settings)
        except InvalidToken as exc:
            body = {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHENTICATED"}}]}
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"www-authenticate", b"Bearer"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": json.dumps(body).encode()})
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


class ReadPermission(SchemaExtension):
    """Queries need the ``read`` permission (introspection and ``_service`` excepted).

    Mutations check ``write`` themselves (``schema/writes.py``), and ``Collection.clients``
    checks ``clients:read``; this closes the last door, for a deployment whose anonymous
    callers may do nothing (``auth.anonymous_permissions = []``).
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        principal = getattr(context.context, "principal", None)
        if (
            context.operation_type is OperationType.QUERY
            and isinstance(principal, Principal)
            and not principal.can("read")
            and not _schema_only(context.graphql_document, context.operation_name)
        ):
            error = GraphQLError(
                "reading needs the 'read' permission", extensions={"code": "FORBIDDEN"}
            )
            context.result = ExecutionResult(data=None, errors=[error])
        yield


def _schema_only(document: DocumentNode | None, operation_name: str | None) -> bool:
    """Whether the operation asks only about the schema (``__schema``, ``__type``, ``_service``)."""
    if document is None:
        return False
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name and (definition.name is None or definition.name.value != operation_name):
            continue
        return all(
            isinstance(s, FieldNode)
            and (s.name.value.startswith("__") or s.name.value == "_service")
            for s in definition.selection_set.selections
        )
    return False
