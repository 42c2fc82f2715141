"""The Starlette routes of the emulated Pixieset gallery API (under ``/api/v1``).

See the package docstring for every behaviour, documented or chosen.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from adapters.emulation import Clock
from adapters.pixieset.emulator.payloads import (
    collection_edit_payload,
    collection_payload,
    gallery_payload,
    media_payload,
    page_meta,
    stamp,
)
from adapters.pixieset.emulator.state import Collection, Gallery, Media, Session, Studio

__all__ = ["API_PREFIX", "SESSION_COOKIE", "build_app"]

API_PREFIX = "/api/v1"
SESSION_COOKIE = "session_cookie"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Handler = Callable[[Request], Awaitable[Response]]


def _error(
    status: int, code: str, message: str, details: dict[str, list[str]] | None = None
) -> JSONResponse:
    """The general error envelope."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status)


def _flat(status: int, error: str, message: str) -> JSONResponse:
    """The flat shape auth errors use, and an unknown photo id."""
    return JSONResponse({"error": error, "message": message}, status_code=status)


def _invalid(field_name: str, message: str) -> JSONResponse:
    return _error(422, "validation_failed", "The given data was invalid.", {field_name: [message]})


class _Refused(Exception):
    """Raised inside a handler to answer with ``response`` at once."""

    def __init__(self, response: Response) -> None:
        self.response = response


@dataclass
class _RateWindow:
    """A fixed one-minute window per caller (session cookie, else client address)."""

    limit: int | None
    started: dict[str, datetime] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def retry_after(self, caller: str, now: datetime) -> int | None:
        if self.limit is None:
            return None
        start = self.started.get(caller)
        if start is None or (now - start).total_seconds() >= 60:
            self.started[caller] = now
            self.counts[caller] = 0
            start = now
        self.counts[caller] += 1
        if self.counts[caller] <= self.limit:
            return None
        return max(1, 60 - int((now - start).total_seconds()))


class _Api:
    """The handlers, over one studio and clock."""

    def __init__(self, studio: Studio, clock: Clock, rate_limit: int | None) -> None:
        self.studio = studio
        self.clock = clock
        self.window = _RateWindow(rate_limit)

    def guard(self, handler: Handler, *, auth: bool = True) -> Handler:
        async def endpoint(request: Request) -> Response:
            caller = request.cookies.get(SESSION_COOKIE) or (
                request.client.host if request.client else "anonymous"
            )
            wait = self.window.retry_after(caller, self.clock.now())
            if wait is not None:
                response = _error(429, "rate_limited", "Too many requests. Slow down.")
                response.headers["Retry-After"] = str(wait)
                return response
            try:
                if auth:
                    request.state.session = _session(request, self.studio, self.clock)
                return await handler(request)
            except _Refused as refused:
                return refused.response

        return endpoint

    def collection(self, request: Request) -> Collection:
        found = self.studio.collections.get(_numeric(request, "id", "collection"))
        if found is None:
            raise _Refused(_error(404, "resource_not_found", "Collection not found."))
        return found

    def gallery(self, request: Request) -> Gallery:
        found = self.studio.galleries.get(_numeric(request, "id", "gallery"))
        if found is None:
            raise _Refused(_error(404, "resource_not_found", "Gallery not found."))
        return found

    def media_item(self, request: Request) -> Media:
        photo_id = _numeric(request, "id", "photo")
        found = self.studio.media.get(photo_id)
        if found is None:
            # The flat not-found shape of the docs' id-formats page (see the package docstring).
            raise _Refused(_flat(404, "Resource not found", f"No photo found with ID: {photo_id}"))
        return found

    async def login(self, request: Request) -> Response:
        body = await _json_object(request)
        email, password = body.get("email"), body.get("password")
        missing = {
            name: [f"The {name} field is required."]
            for name, value in (("email", email), ("password", password))
            if not isinstance(value, str) or not value
        }
        if missing:
            return _error(422, "validation_failed", "The given data was invalid.", missing)
        assert isinstance(email, str) and isinstance(password, str)
        session = self.studio.login(email, password, self.clock.now())
        if session is None:
            return _flat(401, "Unauthorized", "Invalid email or password")
        response = JSONResponse(
            {
                "data": {
                    "csrf_token": session.csrf_token,
                    "expires_at": stamp(session.expires_at),
                    "user": _user(self.studio),
                }
            }
        )
        response.set_cookie(SESSION_COOKIE, session.token, path="/", httponly=True)
        return response

    async def logout(self, request: Request) -> Response:
        session: Session = request.state.session
        self.studio.sessions.pop(session.token, None)
        response = Response(status_code=204)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def bootstrap(self, request: Request) -> Response:
        session: Session = request.state.session
        return JSONResponse(
            {
                "data": {
                    "account": {
                        "id": 4401873,
                        "studio_name": self.studio.studio_name,
                        "plan": "pro",
                    },
                    "user": _user(self.studio),
                    "custom_url": {"subdomain": "harbourlight", "domain": None},
                    "workspace": {"timezone": "UTC", "currency": "USD", "locale": "en"},
                    "csrf_token": session.csrf_token,
                }
            }
        )

    async def list_collections(self, request: Request) -> Response:
        limit = _int_param(request, "limit", default=30, low=1, high=100)
        offset = _int_param(request, "offset", default=0, low=0, high=None)
        ordered = sorted(self.studio.collections.values(), key=lambda c: c.created_at, reverse=True)
        chunk = ordered[offset : offset + limit]
        return JSONResponse(
            {
                "data": [collection_payload(self.studio, c) for c in chunk],
                "meta": {"total": len(ordered), "limit": limit, "offset": offset},
            }
        )

    async def show_collection(self, request: Request) -> Response:
        return JSONResponse({"data": collection_payload(self.studio, self.collection(request))})

    async def edit_collection(self, request: Request) -> Response:
        return JSONResponse({"data": collection_edit_payload(self.collection(request))})

    async def update_collection(self, request: Request) -> Response:
        found = self.collection(request)
        _apply_update(found, await _json_object(request))
        found.updated_at = self.clock.now()
        return JSONResponse({"data": collection_payload(self.studio, found)})

    async def collection_galleries(self, request: Request) -> Response:
        found = self.collection(request)
        return JSONResponse(
            {"data": [gallery_payload(self.studio, g) for g in self.studio.galleries_of(found)]}
        )

    async def clients(self, request: Request) -> Response:
        found = self.collection(request)
        favorites = {c.email: 0 for c in found.clients}
        for favorite in found.favorites:
            favorites[favorite.client_email] = favorites.get(favorite.client_email, 0) + 1
        return JSONResponse(
            {
                "data": [
                    {
                        "id": c.id,
                        "email": c.email,
                        "name": c.name,
                        "access_level": c.access_level,
                        "last_accessed": stamp(c.last_accessed),
                        "favorites_count": favorites[c.email],
                    }
                    for c in found.clients
                ]
            }
        )

    async def visitor_emails(self, request: Request) -> Response:
        found = self.collection(request)
        return JSONResponse(
            {
                "data": [
                    {"email": e, "first_visited_at": stamp(at)} for e, at in found.visitor_emails
                ]
            }
        )

    async def favorites(self, request: Request) -> Response:
        found = self.collection(request)
        names = {c.email: c.name for c in found.clients}
        return JSONResponse(
            {
                "data": [
                    {
                        "photo_id": f.photo_id,
                        "gallery_id": self.studio.media[f.photo_id].gallery_id,
                        "client_email": f.client_email,
                        "client_name": names.get(f.client_email),
                        "created_at": stamp(f.created_at),
                    }
                    for f in found.favorites
                ]
            }
        )

    def download_rows(self, found: Collection, kind: str | None) -> list[dict[str, Any]]:
        return [
            {
                "id": d.id,
                "type": self.studio.media[d.photo_id].kind,
                "photo_id": d.photo_id,
                "gallery_id": self.studio.media[d.photo_id].gallery_id,
                "client_email": d.client_email,
                "size": d.size,
                "downloaded_at": stamp(d.downloaded_at),
            }
            for d in found.downloads
            if kind is None or self.studio.media[d.photo_id].kind == kind
        ]

    async def photo_downloads(self, request: Request) -> Response:
        return JSONResponse({"data": self.download_rows(self.collection(request), "photo")})

    async def video_downloads(self, request: Request) -> Response:
        return JSONResponse({"data": self.download_rows(self.collection(request), "video")})

    async def all_downloads(self, request: Request) -> Response:
        return JSONResponse({"data": self.download_rows(self.collection(request), None)})

    async def sharing_links(self, request: Request) -> Response:
        found = self.collection(request)
        return JSONResponse(
            {
                "data": [
                    {
                        "id": link.id,
                        "photo_id": link.photo_id,
                        "url": f"https://harbourlight.pixieset.com/s/{link.token}",
                        "views": link.views,
                        "created_at": stamp(link.created_at),
                    }
                    for link in found.sharing_links
                ]
            }
        )

    async def before_show(self, request: Request) -> Response:
        found = self.collection(request)
        expired = found.expiry_date is not None and found.expiry_date < self.clock.now().date()
        return JSONResponse({"data": {"allowed": True, "expired": expired}})

    async def before_download_settings(self, request: Request) -> Response:
        found = self.collection(request)
        return JSONResponse({"data": {"allowed": True, "downloadable": found.downloadable}})

    async def before_default_settings(self, request: Request) -> Response:
        _numeric(request, "id", "collection default")
        return JSONResponse({"data": {"allowed": True}})

    async def show_gallery(self, request: Request) -> Response:
        return JSONResponse({"data": gallery_payload(self.studio, self.gallery(request))})

    async def gallery_photos(self, request: Request) -> Response:
        found = self.gallery(request)
        page = _int_param(request, "page", default=1, low=1, high=None)
        per_page = _int_param(request, "per_page", default=50, low=1, high=100)
        media = self.studio.media_of(found)
        chunk = media[(page - 1) * per_page : page * per_page]
        return JSONResponse(
            {
                "data": [media_payload(self.studio, m) for m in chunk],
                "meta": page_meta(
                    page=page,
                    per_page=per_page,
                    total=len(media),
                    last_page_style=found.id % 2 == 1,
                ),
            }
        )

    async def starred(self, request: Request) -> Response:
        page = _int_param(request, "page", default=1, low=1, high=None)
        per_page = _int_param(request, "per_page", default=50, low=1, high=100)
        media = sorted((m for m in self.studio.media.values() if m.starred), key=lambda m: m.id)
        chunk = media[(page - 1) * per_page : page * per_page]
        return JSONResponse(
            {
                "data": [media_payload(self.studio, m) for m in chunk],
                "meta": page_meta(
                    page=page, per_page=per_page, total=len(media), last_page_style=True
                ),
            }
        )

    async def show_photo(self, request: Request) -> Response:
        return JSONResponse({"data": media_payload(self.studio, self.media_item(request))})


def build_app(studio: Studio, clock: Clock, *, rate_limit: int | None = None) -> Starlette:
    """The emulator app over ``studio``; ``rate_limit`` is requests per minute per caller."""
    api = _Api(studio, clock, rate_limit)
    guard = api.guard
    p = API_PREFIX
    routes = [
        Route(f"{p}/login", guard(api.login, auth=False), methods=["POST"]),
        Route(f"{p}/logout", guard(api.logout), methods=["POST"]),
        Route(f"{p}/data/bootstrap", guard(api.bootstrap)),
        Route(f"{p}/collections", guard(api.list_collections)),
        Route(f"{p}/collections/{{id}}", guard(api.show_collection)),
        Route(f"{p}/collections/{{id}}", guard(api.update_collection), methods=["PUT"]),
        Route(f"{p}/collections/{{id}}/edit", guard(api.edit_collection)),
        Route(f"{p}/collections/{{id}}/galleries", guard(api.collection_galleries)),
        Route(f"{p}/collections/{{id}}/clients", guard(api.clients)),
        Route(f"{p}/collections/{{id}}/visitor_emails", guard(api.visitor_emails)),
        Route(f"{p}/collections/{{id}}/favorites", guard(api.favorites)),
        Route(f"{p}/collections/{{id}}/photo_downloads", guard(api.photo_downloads)),
        Route(f"{p}/collections/{{id}}/gallery_video_downloads", guard(api.video_downloads)),
        Route(f"{p}/collections/{{id}}/downloads/", guard(api.all_downloads)),
        Route(f"{p}/collections/{{id}}/photo_sharing_links", guard(api.sharing_links)),
        Route(f"{p}/collections/{{id}}/before_show", guard(api.before_show)),
        Route(
            f"{p}/collections/{{id}}/before_download_settings", guard(api.before_download_settings)
        ),
        Route(
            f"{p}/collection_defaults/{{id}}/before_collection_default_settings",
            guard(api.before_default_settings),
        ),
        Route(f"{p}/galleries/{{id}}", guard(api.show_gallery)),
        Route(f"{p}/galleries/{{id}}/photos", guard(api.gallery_photos)),
        Route(f"{p}/photos/starred", guard(api.starred)),
        Route(f"{p}/photos/{{id}}", guard(api.show_photo)),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_exception},  # type: ignore[dict-item]
    )
    # The documented ``/downloads/`` keeps its slash, and ``/downloads`` is simply not a route.
    app.router.redirect_slashes = False
    return app


async def _http_exception(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 405:
        return _error(405, "method_not_allowed", "The method is not allowed for this route.")
    return _error(exc.status_code, "resource_not_found", "The requested resource was not found.")


def _session(request: Request, studio: Studio, clock: Clock) -> Session:
    session = studio.session(request.cookies.get(SESSION_COOKIE), clock.now())
    if session is None:
        raise _Refused(_flat(401, "Unauthorized", "Session expired or invalid"))
    if request.method in WRITE_METHODS:
        sent = request.headers.get("X-CSRF-Token", "")
        if not secrets.compare_digest(sent.encode(), session.csrf_token.encode()):
            raise _Refused(_flat(403, "Forbidden", "CSRF token mismatch"))
    return session


def _user(studio: Studio) -> dict[str, Any]:
    return {"id": 2210934, "name": studio.owner_name, "email": studio.email}


def _numeric(request: Request, name: str, what: str) -> int:
    raw: str = request.path_params[name]
    if not raw.isdigit() or len(raw) > 12:
        raise _Refused(_error(400, "invalid_id_format", f"The {what} id must be numeric."))
    return int(raw)


def _int_param(request: Request, name: str, *, default: int, low: int, high: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _Refused(_invalid(name, f"The {name} must be an integer.")) from None
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise _Refused(_invalid(name, f"The {name} must be {bound}."))
    return value


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise _Refused(_invalid("body", "The body must be valid JSON.")) from None
    if not isinstance(body, dict):
        raise _Refused(_invalid("body", "The body must be a JSON object."))
    return body


def _apply_update(collection: Collection, body: dict[str, Any]) -> None:
    """Validate everything first, then change: a refused update changes nothing."""
    changes: dict[str, Any] = {}
    if "name" in body:
        name = body["name"]
        if not isinstance(name, str) or not name.strip() or len(name) > 255:
            raise _Refused(_invalid("name", "The name must be a non-empty string (max 255)."))
        changes["name"] = name.strip()
    if "description" in body:
        description = body["description"]
        if description is not None and not isinstance(description, str):
            raise _Refused(_invalid("description", "The description must be a string."))
        changes["description"] = description or ""
    for flag in ("private", "downloadable"):
        if flag in body:
            if not isinstance(body[flag], bool):
                raise _Refused(_invalid(flag, f"The {flag} field must be true or false."))
            changes[flag] = body[flag]
    if "expiry_date" in body:
        changes["expiry_date"] = _expiry(body["expiry_date"])
    if "password" in body:
        password = body["password"]
        if password is not None and (not isinstance(password, str) or 0 < len(password) < 4):
            raise _Refused(_invalid("password", "The password must be at least 4 characters."))
        changes["password"] = password or None
    for name, value in changes.items():
        setattr(collection, name, value)


def _expiry(value: object) -> date | None:
    if value is None:
        return None
    refused = _Refused(_invalid("expiry_date", "The expiry date must be a date (YYYY-MM-DD)."))
    if not isinstance(value, str):
        raise refused
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise refused from None
