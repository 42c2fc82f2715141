"""User tokens: sign in, 15-minute access tokens, rotating refresh tokens kept in a store."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.dpg import DPGAdapter
from adapters.dpg.emulator import DPGState
from adapters.emulation import Emulator, ManualClock
from adapters.errors import RateLimited, Unauthorized


def user_settings(
    emulator: Emulator, state: DPGState, *, password: str | None = None, store: Path | None = None
) -> SourceSettings:
    return SourceSettings(
        name="dpg-user",
        kind="dpg",
        base_url="http://dpg.emulator/v1",
        credentials={"login": state.user.login, "password": password or state.user.password},
        options={"token_store": str(store)} if store else {},
    )


def user_adapter(
    emulator: Emulator, state: DPGState, clock: ManualClock, **kwargs: object
) -> DPGAdapter:
    settings = user_settings(emulator, state, **kwargs)  # type: ignore[arg-type]
    return DPGAdapter(settings, httpx.ASGITransport(app=emulator.app), clock=clock)


async def test_signing_in_once_serves_many_concurrent_requests(
    emulator: Emulator, state: DPGState, clock: ManualClock
) -> None:
    dpg = user_adapter(emulator, state, clock)
    results = await asyncio.gather(*(dpg.load_sets([u]) for u in state.top_level))
    assert all(not isinstance(r[0], Exception) for r in results)
    journal = emulator.control.journal
    assert journal.count("POST", "/v1/auth/sign_in") == 1
    assert journal.count("POST", "/v1/auth/token") == 1
    await dpg.aclose()


async def test_the_access_token_is_renewed_before_it_expires(
    emulator: Emulator, state: DPGState, clock: ManualClock
) -> None:
    dpg = user_adapter(emulator, state, clock)
    await dpg.ping()
    clock.advance(850)  # inside the renewal margin of the 900 s token
    await dpg.ping()
    journal = emulator.control.journal
    assert journal.count("POST", "/v1/auth/sign_in") == 1
    assert journal.count("POST", "/v1/auth/token") == 2
    assert journal.count("GET", "/v1/me") == 2  # no request was refused on the way
    await dpg.aclose()


async def test_rotated_refresh_token_survives_a_restart_through_the_store(
    emulator: Emulator, state: DPGState, clock: ManualClock, tmp_path: Path
) -> None:
    store = tmp_path / "dpg-token.json"
    first = user_adapter(emulator, state, clock, store=store)
    await first.ping()
    await first.aclose()
    saved = json.loads(store.read_text())["refresh_token"]
    assert saved in state.refresh_tokens  # the newest one, still unspent

    clock.advance(3600)  # the access token is long gone; a new process starts
    second = user_adapter(emulator, state, clock, store=store)
    await second.ping()
    await second.aclose()
    journal = emulator.control.journal
    assert journal.count("POST", "/v1/auth/sign_in") == 1  # no second sign-in
    assert saved not in state.refresh_tokens  # rotated on use
    assert json.loads(store.read_text())["refresh_token"] in state.refresh_tokens


async def test_a_spent_stored_token_falls_back_to_signing_in(
    emulator: Emulator, state: DPGState, clock: ManualClock, tmp_path: Path
) -> None:
    store = tmp_path / "token.json"
    account = state.account.account_uuid
    store.write_text(json.dumps({"refresh_token": "dpg_refresh_spent", "account_uuid": account}))
    dpg = user_adapter(emulator, state, clock, store=store)
    await dpg.ping()
    await dpg.aclose()
    assert emulator.control.journal.count("POST", "/v1/auth/sign_in") == 1
    assert json.loads(store.read_text())["refresh_token"] in state.refresh_tokens


async def test_a_wrong_password_is_unauthorized(
    emulator: Emulator, state: DPGState, clock: ManualClock
) -> None:
    dpg = user_adapter(emulator, state, clock, password="wrong")
    with pytest.raises(Unauthorized):
        await dpg.ping()
    await dpg.aclose()


async def test_repeated_sign_in_failures_are_rate_limited(
    emulator: Emulator, state: DPGState, clock: ManualClock
) -> None:
    dpg = user_adapter(emulator, state, clock, password="wrong")
    for _ in range(state.sign_in_attempts):
        with pytest.raises(Unauthorized):
            await dpg.ping()
    with pytest.raises(RateLimited) as caught:
        await dpg.ping()
    assert caught.value.retry_after is not None and caught.value.retry_after > 0
    await dpg.aclose()
