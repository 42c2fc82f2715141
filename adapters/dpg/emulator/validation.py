"""Request-body checks the DPG emulator makes on arrival ("every request is checked as it
arrives"): shapes, types, id formats and the admin's fixed choices. Each failure is ``400
validation`` naming the field. Whether an id names something that exists is not checked here:
that is the Operation's job (see the package docstring).
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from adapters.dpg.emulator.seed import COLOURS, SET_TYPES
from adapters.dpg.emulator.state import JSON, APIError

__all__ = [
    "MAX_IDS",
    "MAX_NAME",
    "invalid",
    "is_uuid",
    "optional_str",
    "optional_time",
    "optional_uuid",
    "require_bool",
    "require_choice",
    "require_name",
    "require_str",
    "require_uuid",
    "require_uuid_list",
    "set_fields",
]

MAX_NAME = 191
MAX_IDS = 200
# Only the canonical 36-character form: DPG hands ids out that way, and a braced, URN or
# unhyphenated spelling could never match one of them.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


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


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def require_uuid(body: JSON, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not is_uuid(value):
        raise invalid(key, f"{key} must be a uuid")
    return value


def optional_uuid(body: JSON, key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not is_uuid(value):
        raise invalid(key, f"{key} must be a uuid or null")
    return value


def require_choice(body: JSON, key: str, choices: tuple[str, ...]) -> str:
    value = body.get(key)
    # null is not a choice either: it would save a set with no colour or type at all. The
    # palette's own "none" is how a colour is cleared.
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
        if not isinstance(item, str) or not is_uuid(item):
            raise invalid(key, f"{key} must hold only uuids, not {json.dumps(item)}")
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
        out["colour"] = require_choice(body, "colour", COLOURS)
    if "type" in body:
        out["type"] = require_choice(body, "type", SET_TYPES)
    return out
