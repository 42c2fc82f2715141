"""The Pixieset issue's acceptance, end to end: GraphQL -> gateway -> adapter -> emulator.

Every test runs the real app (lifespan included) over the seeded Pixieset emulator through
``httpx.ASGITransport`` and counts backend calls in the emulator's journal. The emulator and
the gateway share one :class:`ManualClock` (sessions, expiry), so nothing depends on the date.
"""

from __future__ import annotations

import asyncio
import fnmatch
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.base import SourceSettings
from adapters.emulation import Emulator, EmulatorControl, ManualClock, RecordedRequest
from adapters.pixieset.emulator import create_emulator
from adapters.pixieset.emulator.state import Studio
from gateway.config import AuthSettings, LimitSettings, Settings, TokenSettings
from gateway.runtime import Gateway
from schema.ids import decode_id, encode_id
from tests.gateway.harness import EDITING, running

SOURCE = "pixieset"
SESSION_TTL = 600  # seconds
API = "/api/v1"
_ID = re.compile(r"/\d+")

TEN_COLLECTIONS = """
{ collections(source: "pixieset", first: 10) { edges { node { title
    galleries { edges { node { title
        images(first: 12) { edges { node { url(width: 800) mediaType } } }
    } } }
} } } }
"""
GALLERIES_WITH_IMAGES = """
query($ids: [ID!]!) { nodes(ids: $ids) { ... on Gallery { id title
    images(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id url(width: 800) } } }
} } }
"""
CLIENTS = "query($id: ID!) { collection(id: $id) { title clients { name email } } }"
ACCESS = "passwordProtected private downloadable expiresOn expired"
UPDATE_COLLECTION = f"""
mutation($input: UpdateCollectionInput!, $key: String) {{
  updateCollection(input: $input, idempotencyKey: $key) {{
    collection {{ id title access {{ {ACCESS} }} }}
    userErrors {{ code field message }}
  }}
}}
"""


# -- the rig -----------------------------------------------------------------------------------


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return create_emulator(control=EmulatorControl(clock=clock), session_ttl=SESSION_TTL)


@pytest.fixture
def studio(emulator: Emulator) -> Studio:
    assert isinstance(emulator.state, Studio)
    return emulator.state


def gateway_over(
    emulator: Emulator,
    clock: ManualClock,
    *,
    app: ASGIApp | None = None,
    auth: AuthSettings | None = None,
    limits: LimitSettings | None = None,
    max_concurrency: int = 8,
) -> Gateway:
    """A gateway with one ``pixieset`` source on ``emulator`` (or on ``app`` wrapping it)."""
    source = SourceSettings(
        name=SOURCE,
        kind="pixieset",
        base_url=f"http://pixieset.test{emulator.base_path}",
        credentials=dict(emulator.credentials),
        max_concurrency=max_concurrency,
    )
    settings = Settings(sources=(source,), auth=auth or EDITING, limits=limits or LimitSettings())
    transport = httpx.ASGITransport(app=app or emulator.app)
    return Gateway(settings, transports={SOURCE: transport}, clock=clock.now)


async def post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )


def data_of(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def routes(requests: Sequence[RecordedRequest]) -> Counter[str]:
    """Backend calls by route, ids written ``{id}``: ``GET /api/v1/galleries/{id}/photos``."""
    return Counter(f"{r.method} {_ID.sub('/{id}', r.path)}" for r in requests)


def passwords_of(studio: Studio) -> list[str]:
    """Every password the emulator knows: the seeded collection passwords and the login."""
    seeded = [c.password for c in studio.collections.values() if c.password]
    assert len(seeded) == 2  # the seed protects two collections
    return [*seeded, studio.password]


def collection_id(native: int) -> str:
    return encode_id(SOURCE, "Collection", str(native))


class ExpireSessionsWhenAllArrive:
    """ASGI wrapper: holds the first ``expected`` requests to ``path`` until all have arrived,
    then runs ``expire`` and lets them all through.

    This makes "the session expires while the fan-out is in flight" deterministic: every held
    request was sent with the session that ``expire`` has just ended.
    """

    def __init__(
        self, app: ASGIApp, *, path: str, expected: int, expire: Callable[[], None]
    ) -> None:
        self.app = app
        self.path = path
        self.expected = expected
        self.expire = expire
        self.arrived = 0
        self.released = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        held = (
            scope["type"] == "http"
            and not self.released.is_set()
            and fnmatch.fnmatchcase(scope["path"], self.path)
        )
        if held:
            self.arrived += 1
            if self.arrived == self.expected:
                self.expire()
                self.released.set()
            else:
                await self.released.wait()
        await self.app(scope, receive, send)


# -- sessions ----------------------------------------------------------------------------------


async def test_a_session_expiring_while_twenty_galleries_load_their_images_costs_one_new_login(
    emulator, clock, studio
):
    gallery_ids = list(studio.galleries)[:20]
    app = ExpireSessionsWhenAllArrive(
        emulator.app,
        path=f"{API}/galleries/*/photos",
        expected=20,
        expire=lambda: clock.advance(SESSION_TTL + 1),  # past the TTL on the emulator clock
    )
    # Room for all 20 image lists at once; a stuck gate fails in 5 s instead of hanging.
    gateway = gateway_over(
        emulator,
        clock,
        app=app,
        max_concurrency=20,
        limits=LimitSettings(request_timeout=5.0),
    )
    journal = emulator.control.journal
    async with running(gateway) as client:
        data_of(await post(client, "{ sources { status } }"))  # logs in: a live session
        before = len(journal)
        response = await post(
            client,
            GALLERIES_WITH_IMAGES,
            {"ids": [encode_id(SOURCE, "Gallery", str(g)) for g in gallery_ids]},
        )

    nodes = (data_of(response))["nodes"]
    assert [decode_id(n["id"]).native for n in nodes] == [str(g) for g in gallery_ids]
    assert [n["title"] for n in nodes] == [studio.galleries[g].name for g in gallery_ids]
    assert all(len(n["images"]["edges"]) == 3 for n in nodes)
    assert [n["images"]["totalCount"] for n in nodes] == [
        len(studio.galleries[g].media_ids) for g in gallery_ids
    ]
    calls = journal.requests[before:]
    assert app.arrived == 20  # all 20 image lists were in flight when the session expired
    assert journal.count("POST", "*/login") == 2  # the warm-up login + exactly ONE new login
    assert routes(calls) == {
        "GET /api/v1/galleries/{id}": 20,  # the 20 nodes, with the first session
        "GET /api/v1/galleries/{id}/photos": 40,  # 20 refused with 401, 20 resent after it
        "POST /api/v1/login": 1,
    }
    assert len(calls) == 61


# -- call budget -------------------------------------------------------------------------------


async def test_ten_collections_with_galleries_and_twelve_photos_each_cost_47_distinct_calls(
    emulator, clock, studio
):
    async with running(gateway_over(emulator, clock)) as client:
        data = data_of(await post(client, TEN_COLLECTIONS))

    collections = [e["node"] for e in data["collections"]["edges"]]
    galleries = [g["node"] for c in collections for g in c["galleries"]["edges"]]
    images = [i["node"] for g in galleries for i in g["images"]["edges"]]
    assert len(collections) == 10
    assert len(galleries) == 35  # the galleries of the ten newest seeded collections
    assert len(images) == 35 * 12
    assert all(i["url"].startswith("https://") for i in images)
    assert {i["mediaType"] for i in images} <= {"PHOTO", "VIDEO"}
    requests = emulator.control.journal.requests
    assert routes(requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/collections": 1,
        "GET /api/v1/collections/{id}/galleries": 10,
        "GET /api/v1/galleries/{id}/photos": 35,
    }
    assert len(requests) == 47
    assert len({(r.method, r.path, r.query) for r in requests}) == 47  # no call repeated


async def test_both_paging_meta_styles_walk_a_gallery_to_its_end_through_graphql(
    emulator, clock, studio
):
    # Even gallery ids page with ``total_pages``, odd ones with ``last_page``/``from``/``to``.
    even = next(g for g in studio.galleries.values() if g.id % 2 == 0)
    odd = next(g for g in studio.galleries.values() if g.id % 2 == 1)
    query = """query($id: ID!, $after: String) { gallery(id: $id) {
        images(first: 20, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { id } }
        }
    } }"""
    pages = 0
    async with running(gateway_over(emulator, clock)) as client:
        for gallery in (even, odd):
            seen: list[str] = []
            after = None
            while True:
                variables = {"id": encode_id(SOURCE, "Gallery", str(gallery.id)), "after": after}
                images = (data_of(await post(client, query, variables)))["gallery"]["images"]
                pages += 1
                seen += [decode_id(e["node"]["id"]).native for e in images["edges"]]
                if not images["pageInfo"]["hasNextPage"]:
                    break
                after = images["pageInfo"]["endCursor"]
            assert seen == [str(m) for m in gallery.media_ids]

    expected_pages = sum(-(-len(g.media_ids) // 20) for g in (even, odd))
    assert pages == expected_pages
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/galleries/{id}": pages,  # each request loads its gallery once
        "GET /api/v1/galleries/{id}/photos": pages,  # and one page per request, none past the end
    }


# -- clients: personal data --------------------------------------------------------------------


async def test_clients_without_the_clients_permission_are_forbidden_and_cost_no_backend_call(
    emulator, clock, studio
):
    target = next(iter(studio.collections.values()))
    async with running(gateway_over(emulator, clock)) as client:  # anonymous: read, write
        response = await post(client, CLIENTS, {"id": collection_id(target.id)})

    body = response.json()
    # only the personal data is withheld: the rest of the collection still arrives
    assert body["data"] == {"collection": {"title": target.name, "clients": None}}
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == ["collection", "clients"]
    journal = emulator.control.journal
    assert journal.count("GET", "*/clients") == 0
    assert routes(journal.requests) == {"POST /api/v1/login": 1, "GET /api/v1/collections/{id}": 1}


async def test_clients_are_returned_to_a_token_with_the_clients_permission(emulator, clock, studio):
    target = next(iter(studio.collections.values()))
    auth = AuthSettings(
        tokens=(TokenSettings("studio-app", "t-studio", frozenset({"read", "clients:read"})),)
    )
    async with running(gateway_over(emulator, clock, auth=auth)) as client:
        response = await post(client, CLIENTS, {"id": collection_id(target.id)}, token="t-studio")

    clients = (data_of(response))["collection"]["clients"]
    assert clients == [{"name": c.name, "email": c.email} for c in target.clients]
    assert emulator.control.journal.count("GET", "*/clients") == 1
    assert not any(p in response.text for p in passwords_of(studio))


async def test_clients_are_never_cached_across_principals(emulator, clock, studio):
    target = next(iter(studio.collections.values()))
    permissions = frozenset({"read", "clients:read"})
    auth = AuthSettings(
        tokens=(
            TokenSettings("alice", "t-alice", permissions),
            TokenSettings("bob", "t-bob", permissions),
        )
    )
    variables = {"id": collection_id(target.id)}
    async with running(gateway_over(emulator, clock, auth=auth)) as client:
        first = data_of(await post(client, CLIENTS, variables, token="t-alice"))
        after_alice = emulator.control.journal.count("GET", "*/clients")
        second = data_of(await post(client, CLIENTS, variables, token="t-bob"))

    assert first == second
    assert after_alice == 1
    assert emulator.control.journal.count("GET", "*/clients") == 2  # bob's request hit it again


# -- access ------------------------------------------------------------------------------------


async def test_access_reports_protection_privacy_and_expiry_and_never_a_password(
    emulator, clock, studio
):
    query = f"""{{ collections(source: "pixieset", first: 20) {{ edges {{ node {{
        id title description access {{ {ACCESS} }}
        galleries(first: 10) {{ edges {{ node {{ title description access {{ {ACCESS} }} }} }} }}
    }} }} }} }}"""
    async with running(gateway_over(emulator, clock)) as client:
        response = await post(client, query)

    nodes = [e["node"] for e in (data_of(response))["collections"]["edges"]]
    access = {int(decode_id(n["id"]).native): n["access"] for n in nodes}
    today = clock.now().date()
    assert len(access) == len(studio.collections) == 12
    (expired,) = [c for c in studio.collections.values() if c.expiry_date and c.expiry_date < today]
    assert access[expired.id] == {
        "passwordProtected": False,
        "private": False,
        "downloadable": expired.downloadable,
        "expiresOn": expired.expiry_date.isoformat() if expired.expiry_date else None,
        "expired": True,
    }
    assert [cid for cid, a in access.items() if a["expired"]] == [expired.id]
    protected = sorted(c.id for c in studio.collections.values() if c.password)
    assert sorted(cid for cid, a in access.items() if a["passwordProtected"]) == protected
    private = [c.id for c in studio.collections.values() if c.private]
    assert [cid for cid, a in access.items() if a["private"]] == private
    gallery_access = [g["node"]["access"] for n in nodes for g in n["galleries"]["edges"]]
    assert len(gallery_access) == len(studio.galleries)
    assert all(a["passwordProtected"] is None and a["expired"] is False for a in gallery_access)
    for password in passwords_of(studio):
        assert password not in response.text
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/collections": 1,
        "GET /api/v1/collections/{id}/galleries": 12,
    }


async def test_expired_follows_the_gateway_clock_while_open_through_the_expiry_day(
    emulator, clock, studio
):
    today = clock.now().date()
    (expired,) = [c for c in studio.collections.values() if c.expiry_date and c.expiry_date < today]
    assert expired.expiry_date is not None
    query = f"query($id: ID!) {{ collection(id: $id) {{ access {{ {ACCESS} }} }} }}"
    variables = {"id": collection_id(expired.id)}
    async with running(gateway_over(emulator, clock)) as client:
        now = data_of(await post(client, query, variables))
        clock.set(datetime.combine(expired.expiry_date, time(23, 59), tzinfo=UTC))
        on_the_day = data_of(await post(client, query, variables))

    assert now["collection"]["access"]["expired"] is True
    assert on_the_day["collection"]["access"]["expired"] is False
    # Moving the shared clock back does not end the session: one login, one read per request.
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/collections/{id}": 2,
    }


# -- favourites and downloads ------------------------------------------------------------------


async def test_favourite_and_download_counts_are_visible_on_images_and_galleries(
    emulator, clock, studio
):
    def counts(gallery_id: int) -> tuple[Counter[int], Counter[int]]:
        collection = studio.collections[studio.galleries[gallery_id].collection_id]
        return studio.favorites_by_photo(collection), studio.downloads_by_photo(collection)

    def downloaded(gallery_id: int) -> int:
        _, downloads = counts(gallery_id)
        return sum(downloads[m] for m in studio.galleries[gallery_id].media_ids)

    gallery = studio.galleries[max(studio.galleries, key=downloaded)]
    favorites, downloads = counts(gallery.id)
    query = """query($id: ID!) { gallery(id: $id) { favoritesCount
        images(first: 100) { edges { node { id favoritesCount downloadCount } } } } }"""
    async with running(gateway_over(emulator, clock)) as client:
        response = await post(client, query, {"id": encode_id(SOURCE, "Gallery", str(gallery.id))})

    found = (data_of(response))["gallery"]
    images = {int(decode_id(e["node"]["id"]).native): e["node"] for e in found["images"]["edges"]}
    assert list(images) == gallery.media_ids
    assert found["favoritesCount"] == sum(favorites[m] for m in gallery.media_ids) > 0
    assert {m: i["favoritesCount"] for m, i in images.items()} == {
        m: favorites[m] for m in gallery.media_ids
    }
    assert {m: i["downloadCount"] for m, i in images.items()} == {
        m: downloads[m] for m in gallery.media_ids
    }
    assert sum(i["downloadCount"] for i in images.values()) > 0
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/galleries/{id}": 1,
        "GET /api/v1/galleries/{id}/photos": 1,
    }


# -- updateCollection --------------------------------------------------------------------------


def update_input(target: int, title: str) -> dict[str, Any]:
    return {
        "id": collection_id(target),
        "title": title,
        "private": True,
        "downloadable": False,
        "expiresOn": "2026-06-30",
    }


async def test_update_collection_writes_once_with_the_csrf_token_and_returns_the_fresh_collection(
    emulator, clock, studio
):
    target = next(c for c in studio.collections.values() if c.password)
    async with running(gateway_over(emulator, clock)) as client:
        response = await post(
            client, UPDATE_COLLECTION, {"input": update_input(target.id, "Renamed"), "key": None}
        )

    payload = (data_of(response))["updateCollection"]
    assert payload["userErrors"] == []
    assert payload["collection"] == {
        "id": collection_id(target.id),
        "title": "Renamed",
        "access": {
            "passwordProtected": True,
            "private": True,
            "downloadable": False,
            "expiresOn": "2026-06-30",
            "expired": False,
        },
    }
    assert (target.name, target.private, target.downloadable, target.expiry_date) == (
        "Renamed",
        True,
        False,
        date(2026, 6, 30),
    )
    (put,) = emulator.control.journal.matching("PUT", f"{API}/collections/*")
    (session,) = studio.sessions.values()
    assert put.headers["x-csrf-token"] == session.csrf_token  # the adapter signed the write
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "PUT /api/v1/collections/{id}": 1,  # the PUT's answer is the fresh collection: no GET
    }
    assert not any(p in response.text for p in passwords_of(studio))


async def test_update_collection_with_one_idempotency_key_and_the_same_input_writes_once(
    emulator, clock, studio
):
    target = next(iter(studio.collections.values()))
    variables = {"input": update_input(target.id, "Once"), "key": "retry-7"}
    async with running(gateway_over(emulator, clock)) as client:
        first = data_of(await post(client, UPDATE_COLLECTION, variables))
        again = data_of(await post(client, UPDATE_COLLECTION, variables))

    assert first == again
    assert first["updateCollection"]["collection"]["title"] == "Once"
    assert emulator.control.journal.count("PUT", f"{API}/collections/*") == 1


async def test_an_idempotency_key_reused_with_another_input_is_a_user_error(
    emulator, clock, studio
):
    target = next(iter(studio.collections.values()))
    async with running(gateway_over(emulator, clock)) as client:
        data_of(
            await post(
                client,
                UPDATE_COLLECTION,
                {"input": update_input(target.id, "First"), "key": "retry-8"},
            )
        )
        reused = data_of(
            await post(
                client,
                UPDATE_COLLECTION,
                {"input": update_input(target.id, "Second"), "key": "retry-8"},
            )
        )

    payload = reused["updateCollection"]
    assert payload["collection"] is None
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")
    ]
    assert emulator.control.journal.count("PUT", f"{API}/collections/*") == 1
    assert target.name == "First"


# -- rate limits -------------------------------------------------------------------------------


async def test_a_429_with_retry_after_reaches_the_client_as_rate_limited(clock):
    # One request a minute per session: the second list is refused with Retry-After: 60 (the
    # manual clock stands still), longer than the adapter waits, so it is not retried.
    emulator = create_emulator(
        control=EmulatorControl(clock=clock), session_ttl=SESSION_TTL, rate_limit=1
    )
    query = '{ collections(source: "pixieset", first: 5) { edges { node { title } } } }'
    async with running(gateway_over(emulator, clock)) as client:
        data_of(await post(client, query))
        response = await post(client, query)

    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfter"] == 60
    assert error["extensions"]["source"] == SOURCE
    assert error["path"] == ["collections"]
    assert routes(emulator.control.journal.requests) == {
        "POST /api/v1/login": 1,
        "GET /api/v1/collections": 2,  # the second was refused once and not retried
    }
