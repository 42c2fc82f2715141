from __future__ import annotations

from collections.abc import Sequence

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.emulation import Emulator
from adapters.errors import (
    BadUpstreamResponse,
    DocumentTooLarge,
    HostNotAllowed,
    NotFound,
    Unavailable,
)
from adapters.http import BackendHTTP
from adapters.iiif.documents import DocumentFetcher, FetchPolicy
from adapters.iiif.static_host import create_emulator

HOST = "http://iiif.emulator"


def _settings(**options: object) -> SourceSettings:
    return SourceSettings(name="iiif-docs", kind="iiif", base_url=HOST, options=options)


def _fetcher(
    transport: httpx.AsyncBaseTransport,
    resolved: Sequence[str] = ("93.184.216.34",),
    **options: object,
) -> DocumentFetcher:
    settings = _settings(**options)

    async def resolver(host: str) -> Sequence[str]:
        return resolved

    policy = FetchPolicy.from_settings(settings, entry_url=f"{HOST}/collections/top.json")
    return DocumentFetcher(BackendHTTP(settings, transport), policy, resolver=resolver)


def _host_transport() -> tuple[httpx.AsyncBaseTransport, Emulator]:
    host = create_emulator()
    return httpx.ASGITransport(app=host.app), host


def test_policy_defaults_to_the_entry_host_and_ten_megabytes():
    policy = FetchPolicy.from_settings(_settings(), entry_url=f"{HOST}/collections/top.json")
    assert policy.allowed_hosts == ("iiif.emulator",)
    assert (policy.max_document_bytes, policy.max_redirects) == (10 * 1024 * 1024, 3)
    assert policy.allow_private_networks is False


def test_policy_reads_host_patterns_from_a_comma_separated_option():
    policy = FetchPolicy.from_settings(
        _settings(allowed_hosts="iiif.example.org, *.museum.example"), entry_url=HOST
    )
    assert policy.host_allowed("cdn.museum.example")
    assert not policy.host_allowed("museum.example.evil")


async def test_a_public_host_is_fetched():
    transport, _ = _host_transport()
    document = await _fetcher(transport).fetch_json(f"{HOST}/collections/top.json")
    assert document["type"] == "Collection"


async def test_missing_document_is_not_found():
    transport, _ = _host_transport()
    with pytest.raises(NotFound):
        await _fetcher(transport).fetch_json(f"{HOST}/manifests/missing.json")


async def test_html_is_a_bad_upstream_response():
    transport, _ = _host_transport()
    with pytest.raises(BadUpstreamResponse) as caught:
        await _fetcher(transport).fetch_json(f"{HOST}/manifests/not-json.json")
    assert caught.value.backend_code == "not_json"


async def test_a_streamed_50_mb_document_stops_at_the_cap():
    transport, _ = _host_transport()
    with pytest.raises(DocumentTooLarge):
        await _fetcher(transport).fetch_json(f"{HOST}/manifests/huge.json")


async def test_a_declared_content_length_over_the_cap_is_refused_before_reading():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "2048"}, content=b"{}" * 1024)

    fetcher = _fetcher(httpx.MockTransport(handler), max_document_bytes=1024)
    with pytest.raises(DocumentTooLarge):
        await fetcher.fetch_json(f"{HOST}/big.json")


async def test_a_host_not_in_the_allowed_list_is_never_requested():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    with pytest.raises(HostNotAllowed) as caught:
        await _fetcher(httpx.MockTransport(handler)).fetch_json("http://elsewhere.example/m.json")
    assert caught.value.backend_code == "host_not_allowed"
    assert seen == []


async def test_a_name_resolving_to_a_private_address_is_refused():
    transport, _ = _host_transport()
    with pytest.raises(HostNotAllowed) as caught:
        await _fetcher(transport, resolved=("10.1.2.3",)).fetch_json(f"{HOST}/collections/top.json")
    assert caught.value.backend_code == "private_address"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/m.json", "http://169.254.169.254/m.json", "http://[::1]/m.json"]
)
async def test_ip_literal_loopback_and_link_local_hosts_are_refused(url: str) -> None:
    transport, _ = _host_transport()
    with pytest.raises(HostNotAllowed):
        await _fetcher(transport, allowed_hosts=["*"]).fetch_json(url)


async def test_private_networks_may_be_allowed_for_tests_and_the_demo():
    transport, _ = _host_transport()
    fetcher = _fetcher(transport, resolved=("127.0.0.1",), allow_private_networks=True)
    assert (await fetcher.fetch_json(f"{HOST}/collections/top.json"))["type"] == "Collection"


async def test_a_name_with_no_addresses_is_refused():
    transport, _ = _host_transport()
    fetcher = _fetcher(transport, resolved=())
    with pytest.raises(HostNotAllowed):
        await fetcher.fetch_json(f"{HOST}/collections/top.json")


async def test_redirects_are_followed_up_to_the_limit():
    transport, host = _host_transport()
    document = await _fetcher(transport).fetch_json(f"{HOST}/redirects/3")
    assert document["type"] == "Manifest"
    assert host.control.journal.count("GET", "/redirects/*") == 3


async def test_one_redirect_too_many_is_refused():
    transport, _ = _host_transport()
    with pytest.raises(BadUpstreamResponse) as caught:
        await _fetcher(transport).fetch_json(f"{HOST}/redirects/4")
    assert caught.value.backend_code == "too_many_redirects"


async def test_every_redirect_hop_is_checked_against_the_allowed_hosts():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest"})

    with pytest.raises(HostNotAllowed):
        await _fetcher(httpx.MockTransport(handler)).fetch_json(f"{HOST}/start.json")


async def test_a_server_error_is_retried_then_unavailable():
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(503)

    with pytest.raises(Unavailable):
        await _fetcher(httpx.MockTransport(handler)).fetch_json(f"{HOST}/m.json")
    assert len(calls) == 3  # one try and settings.retries (2) retries


async def test_the_request_asks_for_json_ld():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"type": "Manifest"})

    await _fetcher(httpx.MockTransport(handler)).fetch_json(f"{HOST}/m.json")
    assert seen[0].headers["accept"].startswith("application/ld+json")
    assert seen[0].url == httpx.URL(f"{HOST}/m.json")
