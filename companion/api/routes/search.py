"""GET /api/search: the caller's own items and their organisation's knowledge, each listed once."""

from typing import Annotated

from fastapi import APIRouter, Query

from companion.api.deps import PrincipalDep, ServicesDep
from companion.api.schemas.general import SearchHit
from companion.retrieval.distinct import distinct

router = APIRouter(tags=["search"])
WIDEN = 3  # ask the index for more than k, so that k remain once repeats are left out


@router.get("/search", response_model=list[SearchHit])
def search(me: PrincipalDep, services: ServicesDep, q: Annotated[str, Query(min_length=1, max_length=1000)],
           k: Annotated[int, Query(ge=1, le=50)] = 10) -> list[SearchHit]:
    hits = distinct(services.index.search(q, me.scope(), k=k * WIDEN), k)
    return [SearchHit(id=h.id, kind=h.kind, title=h.title, snippet=h.snippet, score=h.score,
                      ref_id=h.meta.get("ref_id")) for h in hits]
