"""The ASGI application factory."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

import app as core
from app import protocol as p
from app.db import current_revision
from sync.server import routes_auth, routes_files, routes_live, routes_sessions, routes_sync
from sync.server.body_limit import BodyLimit
from sync.server.direct_send import KeepRawSend
from sync.server.context import ServerContext
from sync.server.deps import Context, RecentTokens
from sync.server.errors import install_error_handlers
from sync.server.ballot_lane import BallotLane
from sync.server.hub import Hub
from sync.server.schemas import ErrorOut, HealthOut, extra_components

API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 64 * 1024  # every request body but a push (logins, later forms)
_ERROR = {"model": ErrorOut}
# Any route may answer these (docs/PROTOCOL.md, "Errors"), always as {"error": {code, message}}.
ERROR_RESPONSES = {
    400: dict(_ERROR, description="a malformed request (a body that is not JSON)"),
    401: dict(_ERROR, description="no token, or one that is unknown, revoked or expired"),
    404: dict(_ERROR, description="no such resource, or not visible to this user"),
    413: dict(_ERROR, description="the request body is over its cap"),
    422: dict(_ERROR, description="a parameter or the body does not fit; the message names it"),
    429: dict(_ERROR, description="too many attempts: Retry-After says when to try again"),
    500: dict(_ERROR, description="a fault of the server; details only in its log"),
}


def create_app(context: ServerContext) -> FastAPI:
    hub = Hub(context)
    context.hub = hub
    lane = BallotLane(context)
    context.recent_tokens = RecentTokens()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await hub.start()
        lane.start()
        context.lane = lane
        yield
        context.lane = None
        lane.stop()
        await hub.stop()
        context.engine.dispose()

    application = FastAPI(title="phonghop", version=core.__version__, lifespan=lifespan,
                          openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    application.state.context = context
    application.state.hub = hub
    install_error_handlers(application)
    application.add_middleware(BodyLimit, default=MAX_BODY_BYTES,
                               per_path={f"{API_PREFIX}/mutations": p.MAX_PUSH_BYTES})
    application.add_middleware(KeepRawSend)  # added last: the outermost, uvicorn's own send

    api = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)

    @api.get("/health", response_model=HealthOut, tags=["meta"])
    def health(ctx: Context) -> HealthOut:
        return HealthOut(status="ok", version=core.__version__,
                         schema_revision=current_revision(ctx.engine))

    for module in (routes_auth, routes_sessions, routes_files, routes_sync, routes_live):
        api.include_router(module.router)
    application.include_router(api)
    _complete_openapi(application)
    return application


def _complete_openapi(application: FastAPI) -> None:
    """FastAPI's document plus the schemas the push route documents by reference."""
    generate = application.openapi

    def openapi() -> dict:
        if application.openapi_schema is None:
            schema = generate()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                extra_components())
            application.openapi_schema = schema
        return application.openapi_schema

    application.openapi = openapi  # type: ignore[method-assign]
