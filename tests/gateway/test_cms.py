"""The CMS source end to end through GraphQL: exact backend calls, writes, partial results."""

from __future__ import annotations

from adapters.emulation import Fault
from schema.ids import decode_id
from tests.gateway.cms_source import cms_gateway
from tests.gateway.harness import graphql

FIFTY = """
{ galleries(source: "cms", first: 50) { edges { node {
    id title translations { language title }
    images(first: 10) { edges { node { id caption url(width: 400) } } }
} } } }
"""


async def test_fifty_galleries_with_titles_translations_and_images_cost_52_backend_calls():
    async with cms_gateway(gallery_count=60) as cms:
        body = await graphql(cms.client, FIFTY)
        assert "errors" not in body
        edges = body["data"]["galleries"]["edges"]
        assert len(edges) == 50
        assert all(len(e["node"]["images"]["edges"]) <= 10 for e in edges)
        assert sum(len(e["node"]["images"]["edges"]) for e in edges) > 100
        # 1 list page (limit=51 to learn hasNextPage) + 50 detail GETs (no batch endpoint;
        # each detail embeds the media and translations) + 1 languages table.
        assert cms.calls("GET", "/api/v1/galleries") == 1
        assert cms.calls("GET", "/api/v1/galleries/*") == 50
        assert cms.calls("GET", "/api/v1/languages") == 1
        assert cms.calls() == 52


async def test_the_same_gallery_asked_for_twice_in_one_query_is_fetched_once():
    async with cms_gateway() as cms:
        listing = await graphql(
            cms.client, '{ galleries(source: "cms", first: 1) { edges { node { id } } } }'
        )
        gid = listing["data"]["galleries"]["edges"][0]["node"]["id"]
        before = cms.calls("GET", "/api/v1/galleries/*")
        body = await graphql(
            cms.client,
            f'{{ a: gallery(id: "{gid}") {{ title }} b: node(id: "{gid}") '
            f"{{ ... on Gallery {{ slug images(first: 2) {{ edges {{ node {{ id }} }} }} }} }} }}",
        )
        assert body["data"]["a"]["title"]
        assert cms.calls("GET", "/api/v1/galleries/*") - before == 1


async def test_nodes_with_thirty_ids_cost_thirty_detail_calls_and_the_language_table():
    async with cms_gateway(gallery_count=40) as cms:
        listing = await graphql(
            cms.client, '{ galleries(source: "cms", first: 30) { edges { node { id } } } }'
        )
        ids = [e["node"]["id"] for e in listing["data"]["galleries"]["edges"]]
        before = cms.calls()
        body = await graphql(
            cms.client,
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Gallery { title } } }",
            {"ids": ids},
        )
        assert [n["id"] for n in body["data"]["nodes"]] == ids
        # 30 detail GETs in one batch, plus the languages table on its first use.
        assert cms.calls("GET", "/api/v1/galleries/*") == 30
        assert cms.calls("GET", "/api/v1/languages") == 1
        assert cms.calls() - before == 31


async def test_a_failing_detail_call_nulls_only_that_gallery():
    async with cms_gateway() as cms:
        listing = await graphql(
            cms.client, '{ galleries(source: "cms", first: 3) { edges { node { id } } } }'
        )
        ids = [e["node"]["id"] for e in listing["data"]["galleries"]["edges"]]
        broken = decode_id(ids[1]).native
        cms.emulator.control.faults.add(
            Fault(method="GET", path=f"/api/v1/galleries/{broken}", status=500)
        )
        body = await graphql(
            cms.client,
            "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Gallery { title } } }",
            {"ids": ids},
        )
        nodes = body["data"]["nodes"]
        assert nodes[0]["title"] and nodes[2]["title"]
        assert nodes[1] is None
        (error,) = body["errors"]
        assert error["path"] == ["nodes", 1]
        assert error["extensions"]["code"] == "BACKEND_UNAVAILABLE"
        assert error["extensions"]["source"] == "cms"
        assert "cms.test" not in error["message"]  # no backend URL leaks


async def test_a_slow_backend_beyond_the_source_timeout_is_a_backend_timeout_error():
    async with cms_gateway() as cms:
        gid_body = await graphql(
            cms.client, '{ galleries(source: "cms", first: 1) { edges { node { id } } } }'
        )
        gid = gid_body["data"]["galleries"]["edges"][0]["node"]["id"]
        cms.emulator.control.faults.add(Fault(method="GET", path="/api/v1/galleries/*", status=504))
        body = await graphql(cms.client, f'{{ gallery(id: "{gid}") {{ title }} }}')
        assert body["data"] == {"gallery": None}
        assert body["errors"][0]["extensions"]["code"] == "BACKEND_UNAVAILABLE"


CREATE = """
mutation($input: CreateGalleryInput!, $key: String) {
  createGallery(input: $input, idempotencyKey: $key) {
    gallery { id slug title status translations { language title } }
    userErrors { code field message backendCode }
  }
}
"""


async def test_create_gallery_with_translations_returns_the_new_gallery():
    async with cms_gateway() as cms:
        body = await graphql(
            cms.client,
            CREATE,
            {
                "input": {
                    "source": "cms",
                    "slug": "autumn-2026",
                    "title": "Autumn 2026",
                    "status": "DRAFT",
                    "translations": [{"language": "fr", "title": "Automne 2026"}],
                }
            },
        )
        payload = body["data"]["createGallery"]
        assert payload["userErrors"] == []
        assert payload["gallery"]["slug"] == "autumn-2026"
        assert payload["gallery"]["status"] == "DRAFT"
        assert {"language": "fr", "title": "Automne 2026"} in payload["gallery"]["translations"]


async def test_a_taken_slug_is_a_conflict_user_error_on_the_slug_field():
    async with cms_gateway() as cms:
        listing = await graphql(
            cms.client, '{ galleries(source: "cms", first: 1) { edges { node { slug } } } }'
        )
        taken = listing["data"]["galleries"]["edges"][0]["node"]["slug"]
        body = await graphql(
            cms.client, CREATE, {"input": {"source": "cms", "slug": taken, "title": "x"}}
        )
        payload = body["data"]["createGallery"]
        assert payload["gallery"] is None
        (error,) = payload["userErrors"]
        assert (error["code"], error["field"]) == ("CONFLICT", "slug")


async def test_a_retried_create_with_the_same_key_writes_once_and_returns_the_first_result():
    variables = {"input": {"source": "cms", "slug": "winter-2026", "title": "Winter"}, "key": "k-1"}
    async with cms_gateway() as cms:
        first = await graphql(cms.client, CREATE, variables)
        second = await graphql(cms.client, CREATE, variables)
        assert first["data"] == second["data"]
        assert cms.calls("POST", "/api/v1/galleries") == 1


async def test_the_same_key_with_a_different_input_is_refused_and_writes_nothing():
    async with cms_gateway() as cms:
        await graphql(
            cms.client, CREATE, {"input": {"source": "cms", "slug": "spring-26"}, "key": "k-2"}
        )
        body = await graphql(
            cms.client, CREATE, {"input": {"source": "cms", "slug": "summer-26"}, "key": "k-2"}
        )
        (error,) = body["data"]["createGallery"]["userErrors"]
        assert error["code"] == "IDEMPOTENCY_KEY_REUSED"
        assert cms.calls("POST", "/api/v1/galleries") == 1


async def test_a_key_whose_write_failed_unreachably_can_be_retried():
    variables = {"input": {"source": "cms", "slug": "retry-me", "title": "Retry"}, "key": "k-3"}
    async with cms_gateway() as cms:
        cms.emulator.control.faults.add(
            Fault(method="POST", path="/api/v1/galleries", status=503, times=1)
        )
        failed = await graphql(cms.client, CREATE, variables)
        assert failed["errors"][0]["extensions"]["code"] == "BACKEND_UNAVAILABLE"
        retried = await graphql(cms.client, CREATE, variables)
        assert retried["data"]["createGallery"]["gallery"]["slug"] == "retry-me"


REORDER = """
mutation($gallery: ID!, $ids: [ID!]!) {
  reorderImages(galleryId: $gallery, imageIds: $ids) {
    gallery { images(first: 100) { edges { node { id position } } } }
    userErrors { code field message }
  }
}
"""


async def gallery_with_images(cms) -> tuple[str, list[str]]:
    body = await graphql(
        cms.client,
        '{ galleries(source: "cms", first: 10) { edges { node { id imageCount '
        "images(first: 100) { edges { node { id } } } } } } }",
    )
    for edge in body["data"]["galleries"]["edges"]:
        images = [e["node"]["id"] for e in edge["node"]["images"]["edges"]]
        if len(images) >= 3:
            return edge["node"]["id"], images
    raise AssertionError("the seed has galleries with several images")


async def test_reorder_with_every_image_puts_them_in_that_order():
    async with cms_gateway() as cms:
        gallery, images = await gallery_with_images(cms)
        wanted = list(reversed(images))
        body = await graphql(cms.client, REORDER, {"gallery": gallery, "ids": wanted})
        payload = body["data"]["reorderImages"]
        assert payload["userErrors"] == []
        got = [e["node"]["id"] for e in payload["gallery"]["images"]["edges"]]
        assert got == wanted


async def test_reorder_missing_an_image_is_a_user_error_naming_it_and_writes_nothing():
    async with cms_gateway() as cms:
        gallery, images = await gallery_with_images(cms)
        body = await graphql(cms.client, REORDER, {"gallery": gallery, "ids": images[1:]})
        (error,) = body["data"]["reorderImages"]["userErrors"]
        assert error["field"] == "imageIds"
        assert decode_id(images[0]).native.split(":")[-1] in error["message"]
        assert cms.calls("POST", "/api/v1/galleries/*/media/reorder") == 0


async def test_translations_are_upserted_and_deleted_by_language_code():
    async with cms_gateway() as cms:
        gallery, _ = await gallery_with_images(cms)
        upsert = await graphql(
            cms.client,
            'mutation($g: ID!) { upsertTranslation(galleryId: $g, translation: {language: "de", '
            'title: "Sommer"}) { gallery { translation(language: "de", fallback: false) '
            "{ title } } userErrors { code } } }",
            {"g": gallery},
        )
        assert upsert["data"]["upsertTranslation"]["gallery"]["translation"] == {"title": "Sommer"}
        deleted = await graphql(
            cms.client,
            'mutation($g: ID!) { deleteTranslation(galleryId: $g, language: "de") { gallery '
            '{ translation(language: "de", fallback: false) { title } } } }',
            {"g": gallery},
        )
        assert deleted["data"]["deleteTranslation"]["gallery"]["translation"] is None


async def test_a_write_to_a_source_without_that_capability_is_not_supported():
    async with cms_gateway() as cms:
        body = await graphql(
            cms.client,
            'mutation { createSet(input: {source: "cms", name: "x"}) { set { id } } }',
        )
        error = body["errors"][0]
        assert error["extensions"]["code"] == "NOT_SUPPORTED"
        assert error["extensions"]["source"] == "cms"
        assert cms.calls("POST") == 0


async def test_the_request_id_reaches_the_backend_and_comes_back():
    async with cms_gateway() as cms:
        response = await cms.client.post(
            "/graphql",
            json={"query": '{ galleries(source: "cms", first: 2) { edges { node { title } } } }'},
            headers={"X-Request-Id": "req-42"},
        )
        assert response.headers["x-request-id"] == "req-42"
        sent = {r.headers.get("x-request-id") for r in cms.emulator.control.journal.requests}
        assert sent == {"req-42"}


async def test_a_query_over_get_works_and_a_mutation_over_get_is_refused():
    async with cms_gateway() as cms:
        query = await cms.client.get(
            "/graphql", params={"query": '{ galleries(source: "cms", first: 1) { totalCount } }'}
        )
        mutation = await cms.client.get(
            "/graphql", params={"query": 'mutation { deleteGallery(id: "x") { deletedId } }'}
        )
        assert query.status_code == 200 and "errors" not in query.json()
        assert mutation.status_code in (400, 405)
        assert cms.calls("DELETE") == 0


async def test_a_retry_after_a_lost_response_is_not_written_twice():
    variables = {"input": {"source": "cms", "slug": "lost-reply", "title": "Lost"}, "key": "k-4"}
    async with cms_gateway() as cms:
        cms.emulator.control.faults.add(
            Fault(method="POST", path="/api/v1/galleries", drop_response=True, times=1)
        )
        first = await graphql(cms.client, CREATE, variables)
        assert first["errors"][0]["extensions"]["code"] == "BACKEND_UNAVAILABLE"
        retry = await graphql(cms.client, CREATE, variables)
        (error,) = retry["data"]["createGallery"]["userErrors"]
        assert (error["code"], error["field"]) == ("WRITE_OUTCOME_UNKNOWN", "idempotencyKey")
        # the CMS did create it once, and has no idempotency key to recognise a retry
        assert cms.calls("POST", "/api/v1/galleries") == 1
        listing = await graphql(
            cms.client, '{ galleries(source: "cms", first: 100) { edges { node { slug } } } }'
        )
        slugs = [e["node"]["slug"] for e in listing["data"]["galleries"]["edges"]]
        assert slugs.count("lost-reply") == 1
