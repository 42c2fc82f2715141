"""Mutations of set hierarchies: create, update or move, delete, reorder, visibility, restore."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from adapters.base import SetDraft, SetPatch, SetWriter
from schema.errors import InvalidArgument
from schema.inputs import CreateSetInput, DeletePayload, SetPayload, UpdateSetInput
from schema.writes import (
    IdempotencyKeyArg,
    Target,
    delete_payload,
    native,
    native_image_ids,
    optional_native,
    set_payload,
    target,
    write,
)

__all__ = ["SetMutations"]


def _set(info: Info[Any, Any], set_id: strawberry.ID, protocol: type, what: str) -> Target:
    """The set a mutation writes to, named by its ``setId`` argument."""
    return target(info, protocol=protocol, what=what, id=set_id, expect="Set", field="setId")


@strawberry.type
class SetMutations:
    @strawberry.mutation(description="Create a set, optionally under a parent set.")
    async def create_set(
        self, info: Info[Any, Any], input: CreateSetInput, idempotency_key: IdempotencyKeyArg = None
    ) -> SetPayload:
        t = target(info, protocol=SetWriter, what="create sets", source=input.source)
        draft = SetDraft(
            name=input.name,
            parent_id=optional_native(
                input.parent_id, expect="Set", source=t.source, field="parentId"
            ),
            description=input.description,
            colour=input.colour,
            type=input.type,
        )
        value = await write(
            info,
            "createSet",
            t,
            idempotency_key,
            {"draft": draft},
            lambda key: t.adapter.create_set(draft, idempotency_key=key),
        )
        return set_payload(t.source, value)

    @strawberry.mutation(description="Rename, recolour, set the lead image of, or move a set.")
    async def update_set(
        self, info: Info[Any, Any], input: UpdateSetInput, idempotency_key: IdempotencyKeyArg = None
    ) -> SetPayload:
        t = target(info, protocol=SetWriter, what="update sets", id=input.id, expect="Set")
        if input.move_to_top and input.parent_id:
            raise InvalidArgument("give parentId or moveToTop, not both", field="moveToTop")
        patch = SetPatch(
            name=input.name,
            description=input.description,
            colour=input.colour,
            type=input.type,
            lead_image_id=optional_native(
                input.lead_image_id, expect="Image", source=t.source, field="leadImageId"
            ),
            parent_id=optional_native(
                input.parent_id, expect="Set", source=t.source, field="parentId"
            ),
            move_to_top=bool(input.move_to_top),
        )
        value = await write(
            info,
            "updateSet",
            t,
            idempotency_key,
            {"patch": patch},
            lambda key: t.adapter.update_set(t.native, patch, idempotency_key=key),
        )
        return set_payload(t.source, value)

    @strawberry.mutation(description="Delete a set.")
    async def delete_set(
        self, info: Info[Any, Any], id: strawberry.ID, idempotency_key: IdempotencyKeyArg = None
    ) -> DeletePayload:
        t = target(info, protocol=SetWriter, what="delete sets", id=id, expect="Set")
        value = await write(
            info,
            "deleteSet",
            t,
            idempotency_key,
            {},
            lambda key: t.adapter.delete_set(t.native, idempotency_key=key),
        )
        return delete_payload(t.source, id, value)

    @strawberry.mutation(description="Put sibling sets in this order (top level when no parentId).")
    async def reorder_sets(
        self,
        info: Info[Any, Any],
        source: str,
        set_ids: list[strawberry.ID],
        parent_id: strawberry.ID | None = None,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = target(info, protocol=SetWriter, what="reorder sets", source=source)
        parent = optional_native(parent_id, expect="Set", source=source, field="parentId")
        ids = tuple(native(i, expect="Set", source=source, field="setIds") for i in set_ids)
        value = await write(
            info,
            "reorderSets",
            t,
            idempotency_key,
            {"parent": parent, "ids": ids},
            lambda key: t.adapter.reorder_sets(parent, ids, idempotency_key=key),
        )
        return set_payload(source, value)

    @strawberry.mutation(
        description="Hide or show images of a set; with activationTime, they come out then."
    )
    async def set_visibility(
        self,
        info: Info[Any, Any],
        set_id: strawberry.ID,
        image_ids: list[strawberry.ID],
        hidden: bool,
        activation_time: datetime | None = None,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = _set(info, set_id, SetWriter, "change visibility")
        ids = native_image_ids(image_ids, t.source)
        value = await write(
            info,
            "setVisibility",
            t,
            idempotency_key,
            {"ids": ids, "hidden": hidden, "at": activation_time},
            lambda key: t.adapter.set_visibility(
                t.native, ids, hidden=hidden, activation_time=activation_time, idempotency_key=key
            ),
        )
        return set_payload(t.source, value)

    @strawberry.mutation(description="Put a set back as a snapshot saved it.")
    async def restore_snapshot(
        self,
        info: Info[Any, Any],
        set_id: strawberry.ID,
        snapshot_id: strawberry.ID,
        idempotency_key: IdempotencyKeyArg = None,
    ) -> SetPayload:
        t = _set(info, set_id, SetWriter, "restore snapshots")
        value = await write(
            info,
            "restoreSnapshot",
            t,
            idempotency_key,
            {"snapshot": snapshot_id},
            lambda key: t.adapter.restore_snapshot(t.native, snapshot_id, idempotency_key=key),
        )
        return set_payload(t.source, value)
