"""The FastAPI app: routers gathered, domain errors mapped to HTTP, demo data on first start."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from .. import __version__
from ..config import Settings, get_settings
from ..errors import CompanionError, Conflict
from ..messages import language_from_header
from ..services import Services, build_services
from .docs import add_offline_docs
from .routes import (
    accounts,
    admin,
    agreements,
    analytics,
    auth,
    conversations,
    health,
    knowledge,
    me,
    portfolio,
    privacy,
    products,
    search,
    situations,
    suggestions,
    surveys,
    weeks,
)

ROUTERS = (health, auth, me, privacy, conversations, situations, portfolio, search, knowledge, admin,
           products, suggestions, weeks, agreements, accounts, surveys, analytics)

log = logging.getLogger(__name__)


def create_app(services: Services | None = None, settings: Settings | None = None) -> FastAPI:
    """The API over the given services (tests pass their own), or over services built from settings."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "services", None) is None:
            app.state.services = build_services(settings or get_settings())
        svc: Services = app.state.services
        if svc.settings.demo:
            from ..demo import seed_demo

            seed_demo(svc)
        yield

    app = FastAPI(title="companion API", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Dutch-first AI learning companion for workplace learning.")
    add_offline_docs(app)
    app.state.services = services

    @app.exception_handler(CompanionError)
    async def _domain_error(request: Request, exc: CompanionError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error_response(request, exc, headers)

    @app.exception_handler(IntegrityError)
    async def _conflict(request: Request, exc: IntegrityError) -> JSONResponse:
        # two requests raced for the same unique value (a username, a document name): the loser learns why
        log.info("integrity error: %s", exc.orig)
        return _error_response(request, Conflict("conflict"))

    for module in ROUTERS:
        app.include_router(module.router, prefix="/api")
    return app


def _error_response(request: Request, exc: CompanionError, headers: dict[str, str] | None = None) -> JSONResponse:
    """{"detail": the reason in the request's language (Accept-Language, English by default), "code": stable}."""
    language = language_from_header(request.headers.get("accept-language"))
    return JSONResponse({"detail": exc.text(language), "code": exc.code}, status_code=exc.status,
                        headers={**(headers or {}), "Content-Language": language})


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory companion.api.main:app_from_env`."""
    logging.basicConfig(level=logging.INFO)
    return create_app()
