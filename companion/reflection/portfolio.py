"""Work situations and portfolio entries: owner-scoped CRUD that keeps the index in step, and who may read an entry.

An entry's visibility says who may read it besides its owner: "private" nobody; "expert" the experts who coach
the owner's team; "team" those experts and the other members of the owner's team (same organisation; not an
admin who happens to be in it). Only
the owner changes or deletes it. Reading is decided here (:func:`may_read_entry`), for every path: the REST
routes, the list of entries shared with me, and the privacy export (which holds one's own entries only).

Search and retrieval stay personal: entries are indexed per owner, and nobody else's entry is ever searched or
cited in a chat or a model prompt, whatever its visibility. Sharing an entry lets a person read it where it is
shown as someone else's (the portfolio's "Gedeeld met mij"), not feeds it into their conversations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db, events
from companion.core.errors import Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.models import ENTRY_KINDS, VISIBILITIES, ExpertTeam, Person, PortfolioEntry, WorkSituation
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
    session.flush()
    events.emit(session, events.SITUATION_CAPTURED, person_id=me.person_id, subject=f"situation:{s.id}",
                context=f"conversation:{conversation_id}" if conversation_id else None)
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


def _coaches(session: Session, me: Principal, owner: Person) -> bool:
    return me.role == "expert" and owner.team_id is not None and session.get(
        ExpertTeam, {"expert_id": me.person_id, "team_id": owner.team_id}) is not None


def may_read_entry(session: Session, me: Principal, entry: PortfolioEntry, owner: Person | None = None) -> bool:
    """The owner; for "expert" and "team" the experts coaching the owner's team; for "team" its members too."""
    if entry.owner_id == me.person_id:
        return True
    owner = owner or db.get(session, Person, entry.owner_id)
    if owner is None or owner.org_id != me.org_id or entry.visibility == "private":
        return False
    if entry.visibility in ("expert", "team") and _coaches(session, me, owner):
        return True
    return (entry.visibility == "team" and me.role != "admin" and owner.team_id is not None
            and me.team_id == owner.team_id)  # team members; an admin in a team reads no one's entries


def get_entry(session: Session, me: Principal, entry_id: int) -> PortfolioEntry:
    """An entry the caller may read (their own, or one shared with them); 404 otherwise."""
    e = db.get(session, PortfolioEntry, entry_id)
    if e is None or not may_read_entry(session, me, e):
        raise NotFound("entry_not_found")
    return e


def _own_entry(session: Session, me: Principal, entry_id: int) -> PortfolioEntry:
    """The caller's own entry; 403 for a reader it is shared with (they may read, not change), 404 for others."""
    e = get_entry(session, me, entry_id)
    if e.owner_id != me.person_id:
        raise Forbidden("entry_owner_only")
    return e


def shared_with_me(session: Session, me: Principal) -> list[tuple[PortfolioEntry, Person]]:
    """Other people's entries the caller may read, newest first, each with its owner."""
    teams = [me.team_id] if me.team_id is not None and me.role != "admin" else []
    if me.role == "expert":
        teams += list(session.scalars(select(ExpertTeam.team_id).where(ExpertTeam.expert_id == me.person_id)))
    if not teams:
        return []
    rows = session.execute(
        select(PortfolioEntry, Person).join(Person, Person.id == PortfolioEntry.owner_id)
        .where(Person.org_id == me.org_id, Person.team_id.in_(teams), PortfolioEntry.owner_id != me.person_id,
               PortfolioEntry.visibility.in_(("expert", "team")))
        .order_by(PortfolioEntry.created_at.desc(), PortfolioEntry.id.desc()))
    return [(e, owner) for e, owner in rows if may_read_entry(session, me, e, owner)]


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
    e = _own_entry(session, me, entry_id)
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
    e = _own_entry(session, me, entry_id)
    session.delete(e)
    session.commit()
    index.delete_personal(me.person_id, [f"entry:{entry_id}"])
