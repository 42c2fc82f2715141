"""The Starlette app factory.

Routes: ``/graphql`` (POST and GET; a browser GET shows GraphiQL), ``/healthz``, ``/readyz``,
``/metrics`` (Prometheus text) and the GraphiQL files. Middleware, outermost first: CORS (for
``server.cors_origins``), request id, body size limit, auth.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from adapters.http import CALLS
from gateway.auth import AuthMiddleware
from gateway.cache import InMemoryReadCache
from gateway.graphiql import ASSET_ROUTE, asset_endpoint, local_assets_present, render_page
from gateway.graphql import GatewayGraphQL
from gateway.health import liveness, readiness
from gateway.limits import BodyLimitMiddleware
from gateway.metrics import render as render_metrics
from gateway.request_id import RequestIdMiddleware
from gateway.runtime import Gateway

__all__ = ["create_app"]


def create_app(gateway: Gateway) -> Starlette:
    settings = gateway.settings
    graphiql_html = (
        render_page(local_assets=local_assets_present()) if settings.server.graphiql else None
    )
    view = GatewayGraphQL(gateway, graphiql_html=graphiql_html)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await gateway.start()
        try:
            yield
        finally:
            await gateway.aclose()

    async def healthz(request: Request) -> Response:
        return liveness()

    async def readyz(request: Request) -> Response:
        if not gateway.adapters:
            return JSONResponse({"status": "starting", "sources": {}}, status_code=503)
        return await readiness(gateway.adapters)

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(
            render_metrics(
                CALLS,
                gateway.metrics,
                gateway.cache if isinstance(gateway.cache, InMemoryReadCache) else None,
            ),
            media_type="text/plain; version=0.0.4",
        )

    async def root(request: Request) -> Response:
        return RedirectResponse("/graphql")

    routes = [
        Route("/graphql", view),  # the view answers other methods with a JSON 405
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        Route(f"{ASSET_ROUTE}/{{path:path}}", asset_endpoint),
        Route("/", root),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.server.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "x-request-id"],
            expose_headers=["x-request-id"],
        ),
        Middleware(RequestIdMiddleware),
        Middleware(BodyLimitMiddleware, max_bytes=settings.limits.max_body_bytes),
        Middleware(AuthMiddleware, settings=settings.auth),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
