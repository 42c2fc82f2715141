"""Query limits, checked before anything executes: depth, aliases, tokens and cost.

Depth, aliases and cost are graphql-core validation rules (so a hostile query fails in
validation, before any resolver or backend call); tokens are capped while parsing. The request
body size is capped earlier still, by :class:`BodyLimitMiddleware`. Introspection fields
(``__schema``, ``__type``) are not counted, so GraphiQL's schema query always passes.

Cost model: every field costs 1, multiplied by the sizes of the lists around it. A connection
field multiplies its children by ``first`` (the default page size when absent, the maximum
page size when ``first`` is a variable); ``nodes(ids:)`` by the number of ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension

from gateway.config import LimitSettings

__all__ = ["BodyLimitMiddleware", "limit_extensions"]


def limit_extensions(limits: LimitSettings) -> list[Callable[[], SchemaExtension]]:
    """Extension factories (strawberry builds a fresh extension per request)."""
    rule = _shape_rule(limits)
    return [
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: AddValidationRules([rule]),
    ]


def _shape_rule(limits: LimitSettings) -> type[ValidationRule]:
    class QueryShapeRule(ValidationRule):
        """Reports depth, alias and cost overruns, one error each, with a stable code."""

        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            fragments = {
                d.name.value: d
                for d in context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            self.measure = _Measure(fragments, limits)

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            shape = self.measure.selection(node.selection_set)
            if shape.aliases > limits.max_aliases:
                self._report(
                    f"the query uses {shape.aliases} aliases; at most {limits.max_aliases} "
                    "are allowed",
                    "TOO_MANY_ALIASES",
                    node,
                )
            if shape.depth > limits.max_depth:
                self._report(
                    f"the query is {shape.depth} levels deep; at most {limits.max_depth} are "
                    "allowed",
                    "QUERY_TOO_DEEP",
                    node,
                )
            if shape.cost > limits.max_cost:
                self._report(
                    f"the query could cost {shape.cost} (fields x list sizes); at most "
                    f"{limits.max_cost} is allowed: ask for smaller pages",
                    "QUERY_TOO_COSTLY",
                    node,
                )

        def _report(self, message: str, code: str, node: OperationDefinitionNode) -> None:
            self.report_error(GraphQLError(message, node, extensions={"code": code}))

    return QueryShapeRule


@dataclass(frozen=True)
class _Shape:
    aliases: int = 0
    depth: int = 0
    cost: int = 0


_EMPTY = _Shape()


class _Measure:
    """Aliases, depth and cost of selection sets, each fragment measured once.

    Measuring a fragment once and reusing the result keeps this linear in the size of the
    document: re-walking a fragment at every spread would let a small query of fragments that
    spread each other twice (a diamond) cost exponential time. A fragment cycle measures as
    empty (graphql-core reports the cycle itself).
    """

    def __init__(self, fragments: dict[str, FragmentDefinitionNode], limits: LimitSettings):
        self.fragments = fragments
        self.limits = limits
        self.done: dict[str, _Shape] = {}
        self.visiting: set[str] = set()

    def selection(self, selection_set: SelectionSetNode | None) -> _Shape:
        if selection_set is None:
            return _EMPTY
        aliases = depth = cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                part = self.field(selection)
            elif isinstance(selection, InlineFragmentNode):
                part = self.selection(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                part = self.fragment(selection.name.value)
            else:
                continue
            aliases += part.aliases
            depth = max(depth, part.depth)
            cost += part.cost
        return _Shape(aliases, depth, cost)

    def fragment(self, name: str) -> _Shape:
        if name in self.done:
            return self.done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return _EMPTY
        self.visiting.add(name)
        shape = self.selection(definition.selection_set)
        self.visiting.discard(name)
        self.done[name] = shape
        return shape

    def field(self, node: FieldNode) -> _Shape:
        inner = self.selection(node.selection_set)
        aliases = inner.aliases + (1 if node.alias else 0)
        if node.name.value.startswith("__"):
            return _Shape(aliases=aliases)  # introspection is neither deep nor costly
        multiplier = _multiplier(node, self.limits)
        return _Shape(aliases, 1 + inner.depth, 1 + multiplier * inner.cost)


def _multiplier(node: FieldNode, limits: LimitSettings) -> int:
    """How many times a field's selection may be resolved: the size of the list it returns."""
    for argument in node.arguments or ():
        name, value = argument.name.value, argument.value
        if name == "first":
            if isinstance(value, IntValueNode):
                return max(1, int(value.value))
            return limits.max_page_size  # a variable: assume the worst allowed
        if name in ("ids", "representations"):
            return (
                max(1, len(value.values)) if isinstance(value, ListValueNode) else limits.max_nodes
            )
    if node.selection_set is not None and node.name.value in _LISTS:
        return limits.default_page_size
    return 1


# Connections that default to one page when ``first`` is absent. (``setTree`` returns the few
# top-level sets; the size of the tree is counted by the ``children`` pages below them.)
_LISTS = frozenset({"collections", "galleries", "sets", "images", "children"})


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413, before anything parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        payload = {
            "errors": [
                {
                    "message": f"the request body is larger than {self.max_bytes} bytes",
                    "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                }
            ]
        }
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(payload).encode()})
