"""/healthz says the process is up; /readyz pings every source and says which is down."""

from __future__ import annotations

from adapters.errors import Unavailable
from gateway.runtime import Gateway
from tests.fakes import FakeAdapter
from tests.gateway.harness import running, settings_for


def gateway(*fakes: FakeAdapter) -> Gateway:
    adapters = {f.name: f for f in fakes}
    return Gateway(settings_for(adapters), adapters=adapters)


async def test_healthz_answers_while_the_process_runs():
    async with running(gateway(FakeAdapter())) as client:
        response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_200_when_every_source_answers():
    async with running(gateway(FakeAdapter(name="a"), FakeAdapter(name="b"))) as client:
        response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["sources"] == {
        "a": {"kind": "fake", "status": "up"},
        "b": {"kind": "fake", "status": "up"},
    }


async def test_readyz_is_503_and_names_the_source_that_is_down():
    down = FakeAdapter(name="down", fail_with=Unavailable("no", source="down"))
    async with running(gateway(FakeAdapter(name="up"), down)) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unready"
    assert body["sources"]["down"] == {
        "kind": "fake",
        "status": "down",
        "code": "BACKEND_UNAVAILABLE",
    }
    assert body["sources"]["up"]["status"] == "up"


async def test_the_lifespan_closes_every_adapter():
    one, two = FakeAdapter(name="one"), FakeAdapter(name="two")
    async with running(gateway(one, two)):
        assert not one.closed
    assert one.closed and two.closed


async def test_metrics_count_requests_errors_and_loader_batches():
    fake = FakeAdapter(name="metered")
    async with running(gateway(fake)) as client:
        await client.post(
            "/graphql",
            json={
                "query": '{ galleries(source: "metered", first: 5) { edges { node { title } } } }'
            },
        )
        await client.post("/graphql", json={"query": '{ node(id: "bad") { id } }'})
        text = (await client.get("/metrics")).text
    assert "gallery_gateway_graphql_requests_total 2" in text
    assert 'gallery_gateway_graphql_errors_total{code="BAD_USER_INPUT"} 1' in text
    assert 'gallery_gateway_loader_batches_total{source="metered",entity="gallery"} 1' in text
    assert 'gallery_gateway_loader_keys_total{source="metered",entity="gallery"} 5' in text
