"""The Glycerine Server routes (``/api/...``) and its image server (``/iiif/{key}/info.json``)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Literal

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from adapters.iiif.emulator.laravel import (
    FORBIDDEN,
    UNAUTHENTICATED,
    LaravelError,
    Validator,
    error_response,
    model_not_found,
)
from adapters.iiif.emulator.manifest_import import ManifestError, read_manifest
from adapters.iiif.emulator.manifests import (
    collection_document,
    info_document,
    manifest_document,
)
from adapters.iiif.emulator.payloads import (
    collection_json,
    image_json,
    image_set_json,
    language_json,
    publication_json,
    user_json,
)
from adapters.iiif.emulator.seed import image_base_url
from adapters.iiif.emulator.state import (
    Collection,
    GlycerineState,
    Image,
    ImageSet,
    Publication,
    User,
)

__all__ = ["GlycerineApp", "build_app"]

Handler = Callable[[Request], Awaitable[Response]]

_FETCH_TIMEOUT = 10.0
_VIEWS = ("info", "json", "manifest")


class GlycerineApp:
    """Route handlers over one :class:`GlycerineState`.

    ``fetch_transport`` is how the server reaches the outside world (manifests to import,
    ``info.json`` of IIIF images to register); None means the real network.
    """

    def __init__(
        self,
        state: GlycerineState,
        *,
        public_base: str,
        fetch_transport: httpx.AsyncBaseTransport | None,
    ) -> None:
        self.state = state
        self.public_base = public_base
        self.fetch_transport = fetch_transport

    # -- plumbing ----------------------------------------------------------------------------

    def user(self, request: Request) -> User:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        user = self.state.user_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise LaravelError(401, UNAUTHENTICATED)
        return user

    @staticmethod
    async def body(request: Request) -> dict[str, Any]:
        """The JSON body; anything unreadable counts as no input (Laravel's behaviour)."""
        try:
            data = json.loads(await request.body() or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def allow(policies: list[str], needed: str) -> None:
        if needed not in policies:
            raise LaravelError(403, FORBIDDEN)

    def collection(self, request: Request, user: User, needed: str = "access") -> Collection:
        collection_id = _path_id(request, "collection_id", "Collection")
        collection = self.state.collections.get(collection_id)
        if collection is None:
            raise model_not_found("Collection", collection_id)
        self.allow(self.state.collection_policies(user, collection), needed)
        return collection

    def image_set(self, request: Request, user: User, needed: str = "access") -> ImageSet:
        """The set named by the path, scoped to the path's collection when there is one."""
        collection_id = (
            _path_id(request, "collection_id", "Collection")
            if "collection_id" in request.path_params
            else None
        )
        image_set_id = _path_id(request, "image_set_id", "ImageSet")
        image_set = self.state.image_sets.get(image_set_id)
        if image_set is None or collection_id not in (None, image_set.collection_id):
            raise model_not_found("ImageSet", image_set_id)
        if collection_id is not None:
            self.collection(request, user)  # the collection must exist and be visible too
        self.allow(self.state.image_set_policies(user, image_set), needed)
        return image_set

    def image(self, request: Request, user: User, needed: str = "access") -> Image:
        image_id = _path_id(request, "image_id", "Image")
        image = self.state.images.get(image_id)
        if image is None:
            raise model_not_found("Image", image_id)
        self.allow(self.state.image_policies(user, image), needed)
        return image

    def ok(self, payload: object) -> Response:
        return JSONResponse(payload)

    def set_payload(self, image_set: ImageSet, user: User | None) -> dict[str, Any]:
        return image_set_json(self.state, image_set, user, self.public_base)

    def collection_payload(self, collection: Collection, user: User | None) -> dict[str, Any]:
        return collection_json(self.state, collection, user, self.public_base)

    def manifest_id(self, image_set: ImageSet) -> str:
        return f"{self.public_base}/api/iiif/manifest/{image_set.id}"

    # -- users, languages --------------------------------------------------------------------

    async def auth_user(self, request: Request) -> Response:
        return self.ok(user_json(self.user(request)))

    async def languages(self, request: Request) -> Response:
        self.user(request)
        return self.ok([language_json(lang) for lang in self.state.languages.values()])

    # -- collections -------------------------------------------------------------------------

    async def list_collections(self, request: Request) -> Response:
        user = self.user(request)
        return self.ok(
            [self.collection_payload(c, user) for c in self.state.visible_collections(user)]
        )

    async def create_collection(self, request: Request) -> Response:
        user = self.user(request)
        rules = Validator(await self.body(request))
        name = rules.string("name", required=True)
        description = rules.string("description", required=False, max_length=65535)
        metadata = rules.metadata()
        rules.check()
        assert name is not None
        now = self.state.now()
        collection = Collection(
            id=self.state.next_id("collections"),
            name=name,
            description=description,
            owner_id=user.id,
            created_at=now,
            updated_at=now,
            metadata=metadata or [],
        )
        self.state.collections[collection.id] = collection
        return self.ok(self.collection_payload(collection, user))

    async def get_collection(self, request: Request) -> Response:
        user = self.user(request)
        return self.ok(self.collection_payload(self.collection(request, user), user))

    async def update_collection(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user, "write")
        data = await self.body(request)
        rules = Validator(data)
        name = rules.string("name", required="name" in data)
        description = rules.string("description", required=False, max_length=65535)
        metadata = rules.metadata()
        published = rules.boolean("published")
        rules.check()
        if name is not None:
            collection.name = name
        if "description" in data:
            collection.description = description
        if metadata is not None:
            collection.metadata = metadata
        if published is not None:
            self.state.publish("collection", collection, published)
        collection.updated_at = self.state.now()
        return self.ok(self.collection_payload(collection, user))

    async def delete_collection(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user, "delete")
        payload = self.collection_payload(collection, user)
        self.state.delete_collection(collection)
        return self.ok(payload)

    # -- image sets --------------------------------------------------------------------------

    async def list_image_sets(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user)
        return self.ok([self.set_payload(s, user) for s in self.state.image_sets_of(collection.id)])

    def _languages_rule(self, rules: Validator) -> list[str] | None:
        codes = rules.array("allowed_languages")
        if codes is None:
            return None
        for index, code in enumerate(codes):
            if not isinstance(code, str) or code not in self.state.languages:
                key = f"allowed_languages.{index}"
                rules.fail(key, f"The selected {key} is invalid.")
        return [c for c in codes if isinstance(c, str)]

    def _image_ids_rule(self, rules: Validator, user: User) -> list[int] | None:
        """``image_ids`` must name existing images that the user may access."""
        ids = rules.array("image_ids")
        if ids is None:
            return None
        found: list[int] = []
        for index, raw in enumerate(ids):
            image_id = int(raw) if isinstance(raw, int | str) and str(raw).isdigit() else None
            image = self.state.images.get(image_id) if image_id is not None else None
            if image is None or not self.state.image_policies(user, image):
                key = f"image_ids.{index}"
                rules.fail(key, f"The selected {key} is invalid.")
                continue
            found.append(image.id)
        return found

    async def create_image_set(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user)
        rules = Validator(await self.body(request))
        name = rules.string("name", required=True)
        description = rules.string("description", required=False, max_length=65535)
        attribution = rules.string("attribution", required=False, max_length=65535)
        metadata = rules.metadata()
        languages = self._languages_rule(rules)
        image_ids = self._image_ids_rule(rules, user)
        rules.check()
        assert name is not None
        now = self.state.now()
        image_set = ImageSet(
            id=self.state.next_id("image_sets"),
            collection_id=collection.id,
            owner_id=user.id,
            name=name,
            description=description,
            attribution=attribution,
            created_at=now,
            updated_at=now,
            metadata=metadata or [],
            allowed_languages=languages or [],
        )
        self.state.image_sets[image_set.id] = image_set
        self.state.add_images(image_set, image_ids or [])
        return self.ok(self.set_payload(image_set, user))

    async def get_image_set(self, request: Request) -> Response:
        user = self.user(request)
        return self.ok(self.set_payload(self.image_set(request, user), user))

    async def update_image_set(self, request: Request) -> Response:
        user = self.user(request)
        image_set = self.image_set(request, user, "write")
        data = await self.body(request)
        rules = Validator(data)
        name = rules.string("name", required="name" in data)
        description = rules.string("description", required=False, max_length=65535)
        attribution = rules.string("attribution", required=False, max_length=65535)
        metadata = rules.metadata()
        languages = self._languages_rule(rules)
        image_ids = self._image_ids_rule(rules, user)
        published = rules.boolean("published")
        rules.check()
        if published is not None:
            self.allow(self.state.image_set_policies(user, image_set), "manage")
            self.state.publish("image_set", image_set, published)
        if name is not None:
            image_set.name = name
        if "description" in data:
            image_set.description = description
        if "attribution" in data:
            image_set.attribution = attribution
        if metadata is not None:
            image_set.metadata = metadata
        if languages is not None:
            image_set.allowed_languages = languages
        self.state.add_images(image_set, image_ids or [])
        image_set.updated_at = self.state.now()
        return self.ok(self.set_payload(image_set, user))

    async def delete_image_set(self, request: Request) -> Response:
        user = self.user(request)
        image_set = self.image_set(request, user, "delete")
        payload = self.set_payload(image_set, user)
        self.state.delete_image_set(image_set)
        return self.ok(payload)

    async def image_set_images(self, request: Request) -> Response:
        user = self.user(request)
        image_set = self.image_set(request, user)
        return self.ok([image_json(i) for i in self.state.images_of(image_set.id)])

    # -- import ------------------------------------------------------------------------------

    async def fetch_json(self, url: str, field: str) -> object:
        """GET a JSON document from outside; any failure is a 422 on ``field``."""
        try:
            async with httpx.AsyncClient(
                transport=self.fetch_transport, follow_redirects=True, timeout=_FETCH_TIMEOUT
            ) as client:
                response = await client.get(url, headers={"Accept": "application/json"})
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise _invalid(field, f"The {field} could not be fetched.") from exc
        if response.status_code != 200:
            raise _invalid(
                field, f"The {field} could not be fetched (HTTP {response.status_code})."
            )
        try:
            return response.json()
        except ValueError as exc:
            raise _invalid(field, f"The {field} is not valid JSON.") from exc

    async def import_manifest(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user)
        rules = Validator(await self.body(request))
        url = rules.url("manifest", required=True)
        rules.check()
        assert url is not None
        try:
            manifest = read_manifest(await self.fetch_json(url, "manifest"))
        except ManifestError as exc:
            raise _invalid("manifest", str(exc)) from exc
        now = self.state.now()
        image_set = ImageSet(
            id=self.state.next_id("image_sets"),
            collection_id=collection.id,
            owner_id=user.id,
            name=manifest.label[:255],
            description=manifest.summary,
            attribution=manifest.attribution,
            created_at=now,
            updated_at=now,
            metadata=[("Source manifest", url)],
        )
        self.state.image_sets[image_set.id] = image_set
        for weight, canvas in enumerate(manifest.canvases):
            image = Image(
                id=self.state.next_id("images"),
                owner_id=user.id,
                name=canvas.label[:255],
                description=None,
                uri=canvas.service_base or canvas.image_url,
                type="iiif" if canvas.service_base else "image",
                source=url,
                mime_type=canvas.format,
                width=canvas.width,
                height=canvas.height,
                api_version=canvas.api_version,
                iiif_url=canvas.service_base,
                created_at=now,
                updated_at=now,
                image_set_id=image_set.id,
                weight=weight,
            )
            self.state.images[image.id] = image
        return self.ok(self.set_payload(image_set, user))

    # -- images ------------------------------------------------------------------------------

    async def create_iiif_image(self, request: Request) -> Response:
        """Register a IIIF image by its service base (``file``); its info.json gives the size."""
        user = self.user(request)
        rules = Validator(await self.body(request))
        base = rules.url("file", required=True)
        name = rules.string("name", required=False)
        description = rules.string("description", required=False, max_length=65535)
        metadata = rules.metadata()
        rules.check()
        assert base is not None
        base = base.removesuffix("/info.json").rstrip("/")
        info = await self.fetch_json(f"{base}/info.json", "file")
        if not isinstance(info, dict):
            raise _invalid("file", "The file is not a IIIF image service.")
        marker = json.dumps([info.get("@context"), info.get("type"), info.get("profile")])
        version: Literal["v2", "v3"] = "v3" if "image/3" in marker else "v2"
        width, height = info.get("width"), info.get("height")
        now = self.state.now()
        image = Image(
            id=self.state.next_id("images"),
            owner_id=user.id,
            name=name or base.rsplit("/", 1)[-1],
            description=description,
            uri=base,
            type="iiif",
            source=base,
            mime_type="image/jpeg",
            width=width if isinstance(width, int) else None,
            height=height if isinstance(height, int) else None,
            api_version=version,
            iiif_url=base,
            created_at=now,
            updated_at=now,
            metadata=metadata or [],
        )
        self.state.images[image.id] = image
        return self.ok(image_json(image))

    async def get_image(self, request: Request) -> Response:
        return self.ok(image_json(self.image(request, self.user(request))))

    async def update_image(self, request: Request) -> Response:
        user = self.user(request)
        image = self.image(request, user, "write")
        data = await self.body(request)
        rules = Validator(data)
        name = rules.string("name", required="name" in data)
        description = rules.string("description", required=False, max_length=65535)
        metadata = rules.metadata()
        weight = data.get("weight")
        if "weight" in data and (not isinstance(weight, int) or isinstance(weight, bool)):
            rules.fail("weight", "The weight field must be an integer.")
        rules.check()
        if name is not None:
            image.name = name
        if "description" in data:
            image.description = description
        if metadata is not None:
            image.metadata = metadata
        if isinstance(weight, int):
            image.weight = weight
        image.updated_at = self.state.now()
        return self.ok(image_json(image))

    async def delete_image(self, request: Request) -> Response:
        user = self.user(request)
        image = self.image(request, user, "delete")
        del self.state.images[image.id]
        return self.ok(image_json(image))

    # -- IIIF (authenticated) ----------------------------------------------------------------

    async def iiif_manifest(self, request: Request) -> Response:
        user = self.user(request)
        image_set = self.image_set(request, user)
        document = manifest_document(
            self.state, image_set, self.public_base, self.manifest_id(image_set)
        )
        return self.ok(document)

    async def iiif_collection(self, request: Request) -> Response:
        user = self.user(request)
        collection = self.collection(request, user)
        members = [(s, self.manifest_id(s)) for s in self.state.image_sets_of(collection.id)]
        collection_id = f"{self.public_base}/api/iiif/collection/{collection.id}"
        return self.ok(collection_document(collection, members, collection_id))

    # -- publications (no auth) --------------------------------------------------------------

    def publication(self, request: Request, target: str) -> Publication:
        if request.path_params["view"] not in _VIEWS:
            raise LaravelError(404, f"The route {request.url.path.lstrip('/')} could not be found.")
        publication_id = _path_id(request, "publication_id", "Publication")
        publication = self.state.publications.get(publication_id)
        if publication is None or publication.target != target or not publication.active:
            raise model_not_found("Publication", publication_id)
        return publication

    async def published_image_set(self, request: Request) -> Response:
        publication = self.publication(request, "image_set")
        image_set = self.state.image_sets[publication.target_id]
        view = request.path_params["view"]
        if view == "info":
            info = publication_json(self.state, publication.id, self.public_base)
            assert info is not None
            info.pop("persistent_url")
            return self.ok(info)
        if view == "manifest":
            manifest_id = f"{self.public_base}{request.url.path}"
            return self.ok(manifest_document(self.state, image_set, self.public_base, manifest_id))
        payload = self.set_payload(image_set, None)
        payload["images"] = [image_json(i) for i in self.state.images_of(image_set.id)]
        payload["annotation_sets"] = []
        return self.ok(payload)

    async def published_collection(self, request: Request) -> Response:
        publication = self.publication(request, "collection")
        collection = self.state.collections[publication.target_id]
        view = request.path_params["view"]
        published = [
            s
            for s in self.state.image_sets_of(collection.id)
            if s.publication_id is not None and self.state.publications[s.publication_id].active
        ]
        if view == "info":
            info = publication_json(self.state, publication.id, self.public_base)
            assert info is not None
            info.pop("persistent_url")
            return self.ok(info)
        if view == "manifest":
            members = [
                (s, f"{self.public_base}/api/publications/image-sets/{s.publication_id}/manifest")
                for s in published
            ]
            collection_id = f"{self.public_base}{request.url.path}"
            return self.ok(collection_document(collection, members, collection_id))
        payload = self.collection_payload(collection, None)
        payload["image_sets"] = [self.set_payload(s, None) for s in published]
        return self.ok(payload)

    # -- the image server and the login page -------------------------------------------------

    async def info_json(self, request: Request) -> Response:
        base = image_base_url(request.path_params["key"])
        image = next((i for i in self.state.images.values() if i.iiif_url == base), None)
        if image is None:
            return Response("Not found", status_code=404, media_type="text/plain")
        return JSONResponse(info_document(image), headers={"Access-Control-Allow-Origin": "*"})

    async def login(self, request: Request) -> Response:
        return HTMLResponse("<!DOCTYPE html><title>Glycerine: log in</title><form></form>")


def _invalid(field: str, message: str) -> LaravelError:
    return LaravelError(422, message, {field: [message]})


def _path_id(request: Request, name: str, model: str) -> int:
    """The integer id in the path, read inside the handler so that auth has already run.

    Routes take ids as plain strings: an ``:int`` converter would answer a non-numeric id with
    "route not found" before the token is checked. Laravel binds the model after the auth
    middleware, and an id that matches no row (``abc`` included) is its model 404.
    """
    raw: str = request.path_params[name]
    if not raw.isascii() or not raw.isdigit():
        raise model_not_found(model, raw)
    return int(raw)


def build_app(glycerine: GlycerineApp) -> Starlette:
    g = glycerine
    collection = "/api/collections/{collection_id}"
    image_set = collection + "/image-sets/{image_set_id}"
    view = "{view:str}"
    routes = [
        Route("/api/auth-user", g.auth_user, methods=["GET"]),
        Route("/api/languages", g.languages, methods=["GET"]),
        Route("/api/collections", g.list_collections, methods=["GET"]),
        Route("/api/collections", g.create_collection, methods=["POST"]),
        Route(collection, g.get_collection, methods=["GET"]),
        Route(collection, g.update_collection, methods=["PUT"]),
        Route(collection, g.delete_collection, methods=["DELETE"]),
        Route(collection + "/image-sets", g.list_image_sets, methods=["GET"]),
        Route(collection + "/image-sets", g.create_image_set, methods=["POST"]),
        Route(image_set, g.get_image_set, methods=["GET"]),
        Route(image_set, g.update_image_set, methods=["PUT"]),
        Route(image_set, g.delete_image_set, methods=["DELETE"]),
        Route(collection + "/import/manifest", g.import_manifest, methods=["POST"]),
        Route("/api/image-sets/{image_set_id}/images", g.image_set_images, methods=["GET"]),
        Route("/api/images/iiif", g.create_iiif_image, methods=["POST"]),
        Route("/api/images/{image_id}", g.get_image, methods=["GET"]),
        Route("/api/images/{image_id}", g.update_image, methods=["PUT"]),
        Route("/api/images/{image_id}", g.delete_image, methods=["DELETE"]),
        Route("/api/iiif/manifest/{image_set_id}", g.iiif_manifest, methods=["GET"]),
        Route("/api/iiif/collection/{collection_id}", g.iiif_collection, methods=["GET"]),
        Route(
            "/api/publications/image-sets/{publication_id}/" + view,
            g.published_image_set,
            methods=["GET"],
        ),
        Route(
            "/api/publications/collections/{publication_id}/" + view,
            g.published_collection,
            methods=["GET"],
        ),
        Route("/iiif/{key:str}/info.json", g.info_json, methods=["GET"]),
        Route("/login", g.login, methods=["GET"]),
    ]

    async def laravel_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LaravelError)
        return error_response(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path.lstrip("/")
        if exc.status_code == 405:
            message = f"The {request.method} method is not supported for route {path}."
        else:
            message = f"The route {path} could not be found."
        return error_response(request, LaravelError(exc.status_code, message))

    app = Starlette(
        routes=routes,
        exception_handlers={LaravelError: laravel_error, HTTPException: http_error},
    )
    return app
