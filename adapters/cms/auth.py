"""The CMS's bearer token, attached to every request."""

from __future__ import annotations

from collections.abc import Generator

import httpx

__all__ = ["BearerToken"]


class BearerToken(httpx.Auth):
    """``Authorization: Bearer <token>``; the token is static (no refresh flow is documented)."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request
