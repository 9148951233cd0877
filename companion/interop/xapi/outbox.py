"""The outbox: statements written in the transaction of their event, and what an admin sees and resends of it.

Listening (:func:`install`) is per database: the API and the CLI install it on their services, and every
event emitted on a session of that database while the person and their organisation share becomes a pending
row here, in the same commit. The sender (sender.py) takes it from there.
"""

from __future__ import annotations

import weakref
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.core import events
from companion.core.errors import Conflict, Invalid, NotFound
from companion.core.principal import Principal
from companion.interop.xapi import preferences, statements
from companion.models import XAPI_STATUSES, Person, XapiStatement

LISTENER = "xapi"


def install(services) -> None:
    """Record the learning events of `services`' database in its outbox, stamped by its clock; twice is harmless."""
    ref = weakref.ref(services)  # the listener must not keep the services (and their engine) alive

    def listener(session: Session, event: events.Event) -> None:
        current = ref()
        if current is not None:
            record(session, event, now=current.clock.now())

    events.listen(services.engine, LISTENER, listener)


def uninstall(services) -> None:
    events.stop_listening(services.engine, LISTENER)


def record(session: Session, event: events.Event, *, now: datetime) -> XapiStatement | None:
    """Queue the statement for `event` if the person and their organisation share; the same event only once."""
    person = session.get(Person, event.person_id)
    if person is None:
        return None
    allowed = preferences.sharing(session, person)
    if allowed is None:
        return None
    org, pref = allowed
    agent = statements.actor(org.base_url, pseudonym=pref.pseudonym, named=pref.named,
                             display_name=person.display_name, username=person.username, email=pref.email)
    statement = statements.build(event, org_id=org.org_id, base_url=org.base_url, agent=agent, when=now,
                                 language=person.language)
    waiting = any(isinstance(o, XapiStatement) and o.statement_id == statement["id"] for o in session.new)
    with session.no_autoflush:  # the domain's own rows are its business to flush
        known = waiting or session.scalar(select(XapiStatement.id).where(
            XapiStatement.statement_id == statement["id"])) is not None
    if known:
        return None  # told once: a re-saved weekly reflection or a re-opened phase is not news
    row = XapiStatement(org_id=org.org_id, person_id=person.id, statement_id=statement["id"], event=event.kind,
                        statement=statement, status="pending", attempts=0, next_attempt_at=now, last_error="",
                        created_at=now)
    session.add(row)
    return row


# --- what an admin sees ---------------------------------------------------------------------------------------

def counts(session: Session, me: Principal) -> dict[str, int]:
    """How many statements of my organisation are pending, sent and dead."""
    me.require_role("admin")
    rows = session.execute(select(XapiStatement.status, func.count()).where(XapiStatement.org_id == me.org_id)
                           .group_by(XapiStatement.status))
    found = dict(rows.all())
    return {status: int(found.get(status, 0)) for status in XAPI_STATUSES}


def listing(session: Session, me: Principal, *, status: str | None = None, limit: int = 50,
            offset: int = 0) -> list[XapiStatement]:
    """My organisation's statements, newest first; `status="dead"` is the dead-letter view."""
    me.require_role("admin")
    if status is not None and status not in XAPI_STATUSES:
        raise Invalid("xapi_status_invalid", choices=", ".join(XAPI_STATUSES))
    stmt = select(XapiStatement).where(XapiStatement.org_id == me.org_id)
    if status is not None:
        stmt = stmt.where(XapiStatement.status == status)
    limit = max(1, min(limit, 200))
    return list(session.scalars(stmt.order_by(XapiStatement.id.desc()).limit(limit).offset(max(0, offset))))


def view(row: XapiStatement) -> dict[str, Any]:
    """A row as the admin sees it: the statement itself holds no text, so it is shown whole."""
    return {"id": row.id, "statement_id": row.statement_id, "event": row.event, "status": row.status,
            "attempts": row.attempts, "next_attempt_at": row.next_attempt_at, "last_error": row.last_error,
            "created_at": row.created_at, "sent_at": row.sent_at, "verb": row.statement["verb"]["id"],
            "object": row.statement["object"]["id"]}


def retry(session: Session, me: Principal, row_id: int, *, now: datetime) -> XapiStatement:
    """Send a dead letter again, from scratch (after the admin fixed what the LRS refused)."""
    me.require_role("admin")
    row = session.get(XapiStatement, row_id) if isinstance(row_id, int) and 0 < row_id < 2**63 else None
    if row is None or row.org_id != me.org_id:
        raise NotFound("xapi_statement_not_found")
    if row.status != "dead":
        raise Conflict("xapi_not_dead", status=row.status)
    _revive(row, now)
    session.flush()
    return row


def retry_dead(session: Session, me: Principal, *, now: datetime) -> int:
    """Send every dead letter of my organisation again; returns how many."""
    me.require_role("admin")
    rows = list(session.scalars(select(XapiStatement).where(XapiStatement.org_id == me.org_id,
                                                            XapiStatement.status == "dead")))
    for row in rows:
        _revive(row, now)
    session.flush()
    return len(rows)


def _revive(row: XapiStatement, now: datetime) -> None:
    row.status, row.attempts, row.next_attempt_at = "pending", 0, now
