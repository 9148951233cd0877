"""The FastAPI app: routers gathered, domain errors mapped to HTTP, demo data on first start."""

from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from companion import __version__
from companion.api import ops, validation
from companion.api.docs import add_offline_docs
from companion.api.routes import (
    accountability_reports,
    admin,
    agreements,
    analytics,
    api_keys,
    auth,
    conversations,
    cycles,
    health,
    knowledge,
    me,
    openai_compat,
    portfolio,
    portfolio_exports,
    privacy,
    products,
    search,
    situations,
    suggestions,
    surveys,
    team_products,
    team_sessions,
    teams,
    trajectories,
    weeks,
    xapi,
)
from companion.core import datalock, db, observability, startup
from companion.core.config import Settings, get_settings
from companion.core.error_texts import language_from_header
from companion.core.errors import CompanionError, Conflict, Invalid, ServiceBusy, TooManyRequests
from companion.interop import mcp_server
from companion.interop.xapi import BackgroundSender
from companion.interop.xapi import install as install_xapi
from companion.registry import register_review_kinds
from companion.services import Services, build_services
from companion.trust import limits

ROUTERS = (health, auth, me, api_keys, privacy, conversations, cycles, situations, portfolio, portfolio_exports, search,
           knowledge, admin, products, suggestions, weeks, agreements, accountability_reports, surveys, analytics,
           trajectories, teams, team_sessions, team_products, xapi)

log = logging.getLogger(__name__)


def create_app(services: Services | None = None, settings: Settings | None = None) -> FastAPI:
    """The API over the given services (tests pass their own), or over services built from settings."""
    register_review_kinds()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # uvicorn answers no request before this startup is done: `companion run` follows it through a status file
        reporter = startup.from_env()
        current = settings or (app.state.services.settings if app.state.services is not None else get_settings())
        lock = sender = None
        try:
            with startup.reporting(reporter):  # left before the yield: a context variable stays in its own task
                try:
                    lock = datalock.acquire(current, "api")  # a second API on an embedded store refuses to start
                    reporter.stage("migrating")
                    if getattr(app.state, "services", None) is None:
                        app.state.services = build_services(current)
                    svc: Services = app.state.services
                    install_xapi(svc)  # learning events become statements in the outbox (companion/interop/xapi)
                    if svc.settings.demo:
                        from companion.demo.organisation import seed_demo

                        with db.one_worker_at_a_time(svc.engine):  # several workers: one seeds, the rest see it
                            seed_demo(svc)  # also finishes a demo an interrupted start left half-seeded
                except Exception as exc:
                    reporter.failed(f"{type(exc).__name__}: {exc}")
                    raise
            reporter.ready()
            if svc.settings.xapi_send_interval > 0:
                sender = BackgroundSender(svc, svc.settings.xapi_send_interval).start()
            async with app.state.mcp.serving():  # the MCP server at /mcp (companion/interop/mcp_server.py)
                yield
        finally:
            if sender is not None:
                sender.stop()
            datalock.release(lock)

    app = FastAPI(title="companion API", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Dutch-first AI learning companion for workplace learning.")
    add_offline_docs(app)
    app.add_middleware(limits.RequestSizeLimit)
    app.add_middleware(ops.RequestContext)  # outermost: the request id covers everything, 413s included
    app.state.services = services
    app.state.mcp = mcp_server.HttpEndpoint(lambda: app.state.services)
    if services is not None:
        install_xapi(services)

    @app.exception_handler(CompanionError)
    async def _domain_error(request: Request, exc: CompanionError) -> JSONResponse:
        if openai_compat.handles(request):  # /v1 answers in OpenAI's error shape
            return openai_compat.error_response(request, exc)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if isinstance(exc, TooManyRequests):
            headers = {"Retry-After": str(exc.retry_after)}
        return _error_response(request, exc, headers)

    @app.exception_handler(limits.BodyTooLarge)
    async def _body_too_large(request: Request, exc: limits.BodyTooLarge) -> JSONResponse:
        return _error_response(request, exc.error, {"Connection": "close"})

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own 422s get a stable code and a sentence in the caller's language; the list stays, as errors
        problems = exc.errors()
        if openai_compat.handles(request):
            return openai_compat.invalid_request(request, validation.request_invalid(problems), problems)
        response = _error_response(request, validation.request_invalid(problems))
        body = json.loads(response.body)
        body["errors"] = jsonable_encoder([{k: p.get(k) for k in ("loc", "msg", "type")} for p in problems])
        return JSONResponse(body, status_code=422, headers={"Content-Language": response.headers["content-language"]})

    @app.exception_handler(OverflowError)
    async def _out_of_range(request: Request, exc: OverflowError) -> JSONResponse:
        # a number no database column can hold (an id of 2**64 in a body) is bad input, not a server fault
        log.info("number out of range: %s", exc)
        return _error_response(request, Invalid("number_out_of_range"))

    @app.exception_handler(PoolTimeout)
    async def _database_busy(request: Request, exc: PoolTimeout) -> JSONResponse:
        # every database connection of this worker stayed busy for the pool's time-out: a peak, not a fault
        log.warning("database pool exhausted: %s", exc)
        return _error_response(request, ServiceBusy("database_busy"), {"Retry-After": "5"})

    @app.exception_handler(IntegrityError)
    async def _conflict(request: Request, exc: IntegrityError) -> JSONResponse:
        # two requests raced for the same unique value (a username, a document name): the loser learns why
        log.info("integrity error: %s", exc.orig)
        return _error_response(request, Conflict("conflict"))

    for module in ROUTERS:
        app.include_router(module.router, prefix="/api")
    app.include_router(ops.router)  # /metrics, where Prometheus looks (off unless COMPANION_METRICS_TOKEN is set)
    app.router.add_route("/mcp", app.state.mcp, include_in_schema=False)  # MCP over streamable HTTP, API keys only
    app.include_router(openai_compat.router, prefix=openai_compat.PREFIX)  # where OpenAI-compatible clients look
    return app


def _error_response(request: Request, exc: CompanionError, headers: dict[str, str] | None = None) -> JSONResponse:
    """{"detail": the reason in the request's language (Accept-Language, English by default), "code": stable}."""
    language = language_from_header(request.headers.get("accept-language"))
    return JSONResponse({"detail": exc.text(language), "code": exc.code}, status_code=exc.status,
                        headers={**(headers or {}), "Content-Language": language})


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory companion.api.main:app_from_env`."""
    settings = get_settings()
    observability.configure_logging(settings.log_format)  # with the request id; JSON lines on request
    return create_app(settings=settings)
