"""The GraphQL endpoint: strawberry's ASGI view with the gateway's context and error shape."""

from __future__ import annotations

import asyncio
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from gateway.auth import ANONYMOUS
from gateway.errors import format_error, partial_error
from gateway.runtime import Gateway
from schema.context import Limits, Principal, RequestContext
from schema.loaders import Loaders

__all__ = ["GatewayGraphQL"]


class GatewayGraphQL(GraphQL[RequestContext, None]):
    """strawberry's view, plus: a fresh context per request (principal, loaders, request id),
    an overall deadline, the gateway's error shape, and an offline GraphiQL page."""

    def __init__(self, gateway: Gateway, *, graphiql_html: str | None) -> None:
        super().__init__(
            gateway.schema,
            graphql_ide="graphiql" if graphiql_html else None,
            allow_queries_via_get=True,
        )
        self.gateway = gateway
        self.graphiql_html = graphiql_html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except RecursionError:
            # JSON nested deeper than the parser's recursion limit (a few KB can do it)
            body = {
                "errors": [
                    {
                        "message": "the request is nested too deeply",
                        "extensions": {"code": "BAD_REQUEST"},
                    }
                ]
            }
            response = JSONResponse(body, status_code=400)
        except HTTPException as exc:
            # strawberry answers malformed requests in plain text; clients expect the GraphQL
            # error shape with a code, like every other error here.
            code = "METHOD_NOT_ALLOWED" if exc.status_code == 405 else "BAD_REQUEST"
            body = {"errors": [{"message": exc.reason, "extensions": {"code": code}}]}
            response = JSONResponse(body, status_code=exc.status_code)
        await response(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        state = request.scope.setdefault("state", {})
        settings = self.gateway.settings
        principal: Principal = state.get(
            "principal", Principal(ANONYMOUS, settings.auth.anonymous_permissions)
        )
        context = RequestContext(
            sources=self.gateway.adapters,
            loaders=Loaders(self.gateway.adapters, cache=self.gateway.cache, scope=principal.name),
            principal=principal,
            idempotency=self.gateway.idempotency,
            request_id=state.get("request_id", ""),
            limits=Limits(
                default_page_size=settings.limits.default_page_size,
                max_page_size=settings.limits.max_page_size,
                max_nodes=settings.limits.max_nodes,
            ),
            clock=self.gateway.clock,
            cache=self.gateway.cache,
        )
        state["gateway_context"] = context
        return context

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        timeout = self.gateway.settings.limits.request_timeout
        try:
            async with asyncio.timeout(timeout):
                return await super().execute_operation(*args, **kwargs)
        except TimeoutError:
            error = GraphQLError(
                f"the request took longer than {timeout:g} s and was stopped",
                extensions={"code": "REQUEST_TIMEOUT"},
            )
            return ExecutionResult(data=None, errors=[error])

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        state = request.scope.get("state", {})
        request_id: str = state.get("request_id", "")
        context: RequestContext | None = state.get("gateway_context")
        errors = [format_error(e, request_id) for e in result.errors or []]
        if context is not None:
            errors += [
                format_error(partial_error(path, exc), request_id)
                for path, exc in context.partial_errors
            ]
        self._count(context, errors)
        response: GraphQLHTTPResponse = {"data": result.data}
        if errors:
            response["errors"] = errors  # type: ignore[typeddict-item]
        return response

    def _count(self, context: RequestContext | None, errors: list[dict[str, Any]]) -> None:
        metrics = self.gateway.metrics
        metrics.requests += 1
        for error in errors:
            metrics.errors[error["extensions"]["code"]] += 1
        if context is not None:
            for key, sizes in context.loaders.all_batch_sizes().items():
                metrics.batches[key] += len(sizes)
                metrics.batched_keys[key] += sum(sizes)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(self.graphiql_html or "")
