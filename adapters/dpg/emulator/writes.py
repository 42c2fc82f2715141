"""The set writes of the DPG emulator, as planned Operations.

Each ``plan_*`` checks the body on arrival (400s) and returns a :class:`PlannedWrite` whose
``work`` runs when the Operation is due. References to other objects (images, parents,
snapshots, the order given) are checked by the work itself, so a stale one ends the Operation
``failed`` rather than the request: the Operation's status is the truth, not the 202.

Every write that changes a set's images, their visibility or its child sets snapshots that set
first ("every time you rearrange a set we take a snapshot of it first"); a write that changes
two sets (a move) snapshots both. The top level is no set, so it has no snapshots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from adapters.dpg.emulator.state import (
    JSON,
    DPGState,
    OperationFailure,
    SetState,
    Visibility,
)
from adapters.dpg.emulator.validation import (
    invalid,
    optional_time,
    optional_uuid,
    require_bool,
    require_name,
    require_uuid,
    require_uuid_list,
    set_fields,
)

__all__ = [
    "DEFAULT_COLOUR",
    "DEFAULT_TYPE",
    "PlannedWrite",
    "plan_add_images",
    "plan_create",
    "plan_delete",
    "plan_order",
    "plan_remove_images",
    "plan_reorder",
    "plan_restore",
    "plan_update",
    "plan_visibility",
]


#: What a new set gets when the body leaves ``colour`` or ``type`` out.
DEFAULT_COLOUR = "none"
DEFAULT_TYPE = "gallery"


@dataclass(frozen=True)
class PlannedWrite:
    type: str
    set_uuids: list[str]
    image_uuids: list[str]
    work: Callable[[], JSON]


def plan_create(state: DPGState, body: JSON) -> PlannedWrite:
    name = require_name(body)
    parent = optional_uuid(body, "parent_public_uuid")
    fields = set_fields(body)
    # The new set's uuid is known from the 202 on, so a poller can find it.
    new_uuid = state.new_uuid()

    def work() -> JSON:
        if parent is not None and parent not in state.sets:
            raise OperationFailure(
                "set_not_found", f"No parent set {parent}.", field="parent_public_uuid"
            )
        if parent is not None:
            state.take_snapshot(state.sets[parent], "create_child")
        now = state.now()
        description = fields.get("description")
        colour = fields.get("colour")
        kind = fields.get("type")
        state.sets[new_uuid] = SetState(
            public_uuid=new_uuid,
            name=name,
            description=description if isinstance(description, str) else None,
            colour=colour if isinstance(colour, str) else DEFAULT_COLOUR,
            type=kind if isinstance(kind, str) else DEFAULT_TYPE,
            parent=parent,
            created_at=now,
            updated_at=now,
        )
        state.siblings(parent).append(new_uuid)
        return {"message": "Created successfully.", "set_public_uuid": new_uuid}

    return PlannedWrite("create", [new_uuid], [], work)


def plan_update(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    fields = set_fields(body)
    if "name" in body:
        fields["name"] = require_name(body)
    if "lead_image_public_uuid" in body:
        fields["lead_image"] = require_uuid(body, "lead_image_public_uuid")
    moving = "parent_public_uuid" in body
    new_parent = optional_uuid(body, "parent_public_uuid")
    if not fields and not moving:
        raise invalid(None, "nothing to change")

    def work() -> JSON:
        node = state.existing_set(set_uuid)
        lead = fields.get("lead_image")
        if isinstance(lead, str) and lead not in node.visibility:
            raise OperationFailure(
                "image_not_found", f"{lead} is not in this set.", field="lead_image_public_uuid"
            )
        if moving:
            _move(state, node, new_parent)
        for key in ("name", "description", "colour", "type"):
            if key in fields:
                setattr(node, key, fields[key])
        if isinstance(lead, str):
            node.lead_image = lead
        node.updated_at = state.now()
        return {"message": "Updated successfully.", "set_public_uuid": set_uuid}

    return PlannedWrite("update", [set_uuid], [], work)


def _move(state: DPGState, node: SetState, new_parent: str | None) -> None:
    if new_parent is not None:
        if new_parent not in state.sets:
            raise OperationFailure(
                "set_not_found", f"No parent set {new_parent}.", field="parent_public_uuid"
            )
        if state.is_descendant(new_parent, node.public_uuid):
            raise OperationFailure(
                "validation", "A set cannot move inside itself.", field="parent_public_uuid"
            )
    if new_parent == node.parent:
        return
    # Both parents' child lists change; the top level (None) has no snapshots to take.
    for parent in (node.parent, new_parent):
        if parent is not None:
            state.take_snapshot(state.sets[parent], "move")
    state.siblings(node.parent).remove(node.public_uuid)
    node.parent = new_parent
    state.siblings(new_parent).append(node.public_uuid)


def plan_delete(state: DPGState, set_uuid: str) -> PlannedWrite:
    def work() -> JSON:
        node = state.existing_set(set_uuid)
        if node.parent is not None:
            state.take_snapshot(state.sets[node.parent], "delete_child")
        state.remove_set(set_uuid)
        return {"message": "Deleted successfully.", "set_public_uuid": set_uuid}

    return PlannedWrite("delete", [set_uuid], [], work)


def plan_add_images(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    ids = require_uuid_list(body, "image_public_uuids")

    def work() -> JSON:
        node = state.existing_set(set_uuid)
        missing = [u for u in ids if u not in state.images]
        if missing:
            raise OperationFailure(
                "image_not_found", f"No image {missing[0]}.", field="image_public_uuids"
            )
        state.take_snapshot(node, "add_images")
        for image_uuid in ids:
            if image_uuid not in node.visibility:
                node.images.append(image_uuid)
                node.visibility[image_uuid] = Visibility(hidden=False)
        node.updated_at = state.now()
        return {"message": f"Added {len(ids)} images.", "set_public_uuid": set_uuid}

    return PlannedWrite("add_images", [set_uuid], ids, work)


def plan_remove_images(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    ids = require_uuid_list(body, "image_public_uuids")

    def work() -> JSON:
        node = _with_members(state, set_uuid, ids)
        state.take_snapshot(node, "remove_images")
        for image_uuid in ids:
            node.images.remove(image_uuid)
            del node.visibility[image_uuid]
        if node.lead_image in ids:
            node.lead_image = node.images[0] if node.images else None
        node.updated_at = state.now()
        return {"message": f"Removed {len(ids)} images.", "set_public_uuid": set_uuid}

    return PlannedWrite("remove_images", [set_uuid], ids, work)


def plan_order(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    ids = require_uuid_list(body, "image_public_uuids")

    def work() -> JSON:
        node = _with_members(state, set_uuid, ids)
        state.take_snapshot(node, "order")
        # The listed images lead, in the order given; the rest keep their order after them.
        listed = set(ids)
        node.images = list(ids) + [u for u in node.images if u not in listed]
        node.updated_at = state.now()
        return {"message": "Order saved.", "set_public_uuid": set_uuid}

    return PlannedWrite("order", [set_uuid], ids, work)


def plan_reorder(state: DPGState, body: JSON) -> PlannedWrite:
    ids = require_uuid_list(body, "set_public_uuids")
    parent = optional_uuid(body, "parent_public_uuid")

    def work() -> JSON:
        if parent is not None:
            state.existing_set(parent)
        siblings = state.siblings(parent)
        if sorted(siblings) != sorted(ids):
            raise OperationFailure(
                "validation",
                "set_public_uuids must list every child of the parent exactly once.",
                field="set_public_uuids",
            )
        # A top-level reorder snapshots nothing: snapshots belong to a set.
        if parent is not None:
            state.take_snapshot(state.sets[parent], "reorder")
        siblings[:] = ids
        return {"message": "Order saved.", "set_public_uuid": parent}

    return PlannedWrite("reorder", [parent] if parent else list(ids), [], work)


def plan_visibility(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    ids = require_uuid_list(body, "image_public_uuids")
    hidden = require_bool(body, "hidden")
    activation = optional_time(body, "activation_time")

    def work() -> JSON:
        node = _with_members(state, set_uuid, ids)
        state.take_snapshot(node, "visibility")
        for image_uuid in ids:
            node.visibility[image_uuid] = Visibility(hidden=hidden, activation_time=activation)
        node.updated_at = state.now()
        return {"message": "Visibility saved.", "set_public_uuid": set_uuid}

    return PlannedWrite("visibility", [set_uuid], ids, work)


def plan_restore(state: DPGState, set_uuid: str, body: JSON) -> PlannedWrite:
    snapshot_uuid = require_uuid(body, "snapshot_uuid")

    def work() -> JSON:
        node = state.existing_set(set_uuid)
        found = [s for s in state.snapshots.get(set_uuid, []) if s.uuid == snapshot_uuid]
        if not found:
            raise OperationFailure(
                "snapshot_not_found", f"No snapshot {snapshot_uuid}.", field="snapshot_uuid"
            )
        snapshot = found[0]
        state.take_snapshot(node, "restore")
        node.images = [u for u in snapshot.images if u in state.images]
        node.visibility = {u: v for u, v in snapshot.visibility if u in state.images}
        kept = [u for u in snapshot.children if u in node.children]
        node.children[:] = kept + [u for u in node.children if u not in kept]
        node.updated_at = state.now()
        return {"message": "Snapshot restored.", "set_public_uuid": set_uuid}

    return PlannedWrite("restore", [set_uuid], [], work)


def _with_members(state: DPGState, set_uuid: str, ids: list[str]) -> SetState:
    node = state.existing_set(set_uuid)
    outside = [u for u in ids if u not in node.visibility]
    if outside:
        raise OperationFailure(
            "image_not_found", f"{outside[0]} is not in this set.", field="image_public_uuids"
        )
    return node
