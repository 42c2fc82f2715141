"""The DPG emulator's in-memory store: sets, images, snapshots, Operations, tokens.

All time comes from the injected clock. Writes are queued as :class:`Operation` objects whose
work runs when the clock reaches their due time (:meth:`DPGState.settle`, called on every
request), so a test can hold an Operation ``queued``/``running`` and then release it.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from adapters.dpg.emulator.seed import SeededAccount, SeedImage, seed_account
from adapters.emulation import Clock

__all__ = [
    "ACCESS_TOKEN_SECONDS",
    "ALL_SCOPES",
    "JSON",
    "APIError",
    "DPGState",
    "Operation",
    "OperationFailure",
    "SetState",
    "Snapshot",
    "Token",
    "User",
    "Visibility",
]

JSON = dict[str, object]

ALL_SCOPES = (
    "api.images.read",
    "api.images.write",
    "api.images.delete",
    "api.keywords.write",
    "api.ratings.write",
    "api.metadata.write",
    "api.sets.write",
    "api.upload",
    "api.download",
)
ACCESS_TOKEN_SECONDS = 900
IDEMPOTENCY_RETENTION = timedelta(hours=24)
CDN = "https://media.digitalphotogallery.com"


class APIError(Exception):
    """An error answer in DPG's shape: ``{"error": {code, message, detail, field, request_id}}``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        detail: str | None = None,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.field = field
        self.headers = headers or {}


class OperationFailure(Exception):
    """Raised by an Operation's work: the Operation ends ``failed`` with this error."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


@dataclass
class Visibility:
    hidden: bool
    activation_time: datetime | None = None

    def embargoed(self, now: datetime) -> bool:
        return self.activation_time is not None and now < self.activation_time


@dataclass
class SetState:
    public_uuid: str
    name: str
    description: str | None
    colour: str
    type: str
    parent: str | None
    created_at: datetime
    updated_at: datetime
    children: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    visibility: dict[str, Visibility] = field(default_factory=dict)
    lead_image: str | None = None


@dataclass(frozen=True)
class Snapshot:
    uuid: str
    set_uuid: str
    created_at: datetime
    reason: str
    images: tuple[str, ...]
    visibility: tuple[tuple[str, Visibility], ...]
    children: tuple[str, ...]


@dataclass
class Operation:
    uuid: str
    type: str
    created_at: datetime
    due_at: datetime
    set_uuids: list[str]
    image_uuids: list[str]
    work: Callable[[], JSON]
    finished: bool = False
    result: JSON | None = None
    error: JSON | None = None
    updated_at: datetime | None = None

    def status(self, now: datetime) -> str:
        if self.finished:
            return "failed" if self.error is not None else "succeeded"
        halfway = self.created_at + (self.due_at - self.created_at) / 2
        return "queued" if now < halfway else "running"


@dataclass(frozen=True)
class Token:
    value: str
    uuid: str
    name: str
    scopes: tuple[str, ...]
    kind: str  # "service" | "user"
    expires_at: datetime | None = None
    user_login: str | None = None


@dataclass
class User:
    uuid: str
    login: str
    password: str
    name: str
    failures: list[datetime] = field(default_factory=list)


@dataclass
class _IdempotencyRecord:
    fingerprint: str
    operation_uuid: str
    created_at: datetime


class DPGState:
    """The whole emulated account. See the package docstring for behaviour choices."""

    def __init__(
        self,
        clock: Clock,
        *,
        seed: int = 7,
        operation_delay: float = 0.0,
        api_enabled: bool = True,
        sign_in_attempts: int = 5,
        sign_in_lockout: float = 60.0,
    ) -> None:
        self.clock = clock
        self.operation_delay = operation_delay
        self.api_enabled = api_enabled
        self.sign_in_attempts = sign_in_attempts
        self.sign_in_lockout = sign_in_lockout
        self._rng = random.Random(seed * 7919 + 1)
        # Request ids get their own seeded stream, so how many errors a test provokes never
        # shifts the ids of the sets, snapshots and Operations made after them.
        self._request_rng = random.Random(seed * 7919 + 2)
        account = seed_account(seed)
        self.account: SeededAccount = account
        self.images: dict[str, SeedImage] = account.images
        self.sets: dict[str, SetState] = {}
        for node in account.sets.values():
            self.sets[node.public_uuid] = SetState(
                public_uuid=node.public_uuid,
                name=node.name,
                description=node.description,
                colour=node.colour,
                type=node.type,
                parent=node.parent,
                created_at=node.created_at,
                updated_at=node.created_at,
                children=list(node.children),
                images=list(node.images),
                visibility={u: Visibility(hidden=False) for u in node.images},
                lead_image=node.images[0] if node.images else None,
            )
        self.top_level: list[str] = list(account.top_level)
        self.snapshots: dict[str, list[Snapshot]] = {}
        self.operations: dict[str, Operation] = {}
        self._pending: list[str] = []
        self._idempotency: dict[str, _IdempotencyRecord] = {}
        self.tokens: dict[str, Token] = {}
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> user login
        self.service_token = self.issue_token("Gateway integration", ALL_SCOPES)
        self.read_only_token = self.issue_token("Read-only reporting", ("api.images.read",))
        self.user = User(
            uuid=self.new_uuid(),
            login="editor@myfest.example",
            password="correct horse battery staple",
            name="Festival Editor",
        )

    # ---- identity -------------------------------------------------------------------------

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def new_request_id(self) -> str:
        """A ``request_id`` for an error when the client sent no ``X-Request-Id``."""
        return f"req-{self._request_rng.getrandbits(64):016x}"

    def now(self) -> datetime:
        return self.clock.now()

    def issue_token(
        self,
        name: str,
        scopes: tuple[str, ...],
        *,
        kind: str = "service",
        expires_at: datetime | None = None,
        user_login: str | None = None,
    ) -> Token:
        prefix = "dpg_api_live_" if kind == "service" else "dpg_user_"
        token = Token(
            value=prefix + f"{self._rng.getrandbits(160):040x}",
            uuid=self.new_uuid(),
            name=name,
            scopes=scopes,
            kind=kind,
            expires_at=expires_at,
            user_login=user_login,
        )
        self.tokens[token.value] = token
        return token

    def issue_refresh_token(self, login: str) -> str:
        value = f"dpg_refresh_{self._rng.getrandbits(192):048x}"
        self.refresh_tokens[value] = login
        return value

    # ---- reads ----------------------------------------------------------------------------

    def listed_images(self, node: SetState) -> list[tuple[str, Visibility]]:
        """The set's images as ``/images`` lists them: embargoed ones are left out."""
        now = self.now()
        out: list[tuple[str, Visibility]] = []
        for image_uuid in node.images:
            vis = node.visibility.get(image_uuid, Visibility(hidden=False))
            if not vis.embargoed(now):
                out.append((image_uuid, vis))
        return out

    def siblings(self, parent: str | None) -> list[str]:
        return self.top_level if parent is None else self.sets[parent].children

    def image_sets(self, image_uuid: str) -> list[str]:
        return [u for u, node in self.sets.items() if image_uuid in node.visibility]

    def set_json(self, node: SetState) -> JSON:
        website = self.account.website
        return {
            "public_uuid": node.public_uuid,
            "name": node.name,
            "description": node.description,
            "colour": node.colour,
            "type": node.type,
            "parent_public_uuid": node.parent,
            "lead_image_public_uuid": node.lead_image,
            "position": self.siblings(node.parent).index(node.public_uuid),
            "image_count": len(self.listed_images(node)),
            "child_count": len(node.children),
            "website": {"uuid": website.uuid, "name": website.name, "url": website.url},
            "created_at": _iso(node.created_at),
            "updated_at": _iso(node.updated_at),
        }

    def tree_json(self, set_uuids: list[str]) -> list[JSON]:
        out: list[JSON] = []
        for position, set_uuid in enumerate(set_uuids):
            node = self.sets[set_uuid]
            out.append(
                {
                    "public_uuid": node.public_uuid,
                    "name": node.name,
                    "colour": node.colour,
                    "type": node.type,
                    "parent_public_uuid": node.parent,
                    "position": position,
                    "image_count": len(self.listed_images(node)),
                    "child_count": len(node.children),
                    "children": self.tree_json(node.children),
                }
            )
        return out

    def image_json(self, image: SeedImage) -> JSON:
        slug = image.title.lower().replace(",", "").replace(" ", "-")
        code = image.public_uuid.replace("-", "")[:4]
        stamp = image.updated_at.strftime("%Y%m%d%H%M%S")
        versions: list[JSON] = []
        for version in image.versions:
            entry: JSON = {"name": version.name, "width": version.width, "height": version.height}
            if version.private:
                entry["access"] = "private"  # private originals are not on the CDN: no url
            else:
                entry["access"] = "public"
                entry["url"] = (
                    f"{CDN}/{self.account.account_code}/images/{image.public_uuid}/"
                    f"{slug}_website_image_{code}_{version.name}.jpg?{stamp}"
                )
            versions.append(entry)
        return {
            "public_uuid": image.public_uuid,
            "title": image.title,
            "description": image.description,
            "filename": image.filename,
            "alt_text": image.alt_text,
            "width": image.width,
            "height": image.height,
            "creation_date": _iso(image.creation_date),
            "created_at": _iso(image.created_at),
            "updated_at": _iso(image.updated_at),
            "rating": image.rating,
            "rotation": 0,
            "has_video": False,
            "keywords": [{"namespace": ns, "value": value} for ns, value in image.keywords],
            "metadata": dict(image.metadata),
            "exif": dict(image.exif),
            "set_public_uuids": self.image_sets(image.public_uuid),
            "versions": versions,
        }

    def snapshot_json(self, snapshot: Snapshot) -> JSON:
        return {
            "uuid": snapshot.uuid,
            "set_public_uuid": snapshot.set_uuid,
            "created_at": _iso(snapshot.created_at),
            "reason": snapshot.reason,
            "image_count": len(snapshot.images),
        }

    def operation_json(self, op: Operation) -> JSON:
        return {
            "uuid": op.uuid,
            "status": op.status(self.now()),
            "type": op.type,
            "set_public_uuids": list(op.set_uuids),
            "image_public_uuids": list(op.image_uuids),
            "result": op.result,
            "error": op.error,
            "created_at": _iso(op.created_at),
            "updated_at": _iso(op.updated_at or op.created_at),
        }

    # ---- writes ---------------------------------------------------------------------------

    def replay(
        self, account_key: str, idempotency_key: str, fingerprint: object
    ) -> Operation | None:
        """The Operation this key already made for this very request, if any.

        Checked before anything else, so a retry after a dropped response gets the original
        Operation even when the work has since changed what the request points at.
        Raises ``409 idempotency_key_conflict`` when the key was used for a different request.
        """
        known = self._idempotency.get(f"{account_key}:{idempotency_key}")
        if known is None or self.now() - known.created_at >= IDEMPOTENCY_RETENTION:
            return None
        if known.fingerprint != _digest(fingerprint):
            raise APIError(
                409,
                "idempotency_key_conflict",
                "This Idempotency-Key was already used for a different request.",
                detail="send a new key for a new request",
                field="Idempotency-Key",
            )
        return self.operations[known.operation_uuid]

    def submit(
        self,
        *,
        account_key: str,
        idempotency_key: str,
        fingerprint: object,
        type: str,
        set_uuids: list[str],
        image_uuids: list[str],
        work: Callable[[], JSON],
    ) -> Operation:
        """Queue ``work`` as an Operation remembered under the idempotency key."""
        now = self.now()
        op = Operation(
            uuid=f"op-{self.new_uuid()}",
            type=type,
            created_at=now,
            due_at=now + timedelta(seconds=self.operation_delay),
            set_uuids=set_uuids,
            image_uuids=image_uuids,
            work=work,
        )
        self.operations[op.uuid] = op
        self._pending.append(op.uuid)
        self._idempotency[f"{account_key}:{idempotency_key}"] = _IdempotencyRecord(
            _digest(fingerprint), op.uuid, now
        )
        self.settle()
        return op

    def settle(self) -> None:
        """Run every queued Operation whose due time has come, oldest first."""
        now = self.now()
        while self._pending and self.operations[self._pending[0]].due_at <= now:
            op = self.operations[self._pending.pop(0)]
            try:
                op.result = op.work()
            except OperationFailure as failure:
                op.error = {
                    "code": failure.code,
                    "message": failure.message,
                    "detail": failure.message,
                    "field": failure.field,
                }
            op.finished = True
            op.updated_at = now

    def existing_set(self, set_uuid: str) -> SetState:
        node = self.sets.get(set_uuid)
        if node is None:
            raise OperationFailure("set_not_found", f"No set {set_uuid}.", field="public_uuid")
        return node

    def take_snapshot(self, node: SetState, reason: str) -> Snapshot:
        snapshot = Snapshot(
            uuid=self.new_uuid(),
            set_uuid=node.public_uuid,
            created_at=self.now(),
            reason=reason,
            images=tuple(node.images),
            visibility=tuple(
                (u, Visibility(v.hidden, v.activation_time)) for u, v in node.visibility.items()
            ),
            children=tuple(node.children),
        )
        self.snapshots.setdefault(node.public_uuid, []).insert(0, snapshot)
        return snapshot

    def is_descendant(self, candidate: str, ancestor: str) -> bool:
        node = self.sets.get(candidate)
        while node is not None:
            if node.public_uuid == ancestor:
                return True
            node = self.sets.get(node.parent) if node.parent else None
        return False

    def remove_set(self, set_uuid: str) -> None:
        """Delete a set and, with it, every set nested inside it (images stay in the library)."""
        node = self.sets.pop(set_uuid)
        self.siblings(node.parent).remove(set_uuid)
        self.snapshots.pop(set_uuid, None)
        for child in list(node.children):
            node.children.remove(child)
            self._drop_subtree(child)

    def _drop_subtree(self, set_uuid: str) -> None:
        node = self.sets.pop(set_uuid)
        self.snapshots.pop(set_uuid, None)
        for child in node.children:
            self._drop_subtree(child)


def _digest(fingerprint: object) -> str:
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")
