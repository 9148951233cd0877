"""GET /api/health: is the service up, and which mode is active."""

from fastapi import APIRouter
from sqlalchemy import text

from companion import __version__
from companion.api.deps import ServicesDep
from companion.api.schemas.general import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(services: ServicesDep) -> Health:
    with services.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__, mode=services.mode, embeddings=services.index.space,
                  database=services.engine.dialect.name, retrieval=services.index.mode,
                  retrieval_notice=services.index.degraded,
                  model_breaker=services.breaker.state if services.chat_model is not None else None)
