"""The root Query: lookups by id, per-source and merged lists, sources, operations."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.base import Capability, OperationReader, SetTreeReader
from adapters.errors import BackendError, NotSupported
from schema.arguments import AfterArg, FirstArg
from schema.context import context_of
from schema.errors import InvalidArgument
from schema.ids import GlobalId, InvalidId, decode_id
from schema.loaders import Entity, PageKey
from schema.pagination import (
    Connection,
    Edge,
    PageInfo,
    check_first,
    connection_from_page,
    merge_pages,
    single_after,
)
from schema.records import PublicationStatus
from schema.types import (
    Collection,
    Gallery,
    Image,
    Node,
    Operation,
    Set,
    wrap_collection,
    wrap_gallery,
    wrap_image,
    wrap_operation,
    wrap_set,
)
from schema.values import Capability as CapabilityType, SourceStatus

__all__ = ["Query", "Source", "load_operation", "parse_id"]

SourceArg = Annotated[
    str | None,
    strawberry.argument(description="Only this source; all sources merged when omitted."),
]


def parse_id(value: str, *, expect: str | None = None, field: str = "id") -> GlobalId:
    try:
        return decode_id(value, expect=expect)
    except InvalidId as exc:
        raise InvalidArgument(str(exc), field=field) from None


async def load_node(info: Info[Any, Any], value: str, *, expect: str | None = None) -> Node:
    """Any object by global id, through the request's loaders (``expect``: its type)."""
    if not isinstance(value, str):
        raise InvalidArgument("an id must be a string", field="id")
    gid = parse_id(value, expect=expect)
    ctx = context_of(info)
    ctx.adapter(gid.source)  # UNKNOWN_SOURCE before any backend call
    loaders = ctx.loaders
    if gid.type == "Collection":
        return wrap_collection(gid.source, await loaders.collection(gid.source, gid.native))
    if gid.type == "Gallery":
        return wrap_gallery(gid.source, await loaders.gallery(gid.source, gid.native))
    if gid.type == "Set":
        return wrap_set(gid.source, await loaders.set(gid.source, gid.native))
    if gid.type == "Image":
        return wrap_image(gid.source, await loaders.image(gid.source, gid.native))
    return await load_operation(info, value)


async def load_operation(info: Info[Any, Any], value: str) -> Operation:
    if not isinstance(value, str):
        raise InvalidArgument("an id must be a string", field="id")
    gid = parse_id(value, expect="Operation")
    adapter = context_of(info).adapter(gid.source)
    if not isinstance(adapter, OperationReader):
        raise NotSupported(f"{gid.source} has no operations", source=gid.source)
    return wrap_operation(gid.source, await adapter.load_operation(gid.native))


@strawberry.type(description="A configured backend.")
class Source:
    name: str = strawberry.field(description="Its name in this gateway's configuration.")
    kind: str = strawberry.field(
        description="Its adapter kind: cms, dpg, pixieset, glycerine or iiif."
    )
    capabilities: list[CapabilityType] = strawberry.field(
        description="What it can do; a mutation it cannot do answers NOT_SUPPORTED."
    )

    @strawberry.field(description="UP when the backend answered a readiness check just now.")
    async def status(self, info: Info[Any, Any]) -> SourceStatus:
        try:
            await context_of(info).adapter(self.name).ping()
        except BackendError:
            return SourceStatus.DOWN
        return SourceStatus.UP


async def _list(
    info: Info[Any, Any],
    entity: Entity,
    capability: Capability,
    wrap: Any,
    *,
    source: str | None,
    first: int | None,
    after: str | None,
    parent: str | None = None,
    status: PublicationStatus | None = None,
) -> Connection[Any]:
    ctx = context_of(info)
    size = check_first(
        first, default=ctx.limits.default_page_size, maximum=ctx.limits.max_page_size
    )
    status_value = status.value if status else None
    if source is not None:
        adapter = ctx.adapter(source)
        if capability not in adapter.capabilities:
            raise NotSupported(f"{source} has no {entity} list", source=source)
        key = PageKey(entity, parent, size, single_after(after, source), status_value)
        page = await ctx.loaders.page(source, key)
        for edge in page.edges:
            ctx.loaders.prime(source, entity, edge.node)
        return connection_from_page(page, source, lambda r: wrap(source, r), after=after)

    names = [name for name, a in ctx.sources.items() if capability in a.capabilities]

    async def fetch(name: str, cursor: str | None, count: int) -> Any:
        return await ctx.loaders.page(name, PageKey(entity, parent, count, cursor, status_value))

    merged = await merge_pages(names, fetch, first=size, after=after)
    for error in merged.errors:
        ctx.partial_errors.append((info.path.as_list(), error))
    edges = []
    for name, record, cursor in merged.items:
        ctx.loaders.prime(name, entity, record)
        edges.append(Edge(cursor=cursor, node=wrap(name, record)))
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=merged.has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=merged.total_count,
    )


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global id.")
    async def node(self, info: Info[Any, Any], id: strawberry.ID) -> Node | None:
        return await load_node(info, id)

    @strawberry.field(
        description="Several objects by global id, in the same order; a missing one is null "
        "with an error at its index."
    )
    async def nodes(self, info: Info[Any, Any], ids: list[strawberry.ID]) -> list[Node | None]:
        limit = context_of(info).limits.max_nodes
        if len(ids) > limit:
            raise InvalidArgument(f"at most {limit} ids at once", field="ids")
        return [load_node(info, value) for value in ids]  # type: ignore[misc]

    @strawberry.field(description="The configured sources.")
    def sources(self, info: Info[Any, Any]) -> list[Source]:
        return [
            Source(
                name=name, kind=a.kind, capabilities=sorted(a.capabilities, key=lambda c: c.value)
            )
            for name, a in context_of(info).sources.items()
        ]

    @strawberry.field(description="Collections of one source, or of all sources merged.")
    async def collections(
        self,
        info: Info[Any, Any],
        source: SourceArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Collection]:
        return await _list(
            info,
            "collection",
            Capability.COLLECTIONS,
            wrap_collection,
            source=source,
            first=first,
            after=after,
        )

    @strawberry.field(description="Galleries of one source, or of all sources merged.")
    async def galleries(
        self,
        info: Info[Any, Any],
        source: SourceArg = None,
        status: PublicationStatus | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Gallery]:
        return await _list(
            info,
            "gallery",
            Capability.GALLERIES,
            wrap_gallery,
            source=source,
            first=first,
            after=after,
            status=status,
        )

    @strawberry.field(
        description="Top-level sets (or a set's children) of the sources that have sets."
    )
    async def sets(
        self,
        info: Info[Any, Any],
        source: SourceArg = None,
        parent_id: strawberry.ID | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Set]:
        parent = None
        if parent_id is not None:
            gid = parse_id(parent_id, expect="Set", field="parentId")
            if source is not None and source != gid.source:
                raise InvalidArgument("parentId is from another source", field="parentId")
            source, parent = gid.source, gid.native
        return await _list(
            info,
            "set",
            Capability.SETS,
            wrap_set,
            source=source,
            first=first,
            after=after,
            parent=parent,
        )

    @strawberry.field(description="A source's whole set hierarchy, from one backend call.")
    async def set_tree(self, info: Info[Any, Any], source: str) -> list[Set]:
        ctx = context_of(info)
        adapter = ctx.adapter(source)
        if (
            not isinstance(adapter, SetTreeReader)
            or Capability.SET_TREE not in adapter.capabilities
        ):
            raise NotSupported(f"{source} has no set tree", source=source)
        roots = await adapter.load_set_tree()
        pending = list(roots)
        while pending:
            node = pending.pop()
            ctx.loaders.prime(source, "set", node)
            pending.extend(node.children or ())
        return [wrap_set(source, r) for r in roots]

    @strawberry.field(description="A collection by its global id (NOT_FOUND when there is none).")
    async def collection(self, info: Info[Any, Any], id: strawberry.ID) -> Collection | None:
        gid = parse_id(id, expect="Collection")
        context_of(info).adapter(gid.source)
        return wrap_collection(
            gid.source, await context_of(info).loaders.collection(gid.source, gid.native)
        )

    @strawberry.field(description="A gallery by its global id (NOT_FOUND when there is none).")
    async def gallery(self, info: Info[Any, Any], id: strawberry.ID) -> Gallery | None:
        gid = parse_id(id, expect="Gallery")
        context_of(info).adapter(gid.source)
        return wrap_gallery(
            gid.source, await context_of(info).loaders.gallery(gid.source, gid.native)
        )

    @strawberry.field(description="A set by its global id (NOT_FOUND when there is none).")
    async def set(self, info: Info[Any, Any], id: strawberry.ID) -> Set | None:
        gid = parse_id(id, expect="Set")
        context_of(info).adapter(gid.source)
        return wrap_set(gid.source, await context_of(info).loaders.set(gid.source, gid.native))

    @strawberry.field(description="A image by its global id (NOT_FOUND when there is none).")
    async def image(self, info: Info[Any, Any], id: strawberry.ID) -> Image | None:
        gid = parse_id(id, expect="Image")
        context_of(info).adapter(gid.source)
        return wrap_image(gid.source, await context_of(info).loaders.image(gid.source, gid.native))

    @strawberry.field(description="The current state of an asynchronous write.")
    async def operation(self, info: Info[Any, Any], id: strawberry.ID) -> Operation | None:
        return await load_operation(info, id)
