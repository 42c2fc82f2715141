"""The CMS emulator's routes: the galleries page of the docs, plus languages, media, uploads.

Handlers authenticate, parse and validate the request (FastAPI style, see ``validation.py``),
call :class:`~adapters.cms.emulator.state.CMSState` and render its objects as the documented
JSON. Choices the docs leave open are listed in the package docstring.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from adapters.cms.emulator.state import (
    UNSET,
    ApiError,
    CMSState,
    Gallery,
    GalleryMedia,
    GalleryTranslation,
    Language,
    Media,
    Principal,
    TranslationInput,
    Unset,
)
from adapters.cms.emulator.validation import JSON, Problems, ValidationFailed

__all__ = ["API_PREFIX", "build_app", "render_gallery", "render_media"]

API_PREFIX = "/api/v1"
STATUSES = ("draft", "published", "archived")

# The smallest valid images, served for every upload so that ``path`` resolves to a file.
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
_TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c19"
    "12130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b08"
    "0001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b51000"
    "02010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f0"
    "2433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768"
    "696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3"
    "c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fb"
    "d3ffd9"
)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat().replace("+00:00", "Z")


def render_media(media: Media) -> dict[str, object]:
    return {
        "id": media.id,
        "filename": media.filename,
        "original_filename": media.original_filename,
        "mime_type": media.mime_type,
        "size": media.size,
        "path": media.path,
        "alt_text": media.alt_text,
    }


def _render_translation(item: GalleryTranslation) -> dict[str, object]:
    return {
        "id": item.id,
        "gallery_id": item.gallery_id,
        "language_id": item.language_id,
        "title": item.title,
        "description": item.description,
        "meta_title": item.meta_title,
        "meta_description": item.meta_description,
        "created_at": _iso(item.created_at),
        "updated_at": _iso(item.updated_at),
    }


def _render_placement(item: GalleryMedia, media: Media) -> dict[str, object]:
    return {
        "gallery_id": item.gallery_id,
        "media_id": item.media_id,
        "order": item.order,
        "caption": item.caption,
        "created_at": _iso(item.created_at),
        "media": render_media(media),
    }


def render_gallery(gallery: Gallery, state: CMSState) -> dict[str, object]:
    """The full GalleryResponse."""
    cover = state.media.get(gallery.cover_image_id) if gallery.cover_image_id else None
    return {
        "id": gallery.id,
        "slug": gallery.slug,
        "status": gallery.status,
        "cover_image_id": gallery.cover_image_id,
        "author_id": gallery.author_id,
        "created_by": gallery.created_by,
        "translations": [_render_translation(t) for t in gallery.translations],
        "gallery_media": [
            _render_placement(item, state.media[item.media_id]) for item in gallery.ordered_media()
        ],
        "cover_image": None if cover is None else render_media(cover),
        "created_at": _iso(gallery.created_at),
        "updated_at": _iso(gallery.updated_at),
    }


def _render_language(language: Language) -> dict[str, object]:
    return {
        "id": language.id,
        "code": language.code,
        "name": language.name,
        "is_default": language.is_default,
        "is_active": language.is_active,
    }


class CMSApi:
    """The route handlers, bound to one store."""

    def __init__(self, state: CMSState) -> None:
        self.state = state

    # -- plumbing ----------------------------------------------------------------------------

    def principal(self, request: Request, permission: str | None) -> Principal:
        """The caller, or 401/403 (checked before any validation, as FastAPI dependencies are)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        principal = self.state.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if principal is None:
            raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
        if permission is not None and permission not in principal.permissions:
            raise HTTPException(403, "Not enough permissions")
        return principal

    @staticmethod
    def path_ids(request: Request, problems: Problems, *names: str) -> list[str]:
        ids = [problems.uuid(request.path_params[name], ("path", name)) for name in names]
        problems.raise_if_any()
        return [value for value in ids if value is not None]

    @staticmethod
    async def body(request: Request, problems: Problems) -> dict[str, JSON]:
        raw = await request.body()
        try:
            decoded: JSON = json.loads(raw) if raw else None
        except json.JSONDecodeError as exc:
            problems.add(
                "json_invalid", ("body", exc.pos), "JSON decode error", {}, {"error": exc.msg}
            )
            problems.raise_if_any()
            return {}
        if decoded is None:
            problems.missing(("body",), None)
        elif not isinstance(decoded, dict):
            problems.add(
                "model_attributes_type",
                ("body",),
                "Input should be a valid dictionary or object to extract fields from",
                decoded,
            )
        problems.raise_if_any()
        assert isinstance(decoded, dict)
        return decoded

    def gallery_json(self, gallery: Gallery, status: int = 200) -> JSONResponse:
        return JSONResponse(render_gallery(gallery, self.state), status_code=status)

    @staticmethod
    def paging(request: Request, problems: Problems) -> tuple[int, int]:
        skip = problems.integer(request.query_params.get("skip", 0), ("query", "skip"), ge=0)
        limit = problems.integer(request.query_params.get("limit", 100), ("query", "limit"), ge=0)
        return skip or 0, limit or 0

    def _translation(
        self, problems: Problems, raw: JSON, loc: tuple[str | int, ...]
    ) -> TranslationInput | None:
        if not isinstance(raw, dict):
            problems.add(
                "model_attributes_type",
                loc,
                "Input should be a valid dictionary or object to extract fields from",
                raw,
            )
            return None
        language_id = title = None
        if "language_id" in raw:
            language_id = problems.uuid(raw["language_id"], (*loc, "language_id"))
        else:
            problems.missing((*loc, "language_id"), raw)
        if "title" in raw:
            title = problems.string(raw["title"], (*loc, "title"), min_length=1, max_length=255)
        else:
            problems.missing((*loc, "title"), raw)
        description = problems.optional_string(
            raw.get("description"), (*loc, "description"), max_length=10_000
        )
        meta_title = problems.optional_string(
            raw.get("meta_title"), (*loc, "meta_title"), max_length=255
        )
        meta_description = problems.optional_string(
            raw.get("meta_description"), (*loc, "meta_description"), max_length=500
        )
        if language_id is None or title is None:
            return None
        return TranslationInput(language_id, title, description, meta_title, meta_description)

    # -- galleries ---------------------------------------------------------------------------

    async def list_galleries(self, request: Request) -> Response:
        self.principal(request, "galleries:read")
        problems = Problems()
        skip, limit = self.paging(request, problems)
        status = request.query_params.get("status")
        if status is not None:
            problems.choice(status, ("query", "status"), STATUSES)
        problems.raise_if_any()
        galleries = self.state.list_galleries(skip=skip, limit=limit, status=status)
        return JSONResponse([{"id": g.id, "slug": g.slug, "status": g.status} for g in galleries])

    async def create_gallery(self, request: Request) -> Response:
        principal = self.principal(request, "galleries:create")
        problems = Problems()
        body = await self.body(request, problems)
        slug = None
        if "slug" in body:
            slug = problems.string(body["slug"], ("body", "slug"), min_length=2, max_length=255)
        else:
            problems.missing(("body", "slug"), body)
        status = problems.choice(body.get("status", "draft"), ("body", "status"), STATUSES)
        cover = author = None
        if body.get("cover_image_id") is not None:
            cover = problems.uuid(body["cover_image_id"], ("body", "cover_image_id"))
        if body.get("author_id") is not None:
            author = problems.uuid(body["author_id"], ("body", "author_id"))
        raw_translations = body.get("translations") or []
        translations: list[TranslationInput] = []
        if not isinstance(raw_translations, list):
            problems.add(
                "list_type",
                ("body", "translations"),
                "Input should be a valid list",
                raw_translations,
            )
        else:
            for n, raw in enumerate(raw_translations):
                parsed = self._translation(problems, raw, ("body", "translations", n))
                if parsed is not None:
                    translations.append(parsed)
        problems.raise_if_any()
        assert slug is not None and status is not None
        gallery = self.state.create_gallery(
            principal=principal,
            slug=slug,
            status=status,
            cover_image_id=cover,
            author_id=author,
            translations=translations,
        )
        return self.gallery_json(gallery, 201)

    async def get_gallery(self, request: Request) -> Response:
        self.principal(request, "galleries:read")
        (gallery_id,) = self.path_ids(request, Problems(), "gallery_id")
        return self.gallery_json(self.state.gallery(gallery_id))

    async def update_gallery(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        problems = Problems()
        (gallery_id,) = self.path_ids(request, problems, "gallery_id")
        body = await self.body(request, problems)
        slug: str | None | Unset = UNSET
        status: str | None | Unset = UNSET
        cover: str | None | Unset = UNSET
        author: str | None | Unset = UNSET
        if "slug" in body:
            slug = problems.string(body["slug"], ("body", "slug"), min_length=2, max_length=255)
        if "status" in body:
            status = problems.choice(body["status"], ("body", "status"), STATUSES)
        if "cover_image_id" in body:
            raw_cover = body["cover_image_id"]
            cover = (
                None if raw_cover is None else problems.uuid(raw_cover, ("body", "cover_image_id"))
            )
        if "author_id" in body:
            raw_author = body["author_id"]
            author = (
                None if raw_author is None else problems.uuid(raw_author, ("body", "author_id"))
            )
        problems.raise_if_any()
        assert slug is not None and status is not None
        gallery = self.state.update_gallery(
            gallery_id, slug=slug, status=status, cover_image_id=cover, author_id=author
        )
        return self.gallery_json(gallery)

    async def delete_gallery(self, request: Request) -> Response:
        self.principal(request, "galleries:delete")
        (gallery_id,) = self.path_ids(request, Problems(), "gallery_id")
        self.state.delete_gallery(gallery_id)
        return Response(status_code=204)

    # -- translations ------------------------------------------------------------------------

    async def upsert_translation(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        problems = Problems()
        (gallery_id,) = self.path_ids(request, problems, "gallery_id")
        body = await self.body(request, problems)
        translation = self._translation(problems, body, ("body",))
        problems.raise_if_any()
        assert translation is not None
        return self.gallery_json(self.state.upsert_translation(gallery_id, translation))

    async def delete_translation(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        gallery_id, language_id = self.path_ids(request, Problems(), "gallery_id", "language_id")
        return self.gallery_json(self.state.delete_translation(gallery_id, language_id))

    # -- gallery media -----------------------------------------------------------------------

    async def add_media(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        problems = Problems()
        (gallery_id,) = self.path_ids(request, problems, "gallery_id")
        body = await self.body(request, problems)
        media_id = order = None
        if "media_id" in body:
            media_id = problems.uuid(body["media_id"], ("body", "media_id"))
        else:
            problems.missing(("body", "media_id"), body)
        if "order" in body:  # an int with a default (0 = append), so an explicit null is a 422
            order = problems.integer(body["order"], ("body", "order"), ge=0)
        caption = problems.optional_string(body.get("caption"), ("body", "caption"), max_length=500)
        problems.raise_if_any()
        assert media_id is not None
        gallery = self.state.add_media(gallery_id, media_id=media_id, order=order, caption=caption)
        return self.gallery_json(gallery, 201)

    async def update_media(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        problems = Problems()
        gallery_id, media_id = self.path_ids(request, problems, "gallery_id", "media_id")
        body = await self.body(request, problems)
        order: int | None | Unset = UNSET
        caption: str | None | Unset = UNSET
        if "order" in body:  # never nullable: null is a 422, unlike caption (null clears)
            order = problems.integer(body["order"], ("body", "order"), ge=0)
        if "caption" in body:
            caption = problems.optional_string(body["caption"], ("body", "caption"), max_length=500)
        problems.raise_if_any()
        assert order is not None
        gallery = self.state.update_media(gallery_id, media_id, order=order, caption=caption)
        return self.gallery_json(gallery)

    async def remove_media(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        gallery_id, media_id = self.path_ids(request, Problems(), "gallery_id", "media_id")
        return self.gallery_json(self.state.remove_media(gallery_id, media_id))

    async def reorder_media(self, request: Request) -> Response:
        self.principal(request, "galleries:update")
        problems = Problems()
        (gallery_id,) = self.path_ids(request, problems, "gallery_id")
        body = await self.body(request, problems)
        raw = body.get("media_ids")
        media_ids: list[str] = []
        if "media_ids" not in body:
            problems.missing(("body", "media_ids"), body)
        elif not isinstance(raw, list):
            problems.add("list_type", ("body", "media_ids"), "Input should be a valid list", raw)
        else:
            for n, value in enumerate(raw):
                parsed = problems.uuid(value, ("body", "media_ids", n))
                if parsed is not None:
                    media_ids.append(parsed)
        problems.raise_if_any()
        return self.gallery_json(self.state.reorder_media(gallery_id, media_ids))

    # -- languages, media library, uploads ---------------------------------------------------

    async def list_languages(self, request: Request) -> Response:
        self.principal(request, None)
        return JSONResponse([_render_language(lang) for lang in self.state.languages.values()])

    async def list_media(self, request: Request) -> Response:
        self.principal(request, "media:read")
        problems = Problems()
        skip, limit = self.paging(request, problems)
        problems.raise_if_any()
        return JSONResponse(
            [render_media(m) for m in self.state.list_media(skip=skip, limit=limit)]
        )

    async def get_media(self, request: Request) -> Response:
        self.principal(request, "media:read")
        (media_id,) = self.path_ids(request, Problems(), "media_id")
        return JSONResponse(render_media(self.state.media_item(media_id)))

    async def upload(self, request: Request) -> Response:
        media = self.state.media_by_filename(request.path_params["filename"])
        if media is None:
            raise HTTPException(404, "Not Found")
        body = _TINY_PNG if media.mime_type == "image/png" else _TINY_JPEG
        return Response(body, media_type=media.mime_type)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ValidationFailed)
    return JSONResponse({"detail": exc.errors}, status_code=422)


def build_app(state: CMSState) -> Starlette:
    api = CMSApi(state)
    p = API_PREFIX
    routes = [
        Route(f"{p}/galleries", api.list_galleries, methods=["GET"]),
        Route(f"{p}/galleries", api.create_gallery, methods=["POST"]),
        Route(f"{p}/galleries/{{gallery_id}}", api.get_gallery, methods=["GET"]),
        Route(f"{p}/galleries/{{gallery_id}}", api.update_gallery, methods=["PATCH"]),
        Route(f"{p}/galleries/{{gallery_id}}", api.delete_gallery, methods=["DELETE"]),
        Route(
            f"{p}/galleries/{{gallery_id}}/translations", api.upsert_translation, methods=["PUT"]
        ),
        Route(
            f"{p}/galleries/{{gallery_id}}/translations/{{language_id}}",
            api.delete_translation,
            methods=["DELETE"],
        ),
        Route(f"{p}/galleries/{{gallery_id}}/media", api.add_media, methods=["POST"]),
        Route(f"{p}/galleries/{{gallery_id}}/media/reorder", api.reorder_media, methods=["POST"]),
        Route(
            f"{p}/galleries/{{gallery_id}}/media/{{media_id}}", api.update_media, methods=["PATCH"]
        ),
        Route(
            f"{p}/galleries/{{gallery_id}}/media/{{media_id}}", api.remove_media, methods=["DELETE"]
        ),
        Route(f"{p}/languages", api.list_languages, methods=["GET"]),
        Route(f"{p}/media", api.list_media, methods=["GET"]),
        Route(f"{p}/media/{{media_id}}", api.get_media, methods=["GET"]),
        Route("/uploads/media/{filename}", api.upload, methods=["GET"]),
    ]
    handlers: Mapping[Any, Callable[[Request, Exception], Coroutine[Any, Any, Response]]] = {
        ApiError: _api_error,
        HTTPException: _http_error,
        ValidationFailed: _validation_error,
    }
    return Starlette(routes=routes, exception_handlers=dict(handlers))
