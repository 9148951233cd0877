"""Learning events: what the domains say happened, for whoever listens (today: the xAPI outbox).

A domain calls :func:`emit` inside the transaction that makes the event true (a situation stored, a product
approved), so a listener that writes to the same session commits or rolls back with it: nothing is lost and
nothing is told that did not happen. Listeners are registered per database engine by the outer layer
(``companion.interop.xapi.install``), so the domains import nothing of interop and two test worlds in one
process never hear each other. With no listener an event costs one dictionary look-up.

An event names what happened and to what, never what was said: no listener can leak the text of a reflection.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

SITUATION_CAPTURED = "situation_captured"
PHASE_COMPLETED = "phase_completed"
CYCLE_COMPLETED = "cycle_completed"
PRODUCT_DRAFTED = "product_drafted"
PRODUCT_SUBMITTED = "product_submitted"
PRODUCT_APPROVED = "product_approved"
WEEK_REFLECTED = "week_reflected"
TEAM_CONTRIBUTED = "team_contributed"
KINDS = (SITUATION_CAPTURED, PHASE_COMPLETED, CYCLE_COMPLETED, PRODUCT_DRAFTED, PRODUCT_SUBMITTED, PRODUCT_APPROVED,
         WEEK_REFLECTED, TEAM_CONTRIBUTED)


@dataclass(frozen=True)
class Event:
    """`person_id` did `kind` to the thing `subject` ("situation:12"); `context` groups it (a conversation)."""

    kind: str
    person_id: int
    subject: str
    context: str | None = None  # what the subject is part of: "conversation:3", "team_session:5"
    detail: dict[str, Any] = field(default_factory=dict)  # ids and names only (phase, cycle, kind), never text

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown learning event {self.kind!r}")


Listener = Callable[[Session, Event], None]
_listeners: weakref.WeakKeyDictionary[Any, dict[str, Listener]] = weakref.WeakKeyDictionary()


def listen(engine: Any, name: str, listener: Listener) -> None:
    """Call `listener(session, event)` for every event emitted on a session bound to `engine`; by name, once."""
    _listeners.setdefault(engine, {})[name] = listener


def stop_listening(engine: Any, name: str) -> None:
    _listeners.get(engine, {}).pop(name, None)


def emit(session: Session, kind: str, /, *, person_id: int, subject: str, context: str | None = None,
         **detail: Any) -> None:
    """Tell the listeners of this session's database that `kind` happened, in the caller's transaction."""
    listeners = _listeners.get(_engine_of(session))
    if not listeners:
        return
    event = Event(kind=kind, person_id=person_id, subject=subject, context=context, detail=detail)
    for listener in list(listeners.values()):
        listener(session, event)  # an error here fails the caller's transaction: the event and its record agree


def _engine_of(session: Session) -> Any:
    bind = session.get_bind()
    return getattr(bind, "engine", bind)  # a Connection (tests on one connection) has an engine too


def record_team_contribution(session: Session, *, person_id: int, team_session_id: int, contribution_id: int,
                             phase: str, kind: str | None = None) -> None:
    """The hook for team sessions: call it where a member's contribution is stored, in the same transaction.

    Only that `person_id` contributed (a `kind` such as question or advice) in `phase` of session
    `team_session_id` is told, never what they said.
    """
    detail = {"phase": phase} | ({"kind": kind} if kind else {})
    emit(session, TEAM_CONTRIBUTED, person_id=person_id, subject=f"team_contribution:{contribution_id}",
         context=f"team_session:{team_session_id}", **detail)
