from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import httpx
import pytest

from adapters.base import CollectionPatch, SourceSettings
from adapters.emulation import Emulator, Fault
from adapters.errors import Unauthorized
from adapters.pixieset import PixiesetAdapter
from adapters.pixieset.emulator.state import Studio
from schema.records import GalleryRecord, Page
from tests.adapters.contract import settings_for
from tests.adapters.pixieset.contract_case import CASE

LOGIN = "/api/v1/login"


def settings(**credentials: str) -> SourceSettings:
    return SourceSettings(
        name="pixie",
        kind="pixieset",
        base_url="http://pixie.test/api/v1",
        credentials=credentials or {"email": "me@studio.example", "password": "secret"},
    )


def studio_of(emulator: Emulator) -> Studio:
    assert isinstance(emulator.state, Studio)
    return emulator.state


async def test_twenty_concurrent_loads_share_one_relogin_when_the_session_expires(emulator, clock):
    # Room for all 20 at once, and a little latency so that all 20 are in flight together.
    settings = replace(settings_for(CASE, emulator), max_concurrency=20)
    adapter = PixiesetAdapter(settings, httpx.ASGITransport(app=emulator.app), clock=clock)
    emulator.control.faults.add(Fault(method="GET", path="/api/v1/galleries/*", latency=0.01))
    gallery_ids = [str(g) for g in list(studio_of(emulator).galleries)[:20]]
    await adapter.ping()
    clock.advance(601)  # past the session's 600 s

    loads = [adapter.load_galleries([gid]) for gid in gallery_ids[:10]]
    lists = [adapter.list_images(gallery_id=gid, first=12, after=None) for gid in gallery_ids[10:]]
    results = await asyncio.gather(*loads, *lists)
    await adapter.aclose()

    loaded = [r[0] for r in results[:10] if isinstance(r, list)]
    assert [g.id for g in loaded if isinstance(g, GalleryRecord)] == gallery_ids[:10]
    assert [len(p.edges) for p in results[10:] if isinstance(p, Page)] == [12] * 10
    assert emulator.control.journal.count("POST", LOGIN) == 2  # the first login + ONE re-login
    assert emulator.control.journal.count("GET", "/api/v1/galleries/*") == 40  # 20 refused, 20 ok


async def test_concurrent_first_calls_log_in_once(adapter, emulator):
    ids = [str(c) for c in studio_of(emulator).collections]

    await asyncio.gather(*(adapter.load_collections([cid]) for cid in ids))

    assert emulator.control.journal.count("POST", LOGIN) == 1


async def test_a_session_ended_by_the_server_is_renewed_once(adapter, emulator):
    await adapter.ping()
    studio_of(emulator).expire_sessions()

    await adapter.ping()

    assert emulator.control.journal.count("POST", LOGIN) == 2


async def test_wrong_credentials_raise_unauthorized(emulator):
    good = settings_for(CASE, emulator)
    bad = SourceSettings(
        name=good.name,
        kind=good.kind,
        base_url=good.base_url,
        credentials={"email": good.credentials["email"], "password": "wrong"},
    )
    adapter = PixiesetAdapter(bad, httpx.ASGITransport(app=emulator.app))

    with pytest.raises(Unauthorized) as raised:
        await adapter.ping()
    await adapter.aclose()

    assert raised.value.source == good.name
    assert emulator.control.journal.count("GET", "/api/v1/data/bootstrap") == 0


def test_missing_credentials_fail_at_construction():
    with pytest.raises(ValueError, match="'email' and 'password'"):
        PixiesetAdapter(settings(email="me@studio.example"))


async def test_requests_carry_the_cookie_and_writes_the_csrf_token():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == LOGIN:
            return httpx.Response(
                200,
                json={"data": {"csrf_token": "tok-1"}},
                headers={"Set-Cookie": "session_cookie=abc; Path=/; HttpOnly"},
            )
        return httpx.Response(200, json={"data": {"id": 12345678, "name": "N"}})

    adapter = PixiesetAdapter(settings(), httpx.MockTransport(handler))
    await adapter.load_collections(["12345678"])
    await adapter.update_collection("12345678", CollectionPatch(title="N"), idempotency_key="k")
    await adapter.aclose()

    login, read, write = seen
    assert json.loads(login.content) == {"email": "me@studio.example", "password": "secret"}
    assert read.headers["Cookie"] == "session_cookie=abc"
    assert "X-CSRF-Token" not in read.headers
    assert (write.method, write.url.path) == ("PUT", "/api/v1/collections/12345678")
    assert write.headers["X-CSRF-Token"] == "tok-1"
    assert json.loads(write.content) == {"name": "N"}
