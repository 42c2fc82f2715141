"""Gateway auth: who the caller is, from ``Authorization: Bearer <token>``.

No header: the anonymous principal, with ``auth.anonymous_permissions``. A known token: its
configured principal. An unknown token: ``401 UNAUTHENTICATED`` before any GraphQL runs (a
wrong token is a mistake to report, not a reason to fall back to anonymous).
"""

from __future__ import annotations

import hmac
import json

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.config import AuthSettings
from schema.context import Principal

__all__ = ["ANONYMOUS", "AuthMiddleware", "InvalidToken", "authenticate"]

ANONYMOUS = "anonymous"


class InvalidToken(Exception):
    pass


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
