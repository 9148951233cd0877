"""The audit trail of suggestions: who drafted what (model or offline guide, prompt version), what the owner edited
and shared when sending (or withdrew), who read the conversation, who decided, when, why.

Events are only ever added, never changed. Reading them is authorised in `review.audit_trail`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.models import AuditEvent, Person

ACTIONS = ("drafted", "edited", "sent", "withdrawn", "conversation_viewed", "approved", "rejected", "entry_created",
           "downloaded")


def record(session: Session, suggestion_id: int, actor_id: int | None, action: str, **detail: Any) -> AuditEvent:
    """Add one event (flushed, committed with the caller's transaction); actor None is the system or a model."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(suggestion_id=suggestion_id, actor_id=actor_id, action=action, detail=detail)
    session.add(event)
    session.flush()
    return event


def events(session: Session, suggestion_id: int) -> list[dict[str, Any]]:
    """The events of one suggestion, oldest first, each with the actor's display name (or the drafter)."""
    rows = session.execute(
        select(AuditEvent, Person.display_name, Person.role)
        .outerjoin(Person, Person.id == AuditEvent.actor_id)
        .where(AuditEvent.suggestion_id == suggestion_id)
        .order_by(AuditEvent.created_at, AuditEvent.id))
    out = []
    for event, name, role in rows:
        actor = name or event.detail.get("drafted_by") or "system"
        out.append({"id": event.id, "action": event.action, "actor_id": event.actor_id, "actor": actor,
                    "actor_role": role or ("model" if str(actor).startswith("model:") else "system"),
                    "detail": event.detail, "at": event.created_at})
    return out
