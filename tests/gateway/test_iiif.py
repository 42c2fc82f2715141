"""Plain IIIF end to end through GraphQL: the static IIIF host behind a gateway source.

What the IIIF issue accepts, asked the way a client asks it: exact derivative URLs per Image
API service type and level, the 20-manifest acceptance query fetching each document once,
broken manifests failing only their own gallery with distinct codes, and the ``none``
language rules of ``translation``. Call counts come from the static host's journal.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.emulation import Emulator, ManualClock
from adapters.iiif import IIIFAdapter
from adapters.iiif.documents import Resolver
from adapters.iiif.static_host import (
    ATLAS_CANVASES,
    DEFAULT_BASE_URL as HOST,
    FOREIGN_MANIFEST_URL,
    PRIVATE_MANIFEST_URL,
    ImageSpec,
    StaticHostState,
    create_emulator,
)
from gateway.config import Settings
from gateway.runtime import Gateway
from schema.ids import encode_id
from tests.gateway.harness import graphql, running

SOURCE = "museum"
OPTIONS = {
    "collection_url": "/collections/top.json",
    # the emulated host name resolves nowhere: allow it without the private-address check
    "allow_private_networks": True,
}
VARIANTS2 = f"{HOST}/manifests/v2/variants.json"
VARIANTS3 = f"{HOST}/manifests/v3/variants.json"
ATLAS = f"{HOST}/manifests/v3/atlas.json"
ALBUM_01 = f"{HOST}/manifests/v3/album-01.json"
LEVEL1_MANIFEST = f"{HOST}/manifests/v3/level1-maxwidth.json"


@dataclass
class Museum:
    client: httpx.AsyncClient
    host: Emulator

    def calls(self, method: str | None = "GET", path: str = "*") -> int:
        return self.host.control.journal.count(method, path)


@asynccontextmanager
async def museum(
    *,
    clock: ManualClock | None = None,
    resolver: Resolver | None = None,
    **options: object,
) -> AsyncIterator[Museum]:
    """A gateway with one plain IIIF source over a fresh static host.

    Built from settings and a transport like any deployment, unless a clock or a resolver is
    given: then the adapter is built here with them (the registry passes neither).
    """
    host = create_emulator()
    settings = SourceSettings(name=SOURCE, kind="iiif", base_url=HOST, options=OPTIONS | options)
    transport = httpx.ASGITransport(app=host.app)
    if clock is None and resolver is None:
        gateway = Gateway(Settings(sources=(settings,)), transports={SOURCE: transport})
    else:
        adapter = IIIFAdapter(settings, transport, clock=clock, resolver=resolver)
        gateway = Gateway(Settings(sources=(settings,)), adapters={SOURCE: adapter})
    async with running(gateway) as client:
        yield Museum(client, host)


def gallery_id(url: str) -> str:
    return encode_id(SOURCE, "Gallery", url)


def collection_id(path: str) -> str:
    return encode_id(SOURCE, "Collection", f"{HOST}{path}")


def image_id(manifest: str, canvas: str) -> str:
    """The global id of a canvas: its manifest URL ``#`` its canvas id."""
    return encode_id(
        SOURCE, "Image", f"{manifest}#{manifest.removesuffix('.json')}/canvas/{canvas}"
    )


def publish_level1_manifest(host: Emulator) -> str:
    """Put a v3 manifest with one level 1 canvas limited to ``maxWidth`` 800 on the host.

    The seed has level 1 with ``maxWidth`` only in Presentation 2; a static host serves whatever
    JSON is put on it, so the test publishes the v3 case itself (2000 x 1500, no sizes).
    """
    state = cast(StaticHostState, host.state)
    spec = state.add_image(ImageSpec("v3-level1-maxwidth", 3, 1, 2000, 1500, max_width=800))
    canvas = f"{LEVEL1_MANIFEST.removesuffix('.json')}/canvas/p1"
    body = {
        "id": state.url(f"{spec.path}/full/max/0/default.jpg"),
        "type": "Image",
        "format": "image/jpeg",
        "width": 2000,
        "height": 1500,
        "service": [
            {
                "id": state.url(spec.path),
                "type": "ImageService3",
                "profile": "level1",
                "maxWidth": 800,
            }
        ],
    }
    state.documents["/manifests/v3/level1-maxwidth.json"] = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": LEVEL1_MANIFEST,
        "type": "Manifest",
        "label": {"en": ["Level 1 with a width limit (Presentation 3)"]},
        "items": [
            {
                "id": canvas,
                "type": "Canvas",
                "width": 2000,
                "height": 1500,
                "items": [
                    {
                        "id": f"{canvas}/page/1",
                        "type": "AnnotationPage",
                        "items": [
                            {
                                "id": f"{canvas}/annotation/1",
                                "type": "Annotation",
                                "motivation": "painting",
                                "body": body,
                                "target": canvas,
                            }
                        ],
                    }
                ],
            }
        ],
    }
    return image_id(LEVEL1_MANIFEST, "p1")


SIZES_QUERY = """
query($id: ID!) { image(id: $id) {
  w300: url(width: 300) w1000: url(width: 1000) w3000: url(width: 3000)
  h300: url(height: 300) h2000: url(height: 2000)
  box: url(width: 1000, height: 1000) full: url
} }
"""


async def urls_of(client: httpx.AsyncClient, image: str) -> dict[str, str]:
    body = await graphql(client, SIZES_QUERY, {"id": image})
    assert "errors" not in body, body["errors"]
    urls: dict[str, str] = body["data"]["image"]
    return urls


def expected(base: str, **sizes: str) -> dict[str, str]:
    return {name: f"{HOST}{base}/full/{size}/0/default.jpg" for name, size in sizes.items()}


# -- image URLs: the exact string per service type and level --------------------------------


async def test_a_v2_level_2_image_asks_the_service_for_exactly_the_size_requested():
    async with museum() as m:
        urls = await urls_of(m.client, image_id(VARIANTS2, "c1"))  # 3200 x 2400
    # Image API 2 may upscale, so 3000 wide is asked as is; no size is "full" in v2.
    assert urls == expected(
        "/iiif/2/v2-level2",
        w300="300,",
        w1000="1000,",
        w3000="3000,",
        h300=",300",
        h2000=",2000",
        box="!1000,1000",
        full="full",
    )
    assert m.calls() == 1  # the manifest, once


async def test_a_v3_level_1_image_with_max_width_is_capped_at_that_width():
    async with museum() as m:
        image = publish_level1_manifest(m.host)  # 2000 x 1500, maxWidth 800
        urls = await urls_of(m.client, image)
    assert urls == expected(
        "/iiif/3/v3-level1-maxwidth",
        w300="300,",
        w1000="800,",
        w3000="800,",
        h300=",300",
        h2000=",600",  # 800 wide at 4:3 is 600 high
        box="!800,600",
        full="max",
    )
    assert m.calls() == 1


@pytest.mark.parametrize(
    ("manifest", "canvas", "base", "sizes"),
    [
        pytest.param(
            VARIANTS3,
            "p1",
            "/iiif/3/v3-level2-maxwidth",  # 4032 x 3024, maxWidth 1200
            {"w1000": "1000,", "w3000": "1200,", "h2000": ",900", "box": "!1000,1000"},
            id="v3-level2-max-width",
        ),
        pytest.param(
            VARIANTS3,
            "p5",
            "/iiif/3/v3-level1-maxarea",  # 6000 x 4000, maxArea 4,000,000
            {"w1000": "1000,", "w3000": "2449,", "h2000": ",1632", "box": "!1000,1000"},
            id="v3-level1-max-area",
        ),
        pytest.param(
            VARIANTS2,
            "c2",
            "/iiif/2/v2-level1-maxwidth",  # 5000 x 2500, maxWidth 1000
            {"w1000": "1000,", "w3000": "1000,", "h2000": ",500", "box": "!1000,1000"},
            id="v2-level1-max-width",
        ),
    ],
)
async def test_image_urls_stay_within_each_services_size_limits(
    manifest: str, canvas: str, base: str, sizes: dict[str, str]
) -> None:
    async with museum() as m:
        urls = await urls_of(m.client, image_id(manifest, canvas))
    assert {name: urls[name] for name in sizes} == expected(base, **sizes)


@pytest.mark.parametrize(
    ("manifest", "canvas", "base", "sizes"),
    [
        pytest.param(
            VARIANTS2,
            "c3",
            "/iiif/2/v2-level0-listed",  # lists 512x384, 1024x768, 2048x1536
            {
                "w300": "512,384",
                "w1000": "1024,768",
                "w3000": "2048,1536",
                "h300": "512,384",
                "h2000": "2048,1536",
                "box": "2048,1536",
                "full": "2048,1536",
            },
            id="v2",
        ),
        pytest.param(
            VARIANTS3,
            "p3",
            "/iiif/3/v3-level0-listed",  # lists 500x375, 1000x750, 2000x1500, 4000x3000
            {
                "w300": "500,375",
                "w1000": "1000,750",
                "w3000": "4000,3000",
                "h300": "500,375",
                "h2000": "4000,3000",
                "box": "2000,1500",
                "full": "4000,3000",
            },
            id="v3",
        ),
    ],
)
async def test_a_level_0_image_asks_only_for_sizes_the_service_lists(
    manifest: str, canvas: str, base: str, sizes: dict[str, str]
) -> None:
    async with museum() as m:
        urls = await urls_of(m.client, image_id(manifest, canvas))
    assert urls == expected(base, **sizes)


async def test_level_0_sizes_missing_from_the_manifest_are_read_from_info_json_once():
    async with museum() as m:
        urls = await urls_of(m.client, image_id(VARIANTS3, "p4"))  # sizes only in info.json
        again = await urls_of(m.client, image_id(VARIANTS3, "p4"))
    assert urls == again
    assert urls["w300"] == f"{HOST}/iiif/3/v3-level0-unlisted/full/300,200/0/default.jpg"
    assert urls["w1000"] == f"{HOST}/iiif/3/v3-level0-unlisted/full/1200,800/0/default.jpg"
    # two requests: the manifest and the info.json once each (the second from the source's cache)
    assert m.calls(path="/manifests/v3/variants.json") == 1
    assert m.calls(path="/iiif/3/v3-level0-unlisted/info.json") == 1
    assert m.calls() == 2


@pytest.mark.parametrize(
    ("manifest", "canvas", "original"),
    [
        pytest.param(VARIANTS2, "c4", "/images/folio-2v.jpg", id="v2"),
        pytest.param(VARIANTS3, "p7", "/images/scan-0007.jpg", id="v3"),
    ],
)
async def test_a_canvas_without_an_image_service_gives_its_own_image_at_any_size(
    manifest: str, canvas: str, original: str
) -> None:
    async with museum() as m:
        urls = await urls_of(m.client, image_id(manifest, canvas))
    assert set(urls.values()) == {f"{HOST}{original}"}


async def test_choice_bodies_use_their_first_option_through_graphql():
    query = """query($a: ID!, $b: ID!) {
        a: image(id: $a) { url(width: 300) } b: image(id: $b) { url(width: 300) } }"""
    async with museum() as m:
        body = await graphql(
            m.client, query, {"a": image_id(VARIANTS3, "p6"), "b": image_id(VARIANTS2, "c5")}
        )
    assert body["data"] == {
        "a": {"url": f"{HOST}/iiif/3/v3-choice-natural/full/300,/0/default.jpg"},
        "b": {"url": f"{HOST}/iiif/2/v2-choice-default/full/300,/0/default.jpg"},
    }
    # one manifest each (plus the v3 manifest's one level 0 service without listed sizes)
    assert m.calls() == 3


# -- the acceptance query ------------------------------------------------------------------

ACCEPTANCE_QUERY = """
query($id: ID!) { collection(id: $id) { galleries(first: 20) { edges { node {
  title
  translations(languages: ["en","fr"]) { language title }
  images(first: 5) { edges { node { url(width: 300) translation(language: "fr") { title } } } }
} } } } }
"""


async def test_the_acceptance_query_fetches_each_document_exactly_once():
    async with museum() as m:
        body = await graphql(
            m.client, ACCEPTANCE_QUERY, {"id": collection_id("/collections/acceptance.json")}
        )
    assert "errors" not in body
    galleries = [edge["node"] for edge in body["data"]["collection"]["galleries"]["edges"]]
    assert len(galleries) == 20
    versions = []
    for number, gallery in enumerate(galleries, start=1):
        assert [t["language"] for t in gallery["translations"]] == ["en", "fr"]
        assert gallery["title"] == gallery["translations"][0]["title"]
        assert gallery["translations"][1]["title"] != gallery["title"]
        version = 2 if number % 3 == 2 else 3  # every third album is Presentation 2.1
        versions.append(version)
        assert [image["node"] for image in gallery["images"]["edges"]] == [
            {
                "url": f"{HOST}/iiif/{version}/album-{number:02}-{canvas:03}/full/300,/0/"
                "default.jpg",
                "translation": {"title": f"{'Vue' if canvas % 2 else 'Planche'} {canvas}"},
            }
            for canvas in range(1, 6)
        ]
    assert versions.count(2) == 7 and versions.count(3) == 13
    journal = m.host.control.journal
    # 21 requests: the collection and its first 20 manifests, every path exactly once.
    assert m.calls(path="/collections/acceptance.json") == 1
    assert m.calls(path="/manifests/*") == 20
    assert set(journal.by_route().values()) == {1}
    assert len(journal) == 21


async def test_nested_collections_in_v2_and_v3_are_listed_from_one_fetch_each():
    query = """{ collections(source: "museum", first: 10) { totalCount edges { node {
        title fr: translation(language: "fr", fallback: false) { title } galleries { totalCount }
    } } } }"""
    async with museum() as m:
        body = await graphql(m.client, query)
    assert "errors" not in body
    nodes = [edge["node"] for edge in body["data"]["collections"]["edges"]]
    assert [(n["title"], n["galleries"]["totalCount"]) for n in nodes] == [
        ("Gallery Gateway sample IIIF host", 3),
        ("Photo albums", 24),
        ("Archive (Presentation 2)", 3),
        ("Maps and plans", 3),
    ]
    assert [n["fr"] and n["fr"]["title"] for n in nodes] == [
        "Hôte IIIF d'exemple de Gallery Gateway",
        "Albums photo",
        "Archives (Présentation 2)",
        None,  # a v2 label in English only
    ]
    assert body["data"]["collections"]["totalCount"] == 4
    assert m.calls() == 4  # top, acceptance, archive-v2, archive-v2-maps


async def test_a_manifest_of_hundreds_of_canvases_pages_from_one_fetch_until_it_expires():
    query = """query($id: ID!, $after: String) { gallery(id: $id) { imageCount
        images(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
                                             edges { node { title } } } } }"""
    clock = ManualClock()
    titles: list[str] = []
    after = None
    async with museum(clock=clock) as m:
        for _ in range(5):
            body = await graphql(m.client, query, {"id": gallery_id(ATLAS), "after": after})
            gallery = body["data"]["gallery"]
            titles += [edge["node"]["title"] for edge in gallery["images"]["edges"]]
            if not gallery["images"]["pageInfo"]["hasNextPage"]:
                break
            after = gallery["images"]["pageInfo"]["endCursor"]
        assert gallery["imageCount"] == ATLAS_CANVASES
        assert m.calls(path="/manifests/v3/atlas.json") == 1  # four requests, one fetch
        clock.advance(61)  # past the source's 60 s document_ttl
        await graphql(m.client, query, {"id": gallery_id(ATLAS), "after": None})
        assert m.calls(path="/manifests/v3/atlas.json") == 2
    assert titles == [f"Sheet {n}" for n in range(1, ATLAS_CANVASES + 1)]


# -- broken manifests ------------------------------------------------------------------------

BROKEN_QUERY = """
query($id: ID!) { collection(id: $id) { galleries(first: 20) { edges { node {
  id title
  translations(languages: ["en","fr"]) { language title }
  images(first: 5) { edges { node { url(width: 300) } } }
} } } } }
"""


def errors_by_gallery(errors: Sequence[dict[str, Any]]) -> dict[int, set[tuple[str, str, str]]]:
    """``{gallery index: {(field, code, backendCode)}}`` from errors under the gallery list."""
    found: dict[int, set[tuple[str, str, str]]] = {}
    for error in errors:
        path = error["path"]
        assert path[:3] == ["collection", "galleries", "edges"] and path[4] == "node"
        extensions = error["extensions"]
        assert extensions["source"] == SOURCE
        found.setdefault(path[3], set()).add(
            (path[5], extensions["code"], extensions.get("backendCode", ""))
        )
    return found


async def test_broken_manifests_fail_only_their_own_gallery_each_with_its_own_code():
    async with museum() as m:
        body = await graphql(
            m.client, BROKEN_QUERY, {"id": collection_id("/collections/broken.json")}
        )
    nodes = [edge["node"] for edge in body["data"]["collection"]["galleries"]["edges"]]
    assert [n["id"] for n in nodes] == [
        gallery_id(url)
        for url in (
            f"{HOST}/manifests/missing.json",
            f"{HOST}/manifests/not-json.json",
            f"{HOST}/manifests/not-iiif.json",
            f"{HOST}/manifests/huge.json",
            f"{HOST}/redirects/2",
            f"{HOST}/redirects/5",
            ALBUM_01,
            FOREIGN_MANIFEST_URL,
            PRIVATE_MANIFEST_URL,
        )
    ]
    fields = ("title", "translations", "images")
    expected_errors = {
        0: ("NOT_FOUND", ""),  # 404
        1: ("BAD_BACKEND_RESPONSE", "not_json"),  # an HTML page
        2: ("BAD_BACKEND_RESPONSE", "not_iiif"),  # JSON, but no IIIF type
        3: ("DOCUMENT_TOO_LARGE", "document_too_large"),  # 50 MB against the 10 MB default
        5: ("BAD_BACKEND_RESPONSE", "too_many_redirects"),  # 5 hops against the 3 allowed
        7: ("HOST_NOT_ALLOWED", "host_not_allowed"),  # another host
        8: ("HOST_NOT_ALLOWED", "host_not_allowed"),  # a link-local address, not allowed either
    }
    assert errors_by_gallery(body["errors"]) == {
        index: {(field, code, backend) for field in fields}
        for index, (code, backend) in expected_errors.items()
    }
    for index in expected_errors:
        assert {k: nodes[index][k] for k in fields} == dict.fromkeys(fields)
    # The good ones, one of them behind two redirects, arrive whole.
    for good in (nodes[4], nodes[6]):
        assert good["title"] == "Botanical studies, Bergen 1971"
        assert [t["language"] for t in good["translations"]] == ["en", "fr"]
        assert [e["node"]["url"] for e in good["images"]["edges"]] == [
            f"{HOST}/iiif/3/album-01-{n:03}/full/300,/0/default.jpg" for n in range(1, 6)
        ]
    journal = m.host.control.journal
    assert journal.by_route() == {
        "GET /collections/broken.json": 1,
        "GET /manifests/missing.json": 1,
        "GET /manifests/not-json.json": 1,
        "GET /manifests/not-iiif.json": 1,
        "GET /manifests/huge.json": 1,
        "GET /redirects/2": 2,  # its own gallery, and the third hop from /redirects/5
        "GET /redirects/1": 1,
        "GET /manifests/v3/album-01.json": 2,  # directly, and at the end of /redirects/2
        "GET /redirects/5": 1,
        "GET /redirects/4": 1,
        "GET /redirects/3": 1,
    }
    assert len(journal) == 13  # the foreign and link-local manifests are never requested


async def test_a_manifest_on_a_private_address_is_refused_even_when_its_host_is_allowed():
    async def resolver(host: str) -> list[str]:
        return ["93.184.216.34"]  # the static host, as if on a public address

    query = """query($bad: ID!, $good: ID!) {
        bad: gallery(id: $bad) { title } good: gallery(id: $good) { title } }"""
    async with museum(
        resolver=resolver,
        allow_private_networks=False,
        allowed_hosts=["iiif.emulator", "169.254.169.254"],
    ) as m:
        body = await graphql(
            m.client, query, {"bad": gallery_id(PRIVATE_MANIFEST_URL), "good": gallery_id(ALBUM_01)}
        )
    assert body["data"] == {
        "bad": None,  # the root field: the gallery could not be read at all
        "good": {"title": "Botanical studies, Bergen 1971"},
    }
    (error,) = body["errors"]
    assert error["path"] == ["bad"]
    assert error["extensions"]["code"] == "HOST_NOT_ALLOWED"
    assert error["extensions"]["backendCode"] == "private_address"
    assert "169.254" in error["message"] and "metadata" not in error["message"]
    assert m.host.control.journal.by_route() == {"GET /manifests/v3/album-01.json": 1}


# -- translations and the "none" language ----------------------------------------------------

TRANSLATION_QUERY = """
query($id: ID!) { image(id: $id) {
  title
  translations { language title }
  fr: translation(language: "fr") { language title }
  deAT: translation(language: "de-AT", fallback: true) { language title }
  en: translation(language: "en") { language title }
  frStrict: translation(language: "fr", fallback: false) { language title }
  enStrict: translation(language: "en", fallback: false) { language title }
  noneStrict: translation(language: "none", fallback: false) { language title }
} }
"""


async def translations_of(m: Museum, image: str) -> dict[str, Any]:
    body = await graphql(m.client, TRANSLATION_QUERY, {"id": image})
    assert "errors" not in body
    found: dict[str, Any] = body["data"]["image"]
    return found


async def test_a_canvas_labelled_only_in_none_answers_every_language_with_fallback():
    async with museum() as m:
        found = await translations_of(m, image_id(VARIANTS3, "p7"))  # {"none": ["f. 7r"]}
    none = {"language": "none", "title": "f. 7r"}
    assert found["title"] == "f. 7r"
    assert found["translations"] == [none]
    assert found["fr"] == found["deAT"] == found["en"] == none
    assert found["noneStrict"] == none


async def test_without_fallback_a_none_label_is_no_language_s_translation():
    async with museum() as m:
        found = await translations_of(m, image_id(VARIANTS3, "p7"))
    assert found["frStrict"] is None
    assert found["enStrict"] is None


async def test_a_label_in_english_and_none_answers_other_languages_with_none_before_english():
    async with museum() as m:  # {"en": ["Image API 2 service"], "none": ["IIIF 2"]}
        found = await translations_of(m, image_id(VARIANTS3, "p2"))
    assert found["en"] == found["enStrict"] == {"language": "en", "title": "Image API 2 service"}
    assert found["fr"] == found["deAT"] == {"language": "none", "title": "IIIF 2"}
    assert found["frStrict"] is None


async def test_a_v2_plain_string_label_is_a_none_translation():
    async with museum() as m:
        found = await translations_of(m, image_id(VARIANTS2, "c1"))  # "Folio 1r"
    assert found["translations"] == [{"language": "none", "title": "Folio 1r"}]
    assert found["fr"] == {"language": "none", "title": "Folio 1r"}
    assert found["enStrict"] is None


async def test_a_canvas_without_a_label_has_no_translation_even_with_fallback():
    async with museum() as m:
        found = await translations_of(m, image_id(VARIANTS3, "p8"))
    assert found["title"] is None and found["translations"] == []
    assert found["fr"] is None and found["noneStrict"] is None
    assert m.calls() == 2  # the manifest and its one level 0 info.json
