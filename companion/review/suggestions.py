"""Suggestions and their review: a draft counts only after its owner sent it and the owner's expert approved it.

Contract (stable; other areas build on it)
------------------------------------------
A **suggestion** is any draft that could count: a product, a learning goal, an account... It is generic:

- ``kind``: "action_plan", "advice_note", "annual_plan", "learning_goal", "account", or any kind another area
  adds (a lowercase word of letters and underscores);
- ``owner`` (the professional it is for), ``title`` (the current one: the drafter's, the owner's or, once
  approved, the expert's), ``language``;
- ``draft``: the JSON payload as it was drafted (by the model or the offline guide), never changed afterwards;
  ``owner_version``: the owner's edit before sending, None when sent as drafted; :func:`sent_version` is what the
  expert reviews; ``final``: the payload the expert approved (the sent version or the expert's edit), None while
  not decided or when rejected;
- ``conversation_id`` (the source conversation, nullable) and ``situation_ids`` (linked work situations);
- ``drafted_by``: "model:<name>" or "offline guide" (:func:`made_with_ai` is False for the offline guide, which
  fills a template); ``prompt_version``: which prompt/template made it;
- ``status``: **draft** (its owner alone sees it: preview, edit, send or discard), **pending** (sent; waiting for
  the expert), **approved** or **rejected** (decided), or **withdrawn** (the owner took it back before a decision;
  the owner may edit and send it again); :func:`display_status` says "edited" when approved and the final differs
  from the version sent;
- ``shared``: chosen by the owner when sending, ``{"scope": "draft" | "conversation" | "messages",
  "message_ids": [...]}``: the expert sees the draft only, also the whole source conversation, or only the chosen
  messages of it; ``sent_at``.

Service functions (authorisation is here, not in the routes):

- ``create_suggestion(session, owner, kind, title, payload, *, drafted_by, prompt_version,
  conversation_id=None, situation_ids=(), language=None, commit=True) -> Suggestion``: a **draft**
  (``owner`` is a Person or a Principal; records the "drafted" audit event);
- ``list_mine(session, me, status=None)``, ``review_queue(session, me, status="pending")`` (sent ones only);
- ``get_visible(session, me, suggestion_id)``: the owner always; an expert coaching the owner's team once it is
  sent (pending, approved, rejected); else 404 (403 for an admin of the organisation once it is sent);
- ``decide(session, index, me, suggestion_id, decision, comment, final=None)``: "approved" or "rejected",
  always with a comment; only an expert coaching the owner's team (never the owner, never an admin), only pending;
- ``audit_trail(session, me, suggestion_id)``: whoever may see the suggestion.

Consent before sharing, in ``review.sharing``: ``edit_draft`` (owner, draft or withdrawn), ``send`` (owner: the
sharing scope is chosen here; 409 when the owner's team has no expert to review it), ``withdraw`` (owner, while
pending), ``discard`` (owner, never sent or withdrawn), ``source_conversation`` / ``conversation_messages`` (the
owner reads it all; the expert only what was shared, and their reading is audited). The audit trail records
drafted, edited (by the owner), sent (with the scope and message ids), withdrawn, conversation_viewed, approved,
rejected, entry_created, downloaded.

What approval does is decided per kind (``review.kinds``): a kind registered with an ``on_approved`` hook
(giving account) runs it; every other kind gets the default, a PortfolioEntry (kind "learning_goal" for
learning goals, "product" otherwise) whose title is the final title and whose body is the final version,
labelled as AI-made (or as drafted by the offline guide), with the version sent kept below it when the expert
edited it. A kind's payload model validates the draft, the owner's edit and the expert's final; a kind without
one takes any JSON object. The kinds are registered in one place, ``companion.registry``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db, events
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.core.texts.review import AI_LABEL, DRAFT_HEADING, OFFLINE_LABEL, OWNER_EDIT_NOTE, STATUS_WORDS
from companion.models import (
    DECISIONS,
    SENT_STATUSES,
    SUGGESTION_STATUSES,
    Person,
    Review,
    Suggestion,
    WorkSituation,
)
from companion.reflection import portfolio
from companion.retrieval.scoped_index import Index
from companion.review import audit, kinds
from companion.review.kinds import Approval
from companion.review.payloads import render_markdown, validate_payload
from companion.trust import people

OFFLINE_DRAFTER = "offline guide"
MAX_COMMENT = 4000
MAX_TITLE = 200
_KIND = re.compile(r"^[a-z][a-z_]{1,39}$")


def sent_version(s: Suggestion) -> dict[str, Any]:
    """What the owner sends (or sent) to the expert: their edit, else the draft as it was made."""
    return s.owner_version if s.owner_version is not None else s.draft


def display_status(s: Suggestion) -> str:
    """draft, pending, approved, edited (approved with the expert's changes), rejected or withdrawn."""
    if s.status == "approved" and s.final is not None and s.final != sent_version(s):
        return "edited"
    return s.status


def made_with_ai(s: Suggestion) -> bool:
    """A language model drafted it; the offline guide fills a template from the person's own answers."""
    return s.drafted_by != OFFLINE_DRAFTER


def clean_title(title: str | None) -> str:
    """One line of at most MAX_TITLE characters; 422 when empty."""
    title = " ".join((title or "").replace("\x00", "").split())[:MAX_TITLE]
    if not title:
        raise Invalid("title_empty")
    return title


# --- creating and reading ---------------------------------------------------------------------------------

def create_suggestion(session: Session, owner: Person | Principal, kind: str, title: str, payload: dict[str, Any],
                      *, drafted_by: str, prompt_version: str, conversation_id: int | None = None,
                      situation_ids: Iterable[int] = (), language: str | None = None,
                      commit: bool = True) -> Suggestion:
    """Store a draft that only `owner` sees until they send it, and audit who drafted it."""
    if not _KIND.match(kind or "") or kinds.get(kind) is None:
        raise Invalid("suggestion_kind_invalid", kind=kind)
    title = clean_title(title)
    owner_id = owner.person_id if isinstance(owner, Principal) else owner.id
    data = validate_payload(kind, payload)
    s = Suggestion(owner_id=owner_id, kind=kind, title=title, language=language or owner.language or "nl",
                   draft=data, owner_version=None, final=None, status="draft", shared={},
                   conversation_id=conversation_id, situation_ids=sorted({int(i) for i in situation_ids}),
                   drafted_by=drafted_by, prompt_version=prompt_version)
    session.add(s)
    session.flush()
    audit.record(session, s.id, None, "drafted", drafted_by=drafted_by, prompt_version=prompt_version,
                 requested_by=owner_id, kind=kind)
    events.emit(session, events.PRODUCT_DRAFTED, person_id=owner_id, subject=f"suggestion:{s.id}",
                context=f"conversation:{conversation_id}" if conversation_id else None, kind=kind)
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
    """Sent suggestions of the people in the teams this expert coaches (oldest pending first); experts only."""
    me.require_role("expert")
    if status and _status(status) not in SENT_STATUSES:
        return []  # drafts and withdrawn ones are their owner's alone
    teams = people.coached_team_ids(session, me.person_id)
    if not teams:
        return []
    stmt = (select(Suggestion).join(Person, Person.id == Suggestion.owner_id)
            .where(Person.team_id.in_(teams), Person.org_id == me.org_id, Suggestion.owner_id != me.person_id,
                   Suggestion.status.in_([status] if status else SENT_STATUSES)))
    order = Suggestion.sent_at.asc() if status == "pending" else Suggestion.updated_at.desc()
    return list(session.scalars(stmt.order_by(order, Suggestion.id)))


def is_expert_of(session: Session, me: Principal, owner: Person) -> bool:
    """`me` is an expert coaching `owner`'s team (in the same organisation), and not `owner` themselves."""
    return (me.role == "expert" and owner.id != me.person_id and owner.org_id == me.org_id
            and owner.team_id is not None and owner.team_id in people.coached_team_ids(session, me.person_id))


def load(session: Session, suggestion_id: int) -> tuple[Suggestion, Person]:
    s = db.get(session, Suggestion, suggestion_id)
    owner = db.get(session, Person, s.owner_id) if s is not None else None
    if s is None or owner is None:
        raise NotFound("suggestion_not_found")
    return s, owner


def get_visible(session: Session, me: Principal, suggestion_id: int) -> Suggestion:
    """For its owner; once sent, for an expert coaching the owner's team (an admin of the org gets 403)."""
    s, owner = load(session, suggestion_id)
    if s.owner_id == me.person_id:
        return s
    if s.status in SENT_STATUSES:
        if is_expert_of(session, me, owner):
            return s
        if me.is_admin and owner.org_id == me.org_id:
            raise Forbidden("role_required", roles="professional / expert")
    raise NotFound("suggestion_not_found")  # a draft or a withdrawn one exists for its owner alone


def audit_trail(session: Session, me: Principal, suggestion_id: int) -> list:
    """The audit events of a suggestion: for its owner and, once sent, their expert.

    An admin of the organisation gets 403, as for the suggestion itself: the reviewers' comments are an
    evaluation of one person's work, and the organisation sees no per-person evaluations.
    """
    s = get_visible(session, me, suggestion_id)
    return audit.events(session, s.id)


# --- deciding ---------------------------------------------------------------------------------------------

def decide(session: Session, index: Index, me: Principal, suggestion_id: int, decision: str, comment: str,
           final: dict[str, Any] | None = None) -> Suggestion:
    """Approve (optionally with an edited final) or reject, always with a comment; approval runs the kind's hook."""
    s, owner = load(session, suggestion_id)
    if s.owner_id == me.person_id:
        raise Forbidden("review_own_suggestion")
    if s.status not in SENT_STATUSES or not is_expert_of(session, me, owner):
        if s.status in SENT_STATUSES and me.is_admin and owner.org_id == me.org_id:
            raise Forbidden("role_required", roles="expert")  # admins see it exists (403 on reading, too)
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
    sent = sent_version(s)
    final_data = validate_payload(s.kind, final) if final is not None else dict(sent)
    edited = decision == "approved" and final_data != sent
    session.add(Review(suggestion_id=s.id, reviewer_id=me.person_id, decision=decision, comment=comment,
                       edited=edited))
    s.status, s.review_comment, s.reviewer_id = decision, comment, me.person_id
    s.reviewed_at = datetime.now(UTC)
    s.final = final_data if decision == "approved" else None
    new_title = final_data.get("title") if edited else None
    if isinstance(new_title, str) and new_title.strip() and new_title != sent.get("title"):
        s.title = clean_title(new_title)  # the expert's title is the one that counts from now on
    audit.record(session, s.id, me.person_id, decision, comment=comment, edited=edited)
    session.flush()
    if decision == "approved":
        registered = kinds.get(s.kind)
        hook = registered.on_approved if registered and registered.on_approved else default_approval
        entry_id = hook(Approval(session=session, index=index, suggestion=s, owner=owner, reviewer=me))
        s.entry_id = entry_id
        if entry_id is not None:
            audit.record(session, s.id, me.person_id, "entry_created", entry_id=entry_id)
        events.emit(session, events.PRODUCT_APPROVED, person_id=s.owner_id, subject=f"suggestion:{s.id}",
                    context=f"conversation:{s.conversation_id}" if s.conversation_id else None, kind=s.kind)
    session.commit()
    return s


def entry_body(s: Suggestion, reviewer_name: str, owner_name: str = "") -> str:
    """The portfolio text of an approved suggestion: final version, who made it, and the version sent if edited.

    The entry is shared with the expert, so it never holds the drafter's version the owner changed before sending.
    """
    lang = s.language if s.language in AI_LABEL else "nl"
    status = display_status(s)
    labels = AI_LABEL if made_with_ai(s) else OFFLINE_LABEL
    label = labels[lang].format(drafted_by=s.drafted_by, reviewer=reviewer_name,
                                date=(s.reviewed_at or datetime.now(UTC)).date().isoformat(),
                                status=STATUS_WORDS[lang].get(status, status))
    if s.owner_version is not None:
        label += " " + OWNER_EDIT_NOTE[lang].format(owner=owner_name)
    parts = [render_markdown(s.kind, s.final or sent_version(s), lang), "", f"*{label}*"]
    if status == "edited":
        made_by = "owner" if s.owner_version is not None else "ai" if made_with_ai(s) else "offline"
        heading = DRAFT_HEADING[lang][made_by]
        parts += ["", "---", "", f"### {heading}", "", render_markdown(s.kind, sent_version(s), lang)]
    return "\n".join(parts)


def default_approval(approval: Approval) -> int:
    """Approving a product or learning goal: a portfolio entry of the owner, shared with their expert."""
    s = approval.suggestion
    kind = "learning_goal" if s.kind == "learning_goal" else "product"
    situation_id = next((i for i in s.situation_ids if _owned_situation(approval, i)), None)
    body = entry_body(s, approval.reviewer.display_name, approval.owner.display_name)
    values = {"kind": kind, "title": s.title, "body": body, "visibility": "expert", "situation_id": situation_id}
    owner = people.principal_of(approval.owner)
    entry = portfolio.create_entry(approval.session, approval.index, owner, values, conversation_id=s.conversation_id)
    return entry.id


def _owned_situation(approval: Approval, situation_id: int) -> bool:
    sit = db.get(approval.session, WorkSituation, situation_id)
    return sit is not None and sit.owner_id == approval.owner.id
