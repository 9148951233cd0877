"""What admins do with knowledge documents: edit, assign to teams or trajectories, retire, restore, re-index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core.errors import Invalid
from companion.core.principal import Principal
from companion.knowledge.access import document_for_admin
from companion.knowledge.documents import chunk_ids, clean_tags, write_and_index
from companion.models import (
    KnowledgeDocument,
    KnowledgeDocumentTeam,
    KnowledgeDocumentTrajectory,
    KnowledgeVersion,
    Team,
    Trajectory,
)
from companion.retrieval.scoped_index import Index

EDITABLE = ("title", "tags", "language", "team_ids", "trajectory_ids")


def _own_ids(session: Session, model, org_id: int, ids: list[int]) -> tuple[list[int], str]:
    """The ids (sorted, once each) and those among them that are not the organisation's, as text."""
    ids = sorted({int(i) for i in ids})
    known = set(session.scalars(select(model.id).where(model.org_id == org_id, model.id.in_(ids)))) if ids else set()
    return ids, ", ".join(str(i) for i in ids if i not in known)


def update_document(session: Session, index: Index, me: Principal, doc_id: int,
                    changes: dict[str, Any]) -> KnowledgeDocument:
    """Change title, tags, language or who may see the document; its chunks are re-indexed with it."""
    doc = document_for_admin(session, me, doc_id)
    changes = {k: v for k, v in changes.items() if k in EDITABLE and v is not None}
    if "title" in changes:
        title = str(changes["title"]).strip()
        if not title:
            raise Invalid("knowledge_title_empty")
        doc.title = title[:300]
    if "tags" in changes:
        doc.tags = clean_tags(changes["tags"])
    if "language" in changes:
        if changes["language"] not in ("nl", "en"):
            raise Invalid("language_invalid")
        doc.language = changes["language"]
    if "team_ids" in changes:
        wanted, unknown = _own_ids(session, Team, me.org_id, changes["team_ids"])
        if unknown:
            raise Invalid("knowledge_unknown_team", ids=unknown)
        doc.team_links = [link for link in doc.team_links if link.team_id in wanted]
        have = {link.team_id for link in doc.team_links}
        doc.team_links.extend(KnowledgeDocumentTeam(team_id=t) for t in wanted if t not in have)
    if "trajectory_ids" in changes:
        wanted, unknown = _own_ids(session, Trajectory, me.org_id, changes["trajectory_ids"])
        if unknown:
            raise Invalid("knowledge_unknown_trajectory", ids=unknown)
        doc.trajectory_links = [link for link in doc.trajectory_links if link.trajectory_id in wanted]
        have = {link.trajectory_id for link in doc.trajectory_links}
        doc.trajectory_links.extend(KnowledgeDocumentTrajectory(trajectory_id=t) for t in wanted if t not in have)
    write_and_index(session, index, doc, [])  # the chunks' metadata (title, language, teams) changed with it
    return doc


def retire(session: Session, index: Index, me: Principal, doc_id: int) -> KnowledgeDocument:
    """Take a document out of retrieval and out of everyone's view but the admins'; it can be restored."""
    doc = document_for_admin(session, me, doc_id)
    doc.active = False
    write_and_index(session, index, doc, chunk_ids(doc))
    return doc


def restore(session: Session, index: Index, me: Principal, doc_id: int) -> KnowledgeDocument:
    doc = document_for_admin(session, me, doc_id)
    doc.active = True
    write_and_index(session, index, doc, [])
    return doc


def reindex_document(session: Session, index: Index, me: Principal, doc_id: int) -> KnowledgeDocument:
    """Embed a document's chunks again (a retired one is only taken out)."""
    doc = document_for_admin(session, me, doc_id)
    write_and_index(session, index, doc, chunk_ids(doc))
    return doc


def reindex_organisation(session: Session, index: Index, me: Principal, progress=None) -> dict[str, int]:
    """Re-index every knowledge document of the admin's organisation; returns documents and chunks indexed."""
    me.require_role("admin")
    docs = list(session.scalars(select(KnowledgeDocument).where(KnowledgeDocument.org_id == me.org_id)))
    counts = {"documents": 0, "chunks": 0}
    for doc in docs:
        write_and_index(session, index, doc, chunk_ids(doc))
        if doc.active:
            counts["documents"] += 1
            counts["chunks"] += len(doc.chunks)
        if progress:
            progress(doc.title)
    return counts


def versions(session: Session, me: Principal, doc_id: int) -> list[KnowledgeVersion]:
    """Every version of a document, newest first."""
    doc = document_for_admin(session, me, doc_id)
    return sorted(doc.versions, key=lambda v: v.version, reverse=True)


def reindex_trajectory_documents(session: Session, index: Index, trajectory_id: int) -> int:
    """Re-index the documents assigned to a trajectory whose teams changed; returns how many."""
    docs = list(session.scalars(select(KnowledgeDocument).join(KnowledgeDocumentTrajectory).where(
        KnowledgeDocumentTrajectory.trajectory_id == trajectory_id)))
    for doc in docs:
        write_and_index(session, index, doc, [])
    return len(docs)
