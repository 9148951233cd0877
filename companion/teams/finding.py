"""Finding earlier sessions: a team's unit in the index holds its finished sessions and approved team products;
only the team's members and experts search it (the scope names the team only after `team_access` said yes)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from companion.core.principal import Principal
from companion.retrieval.scoped_index import Index
from companion.teams import access

MAX_HITS = 20


def search(session: Session, index: Index, me: Principal, team_id: int, query: str, k: int = 8) -> list[dict[str, Any]]:
    access.team_access(session, me, team_id)
    scope = access.team_scope(me, team_id)
    hits = index.search(query[:500], scope, k=max(1, min(k, MAX_HITS)), personal=False, knowledge=False)
    return [{"id": h.id, "kind": h.kind, "title": h.title, "snippet": h.snippet, "score": h.score,
             "ref_id": h.meta.get("ref_id"), "created": h.meta.get("created")} for h in hits]
