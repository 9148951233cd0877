"""Suggestions and their review: an AI draft counts only after the owner's expert approved it.

Contract (stable; other areas build on it)
------------------------------------------
A **suggestion** is any AI draft that could count: a product, a learning goal, an account... It is generic:

- ``kind``: "action_plan", "advice_note", "annual_plan", "learning_goal", "account", or any kind another area
  adds (a lowercase word of letters and underscores);
- ``owner`` (the professional it is for), ``title``, ``language``;
- ``draft``: the JSON payload as the AI drafted it, never changed afterwards; ``final``: the payload the expert
  approved (the draft itself, or the expert's edit), None while pending or when rejected;
- ``conversation_id`` (the source conversation, nullable) and ``situation_ids`` (linked work situations);
- ``drafted_by``: "model:<name>" or "offline guide"; ``prompt_version``: which prompt/template made it;
- ``status``: pending, approved or rejected; :func:`display_status` says "edited" when approved and the final
  differs from the draft.

Service functions (authorisation is here, not in the routes):

- ``create_suggestion(session, owner, kind, title, payload, *, drafted_by, prompt_version,
  conversation_id=None, situation_ids=(), language=None, commit=True) -> Suggestion``
  (``owner`` is a Person or a Principal; records the "drafted" audit event);
- ``list_mine(session, me, status=None)``, ``review_queue(session, me, status="pending")``;
- ``get_visible(session, me, suggestion_id)``: the owner or an expert coaching the owner's team, else 404;
- ``decide(session, index, me, suggestion_id, decision, comment, final=None)``: "approved" or "rejected",
  always with a comment; only an expert coaching the owner's team (never the owner, never an admin);
- ``audit_trail(session, me, suggestion_id)``: owner, their expert, and admins of the owner's organisation;
- ``source_conversation(session, me, suggestion_id)``: the conversation behind it, through the suggestion only.

What approval does is decided per kind (``review.kinds``): a kind registered with an ``on_approved`` hook
(giving account) runs it; every other kind gets the default, a PortfolioEntry (kind "learning_goal" for
learning goals, "product" otherwise) whose body is the final version, labelled as AI-made, with the original AI
draft kept below it when the expert edited it. A kind's payload model validates the draft and any edited final;
a kind without one takes any JSON object. The kinds are registered in one place, ``companion.registry``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.core.texts.review import AI_LABEL, DRAFT_HEADING, STATUS_WORDS
from companion.models import DECISIONS, SUGGESTION_STATUSES, Conversation, Person, Review, Suggestion, WorkSituation
from companion.reflection import portfolio
from companion.reflection.chat_turn import message_dict
from companion.retrieval.scoped_index import Index
from companion.review import audit, kinds
from companion.review.kinds import Approval
from companion.trust import people

OFFLINE_DRAFTER = "offline guide"
MAX_COMMENT = 4000
_KIND = re.compile(r"^[a-z][a-z_]{1,39}$")


def display_status(s: Suggestion) -> str:
    """pending, approved, edited (approved with changes) or rejected."""
    if s.status == "approved" and s.final is not None and s.final != s.draft:
        return "edited"
    return s.status


def validate_payload(kind: str, payload: Any) -> dict[str, Any]:
    """The payload as plain JSON, checked against the kind's registered model (422 with the reason if wrong)."""
    if not isinstance(payload, dict) or not payload:
        raise Invalid("suggestion_payload_invalid", reason="expected a JSON object")
    registered = kinds.get(kind)
    model = registered.payload if registered else None
    if model is None:
        return payload
    try:
        return model.model_validate(payload).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or kind
        raise Invalid("suggestion_payload_invalid", reason=f"{where}: {first['msg']}") from exc


def render_markdown(kind: str, payload: dict[str, Any], language: str) -> str:
    """The payload's Markdown body: the kind's renderer, else each field as a heading with its value."""
    registered = kinds.get(kind)
    if registered is not None and registered.render is not None:
        try:
            return registered.render(payload, language)
        except (KeyError, TypeError, AttributeError):  # stored before its type had these fields: show it anyway
            pass
    lines: list[str] = []
    for key, value in payload.items():
        lines += [f"## {key.replace('_', ' ').capitalize()}", ""]
        if isinstance(value, list):
            lines += [f"- {_plain(v)}" for v in value]
        else:
            lines.append(_plain(value))
        lines.append("")
    return "\n".join(lines).strip()


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


# --- creating and reading ---------------------------------------------------------------------------------

def create_suggestion(session: Session, owner: Person | Principal, kind: str, title: str, payload: dict[str, Any],
                      *, drafted_by: str, prompt_version: str, conversation_id: int | None = None,
                      situation_ids: Iterable[int] = (), language: str | None = None,
                      commit: bool = True) -> Suggestion:
    """Store an AI draft as a pending suggestion for `owner`'s expert, and audit who drafted it."""
    if not _KIND.match(kind or "") or kinds.get(kind) is None:
        raise Invalid("suggestion_kind_invalid", kind=kind)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise Invalid("title_empty")
    owner_id = owner.person_id if isinstance(owner, Principal) else owner.id
    data = validate_payload(kind, payload)
    s = Suggestion(owner_id=owner_id, kind=kind, title=title, language=language or owner.language or "nl",
                   draft=data, final=None, status="pending", conversation_id=conversation_id,
                   situation_ids=sorted({int(i) for i in situation_ids}), drafted_by=drafted_by,
                   prompt_version=prompt_version)
    session.add(s)
    session.flush()
    audit.record(session, s.id, None, "drafted", drafted_by=drafted_by, prompt_version=prompt_version,
                 requested_by=owner_id, kind=kind)
    if commit:
        session.commit()
    return s


def list_mine(session: Session, me: Principal, status: str | None = None) -> list[Suggestion]:
    stmt = select(Suggestion).where(Suggestion.owner_id == me.person_id)
    if status:
        stmt = stmt.where(Suggestion.status == _status(status))
    return list(session.scalars(stmt.order_by(Suggestion.created_at.desc(), Suggestion.id.desc())))


def _status(status: str) -> str:
    if status not in SUGGESTION_STATUSES:
        raise Invalid("suggestion_status_invalid", choices=", ".join(SUGGESTION_STATUSES))
    return status


def review_queue(session: Session, me: Principal, status: str | None = "pending") -> list[Suggestion]:
    """Suggestions of the people in the teams this expert coaches (oldest pending first); experts only."""
    me.require_role("expert")
    teams = people.coached_team_ids(session, me.person_id)
    if not teams:
        return []
    stmt = (select(Suggestion).join(Person, Person.id == Suggestion.owner_id)
            .where(Person.team_id.in_(teams), Person.org_id == me.org_id, Suggestion.owner_id != me.person_id))
    if status:
        stmt = stmt.where(Suggestion.status == _status(status))
    order = Suggestion.created_at.asc() if status == "pending" else Suggestion.updated_at.desc()
    return list(session.scalars(stmt.order_by(order, Suggestion.id)))


def _is_expert_of(session: Session, me: Principal, owner: Person) -> bool:
    return (me.role == "expert" and owner.id != me.person_id and owner.org_id == me.org_id
            and owner.team_id is not None and owner.team_id in people.coached_team_ids(session, me.person_id))


def _load(session: Session, suggestion_id: int) -> tuple[Suggestion, Person]:
    s = db.get(session, Suggestion, suggestion_id)
    owner = db.get(session, Person, s.owner_id) if s is not None else None
    if s is None or owner is None:
        raise NotFound("suggestion_not_found")
    return s, owner


def get_visible(session: Session, me: Principal, suggestion_id: int) -> Suggestion:
    """The suggestion for its owner or an expert coaching the owner's team; an admin of the org gets 403."""
    s, owner = _load(session, suggestion_id)
    if s.owner_id == me.person_id or _is_expert_of(session, me, owner):
        return s
    if me.is_admin and owner.org_id == me.org_id:
        raise Forbidden("role_required", roles="professional / expert")
    raise NotFound("suggestion_not_found")


def source_conversation(session: Session, me: Principal, suggestion_id: int) -> Conversation:
    """The conversation that produced a suggestion, for its owner and their expert; the expert's read is audited."""
    s = get_visible(session, me, suggestion_id)
    conv = db.get(session, Conversation, s.conversation_id) if s.conversation_id else None
    if conv is None or conv.owner_id != s.owner_id:
        raise NotFound("conversation_not_found")
    if me.person_id != s.owner_id:
        audit.record(session, s.id, me.person_id, "conversation_viewed", conversation_id=conv.id)
        session.commit()
    return conv


def conversation_messages(conv: Conversation, me: Principal) -> list[dict[str, Any]]:
    """The conversation's messages as its reader may see them.

    Each reply cites what retrieval found: for the owner that includes their private situations and entries.
    An expert reads the conversation because the owner had a suggestion drafted from it, which shares the
    conversation, not those private items: only the organisation's knowledge stays cited for them.
    """
    messages = [message_dict(m) for m in conv.messages]
    if me.person_id != conv.owner_id:
        for m in messages:
            m["sources"] = [src for src in m["sources"] or [] if src.get("kind") == "knowledge"]
    return messages


def audit_trail(session: Session, me: Principal, suggestion_id: int) -> list:
    """The audit events of a suggestion: for its owner and their expert.

    An admin of the organisation gets 403, as for the suggestion itself: the reviewers' comments are an
    evaluation of one person's work, and the organisation sees no per-person evaluations.
    """
    s = get_visible(session, me, suggestion_id)
    return audit.events(session, s.id)


# --- deciding ---------------------------------------------------------------------------------------------

def decide(session: Session, index: Index, me: Principal, suggestion_id: int, decision: str, comment: str,
           final: dict[str, Any] | None = None) -> Suggestion:
    """Approve (optionally with an edited final) or reject, always with a comment; approval runs the kind's hook."""
    s, owner = _load(session, suggestion_id)
    if s.owner_id == me.person_id:
        raise Forbidden("review_own_suggestion")
    if not _is_expert_of(session, me, owner):
        if me.is_admin and owner.org_id == me.org_id:  # admins see the audit trail, so existence is no secret
            raise Forbidden("role_required", roles="expert")
        raise NotFound("suggestion_not_found")
    if decision not in DECISIONS:
        raise Invalid("review_decision_invalid", choices=", ".join(DECISIONS))
    comment = (comment or "").replace("\x00", "").strip()
    if not comment:
        raise Invalid("review_comment_required")
    if len(comment) > MAX_COMMENT:
        raise Invalid("review_comment_too_long", max_chars=MAX_COMMENT)
    if s.status != "pending":
        raise Conflict("suggestion_already_decided", status=display_status(s))
    if decision == "rejected" and final is not None:
        raise Invalid("review_final_on_reject")
    final_data = validate_payload(s.kind, final) if final is not None else dict(s.draft)
    edited = decision == "approved" and final_data != s.draft
    session.add(Review(suggestion_id=s.id, reviewer_id=me.person_id, decision=decision, comment=comment,
                       edited=edited))
    s.status, s.review_comment, s.reviewer_id = decision, comment, me.person_id
    s.reviewed_at = datetime.now(UTC)
    s.final = final_data if decision == "approved" else None
    audit.record(session, s.id, me.person_id, decision, comment=comment, edited=edited)
    session.flush()
    if decision == "approved":
        registered = kinds.get(s.kind)
        hook = registered.on_approved if registered and registered.on_approved else default_approval
        entry_id = hook(Approval(session=session, index=index, suggestion=s, owner=owner, reviewer=me))
        s.entry_id = entry_id
        if entry_id is not None:
            audit.record(session, s.id, me.person_id, "entry_created", entry_id=entry_id)
    session.commit()
    return s


def entry_body(s: Suggestion, reviewer_name: str) -> str:
    """The portfolio text of an approved suggestion: final version, AI label, and the AI draft if it was edited."""
    lang = s.language if s.language in AI_LABEL else "nl"
    status = display_status(s)
    label = AI_LABEL[lang].format(drafted_by=s.drafted_by, reviewer=reviewer_name,
                                  date=(s.reviewed_at or datetime.now(UTC)).date().isoformat(),
                                  status=STATUS_WORDS[lang].get(status, status))
    parts = [render_markdown(s.kind, s.final or s.draft, lang), "", f"*{label}*"]
    if status == "edited":
        parts += ["", "---", "", f"### {DRAFT_HEADING[lang]}", "", render_markdown(s.kind, s.draft, lang)]
    return "\n".join(parts)


def default_approval(approval: Approval) -> int:
    """Approving a product or learning goal: a portfolio entry of the owner, shared with their expert."""
    s = approval.suggestion
    kind = "learning_goal" if s.kind == "learning_goal" else "product"
    situation_id = next((i for i in s.situation_ids if _owned_situation(approval, i)), None)
    values = {"kind": kind, "title": s.title, "body": entry_body(s, approval.reviewer.display_name),
              "visibility": "expert", "situation_id": situation_id}
    owner = people.principal_of(approval.owner)
    entry = portfolio.create_entry(approval.session, approval.index, owner, values, conversation_id=s.conversation_id)
    return entry.id


def _owned_situation(approval: Approval, situation_id: int) -> bool:
    sit = db.get(approval.session, WorkSituation, situation_id)
    return sit is not None and sit.owner_id == approval.owner.id

