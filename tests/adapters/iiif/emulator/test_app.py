"""The Glycerine emulator behaves as the seed and the Laravel conventions say."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from adapters.emulation import Emulator
from adapters.iiif.emulator import create_emulator
from adapters.iiif.emulator.state import GlycerineState

# The seed's layout: collections 1-3 are the main user's, 4 is shared with them (access only),
# 5 is someone else's; collection 1 holds image sets 1-4; sets 1, 4, 7 and 10 are published;
# images 111-115 are in no set.
SHARED_COLLECTION = 4
PRIVATE_COLLECTION = 5
STANDALONE_IMAGES = [111, 112]

V3_MANIFEST: dict[str, Any] = {
    "@context": "http://iiif.io/api/presentation/3/context.json",
    "id": "https://example.org/iiif/book/manifest.json",
    "type": "Manifest",
    "label": {"en": ["A book of hours"]},
    "summary": {"en": ["Two leaves"]},
    "items": [
        {
            "id": f"https://example.org/iiif/book/canvas/{n}",
            "type": "Canvas",
            "label": {"none": [f"f. {n}r"]},
            "width": 1000,
            "height": 1500,
            "items": [
                {
                    "id": f"https://example.org/iiif/book/page/{n}",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"https://example.org/iiif/book/annotation/{n}",
                            "type": "Annotation",
                            "motivation": "painting",
                            "target": f"https://example.org/iiif/book/canvas/{n}",
                            "body": {
                                "id": f"https://images.example.org/leaf{n}/full/max/0/default.jpg",
                                "type": "Image",
                                "format": "image/jpeg",
                                "service": [
                                    {
                                        "id": f"https://images.example.org/leaf{n}",
                                        "type": "ImageService3",
                                        "profile": "level1",
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
        for n in (1, 2)
    ],
}


def manifest_host(documents: dict[str, Any]) -> httpx.MockTransport:
    """A stand-in for the web: serves ``documents`` by URL, 404 for anything else."""

    def handler(request: httpx.Request) -> httpx.Response:
        document = documents.get(str(request.url))
        if document is None:
            return httpx.Response(404, text="Not Found")
        return httpx.Response(200, json=document)

    return httpx.MockTransport(handler)


def state_of(emulator: Emulator) -> GlycerineState:
    assert isinstance(emulator.state, GlycerineState)
    return emulator.state


async def test_auth_user_returns_the_token_owner(api: httpx.AsyncClient) -> None:
    response = await api.get("/auth-user")
    assert response.status_code == 200
    assert response.json()["email"] == "ada.whitfield@example.edu"


async def test_without_a_token_the_answer_is_401_unauthenticated(api: httpx.AsyncClient) -> None:
    response = await api.get("/collections", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}


async def test_without_accept_json_an_auth_failure_redirects_to_login(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get("/collections", headers={"Authorization": "", "Accept": "text/html"})
    assert response.status_code == 302
    assert response.headers["location"] == "http://glycerine.emulator/login"


async def test_without_accept_json_a_signed_in_read_is_still_json(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get("/auth-user", headers={"Accept": "*/*"})
    assert response.status_code == 200
    assert response.json()["id"] == 1


async def test_collections_list_is_a_bare_array_of_own_and_shared(
    api: httpx.AsyncClient,
) -> None:
    body = (await api.get("/collections")).json()
    assert isinstance(body, list)
    assert [c["id"] for c in body] == [1, 2, 3, SHARED_COLLECTION]
    assert body[-1]["policies"] == ["access"]
    assert body[0]["policies"] == ["access", "write", "manage", "delete"]


async def test_a_collection_of_someone_else_is_403(api: httpx.AsyncClient) -> None:
    response = await api.get(f"/collections/{PRIVATE_COLLECTION}")
    assert response.status_code == 403
    assert response.json() == {"message": "This action is unauthorized."}


async def test_a_shared_collection_cannot_be_updated_with_access_only(
    api: httpx.AsyncClient,
) -> None:
    response = await api.put(f"/collections/{SHARED_COLLECTION}", json={"name": "Mine now"})
    assert response.status_code == 403


async def test_a_missing_model_is_404_with_a_message(api: httpx.AsyncClient) -> None:
    response = await api.get("/collections/1/image-sets/999")
    assert response.status_code == 404
    assert response.json() == {"message": "No query results for model [App\\Models\\ImageSet] 999"}


async def test_an_image_set_is_only_found_under_its_own_collection(
    api: httpx.AsyncClient,
) -> None:
    assert (await api.get("/collections/1/image-sets/1")).status_code == 200
    assert (await api.get("/collections/2/image-sets/1")).status_code == 404


# Every route that needs a token, each with a non-numeric id where the path has one.
NON_NUMERIC_ID_ROUTES = [
    ("GET", "/collections/abc", "Collection"),
    ("PUT", "/collections/abc", "Collection"),
    ("DELETE", "/collections/abc", "Collection"),
    ("GET", "/collections/abc/image-sets", "Collection"),
    ("POST", "/collections/abc/image-sets", "Collection"),
    ("GET", "/collections/1/image-sets/abc", "ImageSet"),
    ("PUT", "/collections/1/image-sets/abc", "ImageSet"),
    ("DELETE", "/collections/1/image-sets/abc", "ImageSet"),
    ("GET", "/collections/abc/image-sets/1", "Collection"),
    ("POST", "/collections/abc/import/manifest", "Collection"),
    ("GET", "/image-sets/abc/images", "ImageSet"),
    ("GET", "/images/abc", "Image"),
    ("PUT", "/images/abc", "Image"),
    ("DELETE", "/images/abc", "Image"),
    ("GET", "/iiif/manifest/abc", "ImageSet"),
    ("GET", "/iiif/collection/abc", "Collection"),
]


@pytest.mark.parametrize(("method", "path", "model"), NON_NUMERIC_ID_ROUTES)
async def test_without_a_token_a_non_numeric_id_is_401_not_404(
    api: httpx.AsyncClient, method: str, path: str, model: str
) -> None:
    response = await api.request(method, path, headers={"Authorization": ""})
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}


@pytest.mark.parametrize(("method", "path", "model"), NON_NUMERIC_ID_ROUTES)
async def test_with_a_token_a_non_numeric_id_is_the_model_404(
    api: httpx.AsyncClient, method: str, path: str, model: str
) -> None:
    response = await api.request(method, path)
    assert response.status_code == 404
    assert response.json() == {"message": f"No query results for model [App\\Models\\{model}] abc"}


async def test_a_non_numeric_publication_id_is_the_publication_404(
    api: httpx.AsyncClient,
) -> None:
    response = await api.get("/publications/image-sets/abc/info", headers={"Authorization": ""})
    assert response.status_code == 404
    assert response.json() == {
        "message": "No query results for model [App\\Models\\Publication] abc"
    }


async def test_without_accept_json_a_403_is_an_html_page(api: httpx.AsyncClient) -> None:
    response = await api.get(f"/collections/{PRIVATE_COLLECTION}", headers={"Accept": "text/html"})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>This action is unauthorized.</title>" in response.text


async def test_without_accept_json_a_404_is_an_html_page(api: httpx.AsyncClient) -> None:
    response = await api.get("/collections/1/image-sets/999", headers={"Accept": "*/*"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>No query results for model [App\\Models\\ImageSet] 999</title>" in response.text


async def test_an_html_error_page_escapes_the_id_from_the_path(api: httpx.AsyncClient) -> None:
    response = await api.get("/images/%3Cb%3E", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "<title>No query results for model [App\\Models\\Image] &lt;b&gt;</title>" in (
        response.text
    )


async def test_an_unknown_route_is_404_json(api: httpx.AsyncClient) -> None:
    response = await api.get("/galleries")
    assert response.status_code == 404
    assert response.json() == {"message": "The route api/galleries could not be found."}


async def test_validation_failure_is_422_with_laravel_errors(api: httpx.AsyncClient) -> None:
    response = await api.post("/collections/1/image-sets", json={"description": "no name"})
    assert response.status_code == 422
    assert response.json() == {
        "message": "The name field is required.",
        "errors": {"name": ["The name field is required."]},
    }


async def test_several_validation_failures_are_summarised_in_the_message(
    api: httpx.AsyncClient,
) -> None:
    response = await api.post(
        "/collections/1/image-sets", json={"allowed_languages": ["en", "xx"], "image_ids": [9999]}
    )
    body = response.json()
    assert body["message"] == "The name field is required. (and 2 more errors)"
    assert list(body["errors"]) == ["name", "allowed_languages.1", "image_ids.0"]


async def test_without_accept_json_a_validation_failure_redirects_back(
    api: httpx.AsyncClient,
) -> None:
    response = await api.post(
        "/collections/1/image-sets",
        json={},
        headers={"Accept": "text/html", "Referer": "http://glycerine.emulator/sets/new"},
    )
    assert response.status_code == 302
    assert response.headers["location"] == "http://glycerine.emulator/sets/new"


async def test_allowed_languages_are_written_as_codes_and_read_as_objects(
    api: httpx.AsyncClient,
) -> None:
    created = await api.post(
        "/collections/1/image-sets", json={"name": "Plates", "allowed_languages": ["fr", "en"]}
    )
    assert created.status_code == 200
    assert created.json()["allowed_languages"] == [
        {"name": "French", "code": "fr"},
        {"name": "English", "code": "en"},
    ]
    updated = await api.put(
        f"/collections/1/image-sets/{created.json()['id']}", json={"allowed_languages": ["de"]}
    )
    assert updated.json()["allowed_languages"] == [{"name": "German", "code": "de"}]


async def test_create_ignores_read_only_fields(api: httpx.AsyncClient) -> None:
    created = await api.post(
        "/collections/1/image-sets",
        json={"name": "Plates", "id": 77, "image_count": 40, "published": True},
    )
    body = created.json()
    assert body["id"] != 77
    assert body["image_count"] == 0
    assert body["publication"] is None


async def test_image_ids_add_images_after_the_last_weight(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    before = (await api.get("/image-sets/2/images")).json()
    response = await api.put("/collections/1/image-sets/2", json={"image_ids": STANDALONE_IMAGES})
    assert response.json()["image_count"] == len(before) + 2
    after = (await api.get("/image-sets/2/images")).json()
    assert [i["id"] for i in after[-2:]] == STANDALONE_IMAGES
    assert [i["weight"] for i in after[-2:]] == [len(before), len(before) + 1]
    assert state_of(emulator).images[111].image_set_id == 2


async def test_images_of_a_set_come_in_weight_order_not_id_order(
    api: httpx.AsyncClient,
) -> None:
    images = (await api.get("/image-sets/1/images")).json()
    weights = [i["weight"] for i in images]
    assert weights == sorted(weights)
    assert [i["id"] for i in images] != sorted(i["id"] for i in images)


async def test_publishing_creates_an_active_publication(api: httpx.AsyncClient) -> None:
    assert (await api.get("/collections/1/image-sets/2")).json()["publication"] is None
    published = (await api.put("/collections/1/image-sets/2", json={"published": True})).json()
    publication = published["publication"]
    assert publication["active"] is True
    assert publication["image_set_id"] == 2
    public = await api.get(
        f"/publications/image-sets/{publication['id']}/json", headers={"Authorization": ""}
    )
    assert public.status_code == 200
    assert public.json()["name"] == published["name"]
    assert len(public.json()["images"]) == published["image_count"]


async def test_unpublishing_keeps_the_publication_inactive_and_hides_it(
    api: httpx.AsyncClient,
) -> None:
    first = (await api.put("/collections/1/image-sets/2", json={"published": True})).json()
    second = (await api.put("/collections/1/image-sets/2", json={"published": "0"})).json()
    assert second["publication"]["id"] == first["publication"]["id"]
    assert second["publication"]["active"] is False
    pid = first["publication"]["id"]
    assert (await api.get(f"/publications/image-sets/{pid}/info")).status_code == 404


async def test_published_must_be_a_boolean(api: httpx.AsyncClient) -> None:
    response = await api.put("/collections/1/image-sets/2", json={"published": "yes"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "published": ["The published field must be true or false."]
    }


async def test_public_publication_info_needs_no_token(api: httpx.AsyncClient) -> None:
    set_one = (await api.get("/collections/1/image-sets/1")).json()
    pid = set_one["publication"]["id"]
    info = await api.get(f"/publications/image-sets/{pid}/info", headers={"Authorization": ""})
    assert info.json()["image_set_id"] == 1
    assert info.json()["active"] is True
    manifest = await api.get(f"/publications/image-sets/{pid}/manifest")
    assert manifest.json()["type"] == "Manifest"


async def test_published_collection_json_lists_only_published_sets(
    api: httpx.AsyncClient,
) -> None:
    collection = (await api.get("/collections/1")).json()
    pid = collection["publication"]["id"]
    body = (await api.get(f"/publications/collections/{pid}/json")).json()
    assert [s["id"] for s in body["image_sets"]] == [1, 4]


async def test_delete_image_set_returns_the_deleted_object(api: httpx.AsyncClient) -> None:
    before = (await api.get("/collections/1/image-sets/3")).json()
    deleted = await api.delete("/collections/1/image-sets/3")
    assert deleted.status_code == 200
    assert deleted.json()["id"] == 3
    assert deleted.json()["name"] == before["name"]
    assert (await api.get("/collections/1/image-sets/3")).status_code == 404
    assert (await api.get("/image-sets/3/images")).status_code == 404


async def test_delete_collection_returns_the_deleted_object(api: httpx.AsyncClient) -> None:
    created = (await api.post("/collections", json={"name": "Scratch"})).json()
    deleted = await api.delete(f"/collections/{created['id']}")
    assert deleted.json() == created
    assert (await api.get(f"/collections/{created['id']}")).status_code == 404


async def test_delete_image_returns_the_deleted_object(api: httpx.AsyncClient) -> None:
    deleted = await api.delete("/images/111")
    assert deleted.json()["id"] == 111
    assert (await api.get("/images/111")).status_code == 404


async def test_an_image_has_its_iiif_fields(api: httpx.AsyncClient) -> None:
    image = (await api.get("/images/1")).json()
    assert image["type"] == "iiif"
    assert image["api_version"] in ("v2", "v3")
    assert image["iiif_url"].startswith("http://images.glycerine.emulator/iiif/")
    assert image["uri"] == image["iiif_url"]
    assert {"width", "height", "weight", "metadata"} <= set(image)


async def test_info_json_is_served_in_the_image_api_version(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    images = state_of(emulator).images.values()
    v2 = next(i for i in images if i.api_version == "v2")
    v3 = next(i for i in images if i.api_version == "v3")
    info2 = (await api.get(f"{v2.iiif_url}/info.json")).json()
    info3 = (await api.get(f"{v3.iiif_url}/info.json")).json()
    assert info2["@id"] == v2.iiif_url
    assert info2["profile"][0] == "http://iiif.io/api/image/2/level2.json"
    assert (info3["id"], info3["type"], info3["profile"]) == (
        v3.iiif_url,
        "ImageService3",
        "level2",
    )
    assert (info3["width"], info3["height"]) == (v3.width, v3.height)


async def test_iiif_manifest_is_presentation_3_in_weight_order(api: httpx.AsyncClient) -> None:
    manifest = (await api.get("/iiif/manifest/1")).json()
    images = (await api.get("/image-sets/1/images")).json()
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    canvases = manifest["items"]
    assert [c["id"].rsplit("/", 1)[1] for c in canvases] == [str(i["id"]) for i in images]
    service = canvases[0]["items"][0]["items"][0]["body"]["service"][0]
    assert service.get("id", service.get("@id")) == images[0]["iiif_url"]


async def test_iiif_collection_lists_the_sets_as_manifests(api: httpx.AsyncClient) -> None:
    collection = (await api.get("/iiif/collection/1")).json()
    assert collection["type"] == "Collection"
    assert [m["id"] for m in collection["items"]] == [
        f"http://glycerine.emulator/api/iiif/manifest/{n}" for n in (1, 2, 3, 4)
    ]


async def test_languages_are_listed(api: httpx.AsyncClient) -> None:
    languages = (await api.get("/languages")).json()
    assert {"code": "en", "name": "English"}.items() <= languages[0].items()


async def test_import_manifest_builds_a_set_with_one_image_per_canvas() -> None:
    url = "https://example.org/iiif/book/manifest.json"
    emulator = create_emulator(fetch_transport=manifest_host({url: V3_MANIFEST}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://glycerine.emulator/api",
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {emulator.credentials['token']}",
        },
    ) as api:
        response = await api.post("/collections/2/import/manifest", json={"manifest": url})
        assert response.status_code == 200
        image_set = response.json()
        assert image_set["name"] == "A book of hours"
        assert image_set["collection"]["id"] == 2
        assert image_set["image_count"] == 2
        images = (await api.get(f"/image-sets/{image_set['id']}/images")).json()
    assert [(i["name"], i["iiif_url"], i["api_version"]) for i in images] == [
        ("f. 1r", "https://images.example.org/leaf1", "v3"),
        ("f. 2r", "https://images.example.org/leaf2", "v3"),
    ]
    assert [i["weight"] for i in images] == [0, 1]


async def test_an_unfetchable_manifest_is_422_on_the_manifest_field() -> None:
    emulator = create_emulator(fetch_transport=manifest_host({}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://glycerine.emulator/api",
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {emulator.credentials['token']}",
        },
    ) as api:
        before = len(state_of(emulator).image_sets)
        response = await api.post(
            "/collections/1/import/manifest", json={"manifest": "https://example.org/gone.json"}
        )
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert list(body["errors"]) == ["manifest"]
    assert len(state_of(emulator).image_sets) == before


async def test_a_manifest_that_is_not_a_url_is_422(api: httpx.AsyncClient) -> None:
    response = await api.post("/collections/1/import/manifest", json={"manifest": "ftp://x"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"manifest": ["The manifest field must be a valid URL."]}


async def test_create_iiif_image_reads_size_and_version_from_info_json() -> None:
    base = "https://images.example.org/leaf9"
    info = {
        "@context": "http://iiif.io/api/image/2/context.json",
        "@id": base,
        "width": 640,
        "height": 480,
    }
    emulator = create_emulator(fetch_transport=manifest_host({f"{base}/info.json": info}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app),
        base_url="http://glycerine.emulator/api",
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {emulator.credentials['token']}",
        },
    ) as api:
        response = await api.post("/images/iiif", json={"file": base, "name": "Leaf 9"})
    image = response.json()
    assert (image["width"], image["height"], image["api_version"]) == (640, 480, "v2")
    assert image["image_set_id"] is None


async def test_the_journal_records_each_call(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.get("/collections/1/image-sets")
    await api.get("/collections/1/image-sets/1")
    assert emulator.control.journal.count("GET", "/api/collections/*/image-sets*") == 2
    assert json.loads(emulator.control.journal.requests[0].body or b"{}") == {}


async def test_a_manifest_url_without_a_host_is_a_validation_error(api):
    response = await api.post("/collections/1/import/manifest", json={"manifest": "http://"})
    assert response.status_code == 422
    assert response.json()["errors"]["manifest"] == ["The manifest field must be a valid URL."]
