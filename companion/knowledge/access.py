"""Who may read which knowledge document: the one rule, used by the API and by the retrieval scope.

A document assigned to teams and/or trajectories is visible only to the members of those teams (a
trajectory counts through the teams that follow it); an unassigned document is for the whole organisation.
Admins see every document of their organisation,
retired ones included. Anything else is "not found" (404), never "forbidden".
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from companion.core import db
from companion.core.errors import Invalid, NotFound
from companion.core.principal import Principal
from companion.models import KnowledgeDocument

STATUSES = ("active", "retired", "all")


def viewer_team_ids(session: Session, me: Principal) -> frozenset[int] | None:
    """The teams whose documents `me` may see; None means every team (admins)."""
    if me.is_admin:
        return None
    scope = me.scope()  # the same teams the retrieval layer lets `me` search
    return None if scope.all_teams else scope.team_ids


def can_see(doc: KnowledgeDocument, teams: frozenset[int] | None) -> bool:
    if teams is None:
        return True
    audience = doc.audience_team_ids()
    return doc.active and (not audience or bool(teams & set(audience)))


def list_documents(session: Session, me: Principal, *, tag: str | None = None, language: str | None = None,
                   status: str | None = None, query: str | None = None) -> list[KnowledgeDocument]:
    """The documents `me` may see, narrowed by tag, language, status (admins only; all by default) and words
    in the title or file name."""
    status = status or ("all" if me.is_admin else "active")
    if status not in STATUSES:
        raise Invalid("knowledge_status_invalid", choices=", ".join(STATUSES))
    stmt = select(KnowledgeDocument).where(KnowledgeDocument.org_id == me.org_id)
    if not me.is_admin or status == "active":
        stmt = stmt.where(KnowledgeDocument.active.is_(True))
    elif status == "retired":
        stmt = stmt.where(KnowledgeDocument.active.is_(False))
    if language:
        stmt = stmt.where(KnowledgeDocument.language == language)
    if query and query.strip():
        words = query.strip().lower()
        stmt = stmt.where(or_(func.lower(KnowledgeDocument.title).contains(words, autoescape=True),
                              func.lower(KnowledgeDocument.source_name).contains(words, autoescape=True)))
    teams = viewer_team_ids(session, me)
    stmt = stmt.options(selectinload(KnowledgeDocument.team_links), selectinload(KnowledgeDocument.trajectory_links))
    docs = [d for d in session.scalars(stmt.order_by(func.lower(KnowledgeDocument.title))) if can_see(d, teams)]
    if tag:
        docs = [d for d in docs if tag in (d.tags or [])]
    return docs


def get_document(session: Session, me: Principal, doc_id: int) -> KnowledgeDocument:
    """A knowledge document `me` may see (404 for any other: another organisation, team, or retired)."""
    doc = db.get(session, KnowledgeDocument, doc_id)
    if doc is None or doc.org_id != me.org_id or not can_see(doc, viewer_team_ids(session, me)):
        raise NotFound("document_not_found")
    return doc


def document_for_admin(session: Session, me: Principal, doc_id: int) -> KnowledgeDocument:
    """A document of the admin's own organisation, to curate (403 for other roles, 404 for other orgs)."""
    me.require_role("admin")
    return get_document(session, me, doc_id)
