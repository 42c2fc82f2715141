"""The DPG ``/v1`` routes: reads, set writes (202 + Operation), user-token auth, ``/v1/me``.

See the package docstring for every behaviour the public docs leave open.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adapters.dpg.emulator.state import (
    ACCESS_TOKEN_SECONDS,
    ALL_SCOPES,
    JSON,
    APIError,
    DPGState,
    Token,
)
from adapters.dpg.emulator.validation import invalid, require_str
from adapters.dpg.emulator.writes import (
    PlannedWrite,
    plan_add_images,
    plan_create,
    plan_delete,
    plan_order,
    plan_remove_images,
    plan_reorder,
    plan_restore,
    plan_update,
    plan_visibility,
)

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "create_app"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
READ = "api.images.read"
SETS_WRITE = "api.sets.write"

Handler = Callable[[Request], Awaitable[Response]]


def create_app(state: DPGState) -> Starlette:
    """The Starlette app over ``state`` (wrap it in ``EmulatorMiddleware`` to journal it)."""
    api = _API(state)
    # One route per path, so a wrong method's 405 lists every method the path allows. The
    # fixed paths come before "/v1/sets/{u}", which would otherwise take "tree" as an id.
    endpoints: dict[str, dict[str, Handler]] = {
        "/v1/me": {"GET": api.guard(api.me)},
        "/v1/auth/sign_in": {"POST": api.errors(api.sign_in)},
        "/v1/auth/token": {"POST": api.errors(api.token)},
        "/v1/sets": {"GET": api.guard(api.list_sets), "POST": api.guard(api.create_set)},
        "/v1/sets/tree": {"GET": api.guard(api.tree)},
        "/v1/sets/reorder": {"PATCH": api.guard(api.reorder)},
        "/v1/sets/{u}": {
            "GET": api.guard(api.get_set),
            "PATCH": api.guard(api.update_set),
            "DELETE": api.guard(api.delete_set),
        },
        "/v1/sets/{u}/images": {
            "GET": api.guard(api.set_images),
            "POST": api.guard(api.add_images),
            "DELETE": api.guard(api.remove_images),
        },
        "/v1/sets/{u}/order": {"PATCH": api.guard(api.order)},
        "/v1/sets/{u}/visibility": {"PATCH": api.guard(api.visibility)},
        "/v1/sets/{u}/snapshots": {"GET": api.guard(api.snapshots)},
        "/v1/sets/{u}/restore": {"POST": api.guard(api.restore)},
        "/v1/images": {"GET": api.guard(api.list_images)},
        "/v1/images/{u}": {"GET": api.guard(api.get_image)},
        "/v1/operations/{u}": {"GET": api.guard(api.operation)},
    }
    routes = [
        Route(path, _dispatch(handlers), methods=list(handlers))
        for path, handlers in endpoints.items()
    ]
    return Starlette(
        routes=routes,
        exception_handlers={404: api.not_found, 405: api.method_not_allowed},
    )


def _dispatch(handlers: Mapping[str, Handler]) -> Handler:
    async def endpoint(request: Request) -> Response:
        # Starlette allows HEAD wherever GET is allowed; HEAD is answered as the GET.
        method = "GET" if request.method == "HEAD" else request.method
        return await handlers[method](request)

    return endpoint


class _API:
    def __init__(self, state: DPGState) -> None:
        self.state = state

    # ---- plumbing -------------------------------------------------------------------------

    def errors(self, handler: Handler) -> Handler:
        async def run(request: Request) -> Response:
            self.state.settle()
            try:
                return await handler(request)
            except APIError as error:
                return self.error_response(request, error)

        return run

    def error_response(self, request: Request, error: APIError) -> Response:
        request_id = request.headers.get("x-request-id") or self.state.new_request_id()
        return _error(request, error, request_id)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        """No route has this path: the DPG error shape rather than Starlette's plain text."""
        error = APIError(404, "not_found", f"No endpoint {request.url.path}.")
        return self.error_response(request, error)

    async def method_not_allowed(self, request: Request, exc: Exception) -> Response:
        """The path exists but not with this method; ``Allow`` lists the methods it takes."""
        headers = exc.headers if isinstance(exc, HTTPException) else None
        # Starlette joins a set, whose order changes from run to run: sort it.
        allowed = (headers or {}).get("Allow", "").split(",")
        allow = ", ".join(sorted(m.strip() for m in allowed if m.strip()))
        error = APIError(
            405,
            "method_not_allowed",
            f"{request.method} is not allowed on {request.url.path}.",
            detail=f"allowed: {allow}" if allow else None,
            headers={"Allow": allow} if allow else None,
        )
        return self.error_response(request, error)

    def guard(self, handler: Handler) -> Handler:
        """Account switch first (``api_not_enabled`` whatever the token), then the token."""

        async def run(request: Request) -> Response:
            if not self.state.api_enabled:
                raise APIError(403, "api_not_enabled", "The API is not enabled for this account.")
            request.state.token = self._token(request)
            return await handler(request)

        return self.errors(run)

    def _token(self, request: Request) -> Token:
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        token = self.state.tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise APIError(401, "unauthorized", "A valid bearer token is required.")
        if token.expires_at is not None and self.state.now() >= token.expires_at:
            raise APIError(401, "unauthorized", "The access token has expired.", detail="expired")
        return token

    @staticmethod
    def _need(request: Request, scope: str) -> None:
        token: Token = request.state.token
        if scope not in token.scopes:
            raise APIError(403, "forbidden", f"This token lacks the {scope} scope.")

    def _set(self, request: Request) -> str:
        set_uuid = request.path_params["u"]
        if set_uuid not in self.state.sets:
            raise APIError(404, "set_not_found", f"No set {set_uuid}.", field="public_uuid")
        return str(set_uuid)

    # ---- reads ----------------------------------------------------------------------------

    async def me(self, request: Request) -> Response:
        token: Token = request.state.token
        account = self.state.account
        payload: JSON = {
            "account": {
                "uuid": account.account_uuid,
                "name": account.account_name,
                "unique_id": account.account_code,
            },
            "capabilities": list(token.scopes),
        }
        if token.kind == "service":
            payload["service_token"] = {"uuid": token.uuid, "name": token.name}
        else:
            payload["user"] = {"uuid": self.state.user.uuid, "login": token.user_login}
        return _ok(request, payload)

    async def list_sets(self, request: Request) -> Response:
        self._need(request, READ)
        parent = request.query_params.get("parent_public_uuid")
        if parent is not None and parent not in self.state.sets:
            raise APIError(404, "set_not_found", f"No set {parent}.", field="parent_public_uuid")
        ids = self.state.siblings(parent or None)
        return _page(request, [self.state.set_json(self.state.sets[u]) for u in ids])

    async def tree(self, request: Request) -> Response:
        self._need(request, READ)
        return _ok(request, self.state.tree_json(self.state.top_level))

    async def get_set(self, request: Request) -> Response:
        self._need(request, READ)
        return _ok(request, self.state.set_json(self.state.sets[self._set(request)]))

    async def set_images(self, request: Request) -> Response:
        self._need(request, READ)
        node = self.state.sets[self._set(request)]
        items: list[JSON] = []
        for position, (image_uuid, vis) in enumerate(self.state.listed_images(node)):
            item = self.state.image_json(self.state.images[image_uuid])
            item["position"] = position
            item["hidden"] = vis.hidden and vis.activation_time is None
            item["activation_time"] = (
                None if vis.activation_time is None else vis.activation_time.isoformat()
            )
            items.append(item)
        return _page(request, items)

    async def snapshots(self, request: Request) -> Response:
        self._need(request, READ)
        set_uuid = self._set(request)
        snaps = self.state.snapshots.get(set_uuid, [])
        return _page(request, [self.state.snapshot_json(s) for s in snaps])

    async def list_images(self, request: Request) -> Response:
        self._need(request, READ)
        images = sorted(self.state.images.values(), key=lambda i: i.created_at, reverse=True)
        keyword = request.query_params.get("keyword")
        namespace = request.query_params.get("namespace")
        query = (request.query_params.get("query") or "").lower()
        if keyword is not None:
            images = [
                i
                for i in images
                if any(
                    v == keyword and (namespace is None or ns == namespace) for ns, v in i.keywords
                )
            ]
        if query:
            images = [
                i
                for i in images
                if query in f"{i.title} {i.filename} {' '.join(v for _, v in i.keywords)}".lower()
            ]
        return _page(request, [self.state.image_json(i) for i in images])

    async def get_image(self, request: Request) -> Response:
        self._need(request, READ)
        image = self.state.images.get(request.path_params["u"])
        if image is None:
            raise APIError(404, "image_not_found", "No such image.", field="public_uuid")
        return _ok(request, self.state.image_json(image))

    async def operation(self, request: Request) -> Response:
        op = self.state.operations.get(request.path_params["u"])
        if op is None:
            raise APIError(404, "operation_not_found", "No such operation.")
        return _ok(request, self.state.operation_json(op))

    # ---- writes ---------------------------------------------------------------------------

    async def _write(self, request: Request, plan: Callable[[JSON], PlannedWrite]) -> Response:
        self._need(request, SETS_WRITE)
        key = request.headers.get("idempotency-key", "").strip()
        if not key:
            raise APIError(
                400,
                "idempotency_key_missing",
                "Every write needs an Idempotency-Key header.",
                field="Idempotency-Key",
            )
        raw = await request.body()
        try:
            body: object = json.loads(raw) if raw else {}
        except ValueError:
            raise invalid(None, "the body is not valid JSON") from None
        fingerprint = [request.method, request.url.path, body]
        account = self.state.account.account_uuid
        op = self.state.replay(account, key, fingerprint)
        if op is None:
            if not isinstance(body, dict):
                raise invalid(None, "the body must be a JSON object")
            planned = plan(body)
            op = self.state.submit(
                account_key=account,
                idempotency_key=key,
                fingerprint=fingerprint,
                type=planned.type,
                set_uuids=planned.set_uuids,
                image_uuids=planned.image_uuids,
                work=planned.work,
            )
        headers = {"Location": f"/v1/operations/{op.uuid}"}
        return _json(request, 202, self.state.operation_json(op), headers)

    async def create_set(self, request: Request) -> Response:
        return await self._write(request, lambda body: plan_create(self.state, body))

    async def update_set(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_update(self.state, self._set(request), body)
        )

    async def delete_set(self, request: Request) -> Response:
        return await self._write(request, lambda _: plan_delete(self.state, self._set(request)))

    async def add_images(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_add_images(self.state, self._set(request), body)
        )

    async def remove_images(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_remove_images(self.state, self._set(request), body)
        )

    async def order(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_order(self.state, self._set(request), body)
        )

    async def reorder(self, request: Request) -> Response:
        return await self._write(request, lambda body: plan_reorder(self.state, body))

    async def visibility(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_visibility(self.state, self._set(request), body)
        )

    async def restore(self, request: Request) -> Response:
        return await self._write(
            request, lambda body: plan_restore(self.state, self._set(request), body)
        )

    # ---- user tokens ----------------------------------------------------------------------

    async def sign_in(self, request: Request) -> Response:
        body = await _object(request)
        login = require_str(body, "login")
        password = require_str(body, "password")
        require_str(body, "device")
        user = self.state.user
        now = self.state.now()
        window = timedelta(seconds=self.state.sign_in_lockout)
        user.failures = [t for t in user.failures if now - t < window]
        if len(user.failures) >= self.state.sign_in_attempts:
            wait = (user.failures[0] + window - now).total_seconds()
            raise APIError(
                429,
                "rate_limited",
                "Too many sign-in attempts.",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
        if login != user.login or password != user.password:
            if login == user.login:
                user.failures.append(now)
            raise APIError(401, "unauthorized", "The login or password is wrong.")
        user.failures.clear()
        account = self.state.account
        return _json(
            request,
            200,
            {
                "refresh_token": self.state.issue_refresh_token(user.login),
                "accounts": [
                    {
                        "uuid": account.account_uuid,
                        "name": account.account_name,
                        "unique_id": account.account_code,
                    }
                ],
            },
        )

    async def token(self, request: Request) -> Response:
        body = await _object(request)
        refresh = require_str(body, "refresh_token")
        account_uuid = require_str(body, "account_uuid")
        # Rotation: a refresh token works once; the old one is gone the moment it is used.
        login = self.state.refresh_tokens.pop(refresh, None)
        if login is None:
            raise APIError(401, "unauthorized", "The refresh token is not valid.")
        if account_uuid != self.state.account.account_uuid:
            raise APIError(403, "forbidden", "No access to that account.", field="account_uuid")
        if not self.state.api_enabled:
            raise APIError(403, "api_not_enabled", "The API is not enabled for this account.")
        access = self.state.issue_token(
            f"session of {login}",
            ALL_SCOPES,
            kind="user",
            expires_at=self.state.now() + timedelta(seconds=ACCESS_TOKEN_SECONDS),
            user_login=login,
        )
        return _json(
            request,
            200,
            {
                "access_token": access.value,
                "token_type": "bearer",
                "expires_in": ACCESS_TOKEN_SECONDS,
                "refresh_token": self.state.issue_refresh_token(login),
            },
        )


async def _object(request: Request) -> JSON:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise invalid(None, "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise invalid(None, "the body must be a JSON object")
    return body


def _limits(request: Request) -> tuple[int, int]:
    try:
        limit = int(request.query_params.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise invalid("limit", "limit must be an integer") from None
    try:
        offset = int(request.query_params.get("offset", 0))
    except ValueError:
        raise invalid("offset", "offset must be an integer") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise invalid("offset", "offset must not be negative")
    return limit, offset


def _page(request: Request, items: Sequence[JSON]) -> Response:
    limit, offset = _limits(request)
    chunk = list(items[offset : offset + limit])
    has_more = offset + limit < len(items)
    headers = {
        "X-Has-More": "true" if has_more else "false",
        "X-Next-Offset": str(offset + len(chunk)),
    }
    return _ok(request, chunk, headers)


def _ok(request: Request, payload: object, headers: dict[str, str] | None = None) -> Response:
    """A 200 with an ETag, or an empty 304 when ``If-None-Match`` already has it."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    extra = dict(headers or {})
    tag_source = body + json.dumps(extra, sort_keys=True).encode()
    etag = '"' + hashlib.sha256(tag_source).hexdigest()[:32] + '"'
    extra["ETag"] = etag
    request_id = request.headers.get("x-request-id")
    if request_id:
        extra["X-Request-Id"] = request_id
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=extra)
    return Response(body, status_code=200, media_type="application/json", headers=extra)


def _json(
    request: Request, status: int, payload: object, headers: dict[str, str] | None = None
) -> Response:
    extra = dict(headers or {})
    request_id = request.headers.get("x-request-id")
    if request_id:
        extra["X-Request-Id"] = request_id
    return Response(
        json.dumps(payload).encode(),
        status_code=status,
        media_type="application/json",
        headers=extra,
    )


def _error(request: Request, error: APIError, request_id: str) -> Response:
    body = {
        "error": {
            "code": error.code,
            "message": error.message,
            "detail": error.detail,
            "field": error.field,
            "request_id": request_id,
        }
    }
    return _json(request, error.status, body, error.headers)
