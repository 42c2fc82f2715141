"""Benchmark scenarios: real GraphQL queries against the gateway app, in-process, over emulators.

Each :class:`Scenario` builds its own seeded emulators and a :class:`~gateway.runtime.Gateway`
over them (``httpx.ASGITransport``, as ``gateway.demo`` wires them), then :func:`measure` runs
its query N times after a few warm-ups. Every emulator delays every backend call by the given
latency (``Fault(latency=...)``), which models the network: it is what makes batching and
concurrency show up in wall time. Backend calls are counted from the emulator journals, per
measured run, so they are the steady state of a running gateway (sessions signed in, the CMS
language table read, DPG ETags known), not the cold start.

Two choices that shape the numbers:

* One gateway per scenario, reused across its runs, as in production; per-request loaders
  are still fresh for every GraphQL request.
* The plain IIIF source runs with ``document_ttl = 0``. Its adapter otherwise keeps fetched
  documents for 60 seconds, so every measured run after the first would cost no backend call
  and measure a dictionary lookup. With the cache off each run shows what a miss costs.

Baselines: (b) is (a) with batching defeated from the client's side (one GraphQL request per
gallery, N+1), and ``nodes-singles`` is ``nodes-batched`` as 30 ``node(id)`` requests. A
baseline must return the same data as the scenario it is compared with.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from adapters.base import SourceSettings
from adapters.emulation import Emulator, Fault
from adapters.iiif.static_host import DEFAULT_BASE_URL as IIIF_HOST
from gateway.app import create_app
from gateway.config import Settings
from gateway.demo import Demo, build_demo
from gateway.registry import EMULATORS
from gateway.runtime import Gateway
from schema.ids import encode_id

__all__ = [
    "CMS_FIFTY",
    "SCENARIOS",
    "Measurement",
    "QueryFailed",
    "Scenario",
    "Session",
    "by_key",
    "cms_rig",
    "demo_rig",
    "measure",
]

#: Galleries in the CMS emulator of scenarios (a) and (b): more than the 50 the query asks for.
CMS_GALLERIES = 60
ACCEPTANCE_COLLECTION = f"{IIIF_HOST}/collections/acceptance.json"

GALLERY_DETAILS = """
    id title translations { language title }
    images(first: 10) { edges { node { id url(width: 400) } } }
"""
CMS_FIFTY = '{ galleries(source: "cms", first: 50) { edges { node {' + GALLERY_DETAILS + "} } } }"
CMS_FIFTY_IDS = '{ galleries(source: "cms", first: 50) { edges { node { id } } } }'
ONE_GALLERY = "query($id: ID!) { gallery(id: $id) {" + GALLERY_DETAILS + "} }"

MERGED_TWENTY = "{ galleries(first: 20) { edges { node { id source title } } } }"

_SET_FIELDS = "id name imageCount"
#: Children asked per level: the seeded tree has at most 5; the query cost limit allows 10.
TREE_FANOUT = 10


def _set_level(depth: int) -> str:
    if depth == 1:
        return _SET_FIELDS
    children = _set_level(depth - 1)
    return f"{_SET_FIELDS} children(first: {TREE_FANOUT}) {{ edges {{ node {{ {children} }} }} }}"


DPG_TREE = f'{{ setTree(source: "dpg") {{ {_set_level(4)} }} }}'

PIXIESET_COLLECTIONS = """
{ collections(source: "pixieset", first: 10) { edges { node { id title
    galleries { edges { node { id title
        images(first: 12) { edges { node { id url(width: 600) } } }
    } } }
} } } }
"""

IIIF_COLLECTION = """
query($id: ID!) { collection(id: $id) { title galleries(first: 20) { edges { node { id title
    images(first: 5) { edges { node { id width height url(width: 400) } } }
} } } } }
"""

NODE_FIELDS = "id ... on Gallery { source title imageCount }"
NODES = f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {NODE_FIELDS} }} }}"
ONE_NODE = f"query($id: ID!) {{ node(id: $id) {{ {NODE_FIELDS} }} }}"
MERGED_THIRTY_IDS = "{ galleries(first: 30) { edges { node { id } } } }"


class QueryFailed(RuntimeError):
    """A benchmark query answered with errors: its timing would measure the wrong thing."""


class Session:
    """A GraphQL client on the in-process gateway that counts the requests it makes."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.requests = 0

    async def query(self, text: str, variables: Mapping[str, Any] | None = None) -> Any:
        """The ``data`` of the answer; :class:`QueryFailed` if it carries any error."""
        self.requests += 1
        response = await self.client.post(
            "/graphql", json={"query": text, "variables": dict(variables or {})}
        )
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise QueryFailed(f"HTTP {response.status_code}: {body.get('errors')}")
        return body["data"]


Prepare = Callable[[Session], Awaitable[list[str]]]
Run = Callable[[Session, list[str]], Awaitable[None]]


async def _nothing(session: Session) -> list[str]:
    return []


@dataclass(frozen=True)
class Scenario:
    """One benchmark: its emulators, an untimed preparation, and the timed run.

    ``prepare`` (untimed, once) returns what the run needs, e.g. ids a client already knows.
    ``baseline`` names the scenario this one is compared with.
    """

    key: str
    title: str
    measures: str
    rig: Callable[[], Demo]
    run: Run
    prepare: Prepare = _nothing
    baseline: str | None = None


# rigs


def _source(name: str, emulator: Emulator, options: Mapping[str, object]) -> SourceSettings:
    base_url = IIIF_HOST if name == "iiif" else f"http://{name}.bench{emulator.base_path}"
    return SourceSettings(
        name=name,
        kind=emulator.kind,
        base_url=base_url,
        credentials=dict(emulator.credentials),
        options=dict(options),
    )


def _iiif_options() -> dict[str, object]:
    return {
        "collection_url": "/collections/top.json",
        "allow_private_networks": True,  # the emulated host name resolves nowhere
        "document_ttl": 0,  # see the module docstring
    }


def _single(name: str, emulator: Emulator, options: Mapping[str, object] | None = None) -> Demo:
    return Demo(
        settings=Settings(sources=(_source(name, emulator, options or {}),)),
        transports={name: httpx.ASGITransport(app=emulator.app)},
        emulators={name: emulator},
    )


def cms_rig() -> Demo:
    return _single("cms", EMULATORS["cms"](gallery_count=CMS_GALLERIES))


def dpg_rig() -> Demo:
    return _single("dpg", EMULATORS["dpg"]())


def pixieset_rig() -> Demo:
    return _single("pixieset", EMULATORS["pixieset"]())


def iiif_rig() -> Demo:
    return _single("iiif", EMULATORS["iiif"](base_url=IIIF_HOST), _iiif_options())


def demo_rig() -> Demo:
    """Every demo source, as ``gallery-gateway demo`` has them, without the IIIF cache."""
    demo = build_demo()
    sources = tuple(
        replace(s, options={**s.options, "document_ttl": 0}) if s.kind == "iiif" else s
        for s in demo.settings.sources
    )
    return replace(demo, settings=replace(demo.settings, sources=sources))


# runs


async def run_cms_fifty(session: Session, ids: list[str]) -> None:
    data = await session.query(CMS_FIFTY)
    _expect(len(data["galleries"]["edges"]), 50, "galleries")


async def run_cms_fifty_one_by_one(session: Session, ids: list[str]) -> None:
    """The client lists the ids, then asks for each gallery's details in its own request."""
    data = await session.query(CMS_FIFTY_IDS)
    listed = [edge["node"]["id"] for edge in data["galleries"]["edges"]]
    _expect(len(listed), 50, "galleries")
    for gallery_id in listed:
        await session.query(ONE_GALLERY, {"id": gallery_id})


async def run_merged(session: Session, ids: list[str]) -> None:
    data = await session.query(MERGED_TWENTY)
    _expect(len(data["galleries"]["edges"]), 20, "galleries")


async def run_dpg_tree(session: Session, ids: list[str]) -> None:
    data = await session.query(DPG_TREE)
    if not data["setTree"]:
        raise QueryFailed("the DPG set tree is empty")


async def run_pixieset(session: Session, ids: list[str]) -> None:
    data = await session.query(PIXIESET_COLLECTIONS)
    _expect(len(data["collections"]["edges"]), 10, "collections")


async def run_iiif(session: Session, ids: list[str]) -> None:
    collection_id = encode_id("iiif", "Collection", ACCEPTANCE_COLLECTION)
    data = await session.query(IIIF_COLLECTION, {"id": collection_id})
    galleries = data["collection"]["galleries"]["edges"]
    _expect(len(galleries), 20, "manifests")
    _expect(len(galleries[0]["node"]["images"]["edges"]), 5, "images")


async def thirty_gallery_ids(session: Session) -> list[str]:
    data = await session.query(MERGED_THIRTY_IDS)
    ids = [edge["node"]["id"] for edge in data["galleries"]["edges"]]
    _expect(len(ids), 30, "gallery ids")
    return ids


async def run_nodes(session: Session, ids: list[str]) -> None:
    data = await session.query(NODES, {"ids": ids})
    _expect(sum(node is not None for node in data["nodes"]), len(ids), "nodes")


async def run_nodes_one_by_one(session: Session, ids: list[str]) -> None:
    for node_id in ids:
        data = await session.query(ONE_NODE, {"id": node_id})
        if data["node"] is None:
            raise QueryFailed(f"node {node_id} is null")


def _expect(got: int, wanted: int, what: str) -> None:
    if got != wanted:
        raise QueryFailed(f"expected {wanted} {what}, got {got}")


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="cms-fifty",
        title="(a) CMS: 50 galleries, titles, translations, first 10 images",
        measures="One request; the loaders batch the 50 gallery reads the CMS must make "
        "(it has no batch endpoint) into concurrent GETs.",
        rig=cms_rig,
        run=run_cms_fifty,
        baseline="cms-fifty-n-plus-one",
    ),
    Scenario(
        key="cms-fifty-n-plus-one",
        title="(b) CMS: the same, one request per gallery (N+1 from the client)",
        measures="Baseline of (a): the id list, then 50 sequential gallery(id) requests, "
        "so no two gallery reads share a loader.",
        rig=cms_rig,
        run=run_cms_fifty_one_by_one,
    ),
    Scenario(
        key="merged-twenty",
        title="(c) All demo sources merged: galleries(first: 20) with titles",
        measures="The merged list: one page per source, concurrently, then the detail loads "
        "of the summaries that lack a title.",
        rig=demo_rig,
        run=run_merged,
    ),
    Scenario(
        key="dpg-tree",
        title="(d) DPG: setTree, four levels, imageCount",
        measures="The whole set hierarchy from one GET /v1/sets/tree; nested children resolve "
        "from the tree without further calls.",
        rig=dpg_rig,
        run=run_dpg_tree,
    ),
    Scenario(
        key="pixieset-collections",
        title="(e) Pixieset: 10 collections, their galleries, first 12 photos",
        measures="One list call, then one call per collection and per gallery, each level "
        "concurrent.",
        rig=pixieset_rig,
        run=run_pixieset,
    ),
    Scenario(
        key="iiif-collection",
        title="(f) IIIF: a collection of 20 manifests, 5 images each",
        measures="The collection document, then the 20 manifest documents concurrently.",
        rig=iiif_rig,
        run=run_iiif,
    ),
    Scenario(
        key="nodes-batched",
        title="(g) nodes(ids: [30 gallery ids]) over all demo sources",
        measures="30 ids from five sources in one request: one loader per source, reads "
        "concurrent within and across sources.",
        rig=demo_rig,
        prepare=thirty_gallery_ids,
        run=run_nodes,
        baseline="nodes-singles",
    ),
    Scenario(
        key="nodes-singles",
        title="(g) baseline: the same 30 ids as 30 node(id) requests",
        measures="Baseline of nodes-batched: 30 sequential requests, one read each.",
        rig=demo_rig,
        prepare=thirty_gallery_ids,
        run=run_nodes_one_by_one,
    ),
)


# measuring


@dataclass(frozen=True)
class Measurement:
    """What :func:`measure` saw: per measured run, the backend calls and the wall time."""

    scenario: Scenario
    latency_ms: float
    graphql_requests: int
    calls_per_run: tuple[int, ...]
    calls_by_source: Mapping[str, int]
    timings_ms: tuple[float, ...] = field(repr=False)

    @property
    def backend_calls(self) -> int:
        """Backend calls of one run (the largest, should runs ever differ)."""
        return max(self.calls_per_run)

    @property
    def calls_vary(self) -> bool:
        return len(set(self.calls_per_run)) > 1

    @property
    def median_ms(self) -> float:
        return statistics.median(self.timings_ms)

    @property
    def p95_ms(self) -> float:
        """The nearest-rank 95th percentile (with 20 runs: the second slowest)."""
        ordered = sorted(self.timings_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _journal_counts(emulators: Mapping[str, Emulator]) -> dict[str, int]:
    return {name: len(e.control.journal) for name, e in emulators.items()}


async def measure(
    scenario: Scenario, *, runs: int = 20, warmups: int = 2, latency_ms: float = 0.0
) -> Measurement:
    """Run ``scenario`` ``warmups`` times untimed, then ``runs`` times timed."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    rig = scenario.rig()
    gateway = Gateway(rig.settings, transports=rig.transports)
    app = create_app(gateway)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gateway.bench") as client,
    ):
        session = Session(client)
        ids = await scenario.prepare(session)
        if latency_ms > 0:
            for emulator in rig.emulators.values():
                emulator.control.faults.add(Fault(latency=latency_ms / 1000))
        for _ in range(warmups):
            await scenario.run(session, ids)
        calls: list[int] = []
        timings: list[float] = []
        by_source: dict[str, int] = {}
        for _ in range(runs):
            for emulator in rig.emulators.values():
                emulator.control.journal.clear()
            session.requests = 0
            started = time.perf_counter()
            await scenario.run(session, ids)
            timings.append((time.perf_counter() - started) * 1000)
            by_source = _journal_counts(rig.emulators)
            calls.append(sum(by_source.values()))
    return Measurement(
        scenario=scenario,
        latency_ms=latency_ms,
        graphql_requests=session.requests,
        calls_per_run=tuple(calls),
        calls_by_source={name: n for name, n in by_source.items() if n},
        timings_ms=tuple(timings),
    )


def by_key(scenarios: Sequence[Scenario] = SCENARIOS) -> dict[str, Scenario]:
    return {s.key: s for s in scenarios}
