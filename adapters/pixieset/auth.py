"""The studio session of a Pixieset source: log in, send cookie + CSRF, re-login once on 401.

:class:`PixiesetSessionAuth` is an ``httpx.Auth``: every request through the source's client
gets the session cookie (and, on writes, the ``X-CSRF-Token``). The first request logs in.
When a request comes back 401 (the session expired), the flow logs in again and resends the
request once.

Many requests fail together when a session expires under load. They share one re-login: the
session carries a generation number, and a request re-logs in only if the session it used is
still the current one once it holds the lock; otherwise someone else already renewed it, and
it simply resends with the new session.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from http.cookies import SimpleCookie

import httpx

from adapters.errors import BadUpstreamResponse
from adapters.pixieset.client import read_login

__all__ = ["SESSION_COOKIE", "PixiesetSessionAuth", "Session"]

SESSION_COOKIE = "session_cookie"
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Session:
    cookie: str
    csrf_token: str
    generation: int


class PixiesetSessionAuth(httpx.Auth):
    """Cookie-session auth with a single shared re-login. See the module docstring.

    Args:
        login_url: absolute URL of ``POST /login``.
        email, password: the studio login (``credentials["email"]``/``["password"]``).
        source: the source name, for errors.
    """

    def __init__(self, login_url: str, *, email: str, password: str, source: str) -> None:
        self._login_url = login_url
        self._email = email
        self._password = password
        self._source = source
        self._session: Session | None = None
        self._lock = asyncio.Lock()

    @property
    def session(self) -> Session | None:
        return self._session

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        session = self._session
        if session is None:
            async with self._lock:
                if self._session is None:
                    login = yield self._login_request(request)
                    self._session = await self._read(login, generation=1)
            session = self._session
        assert session is not None
        response = yield self._signed(request, session)
        if response.status_code != 401:
            return
        async with self._lock:
            current = self._session
            if current is None or current.generation == session.generation:
                login = yield self._login_request(request)
                current = await self._read(login, generation=session.generation + 1)
                self._session = current
        yield self._signed(request, current)

    def _signed(self, request: httpx.Request, session: Session) -> httpx.Request:
        # Replace whatever the client's cookie jar added: the session here is the current one.
        request.headers["Cookie"] = f"{SESSION_COOKIE}={session.cookie}"
        if request.method in _WRITE_METHODS:
            request.headers["X-CSRF-Token"] = session.csrf_token
        return request

    def _login_request(self, request: httpx.Request) -> httpx.Request:
        headers = {"Accept": "application/json"}
        request_id = request.headers.get("X-Request-Id")
        if request_id is not None:
            headers["X-Request-Id"] = request_id
        return httpx.Request(
            "POST",
            self._login_url,
            json={"email": self._email, "password": self._password},
            headers=headers,
        )

    async def _read(self, response: httpx.Response, *, generation: int) -> Session:
        """The new session, or the error-tree exception the login answer is."""
        await response.aread()
        data = read_login(response, self._source)
        cookie = _session_cookie(response)
        csrf = data.get("csrf_token")
        if cookie is None or not isinstance(csrf, str) or not csrf:
            raise BadUpstreamResponse(
                f"{self._source} login gave no session cookie or CSRF token", source=self._source
            )
        return Session(cookie=cookie, csrf_token=csrf, generation=generation)


def _session_cookie(response: httpx.Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        morsel = jar.get(SESSION_COOKIE)
        if morsel is not None and morsel.value:
            return morsel.value
    return None
