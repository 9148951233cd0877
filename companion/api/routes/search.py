"""GET /api/search: the caller's own items and their organisation's knowledge."""

from typing import Annotated

from fastapi import APIRouter, Query

from companion.api.deps import PrincipalDep, ServicesDep
from companion.api.schemas.general import SearchHit

router = APIRouter(tags=["search"])


@router.get("/search", response_model=list[SearchHit])
def search(me: PrincipalDep, services: ServicesDep, q: Annotated[str, Query(min_length=1, max_length=1000)],
           k: Annotated[int, Query(ge=1, le=50)] = 10) -> list[SearchHit]:
    hits = services.index.search(q, me.scope(), k=k)
    return [SearchHit(id=h.id, kind=h.kind, title=h.title, snippet=h.snippet, score=h.score,
                      ref_id=h.meta.get("ref_id")) for h in hits]
