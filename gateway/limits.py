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
from collections.abc import Callable, Iterable
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
            self.fragments = {
                d.name.value: d
                for d in context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            aliases = _count_aliases(node.selection_set, self.fragments, set())
            if aliases > limits.max_aliases:
                self._report(
                    f"the query uses {aliases} aliases; at most {limits.max_aliases} are allowed",
                    "TOO_MANY_ALIASES",
                    node,
                )
            depth = _depth(node.selection_set, self.fragments, set())
            if depth > limits.max_depth:
                self._report(
                    f"the query is {depth} levels deep; at most {limits.max_depth} are allowed",
                    "QUERY_TOO_DEEP",
                    node,
                )
            cost = _cost(node.selection_set, self.fragments, set(), limits)
            if cost > limits.max_cost:
                self._report(
                    f"the query could cost {cost} (fields x list sizes); at most "
                    f"{limits.max_cost} is allowed: ask for smaller pages",
                    "QUERY_TOO_COSTLY",
                    node,
                )

        def _report(self, message: str, code: str, node: OperationDefinitionNode) -> None:
            self.report_error(GraphQLError(message, node, extensions={"code": code}))

    return QueryShapeRule


def _fields(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: set[str],
) -> Iterable[FieldNode]:
    """The fields of a selection set, with fragments inlined (a fragment cycle stops)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, visiting)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in visiting:
                yield from _fields(fragment.selection_set, fragments, visiting | {name})


def _is_introspection(node: FieldNode) -> bool:
    return node.name.value.startswith("__")


def _count_aliases(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: set[str],
) -> int:
    total = 0
    for node in _fields(selection_set, fragments, visiting):
        total += 1 if node.alias else 0
        total += _count_aliases(node.selection_set, fragments, visiting)
    return total


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: set[str],
) -> int:
    deepest = 0
    for node in _fields(selection_set, fragments, visiting):
        if _is_introspection(node):
            continue
        inner = _depth(node.selection_set, fragments, visiting) if node.selection_set else 0
        deepest = max(deepest, 1 + inner)
    return deepest


def _multiplier(node: FieldNode, limits: LimitSettings) -> int:
    for argument in node.arguments or ():
        name, value = argument.name.value, argument.value
        if name == "first":
            if isinstance(value, IntValueNode):
                return max(1, int(value.value))
            return limits.max_page_size  # a variable: assume the worst allowed
        if name == "ids":
            return (
                max(1, len(value.values)) if isinstance(value, ListValueNode) else limits.max_nodes
            )
    if node.selection_set is not None and node.name.value in _CONNECTIONS:
        return limits.default_page_size
    return 1


# Connection fields that default to a page when ``first`` is absent.
_CONNECTIONS = frozenset({"collections", "galleries", "sets", "images", "children"})


def _cost(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: set[str],
    limits: LimitSettings,
) -> int:
    total = 0
    for node in _fields(selection_set, fragments, visiting):
        if _is_introspection(node):
            continue
        inner = _cost(node.selection_set, fragments, visiting, limits) if node.selection_set else 0
        total += 1 + _multiplier(node, limits) * inner
    return total


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
