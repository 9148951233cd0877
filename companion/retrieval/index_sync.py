"""Keeps the vector index derived from SQL: item builders and the full rebuild."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.models import KnowledgeChunk, KnowledgeDocument, PortfolioEntry, WorkSituation
from companion.retrieval.scoped_index import Index, IndexItem
from companion.retrieval.team_items import reindex_teams

log = logging.getLogger(__name__)
REINDEX_BATCH = 500


def situation_item(s: WorkSituation) -> IndexItem:
    parts = [s.description, s.involved, s.wanted, s.did, s.thought, s.felt]
    return IndexItem(id=f"situation:{s.id}", kind="situation", title=s.title,
                     text="\n".join(p for p in parts if p),
                     meta={"ref_id": s.id, "created": s.created_at.date().isoformat()})


def entry_item(e: PortfolioEntry) -> IndexItem:
    return IndexItem(id=f"entry:{e.id}", kind="entry", title=e.title, text=e.body,
                     meta={"ref_id": e.id, "entry_kind": e.kind, "created": e.created_at.date().isoformat()})


def chunk_item(c: KnowledgeChunk, doc: KnowledgeDocument) -> IndexItem:
    title = doc.title + (f" — {c.section}" if c.section and c.section != doc.title else "")
    return IndexItem(id=f"chunk:{c.id}", kind="knowledge", title=title, text=c.text,
                     meta={"ref_id": doc.id, "chunk_id": c.id, "language": doc.language,
                           "version": doc.version, "section": c.section, "source": doc.source_name,
                           "tags": ", ".join(str(t) for t in doc.tags or []),
                           "teams": doc.audience_team_ids()})  # [] = whole organisation (see knowledge_access)


def index_document(index: Index, doc: KnowledgeDocument) -> None:
    index.upsert_knowledge(doc.org_id, [chunk_item(c, doc) for c in doc.chunks])


def reindex_all(session: Session, index: Index, progress=None) -> dict[str, int]:
    """Drop every collection and rebuild from SQL; returns how many items of each kind were indexed."""
    index.reset()
    counts = {"situation": 0, "entry": 0, "knowledge": 0}
    pending: dict[int, list[IndexItem]] = {}

    def add(owner_id: int, item: IndexItem) -> None:  # batched per person: one write per 500 items, not per item
        pending.setdefault(owner_id, []).append(item)
        counts[item.kind] += 1
        if len(pending[owner_id]) >= REINDEX_BATCH:
            index.upsert_personal(owner_id, pending.pop(owner_id))

    for s in session.scalars(select(WorkSituation)):
        add(s.owner_id, situation_item(s))
    for e in session.scalars(select(PortfolioEntry)):
        add(e.owner_id, entry_item(e))
    for owner_id, items in pending.items():
        index.upsert_personal(owner_id, items)
    for doc in session.scalars(select(KnowledgeDocument).where(KnowledgeDocument.active.is_(True))):
        index_document(index, doc)
        counts["knowledge"] += len(doc.chunks)
        if progress:
            progress(doc.title)
    counts["team"] = reindex_teams(session, index)  # the team units ("g<team>")
    log.info("reindexed %s", counts)
    return counts
