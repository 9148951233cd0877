"""Building xAPI 1.0.3 statements from learning events: who (pseudonymous), did what, to which activity, when.

A statement says that something happened, never what was said: no text of a situation, a reflection or a
product leaves the companion. Ids are uuid5 over the organisation and the event, so the same event always
makes the same statement and sending it twice stores it once.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from companion.core import events
from companion.interop.xapi.verbs import VERBS

NAMESPACE = uuid.UUID("5b0e1c1e-8c0a-4d8e-9a57-2f1b8f3c6a10")  # this product's statements; never change it
# what an event may carry into a statement: ids and names from fixed lists, never free text
DETAIL_KEYS = ("cycle", "phase", "round", "kind", "week")
_SAFE = re.compile(r"^[A-Za-z0-9_.:-]{1,60}$")

NAMES = {  # the activities' names, Dutch first
    "situation": ("Werksituatie", "Work situation"),
    "cycle": ("Reflectiecyclus {cycle}", "Reflection cycle {cycle}"),
    "phase": ("Fase {phase} van reflectiecyclus {cycle}", "Phase {phase} of reflection cycle {cycle}"),
    "product": ("Product ({kind})", "Product ({kind})"),
    "week": ("Weekreflectie {week}", "Weekly reflection {week}"),
    "team_session": ("Intervisiesessie", "Peer consultation session"),
}


def statement_id(org_id: int, event: events.Event) -> str:
    """The same event of the same organisation always gets the same id."""
    detail = ",".join(f"{k}={event.detail[k]}" for k in DETAIL_KEYS if k in event.detail)
    return str(uuid.uuid5(NAMESPACE, f"{org_id}|{event.kind}|{event.person_id}|{event.subject}|{detail}"))


def registration(base_url: str, context: str | None) -> str | None:
    """One registration per conversation (its cycle) or team session: the LRS groups a reflection's statements."""
    return str(uuid.uuid5(NAMESPACE, f"{base_url}|registration|{context}")) if context else None


def actor(base_url: str, *, pseudonym: str, named: bool = False, display_name: str = "", username: str = "",
          email: str = "") -> dict[str, Any]:
    """An `account` with an opaque id under the organisation's URL; a name (and mbox) only when the person chose so."""
    if not named:
        return {"objectType": "Agent", "account": {"homePage": base_url, "name": pseudonym}}
    if email:
        return {"objectType": "Agent", "name": display_name or username, "mbox": f"mailto:{email}"}
    return {"objectType": "Agent", "name": display_name or username, "account": {"homePage": base_url,
                                                                                   "name": username}}


def build(event: events.Event, *, org_id: int, base_url: str, agent: dict[str, Any], when: datetime,
          language: str = "nl") -> dict[str, Any]:
    """The statement for `event`, ready to send."""
    verb, activity_type = VERBS[event.kind]
    detail = safe_detail(event.detail)
    base = base_url.rstrip("/")
    obj_iri, name_key, parent = _activity(base, event, detail)
    statement: dict[str, Any] = {
        "id": statement_id(org_id, event),
        "actor": agent,
        "verb": verb.as_xapi(),
        "object": {"objectType": "Activity", "id": obj_iri,
                   "definition": {"type": activity_type, "name": _name(name_key, detail)}},
        "timestamp": when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "context": {"platform": "companion", "language": "nl-NL" if language == "nl" else "en-US"},
    }
    reg = registration(base, event.context)
    if reg:
        statement["context"]["registration"] = reg
    if parent:
        statement["context"]["contextActivities"] = {"parent": [{"objectType": "Activity", "id": parent}]}
    if event.kind in (events.CYCLE_COMPLETED, events.PHASE_COMPLETED, events.WEEK_REFLECTED):
        statement["result"] = {"completion": True}
    return statement


def safe_detail(detail: dict[str, Any]) -> dict[str, str]:
    """Only known keys with short, plain values: a caller can never smuggle a text into a statement."""
    return {k: str(detail[k]) for k in DETAIL_KEYS if k in detail and _SAFE.match(str(detail[k]))}


def _number(subject: str, prefix: str) -> str:
    kind, _, ref = subject.partition(":")
    if kind != prefix or not _SAFE.match(ref):
        raise ValueError(f"a {prefix} event needs a subject '{prefix}:<id>', not {subject!r}")
    return ref


def _activity(base: str, event: events.Event, detail: dict[str, str]) -> tuple[str, str, str | None]:
    """(object IRI, name key, parent IRI) under the organisation's base URL."""
    kind = event.kind
    if kind == events.SITUATION_CAPTURED:
        parent = _conversation_iri(base, event.context)
        return f"{base}/xapi/situations/{_number(event.subject, 'situation')}", "situation", parent
    if kind in (events.PHASE_COMPLETED, events.CYCLE_COMPLETED):
        cycle_iri = f"{base}/xapi/reflections/{_number(event.subject, 'conversation')}"
        if kind == events.CYCLE_COMPLETED:
            return cycle_iri, "cycle", None
        return f"{cycle_iri}/phases/{detail.get('phase', 'unknown')}", "phase", cycle_iri
    if kind in (events.PRODUCT_DRAFTED, events.PRODUCT_SUBMITTED, events.PRODUCT_APPROVED):
        parent = _conversation_iri(base, event.context)
        return f"{base}/xapi/products/{_number(event.subject, 'suggestion')}", "product", parent
    if kind == events.WEEK_REFLECTED:
        return f"{base}/xapi/weekly-reflections/{_number(event.subject, 'week')}", "week", None
    session_ref = _number(event.context or "", "team_session")
    return f"{base}/xapi/team-sessions/{session_ref}", "team_session", None


def _conversation_iri(base: str, context: str | None) -> str | None:
    if context and context.startswith("conversation:"):
        return f"{base}/xapi/reflections/{_number(context, 'conversation')}"
    return None


def _name(key: str, detail: dict[str, str]) -> dict[str, str]:
    values = {k: detail.get(k, "?") for k in ("cycle", "phase", "kind", "week")}
    nl, en = NAMES[key]
    return {"nl-NL": nl.format(**values), "en-US": en.format(**values)}
