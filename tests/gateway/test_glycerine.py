"""Glycerine end to end through GraphQL: reads, writes, manifest import and Laravel's errors.

The Glycerine emulator sits behind a ``glycerine`` source; it imports manifests from the static
IIIF host (wired as in the demo), which is also configured as a plain IIIF source, ``museum``,
so an imported gallery can be compared with the manifest it came from. Call counts come from
the emulators' journals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from adapters.base import SourceSettings
from adapters.emulation import Emulator
from adapters.iiif.emulator import create_emulator
from adapters.iiif.emulator.state import GlycerineState
from adapters.iiif.static_host import (
    DEFAULT_BASE_URL as HOST,
    StaticHostState,
    create_emulator as create_static_host,
)
from gateway.config import Settings
from gateway.runtime import Gateway
from schema.ids import decode_id, encode_id
from tests.gateway.harness import EDITING, graphql, running

SOURCE = "glycerine"
ALBUM_01 = f"{HOST}/manifests/v3/album-01.json"
PAYLOAD = """gallery { id title status translations { language title } }
             userErrors { code field message }"""


@dataclass
class Glycerine:
    client: httpx.AsyncClient
    emulator: Emulator
    host: Emulator  # the static IIIF host: imports come from it, the museum source reads it

    @property
    def state(self) -> GlycerineState:
        return cast(GlycerineState, self.emulator.state)

    def calls(self, method: str | None = None, path: str = "*") -> int:
        return self.emulator.control.journal.count(method, path)


@asynccontextmanager
async def glycerine(*, token: str | None = None) -> AsyncIterator[Glycerine]:
    """A gateway with a Glycerine source and the static IIIF host as the ``museum`` source."""
    host = create_static_host()
    emulator = create_emulator(fetch_transport=httpx.ASGITransport(app=host.app))
    sources = (
        SourceSettings(
            name=SOURCE,
            kind="glycerine",
            base_url=f"http://glycerine.emulator{emulator.base_path}",
            credentials=dict(emulator.credentials) if token is None else {"token": token},
        ),
        SourceSettings(
            name="museum",
            kind="iiif",
            base_url=HOST,
            options={"collection_url": "/collections/top.json", "allow_private_networks": True},
        ),
    )
    transports: dict[str, httpx.AsyncBaseTransport] = {
        SOURCE: httpx.ASGITransport(app=emulator.app),
        "museum": httpx.ASGITransport(app=host.app),
    }
    async with running(
        Gateway(Settings(sources=sources, auth=EDITING), transports=transports)
    ) as client:
        yield Glycerine(client, emulator, host)


def gid(type_name: str, native: str | int) -> str:
    return encode_id(SOURCE, type_name, str(native))


def image_set_of(global_id: str) -> int:
    """The image set id inside a gallery's global id (native ``"{collection}:{set}"``)."""
    return int(decode_id(global_id).native.split(":")[1])


async def ok(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = await graphql(client, query, variables)
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


async def failed(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    """The one error of a request that must fail, checked to come from the Glycerine source."""
    body = await graphql(client, query, variables)
    (error,) = body["errors"]
    assert error["extensions"]["source"] == SOURCE
    return {"data": body["data"], **error}


# -- reads -----------------------------------------------------------------------------------


async def test_collections_are_the_ones_the_token_may_see_from_one_call():
    query = '{ collections(source: "glycerine") { totalCount edges { node { id title } } } }'
    async with glycerine() as g:
        data = await ok(g.client, query)
    assert [e["node"]["title"] for e in data["collections"]["edges"]] == [
        "Sanborn Fire Insurance Maps",
        "Herbarium Specimens 1890-1920",
        "Dunhuang Manuscript Fragments",
        "Colonial Photography Archive",  # shared with the token's user; the private one is not
    ]
    assert data["collections"]["edges"][0]["node"]["id"] == gid("Collection", 1)
    assert g.calls("GET", "/api/collections") == 1
    assert g.calls() == 1


async def test_image_sets_of_a_collection_are_galleries_with_images_in_weight_order():
    query = """query($id: ID!) { collection(id: $id) { galleries { totalCount edges { node {
        id status images(first: 20) { edges { node { id position } } } } } } } }"""
    async with glycerine() as g:
        data = await ok(g.client, query, id=gid("Collection", 1))
    galleries = [e["node"] for e in data["collection"]["galleries"]["edges"]]
    assert data["collection"]["galleries"]["totalCount"] == len(galleries) == 4
    for gallery in galleries:
        image_set = image_set_of(gallery["id"])
        members = g.state.images_of(image_set)  # ascending weight, as Glycerine orders them
        assert [m.id for m in members] != sorted(m.id for m in members)  # so order matters
        images = [e["node"] for e in gallery["images"]["edges"]]
        assert [i["id"] for i in images] == [gid("Image", m.id) for m in members]
        assert [i["position"] for i in images] == [m.weight for m in members]
        published = g.state.image_sets[image_set].publication_id is not None
        assert gallery["status"] == ("PUBLISHED" if published else "DRAFT")
    # the collection, the list of its image sets, then one image list per set: 6 calls
    assert g.calls("GET", "/api/collections/1") == 1
    assert g.calls("GET", "/api/collections/1/image-sets") == 1
    assert g.calls("GET", "/api/image-sets/*/images") == 4
    assert g.calls() == 6


async def test_an_image_set_is_both_a_gallery_and_a_set_with_the_same_native_id():
    query = """query($id: ID!) {
        gallery(id: $id) { title set { id name status imageCount childCount } }
        sets(source: "glycerine", first: 50) { totalCount } }"""
    async with glycerine() as g:
        data = await ok(g.client, query, id=gid("Gallery", "1:1"))
    assert data["gallery"]["set"] == {
        "id": gid("Set", "1:1"),
        "name": data["gallery"]["title"],
        "status": "PUBLISHED",
        "imageCount": len(g.state.images_of(1)),
        "childCount": 0,  # image sets are flat
    }
    assert data["sets"]["totalCount"] == 11  # every visible image set, at the top level
    # The gallery and the set views have a loader each, so the set is read twice; listing the
    # sets reads the collections and each one's image sets.
    assert g.calls("GET", "/api/collections/1/image-sets/1") == 2
    assert g.calls("GET", "/api/collections") == 1
    assert g.calls("GET", "/api/collections/*/image-sets") == 4
    assert g.calls() == 7


async def test_allowed_languages_are_the_gallerys_translations():
    query = """query($id: ID!) { gallery(id: $id) { title translations { language title }
        en: translation(language: "en", fallback: false) { language }
        it: translation(language: "it", fallback: false) { language } } }"""
    async with glycerine() as g:
        data = await ok(g.client, query, id=gid("Gallery", "1:2"))
    allowed = g.state.image_sets[2].allowed_languages
    assert allowed == ["de", "en", "ja"]
    title = data["gallery"]["title"]
    assert data["gallery"]["translations"] == [{"language": c, "title": title} for c in allowed]
    assert data["gallery"]["en"] == {"language": "en"}
    assert data["gallery"]["it"] is None  # not an allowed language of this set
    assert g.calls() == 1


# -- writes ----------------------------------------------------------------------------------


async def test_create_gallery_as_published_with_languages_posts_then_publishes():
    query = f"""mutation($collection: ID!) {{ createGallery(input: {{
        source: "glycerine", collectionId: $collection, title: "Harbour surveys",
        description: "Soundings of the inner harbour.", status: PUBLISHED,
        translations: [{{language: "en"}}, {{language: "fr"}}] }}) {{ {PAYLOAD} }} }}"""
    async with glycerine() as g:
        data = await ok(g.client, query, collection=gid("Collection", 1))
    payload = data["createGallery"]
    assert payload["userErrors"] == []
    gallery = payload["gallery"]
    assert (gallery["title"], gallery["status"]) == ("Harbour surveys", "PUBLISHED")
    assert gallery["translations"] == [
        {"language": "en", "title": "Harbour surveys"},
        {"language": "fr", "title": "Harbour surveys"},
    ]
    created = g.state.image_sets[image_set_of(gallery["id"])]
    assert (created.collection_id, created.allowed_languages) == (1, ["en", "fr"])
    assert created.publication_id is not None
    assert g.state.publications[created.publication_id].active
    # ``published`` exists only on PUT: a POST and a PUT
    assert g.calls("POST", "/api/collections/1/image-sets") == 1
    assert g.calls("PUT", f"/api/collections/1/image-sets/{created.id}") == 1
    assert g.calls() == 2


async def test_update_gallery_status_unpublishes_and_publishes_and_sets_languages():
    query = f"""mutation($input: UpdateGalleryInput!) {{
        updateGallery(input: $input) {{ {PAYLOAD} }} }}"""
    gallery = gid("Gallery", "1:1")
    async with glycerine() as g:
        publication = g.state.publications[g.state.image_sets[1].publication_id or 0]
        assert publication.active
        draft = await ok(
            g.client,
            query,
            input={"id": gallery, "status": "DRAFT", "allowedLanguages": ["de", "it"]},
        )
        assert not publication.active  # unpublished: kept, inactive
        published = await ok(g.client, query, input={"id": gallery, "status": "PUBLISHED"})
        assert publication.active  # the same publication, active again
    draft_gallery = draft["updateGallery"]["gallery"]
    assert draft_gallery["status"] == "DRAFT"
    assert [t["language"] for t in draft_gallery["translations"]] == ["de", "it"]
    assert published["updateGallery"]["gallery"]["status"] == "PUBLISHED"
    assert [t["language"] for t in published["updateGallery"]["gallery"]["translations"]] == [
        "de",
        "it",
    ]
    assert g.state.image_sets[1].allowed_languages == ["de", "it"]
    assert g.calls("PUT", "/api/collections/1/image-sets/1") == 2
    assert g.calls() == 2


async def test_add_images_appends_them_by_id_after_the_last_image():
    query = """mutation($gallery: ID!, $images: [ImagePlacementInput!]!) {
        addImages(galleryId: $gallery, images: $images) {
            gallery { imageCount images(first: 30) { edges { node { id position } } } }
            userErrors { code } } }"""
    async with glycerine() as g:
        standalone = sorted(i.id for i in g.state.images.values() if i.image_set_id is None)
        before = [i.id for i in g.state.images_of(2)]
        data = await ok(
            g.client,
            query,
            gallery=gid("Gallery", "1:2"),
            # a gateway id and the backend's own id are both accepted
            images=[{"imageId": gid("Image", standalone[1])}, {"imageId": str(standalone[0])}],
        )
    payload = data["addImages"]
    assert payload["userErrors"] == []
    ids = [e["node"]["id"] for e in payload["gallery"]["images"]["edges"]]
    wanted = [*before, standalone[1], standalone[0]]
    assert ids == [gid("Image", i) for i in wanted]
    assert payload["gallery"]["imageCount"] == len(wanted) == 14
    positions = [e["node"]["position"] for e in payload["gallery"]["images"]["edges"]]
    assert positions == sorted(positions)
    assert [i.id for i in g.state.images_of(2)] == wanted
    # the PUT, then the new image list for the payload
    assert g.calls("PUT", "/api/collections/1/image-sets/2") == 1
    assert g.calls("GET", "/api/image-sets/2/images") == 1
    assert g.calls() == 2


async def test_delete_gallery_deletes_the_image_set_and_a_later_read_is_not_found():
    gallery = gid("Gallery", "3:9")
    async with glycerine() as g:
        data = await ok(
            g.client,
            "mutation($id: ID!) { deleteGallery(id: $id) { deletedId userErrors { code } } }",
            id=gallery,
        )
        error = await failed(g.client, "query($id: ID!) { gallery(id: $id) { title } }", id=gallery)
    assert data["deleteGallery"] == {"deletedId": gallery, "userErrors": []}
    assert 9 not in g.state.image_sets
    assert error["data"] == {"gallery": None}
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert g.calls("DELETE", "/api/collections/3/image-sets/9") == 1
    assert g.calls("GET", "/api/collections/3/image-sets/9") == 1
    assert g.calls() == 2


IMAGES = "images(first: 20) { edges { node { title width height url(width: 300) } } }"


async def test_import_iiif_manifest_makes_a_gallery_whose_images_are_its_canvases():
    mutation = f"""mutation($collection: ID!, $url: String!) {{
        importIIIFManifest(collectionId: $collection, manifestUrl: $url) {{
            gallery {{ title imageCount {IMAGES} }} userErrors {{ code field }} }} }}"""
    museum = f"query($id: ID!) {{ gallery(id: $id) {{ title {IMAGES} }} }}"
    async with glycerine() as g:
        sets_before = len(g.state.image_sets)
        imported = await ok(g.client, mutation, collection=gid("Collection", 2), url=ALBUM_01)
        original = await ok(g.client, museum, id=encode_id("museum", "Gallery", ALBUM_01))
    payload = imported["importIIIFManifest"]
    assert payload["userErrors"] == []
    gallery = payload["gallery"]
    manifest = cast(StaticHostState, g.host.state).documents["/manifests/v3/album-01.json"]
    canvases = cast(list[object], manifest["items"])
    assert gallery["imageCount"] == len(canvases) == len(gallery["images"]["edges"])
    # the same canvases, in order, with the same labels, sizes and derivative URLs
    assert gallery["title"] == original["gallery"]["title"]
    assert gallery["images"] == original["gallery"]["images"]
    first = gallery["images"]["edges"][0]["node"]
    assert first["url"] == f"{HOST}/iiif/3/album-01-001/full/300,/0/default.jpg"
    assert len(g.state.image_sets) == sets_before + 1
    assert g.calls("POST", "/api/collections/2/import/manifest") == 1
    assert g.calls("GET", "/api/image-sets/*/images") == 1
    assert g.calls() == 2
    # Glycerine fetched the manifest itself, and the museum source read it once
    assert g.host.control.journal.by_route() == {"GET /manifests/v3/album-01.json": 2}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/manifests/missing.json", "The manifest could not be fetched (HTTP 404)."),
        ("/manifests/not-json.json", "The manifest is not valid JSON."),
        ("/manifests/not-iiif.json", "The document is not a IIIF manifest."),
    ],
)
async def test_importing_an_unusable_manifest_is_a_user_error_on_manifest(
    path: str, message: str
) -> None:
    mutation = f"""mutation($collection: ID!, $url: String!) {{
        importIIIFManifest(collectionId: $collection, manifestUrl: $url) {{ {PAYLOAD} }} }}"""
    async with glycerine() as g:
        sets_before = len(g.state.image_sets)
        data = await ok(g.client, mutation, collection=gid("Collection", 2), url=f"{HOST}{path}")
    assert data["importIIIFManifest"] == {
        "gallery": None,
        "userErrors": [{"code": "BAD_USER_INPUT", "field": "manifestUrl", "message": message}],
    }
    assert len(g.state.image_sets) == sets_before
    assert g.calls("POST", "/api/collections/2/import/manifest") == 1
    assert g.calls() == 1
    assert g.host.control.journal.by_route() == {f"GET {path}": 1}


# -- Laravel's 401, 403, 404 and 422 -----------------------------------------------------------


async def test_a_401_from_a_wrong_token_reaches_the_client_as_unauthenticated():
    async with glycerine(token="1|not-a-token") as g:
        error = await failed(
            g.client, "query($id: ID!) { gallery(id: $id) { title } }", id=gid("Gallery", "1:1")
        )
    assert error["data"] == {"gallery": None}
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"] == "Unauthenticated."
    assert g.calls("GET", "/api/collections/1/image-sets/1") == 1
    assert g.calls() == 1  # a 4xx is not retried


async def test_a_403_reaches_the_client_as_forbidden_for_reads_and_writes():
    async with glycerine() as g:
        read = await failed(
            g.client, "query($id: ID!) { collection(id: $id) { title } }", id=gid("Collection", 5)
        )
        # the shared collection gives the token's user access only: no write
        write = await failed(
            g.client,
            'mutation($id: ID!) { updateGallery(input: {id: $id, title: "Renamed"}) '
            "{ gallery { id } } }",
            id=gid("Gallery", "4:10"),
        )
    assert read["data"] == {"collection": None}
    assert read["extensions"]["code"] == write["extensions"]["code"] == "FORBIDDEN"
    assert read["message"] == write["message"] == "This action is unauthorized."
    assert write["path"] == ["updateGallery"]
    assert g.state.image_sets[10].name == "Studio portraits, 1870s"
    assert g.calls("GET", "/api/collections/5") == 1
    assert g.calls("PUT", "/api/collections/4/image-sets/10") == 1
    assert g.calls() == 2


async def test_a_404_reaches_the_client_as_not_found_for_reads_and_as_a_user_error_for_writes():
    missing = gid("Gallery", "1:9999")
    mutation = f"""mutation($id: ID!) {{
        updateGallery(input: {{id: $id, title: "Renamed"}}) {{ {PAYLOAD} }} }}"""
    async with glycerine() as g:
        read = await failed(g.client, "query($id: ID!) { gallery(id: $id) { title } }", id=missing)
        write = await ok(g.client, mutation, id=missing)
    assert read["data"] == {"gallery": None}
    assert read["extensions"]["code"] == "NOT_FOUND"
    assert write["updateGallery"]["gallery"] is None
    assert [(e["code"], e["field"]) for e in write["updateGallery"]["userErrors"]] == [
        ("NOT_FOUND", None)
    ]
    assert g.calls("GET", "/api/collections/1/image-sets/9999") == 1
    assert g.calls("PUT", "/api/collections/1/image-sets/9999") == 1
    assert g.calls() == 2


async def test_a_422_reaches_the_client_as_a_user_error_on_the_field_laravel_names():
    update = f"""mutation($id: ID!) {{ updateGallery(input: {{
        id: $id, allowedLanguages: ["fr", "xx"] }}) {{ {PAYLOAD} }} }}"""
    create = f"""mutation($collection: ID!) {{ createGallery(input: {{
        source: "glycerine", collectionId: $collection, description: "No title" }})
        {{ {PAYLOAD} }} }}"""
    async with glycerine() as g:
        languages = list(g.state.image_sets[1].allowed_languages)
        sets_before = len(g.state.image_sets)
        updated = await ok(g.client, update, id=gid("Gallery", "1:1"))
        created = await ok(g.client, create, collection=gid("Collection", 1))
    assert updated["updateGallery"] == {
        "gallery": None,
        "userErrors": [
            {
                "code": "BAD_USER_INPUT",
                "field": "allowedLanguages.1",
                "message": "The selected allowed_languages.1 is invalid.",
            }
        ],
    }
    assert created["createGallery"]["gallery"] is None
    assert [(e["code"], e["field"]) for e in created["createGallery"]["userErrors"]] == [
        ("BAD_USER_INPUT", "title")
    ]
    assert g.state.image_sets[1].allowed_languages == languages  # nothing was written
    assert len(g.state.image_sets) == sets_before
    assert g.calls("PUT", "/api/collections/1/image-sets/1") == 1
    assert g.calls("POST", "/api/collections/1/image-sets") == 1
    assert g.calls() == 2
