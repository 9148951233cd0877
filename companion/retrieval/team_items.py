"""A team's unit in the index ("g<team>"): its finished sessions and its approved team products, built from SQL."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.models import TeamCase, TeamContribution, TeamProduct, TeamSession
from companion.retrieval.scoped_index import Index, IndexItem

MAX_TEXT = 12_000


def session_item(session: Session, ts: TeamSession) -> IndexItem:
    """A finished session: its case, what was said (erased contributions left out) and the follow-up agreement."""
    case = session.get(TeamCase, ts.case_id) if ts.case_id else None
    said = session.scalars(select(TeamContribution.text).where(
        TeamContribution.session_id == ts.id, TeamContribution.erased.is_(False),
        TeamContribution.by_companion.is_(False)).order_by(TeamContribution.id))
    parts = [case.title if case else "", case.text if case else "", *said, ts.agreement]
    text = "\n".join(p for p in parts if p)[:MAX_TEXT]
    return IndexItem(id=f"teamsession:{ts.id}", kind="team_session", title=ts.title, text=text or ts.title,
                     meta={"ref_id": ts.id, "team_id": ts.team_id, "method": ts.method,
                           "created": (ts.finished_at or ts.created_at).date().isoformat()})


def _flat(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _flat(v)]
    if isinstance(value, list):
        return [t for v in value for t in _flat(v)]
    return [str(value)] if isinstance(value, str) and value.strip() else []


def product_item(p: TeamProduct) -> IndexItem:
    """An approved team product: every text in it (its credits name people, so they are left out)."""
    body = "\n".join(_flat(p.payload or {}))
    return IndexItem(id=f"teamproduct:{p.id}", kind="team_product", title=p.title, text=body[:MAX_TEXT] or p.title,
                     meta={"ref_id": p.id, "team_id": p.team_id, "product_kind": p.kind,
                           "created": (p.approved_at or p.created_at).date().isoformat()})


def reindex_session(session: Session, index: Index, ts: TeamSession) -> None:
    """Index a finished session in its team's unit; a session that is not finished is not findable."""
    if ts.finished_at is None:
        index.delete_team(ts.team_id, [f"teamsession:{ts.id}"])
    else:
        index.upsert_team(ts.team_id, [session_item(session, ts)])


def reindex_teams(session: Session, index: Index) -> int:
    """Every finished session and approved product (part of the full rebuild); returns how many were indexed."""
    count = 0
    for ts in session.scalars(select(TeamSession).where(TeamSession.finished_at.is_not(None))):
        index.upsert_team(ts.team_id, [session_item(session, ts)])
        count += 1
    for p in session.scalars(select(TeamProduct).where(TeamProduct.status == "approved")):
        index.upsert_team(p.team_id, [product_item(p)])
        count += 1
    return count
