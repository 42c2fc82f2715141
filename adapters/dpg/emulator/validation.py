"""Request-body checks the DPG emulator makes on arrival ("every request is checked as it
arrives"): shapes, types and the admin's fixed choices. Each failure is ``400 validation``
naming the field.
"""

from __future__ import annotations

from datetime import datetime

from adapters.dpg.emulator.seed import COLOURS, SET_TYPES
from adapters.dpg.emulator.state import JSON, APIError

__all__ = [
    "MAX_NAME",
    "invalid",
    "optional_choice",
    "optional_str",
    "optional_time",
    "require_bool",
    "require_name",
    "require_str",
    "require_uuid_list",
    "set_fields",
]

MAX_NAME = 191
MAX_IDS = 200


def invalid(field: str | None, detail: str) -> APIError:
    return APIError(400, "validation", "The request is not valid.", detail=detail, field=field)


def require_str(body: JSON, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise invalid(key, f"{key} must be a non-empty string")
    return value


def require_name(body: JSON, key: str = "name") -> str:
    value = require_str(body, key)
    if len(value) > MAX_NAME:
        raise invalid(key, f"{key} must be at most {MAX_NAME} characters")
    return value


def optional_str(body: JSON, key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise invalid(key, f"{key} must be a string or null")
    return value


def optional_choice(body: JSON, key: str, choices: tuple[str, ...]) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        raise invalid(key, f"{key} must be one of: {', '.join(choices)}")
    return value


def require_bool(body: JSON, key: str) -> bool:
    value = body.get(key)
    # Only a real JSON boolean: "yes", 1 or "true" could publish held-back images by accident.
    if not isinstance(value, bool):
        raise invalid(key, f"{key} must be true or false")
    return value


def require_uuid_list(body: JSON, key: str) -> list[str]:
    value = body.get(key)
    if not isinstance(value, list) or not value:
        raise invalid(key, f"{key} must be a non-empty array of uuids")
    if len(value) > MAX_IDS:
        raise invalid(key, f"{key} takes at most {MAX_IDS} uuids")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item:
            raise invalid(key, f"{key} must hold only uuid strings")
        if item in out:
            raise invalid(key, f"{item} is listed twice")
        out.append(item)
    return out


def optional_time(body: JSON, key: str) -> datetime | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(key, f"{key} must be an ISO-8601 timestamp")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid(key, f"{key} must be an ISO-8601 timestamp") from None
    if when.tzinfo is None:
        raise invalid(key, f"{key} needs a timezone")
    return when


def set_fields(body: JSON) -> JSON:
    """The optional set fields shared by create and update, checked."""
    out: JSON = {}
    if "description" in body:
        out["description"] = optional_str(body, "description")
    if "colour" in body:
        out["colour"] = optional_choice(body, "colour", COLOURS)
    if "type" in body:
        out["type"] = optional_choice(body, "type", SET_TYPES)
    return out
