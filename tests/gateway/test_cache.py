"""The cross-request read cache: reused within its TTL, per principal, dropped on writes."""

from __future__ import annotations

from gateway.cache import InMemoryReadCache
from gateway.config import AuthSettings, LimitSettings, Settings, TokenSettings
from gateway.runtime import Gateway
from schema.ids import encode_id
from tests.fakes import FakeAdapter
from tests.gateway.harness import graphql, running, settings_for

GALLERY = encode_id("fake", "Gallery", "g3")
QUERY = f'{{ gallery(id: "{GALLERY}") {{ title }} }}'
AUTH = AuthSettings(
    anonymous_permissions=frozenset({"read", "write"}),
    tokens=(TokenSettings("other", "other-token", frozenset({"read"})),),
)


def cached_gateway(fake: FakeAdapter, now: list[float]) -> Gateway:
    base = settings_for({"fake": fake})
    settings = Settings(sources=base.sources, limits=LimitSettings(), auth=AUTH)
    cache = InMemoryReadCache(ttl=30, clock=lambda: now[0])
    return Gateway(settings, adapters={"fake": fake}, cache=cache)


async def test_a_record_read_by_one_request_serves_the_next_within_the_ttl():
    fake, now = FakeAdapter(), [0.0]
    async with running(cached_gateway(fake, now)) as client:
        first = await graphql(client, QUERY)
        second = await graphql(client, QUERY)
        now[0] = 31
        third = await graphql(client, QUERY)
    assert first == second == third == {"data": {"gallery": {"title": "Gallery 3"}}}
    assert fake.count("load_galleries") == 2  # the first read, and again once it expired


async def test_another_principal_never_gets_what_was_cached_for_someone_else():
    fake, now = FakeAdapter(), [0.0]
    async with running(cached_gateway(fake, now)) as client:
        await graphql(client, QUERY)
        await graphql(client, QUERY, headers={"Authorization": "Bearer other-token"})
    assert fake.count("load_galleries") == 2


async def test_a_write_to_a_source_drops_what_was_cached_from_it():
    fake, now = FakeAdapter(), [0.0]
    update = (
        f'mutation {{ updateGallery(input: {{id: "{GALLERY}", title: "Renamed"}}) '
        "{ gallery { title } } }"
    )
    async with running(cached_gateway(fake, now)) as client:
        await graphql(client, QUERY)
        await graphql(client, update)
        after = await graphql(client, QUERY)
    assert after["data"]["gallery"]["title"] == "Renamed"
    assert fake.count("load_galleries") == 2


async def test_only_the_missing_ids_of_a_batch_go_to_the_backend():
    fake, now = FakeAdapter(), [0.0]
    ids = [encode_id("fake", "Gallery", f"g{i}") for i in range(4)]
    async with running(cached_gateway(fake, now)) as client:
        await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids[:2]})
        await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert [c for c in fake.calls if c[0] == "load_galleries"] == [
        ("load_galleries", ("g0", "g1")),
        ("load_galleries", ("g2", "g3")),
    ]


async def test_errors_and_summaries_are_not_cached():
    fake, now = FakeAdapter(), [0.0]
    missing = encode_id("fake", "Gallery", "nope")
    async with running(cached_gateway(fake, now)) as client:
        await graphql(client, f'{{ gallery(id: "{missing}") {{ title }} }}')
        await graphql(client, f'{{ gallery(id: "{missing}") {{ title }} }}')
    assert fake.count("load_galleries") == 2


def test_the_cache_keeps_at_most_max_entries_least_recently_used_out():
    cache = InMemoryReadCache(ttl=60, max_entries=2)
    cache.set_many({("p", "s", "gallery", "1"): 1, ("p", "s", "gallery", "2"): 2})
    cache.get_many([("p", "s", "gallery", "1")])
    cache.set_many({("p", "s", "gallery", "3"): 3})
    assert set(cache.get_many([("p", "s", "gallery", k) for k in "123"])) == {
        ("p", "s", "gallery", "1"),
        ("p", "s", "gallery", "3"),
    }


async def test_without_a_ttl_every_request_reads_afresh():
    fake = FakeAdapter()
    gateway = Gateway(settings_for({"fake": fake}), adapters={"fake": fake})
    assert gateway.cache is None
    async with running(gateway) as client:
        await graphql(client, QUERY)
        await graphql(client, QUERY)
    assert fake.count("load_galleries") == 2
