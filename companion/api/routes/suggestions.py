"""Suggestions: the owner's drafts (preview, edit, send with a sharing choice, withdraw, discard) and the expert's
review queue (approve, edit then approve, reject); audit trail, source conversation and downloads."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy.orm import Session

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import MessageOut
from companion.api.schemas.review import (
    AuditEventOut,
    ReviewIn,
    SharedOut,
    SourceConversationOut,
    SuggestionEdit,
    SuggestionOut,
    SuggestionSend,
)
from companion.core import db
from companion.core.errors import Forbidden
from companion.core.principal import Principal
from companion.models import Person, Suggestion
from companion.review import audit, exports, sharing, suggestions

router = APIRouter(prefix="/suggestions", tags=["suggestions"])
StatusFilter = Literal["draft", "pending", "approved", "rejected", "withdrawn"]


def suggestion_out(session: Session, s: Suggestion, me: Principal) -> SuggestionOut:
    """The suggestion as `me` may see it: what the owner changed before sending is not shown to others."""
    owner = db.get(session, Person, s.owner_id)
    reviewer = db.get(session, Person, s.reviewer_id) if s.reviewer_id else None
    proposal = suggestions.sent_version(s)
    show_draft = me.person_id == s.owner_id or s.owner_version is None
    return SuggestionOut(
        id=s.id, kind=s.kind, title=s.title, language=s.language, ai_made=suggestions.made_with_ai(s),
        status=s.status, display_status=suggestions.display_status(s), owner_id=s.owner_id,
        owner_name=owner.display_name if owner else "",
        conversation_id=s.conversation_id, situation_ids=list(s.situation_ids or []), drafted_by=s.drafted_by,
        prompt_version=s.prompt_version,
        draft=s.draft if show_draft else None,
        draft_markdown=suggestions.render_markdown(s.kind, s.draft, s.language) if show_draft else None,
        owner_edited=s.owner_version is not None, proposal=proposal,
        proposal_markdown=suggestions.render_markdown(s.kind, proposal, s.language),
        final=s.final, final_markdown=suggestions.render_markdown(s.kind, s.final, s.language) if s.final else None,
        shared=SharedOut(**s.shared) if s.shared else None, sent_at=s.sent_at,
        reviewer_name=reviewer.display_name if reviewer else None, review_comment=s.review_comment,
        reviewed_at=s.reviewed_at, entry_id=s.entry_id, created_at=s.created_at, updated_at=s.updated_at)


@router.get("", response_model=list[SuggestionOut])
def list_suggestions(me: PrincipalDep, session: SessionDep,
                     queue: Literal["pending", "approved", "rejected", "all"] | None = Query(
                         None, description="experts: the sent suggestions of the teams they coach, by status"),
                     status: StatusFilter | None = None):
    """Your own suggestions (drafts too); for an expert with `queue`, the review queue of the teams they coach."""
    if queue is not None:
        if me.role != "expert":
            raise Forbidden("role_required", roles="expert")
        rows = suggestions.review_queue(session, me, None if queue == "all" else queue)
    else:
        rows = suggestions.list_mine(session, me, status)
    return [suggestion_out(session, s, me) for s in rows]


@router.get("/{suggestion_id}", response_model=SuggestionOut)
def read_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    return suggestion_out(session, suggestions.get_visible(session, me, suggestion_id), me)


@router.patch("/{suggestion_id}", response_model=SuggestionOut)
def edit_suggestion(suggestion_id: int, body: SuggestionEdit, me: PrincipalDep, session: SessionDep):
    """The owner edits the title or content of their draft before sending it (or after withdrawing it)."""
    s = sharing.edit_draft(session, me, suggestion_id, title=body.title, payload=body.payload)
    return suggestion_out(session, s, me)


@router.delete("/{suggestion_id}", status_code=204)
def discard_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """The owner throws away a draft that was never sent, or was withdrawn."""
    sharing.discard(session, me, suggestion_id)
    return Response(status_code=204)


@router.post("/{suggestion_id}/send", response_model=SuggestionOut)
def send_suggestion(suggestion_id: int, body: SuggestionSend, me: PrincipalDep, session: SessionDep):
    """The owner sends the draft to their expert, choosing what the expert sees: the draft only, also the
    conversation (as it is now), or chosen messages of it."""
    s = sharing.send(session, me, suggestion_id, body.share, body.message_ids)
    return suggestion_out(session, s, me)


@router.post("/{suggestion_id}/withdraw", response_model=SuggestionOut)
def withdraw_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """The owner takes a sent draft back, as long as the expert has not decided."""
    return suggestion_out(session, sharing.withdraw(session, me, suggestion_id), me)


@router.post("/{suggestion_id}/review", response_model=SuggestionOut)
def review_suggestion(suggestion_id: int, body: ReviewIn, me: PrincipalDep, services: ServicesDep,
                      session: SessionDep):
    """Approve (with `final` to approve an edited version) or reject; a comment is always required."""
    s = suggestions.decide(session, services.index, me, suggestion_id, body.decision, body.comment, body.final)
    return suggestion_out(session, s, me)


@router.get("/{suggestion_id}/audit", response_model=list[AuditEventOut])
def suggestion_audit(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """Who drafted it, what the owner changed and shared, who read its conversation, who decided, why."""
    return suggestions.audit_trail(session, me, suggestion_id)


@router.get("/{suggestion_id}/conversation", response_model=SourceConversationOut)
def suggestion_conversation(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """The conversation the suggestion was drafted from: all of it for its owner; for their expert only what the
    owner shared when sending (403 when they shared the draft only)."""
    s, conv = sharing.source_conversation(session, me, suggestion_id)
    shared = SharedOut(**s.shared) if s.shared and me.person_id != s.owner_id else None
    return SourceConversationOut(id=conv.id, title=conv.title, language=conv.language, cycle=conv.cycle,
                                 shared=shared,
                                 messages=[MessageOut(**m) for m in sharing.conversation_messages(s, conv, me)])


@router.get("/{suggestion_id}/download", response_class=Response,
            responses={200: {"content": {m.split(";")[0]: {} for m in exports.FORMATS.values()}}})
def download_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep,
                        format: Literal["md", "docx", "pdf"] = "md"):
    """The suggestion as Markdown, DOCX or PDF, labelled as AI-made or offline-drafted (the final once approved)."""
    s = suggestions.get_visible(session, me, suggestion_id)
    owner = db.get(session, Person, s.owner_id)
    content, media_type, name = exports.export(s, format, owner_name=owner.display_name if owner else "")
    _log_download(session, me, s, format)
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _log_download(session: Session, me: Principal, s: Suggestion, fmt: str) -> None:
    audit.record(session, s.id, me.person_id, "downloaded", format=fmt)
    session.commit()
