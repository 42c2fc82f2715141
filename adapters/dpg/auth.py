"""DPG authentication as ``httpx.Auth``: a service token, or a signed-in user's tokens.

:class:`UserTokenAuth` signs in (``POST /v1/auth/sign_in``), exchanges the refresh token for a
15-minute access token (``POST /v1/auth/token``) and renews it shortly before it expires.
Because DPG rotates the refresh token on every use, the newest one is kept in memory and, when
a :class:`TokenStore` is given, persisted after every exchange and read at start, so a restart
resumes without signing in again. A lock makes concurrent requests renew once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
from datetime import datetime, timedelta

import httpx

from adapters.dpg.client import error_for_response, sign_in_answer, token_answer
from adapters.dpg.token_store import StoredGrant, TokenStore
from adapters.dpg.wire import TokenWire
from adapters.emulation import Clock, SystemClock
from adapters.errors import Unauthorized

__all__ = ["DEVICE", "RENEW_MARGIN", "ServiceTokenAuth", "UserTokenAuth"]

DEVICE = "gallery-gateway"
RENEW_MARGIN = timedelta(seconds=60)  # renew this long before the access token expires


class ServiceTokenAuth(httpx.Auth):
    """``Authorization: Bearer dpg_api_live_…``."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class UserTokenAuth(httpx.Auth):
    """Signed-in user tokens with rotating refresh tokens.

    Usage::

        auth = UserTokenAuth(login, password, base_url=url, source="dpg", store=TokenStore(path))
    """

    # Overriding async_auth_flow means reading auth answers ourselves (``aread``).
    requires_response_body = True

    def __init__(
        self,
        login: str,
        password: str,
        *,
        base_url: str,
        source: str,
        account_uuid: str | None = None,
        store: TokenStore | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._login = login
        self._password = password
        self._source = source
        self._account_uuid = account_uuid
        self._store = store
        self._clock = clock or SystemClock()
        self._lock = asyncio.Lock()
        self._access: str | None = None
        self._expires_at: datetime | None = None
        self._grant = store.read() if store is not None else None
        if self._grant is not None and account_uuid and self._grant.account_uuid != account_uuid:
            self._grant = None  # stored for another account

    @property
    def refresh_token(self) -> str | None:
        return self._grant.refresh_token if self._grant else None

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("UserTokenAuth is async only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        for attempt in range(2):
            async with self._lock:
                if not self._fresh():
                    grant = self._grant
                    token: TokenWire | None = None
                    if grant is not None:
                        response = yield self._token_request(grant)
                        await response.aread()
                        token = await self._accept_token(response, grant.account_uuid)
                    if token is None:
                        response = yield self._sign_in_request()
                        await response.aread()
                        grant = self._signed_in(response)
                        response = yield self._token_request(grant)
                        await response.aread()
                        token = await self._accept_token(response, grant.account_uuid)
                        if token is None:
                            raise error_for_response(response, self._source)
                used = self._access
            request.headers["Authorization"] = f"Bearer {used}"
            response = yield request
            if response.status_code != 401 or attempt:
                return
            # The access token was refused before its time (revoked, clock skew): renew once.
            if self._access == used:
                self._access = None

    def _fresh(self) -> bool:
        return (
            self._access is not None
            and self._expires_at is not None
            and self._clock.now() < self._expires_at - RENEW_MARGIN
        )

    def _sign_in_request(self) -> httpx.Request:
        body = {"login": self._login, "password": self._password, "device": DEVICE}
        return httpx.Request("POST", self._url("auth/sign_in"), json=body)

    def _token_request(self, grant: StoredGrant) -> httpx.Request:
        body = {"refresh_token": grant.refresh_token, "account_uuid": grant.account_uuid}
        return httpx.Request("POST", self._url("auth/token"), json=body)

    def _url(self, path: str) -> str:
        # Requests made inside an auth flow skip the client's base_url merge: make them whole.
        return f"{self._base_url}/{path}"

    def _signed_in(self, response: httpx.Response) -> StoredGrant:
        if response.status_code != 200:
            raise error_for_response(response, self._source)
        body = sign_in_answer(response, self._source)
        refresh = body.get("refresh_token")
        if not isinstance(refresh, str):
            # An mfa_token instead: a service account cannot answer an MFA prompt.
            raise Unauthorized("sign-in needs multi-factor authentication", source=self._source)
        accounts = body.get("accounts") or []
        account = self._account_uuid
        if account is None and accounts:
            account = accounts[0]["uuid"]
        if not account:
            raise Unauthorized("the user has no account to work on", source=self._source)
        return StoredGrant(refresh, account)

    async def _accept_token(self, response: httpx.Response, account_uuid: str) -> TokenWire | None:
        """Take a token answer; None when the refresh token was refused (spent or revoked)."""
        if response.status_code == 401:
            self._grant = None
            return None
        if response.status_code != 200:
            raise error_for_response(response, self._source)
        body = token_answer(response, self._source)
        access, refresh = body["access_token"], body["refresh_token"]
        seconds = body.get("expires_in", 900)
        self._access = access
        self._expires_at = self._clock.now() + timedelta(seconds=seconds)
        # The old refresh token is spent now: keep (and persist) the new one at once.
        self._grant = StoredGrant(refresh, account_uuid)
        if self._store is not None:
            await asyncio.to_thread(self._store.save, self._grant)
        return body
