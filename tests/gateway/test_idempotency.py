"""The in-memory idempotency store keeps the contract of schema.idempotency."""

from __future__ import annotations

import asyncio

import pytest

from gateway.idempotency import InMemoryIdempotencyStore
from schema.idempotency import KeyReused, Outcome


async def test_a_new_key_is_claimed_and_a_finished_one_returns_its_outcome():
    store = InMemoryIdempotencyStore()
    assert await store.claim("p:create", "k", "f1") is None
    await store.finish("p:create", "k", Outcome("first"))
    assert await store.claim("p:create", "k", "f1") == Outcome("first")


async def test_the_same_key_with_another_fingerprint_is_refused():
    store = InMemoryIdempotencyStore()
    await store.claim("p:create", "k", "f1")
    with pytest.raises(KeyReused):
        await store.claim("p:create", "k", "f2")


async def test_keys_are_scoped_by_principal_and_mutation():
    store = InMemoryIdempotencyStore()
    await store.claim("alice:create", "k", "f1")
    assert await store.claim("bob:create", "k", "f2") is None


async def test_a_concurrent_retry_waits_for_the_first_call_and_gets_its_outcome():
    store = InMemoryIdempotencyStore()
    await store.claim("p:m", "k", "f")
    waiter = asyncio.create_task(store.claim("p:m", "k", "f"))
    await asyncio.sleep(0)
    assert not waiter.done()
    await store.finish("p:m", "k", Outcome(42))
    assert await waiter == Outcome(42)


async def test_a_released_key_can_be_claimed_again():
    store = InMemoryIdempotencyStore()
    await store.claim("p:m", "k", "f")
    await store.release("p:m", "k")
    assert await store.claim("p:m", "k", "f") is None


async def test_finished_keys_expire_after_the_ttl():
    now = [0.0]
    store = InMemoryIdempotencyStore(ttl=10, clock=lambda: now[0])
    await store.claim("p:m", "k", "f")
    await store.finish("p:m", "k", Outcome(1))
    now[0] = 11
    assert await store.claim("p:m", "k", "other") is None
