"""TypedDicts of the JSON DPG really sends and receives (``NotRequired`` wherever unsure).

Field names beyond those in the guides are the emulator's documented choices; the mapping
accepts the plausible variants noted on each field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, NotRequired, TypedDict, TypeVar

__all__ = [
    "AccountWire",
    "ErrorWire",
    "ImageWire",
    "KeywordWire",
    "Listing",
    "MeWire",
    "NewSetBody",
    "OperationErrorWire",
    "OperationResultWire",
    "OperationWire",
    "SetChangesBody",
    "SetWire",
    "SignInWire",
    "SnapshotWire",
    "TokenWire",
    "VersionWire",
    "VisibilityBody",
    "WebsiteWire",
]

W = TypeVar("W")


@dataclass(frozen=True)
class Listing(Generic[W]):
    """One page of a DPG list: the bare array plus what the paging headers said."""

    items: list[W]
    has_more: bool
    next_offset: int


class ErrorWire(TypedDict):
    code: str
    message: NotRequired[str]
    detail: NotRequired[str | None]
    field: NotRequired[str | None]
    request_id: NotRequired[str | None]


class WebsiteWire(TypedDict):
    uuid: NotRequired[str]
    name: NotRequired[str]
    url: NotRequired[str]


class SetWire(TypedDict):
    public_uuid: str
    name: NotRequired[str]
    description: NotRequired[str | None]
    colour: NotRequired[str | None]
    type: NotRequired[str | None]
    parent_public_uuid: NotRequired[str | None]
    lead_image_public_uuid: NotRequired[str | None]
    position: NotRequired[int]
    image_count: NotRequired[int]
    child_count: NotRequired[int]
    set_count: NotRequired[int]  # variant name of child_count
    website: NotRequired[WebsiteWire | None]
    children: NotRequired[list[SetWire]]  # tree nodes only
    created_at: NotRequired[str]
    updated_at: NotRequired[str]


class KeywordWire(TypedDict):
    value: NotRequired[str]
    keyword: NotRequired[str]  # variant name of value
    namespace: NotRequired[str | None]


class VersionWire(TypedDict):
    name: NotRequired[str]
    width: NotRequired[int | None]
    height: NotRequired[int | None]
    url: NotRequired[str | None]
    access: NotRequired[str]  # "public" | "private"


class ImageWire(TypedDict):
    public_uuid: str
    title: NotRequired[str | None]
    description: NotRequired[str | None]
    filename: NotRequired[str | None]
    alt_text: NotRequired[str | None]
    width: NotRequired[int | None]
    height: NotRequired[int | None]
    creation_date: NotRequired[str | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]
    rating: NotRequired[int | None]
    keywords: NotRequired[list[KeywordWire | str]]  # split objects, or joined "ns:value"
    metadata: NotRequired[dict[str, str | int | float | bool | None]]
    set_public_uuids: NotRequired[list[str]]
    versions: NotRequired[list[VersionWire]]
    has_video: NotRequired[bool]
    # only in /v1/sets/{u}/images:
    position: NotRequired[int]
    hidden: NotRequired[bool]
    activation_time: NotRequired[str | None]


class SnapshotWire(TypedDict):
    uuid: str
    set_public_uuid: NotRequired[str]
    created_at: NotRequired[str]
    reason: NotRequired[str | None]
    image_count: NotRequired[int]


class OperationErrorWire(TypedDict):
    code: NotRequired[str]
    message: NotRequired[str]
    detail: NotRequired[str | None]
    field: NotRequired[str | None]


class OperationResultWire(TypedDict):
    message: NotRequired[str]
    set_public_uuid: NotRequired[str | None]


class OperationWire(TypedDict):
    uuid: str
    status: str
    type: NotRequired[str]
    image_public_uuids: NotRequired[list[str]]
    set_public_uuids: NotRequired[list[str]]
    set_public_uuid: NotRequired[str]  # variant: one set
    result: NotRequired[OperationResultWire | None]
    error: NotRequired[OperationErrorWire | None]
    created_at: NotRequired[str]
    updated_at: NotRequired[str]


class AccountWire(TypedDict):
    uuid: str
    name: NotRequired[str]
    unique_id: NotRequired[str]


class MeWire(TypedDict):
    account: AccountWire
    capabilities: list[str]
    service_token: NotRequired[dict[str, str]]
    user: NotRequired[dict[str, str]]


class SignInWire(TypedDict):
    refresh_token: NotRequired[str]
    mfa_token: NotRequired[str]
    accounts: NotRequired[list[AccountWire]]


class TokenWire(TypedDict):
    access_token: str
    expires_in: NotRequired[int]
    refresh_token: str
    token_type: NotRequired[str]


class NewSetBody(TypedDict):
    name: str
    parent_public_uuid: NotRequired[str]
    description: NotRequired[str]
    colour: NotRequired[str]
    type: NotRequired[str]


class SetChangesBody(TypedDict, total=False):
    name: str
    description: str
    colour: str
    type: str
    lead_image_public_uuid: str
    parent_public_uuid: str | None


class VisibilityBody(TypedDict):
    image_public_uuids: list[str]
    hidden: bool
    activation_time: NotRequired[str]
