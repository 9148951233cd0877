"""Consent before sharing: a draft is its owner's until they send it, choosing then what their expert may see.

The owner previews and may edit the draft (``edit_draft``), then sends it (``send``) with a sharing scope: the
draft only, also the conversation it came from (the messages it had at that moment), or chosen messages of it.
Until the expert decides, the owner may withdraw it (``withdraw``) and edit and send it again; a draft that was
never sent, or was withdrawn, can be thrown away (``discard``). The expert reads the source conversation only
through the suggestion, and only what was shared (``source_conversation``, ``conversation_messages``).
Every step is in the audit trail. The contract is in ``companion.review.suggestions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db, events
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.models import SHARE_SCOPES, Conversation, Message, Person, Suggestion
from companion.reflection.chat_turn import message_dict
from companion.review import audit
from companion.review.suggestions import clean_title, display_status, get_visible, sent_version, validate_payload
from companion.trust import people

UNSENT = ("draft", "withdrawn")  # the owner's alone: editable, sendable, discardable


def _own(session: Session, me: Principal, suggestion_id: int) -> Suggestion:
    """The caller's own suggestion; 403 for others who may see it (its expert), 404 for everyone else."""
    s = get_visible(session, me, suggestion_id)
    if s.owner_id != me.person_id:
        raise Forbidden("suggestion_not_yours")
    return s


def _unsent(s: Suggestion) -> Suggestion:
    if s.status not in UNSENT:
        raise Conflict("suggestion_already_sent", status=display_status(s))
    return s


def edit_draft(session: Session, me: Principal, suggestion_id: int, *, title: str | None = None,
               payload: dict[str, Any] | None = None) -> Suggestion:
    """The owner changes the title and/or content before sending; the drafter's version stays as it was made."""
    s = _unsent(_own(session, me, suggestion_id))
    if title is None and payload is None:
        raise Invalid("suggestion_edit_empty")
    version = validate_payload(s.kind, payload) if payload is not None else dict(sent_version(s))
    if title is not None:
        s.title = clean_title(title)
        if isinstance(version.get("title"), str):  # products carry their title in the payload too
            version = validate_payload(s.kind, {**version, "title": s.title})
    elif isinstance(version.get("title"), str) and version["title"].strip():
        s.title = clean_title(version["title"])
    before = sent_version(s)
    changed = sorted(k for k in set(version) | set(before) if version.get(k) != before.get(k))
    s.owner_version = None if version == s.draft else version
    audit.record(session, s.id, me.person_id, "edited", fields=changed, title_changed=title is not None)
    session.commit()
    return s


def send(session: Session, me: Principal, suggestion_id: int, scope: str, message_ids: Iterable[int] = (),
         *, commit: bool = True) -> Suggestion:
    """Send the draft to the owner's expert, sharing the draft only, the conversation, or chosen messages."""
    s = _unsent(_own(session, me, suggestion_id))
    if scope not in SHARE_SCOPES:
        raise Invalid("share_scope_invalid", choices=", ".join(SHARE_SCOPES))
    chosen = sorted({int(i) for i in message_ids})
    if chosen and scope != "messages":
        raise Invalid("share_messages_without_scope")
    shared_ids: list[int] = []
    if scope != "draft":
        conv = db.get(session, Conversation, s.conversation_id) if s.conversation_id else None
        if conv is None or conv.owner_id != s.owner_id:
            raise Invalid("share_no_conversation")
        existing = list(session.scalars(select(Message.id).where(Message.conversation_id == conv.id)
                                        .order_by(Message.id)))
        if scope == "conversation":
            shared_ids = existing  # the conversation as it is now: what is said later is not shared
        else:
            if not chosen:
                raise Invalid("share_messages_missing")
            unknown = next((i for i in chosen if i not in set(existing)), None)
            if unknown is not None:
                raise Invalid("share_message_unknown", message_id=unknown)
            shared_ids = chosen
    owner = db.get(session, Person, s.owner_id)
    if not people.has_expert(session, owner):
        raise Conflict("suggestion_no_reviewer")
    s.status, s.sent_at = "pending", datetime.now(UTC)
    s.shared = {"scope": scope, "message_ids": shared_ids}
    audit.record(session, s.id, me.person_id, "sent", scope=scope, message_ids=s.shared["message_ids"],
                 edited_by_owner=s.owner_version is not None)
    events.emit(session, events.PRODUCT_SUBMITTED, person_id=s.owner_id, subject=f"suggestion:{s.id}",
                context=f"conversation:{s.conversation_id}" if s.conversation_id else None, kind=s.kind)
    if commit:
        session.commit()
    return s


def withdraw(session: Session, me: Principal, suggestion_id: int) -> Suggestion:
    """The owner takes a sent draft back before the expert decided; it is theirs alone again."""
    s = _own(session, me, suggestion_id)
    if s.status == "draft":
        raise Conflict("suggestion_not_sent")
    if s.status != "pending":
        raise Conflict("suggestion_already_decided", status=display_status(s))
    s.status = "withdrawn"
    audit.record(session, s.id, me.person_id, "withdrawn", scope=(s.shared or {}).get("scope"))
    session.commit()
    return s


def discard(session: Session, me: Principal, suggestion_id: int) -> None:
    """Throw away a draft that was never sent, or was withdrawn (with its audit trail: nobody else saw it)."""
    s = _own(session, me, suggestion_id)
    if s.status not in UNSENT:
        raise Conflict("suggestion_sent_cannot_discard", status=display_status(s))
    session.delete(s)
    session.commit()


# --- the source conversation --------------------------------------------------------------------------------

def source_conversation(session: Session, me: Principal, suggestion_id: int) -> tuple[Suggestion, Conversation]:
    """The conversation behind a suggestion: all of it for its owner; for the expert only if shared (audited)."""
    s = get_visible(session, me, suggestion_id)
    conv = db.get(session, Conversation, s.conversation_id) if s.conversation_id else None
    if conv is None or conv.owner_id != s.owner_id:
        raise NotFound("conversation_not_found")
    if me.person_id != s.owner_id:
        scope = (s.shared or {}).get("scope", "draft")
        if scope == "draft":
            raise Forbidden("conversation_not_shared")
        audit.record(session, s.id, me.person_id, "conversation_viewed", conversation_id=conv.id, scope=scope)
        session.commit()
    return s, conv


def conversation_messages(s: Suggestion, conv: Conversation, me: Principal) -> list[dict[str, Any]]:
    """The conversation's messages as its reader may see them.

    The owner reads everything. The expert reads the messages the owner shared when sending (all that existed
    then, or the chosen ones). Each reply cites what retrieval found, which for the owner includes private
    situations and entries; sharing a conversation does not share those, so only the organisation's knowledge
    stays cited for the expert.
    """
    if me.person_id == conv.owner_id:
        return [message_dict(m) for m in conv.messages]
    shared = set((s.shared or {}).get("message_ids") or [])
    messages = [message_dict(m) for m in conv.messages if m.id in shared]
    for m in messages:
        m["sources"] = [src for src in m["sources"] or [] if src.get("kind") == "knowledge"]
    return messages
