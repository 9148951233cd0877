"""Work situations and portfolio entries: owner-scoped CRUD that keeps the index in step."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Invalid, NotFound
from companion.core.principal import Principal
from companion.models import ENTRY_KINDS, VISIBILITIES, PortfolioEntry, WorkSituation
from companion.retrieval.index_sync import entry_item, situation_item
from companion.retrieval.scoped_index import Index

SITUATION_FIELDS = ("title", "description", "involved", "thought", "felt", "wanted", "did")
ENTRY_FIELDS = ("kind", "title", "body", "visibility", "situation_id")


def _clean(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    out = {k: (v.replace("\x00", "").strip() if isinstance(v, str) else v)  # PostgreSQL refuses NUL in text
           for k, v in values.items() if k in allowed and v is not None}
    if "title" in out and not out["title"]:
        raise Invalid("title_empty")
    if "kind" in out and out["kind"] not in ENTRY_KINDS:
        raise Invalid("entry_kind_invalid", choices=", ".join(ENTRY_KINDS))
    if "visibility" in out and out["visibility"] not in VISIBILITIES:
        raise Invalid("visibility_invalid", choices=", ".join(VISIBILITIES))
    return out


# --- work situations -------------------------------------------------------------------------

def list_situations(session: Session, me: Principal) -> list[WorkSituation]:
    stmt = select(WorkSituation).where(WorkSituation.owner_id == me.person_id)
    return list(session.scalars(stmt.order_by(WorkSituation.created_at.desc(), WorkSituation.id.desc())))


def get_situation(session: Session, me: Principal, situation_id: int) -> WorkSituation:
    s = db.get(session, WorkSituation, situation_id)
    if s is None or s.owner_id != me.person_id:
        raise NotFound("situation_not_found")
    return s


def create_situation(session: Session, index: Index, me: Principal, values: dict[str, Any],
                     conversation_id: int | None = None) -> WorkSituation:
    data = _clean(values, SITUATION_FIELDS)
    if not data.get("title") or not data.get("description"):
        raise Invalid("situation_incomplete")
    s = WorkSituation(owner_id=me.person_id, conversation_id=conversation_id, **data)
    session.add(s)
    session.commit()
    index.upsert_personal(me.person_id, [situation_item(s)])
    return s


def update_situation(session: Session, index: Index, me: Principal, situation_id: int,
                     values: dict[str, Any]) -> WorkSituation:
    s = get_situation(session, me, situation_id)
    data = _clean(values, SITUATION_FIELDS)
    if "description" in data and not data["description"]:
        raise Invalid("description_empty")
    for key, value in data.items():
        setattr(s, key, value)
    session.commit()
    index.upsert_personal(me.person_id, [situation_item(s)])
    return s


def delete_situation(session: Session, index: Index, me: Principal, situation_id: int) -> None:
    s = get_situation(session, me, situation_id)
    session.delete(s)
    session.commit()
    index.delete_personal(me.person_id, [f"situation:{situation_id}"])


# --- portfolio entries -----------------------------------------------------------------------

def list_entries(session: Session, me: Principal, kind: str | None = None) -> list[PortfolioEntry]:
    stmt = select(PortfolioEntry).where(PortfolioEntry.owner_id == me.person_id)
    if kind:
        stmt = stmt.where(PortfolioEntry.kind == kind)
    return list(session.scalars(stmt.order_by(PortfolioEntry.created_at.desc(), PortfolioEntry.id.desc())))


def get_entry(session: Session, me: Principal, entry_id: int) -> PortfolioEntry:
    e = db.get(session, PortfolioEntry, entry_id)
    if e is None or e.owner_id != me.person_id:
        raise NotFound("entry_not_found")
    return e


def _check_situation(session: Session, me: Principal, data: dict[str, Any]) -> None:
    if data.get("situation_id") is not None:
        get_situation(session, me, data["situation_id"])  # own situations only


def create_entry(session: Session, index: Index, me: Principal, values: dict[str, Any],
                 conversation_id: int | None = None) -> PortfolioEntry:
    data = _clean(values, ENTRY_FIELDS)
    if not data.get("title") or not data.get("body"):
        raise Invalid("entry_incomplete")
    data.setdefault("kind", "reflection")
    _check_situation(session, me, data)
    e = PortfolioEntry(owner_id=me.person_id, conversation_id=conversation_id, **data)
    session.add(e)
    session.commit()
    index.upsert_personal(me.person_id, [entry_item(e)])
    return e


def update_entry(session: Session, index: Index, me: Principal, entry_id: int,
                 values: dict[str, Any]) -> PortfolioEntry:
    e = get_entry(session, me, entry_id)
    data = _clean(values, ENTRY_FIELDS)
    if "body" in data and not data["body"]:
        raise Invalid("body_empty")
    _check_situation(session, me, data)
    for key, value in data.items():
        setattr(e, key, value)
    session.commit()
    index.upsert_personal(me.person_id, [entry_item(e)])
    return e


def delete_entry(session: Session, index: Index, me: Principal, entry_id: int) -> None:
    e = get_entry(session, me, entry_id)
    session.delete(e)
    session.commit()
    index.delete_personal(me.person_id, [f"entry:{entry_id}"])
