"""GET /api/health: is the service up, and which mode is active; /health/live and /health/ready for
orchestrators and load balancers (docs/operations.md)."""

import functools
import logging
import os
import socket

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from companion import __version__
from companion.api.deps import ServicesDep
from companion.api.schemas.general import Health
from companion.api.schemas.ops import Live, Ready
from companion.core import db

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()}:{os.getpid()}"


@router.get("/health", response_model=Health)
def health(services: ServicesDep) -> Health:
    with services.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__, mode=services.mode, embeddings=services.index.space,
                  database=services.engine.dialect.name, retrieval=services.index.mode,
                  retrieval_notice=services.index.degraded,
                  model_breaker=services.breaker.state if services.chat_model is not None else None)


@router.get("/health/live", response_model=Live)
def live() -> Live:
    """The process is up and answering (restart it when this fails); touches nothing else."""
    return Live(worker=WORKER)


@functools.cache
def _head(engine) -> str | None:
    return ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()


@router.get("/health/ready", response_model=Ready, responses={503: {"model": Ready}})
def ready(services: ServicesDep):
    """Send this worker traffic? The database answers, its schema is at the newest migration, the index answers."""
    checks = {"database": False, "migrations": False, "index": False}
    reasons: list[str] = []
    try:
        with services.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            checks["database"] = True
            current, head = MigrationContext.configure(conn).get_current_revision(), _head(services.engine)
            checks["migrations"] = current == head
            if current != head:
                reasons.append(f"database schema at {current}, this version needs {head}: run the migrations")
    except Exception as exc:  # any failure here is a reason to take the worker out of rotation, not a 500
        log.warning("readiness: database check failed: %r", exc)
        reasons.append(f"database unreachable: {type(exc).__name__}")
    try:
        services.index.client.heartbeat()
        checks["index"] = True
    except Exception as exc:
        log.warning("readiness: index check failed: %r", exc)
        reasons.append(f"vector index unreachable: {type(exc).__name__}")
    body = Ready(status="ready" if all(checks.values()) else "not_ready", checks=checks, reasons=reasons)
    return JSONResponse(body.model_dump(), status_code=200 if body.status == "ready" else 503)
