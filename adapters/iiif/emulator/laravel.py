"""How a Laravel API answers: error bodies, validation messages, and the ``Accept`` gate.

Laravel renders an exception as JSON only when the request "expects JSON" (its first
``Accept`` type is ``*/json`` or ``*+json``). Otherwise an authentication failure redirects
(302) to ``/login``, a validation failure redirects back, and other errors (403, 404, 405)
are HTML pages with the same status, whose ``<title>`` is the escaped message.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

__all__ = [
    "FORBIDDEN",
    "UNAUTHENTICATED",
    "LaravelError",
    "Validator",
    "error_response",
    "model_not_found",
    "validation_message",
    "wants_json",
]

UNAUTHENTICATED = "Unauthenticated."
FORBIDDEN = "This action is unauthorized."


class LaravelError(Exception):
    """An HTTP error as Laravel renders it: ``{"message"}`` plus ``errors`` for 422."""

    def __init__(
        self, status: int, message: str, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors


def model_not_found(model: str, key: object) -> LaravelError:
    return LaravelError(404, f"No query results for model [App\\Models\\{model}] {key}")


def wants_json(request: Request) -> bool:
    first = request.headers.get("accept", "").split(",")[0].split(";")[0].strip().lower()
    return "/json" in first or "+json" in first


def validation_message(errors: dict[str, list[str]]) -> str:
    """Laravel's summary: the first message, plus "(and N more error[s])"."""
    messages = [m for field_messages in errors.values() for m in field_messages]
    extra = len(messages) - 1
    if extra <= 0:
        return messages[0]
    return f"{messages[0]} (and {extra} more error{'s' if extra > 1 else ''})"


def error_response(request: Request, error: LaravelError) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"message": error.message}
        if error.errors is not None:
            body["errors"] = error.errors
        return JSONResponse(body, status_code=error.status)
    base = str(request.base_url).rstrip("/")
    if error.status == 401:
        return RedirectResponse(f"{base}/login", status_code=302)
    if error.status == 422:
        return RedirectResponse(request.headers.get("referer", f"{base}/"), status_code=302)
    # Blade escapes the message; a path segment (an id such as ``<b>``) can end up in it.
    title = html.escape(error.message)
    return HTMLResponse(f"<!DOCTYPE html><title>{title}</title>", status_code=error.status)


class Validator:
    """Collects field errors with Laravel's wording, then raises one 422 for all of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def string(self, key: str, *, required: bool, max_length: int = 255) -> str | None:
        """A string rule; ``required`` also refuses an empty string, ``None`` is "nullable"."""
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.fail(key, f"The {key} field is required.")
            return None
        if not isinstance(value, str):
            self.fail(key, f"The {key} field must be a string.")
            return None
        if len(value) > max_length:
            self.fail(key, f"The {key} field must not be greater than {max_length} characters.")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        """Laravel's ``boolean``: true, false, 1, 0, "1" and "0"."""
        if key not in self.data or self.data[key] is None:
            return None
        value = self.data[key]
        if value in (True, 1, "1"):
            return True
        if value in (False, 0, "0"):
            return False
        self.fail(key, f"The {key} field must be true or false.")
        return None

    def array(self, key: str) -> list[Any] | None:
        if key not in self.data or self.data[key] is None:
            return None
        value = self.data[key]
        if not isinstance(value, list):
            self.fail(key, f"The {key} field must be an array.")
            return None
        return value

    def url(self, key: str, *, required: bool) -> str | None:
        value = self.string(key, required=required, max_length=2048)
        # Laravel's ``url`` rule: a scheme and a host ("http://" alone is not a URL)
        if value is not None and (
            not value.startswith(("http://", "https://")) or not urlsplit(value).hostname
        ):
            self.fail(key, f"The {key} field must be a valid URL.")
            return None
        return value

    def metadata(self, key: str = "metadata") -> list[tuple[str, str]] | None:
        items = self.array(key)
        if items is None:
            return None
        pairs: list[tuple[str, str]] = []
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                self.fail(f"{key}.{index}.name", f"The {key}.{index}.name field is required.")
                continue
            value = item.get("value")
            pairs.append((item["name"], "" if value is None else str(value)))
        return pairs

    def check(self) -> None:
        if self.errors:
            raise LaravelError(422, validation_message(self.errors), self.errors)
