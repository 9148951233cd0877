"""AI suggestions and the expert review queue: approve, edit then approve, reject; audit trail and downloads."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy.orm import Session

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import AuditEventOut, MessageOut, ReviewIn, SourceConversationOut, SuggestionOut
from companion.core import db
from companion.core.errors import Forbidden
from companion.core.principal import Principal
from companion.models import Person, Suggestion
from companion.review import audit, exports, suggestions

router = APIRouter(prefix="/suggestions", tags=["suggestions"])


def suggestion_out(session: Session, s: Suggestion) -> SuggestionOut:
    owner = db.get(session, Person, s.owner_id)
    reviewer = db.get(session, Person, s.reviewer_id) if s.reviewer_id else None
    return SuggestionOut(
        id=s.id, kind=s.kind, title=s.title, language=s.language, status=s.status,
        display_status=suggestions.display_status(s), owner_id=s.owner_id,
        owner_name=owner.display_name if owner else "",
        conversation_id=s.conversation_id, situation_ids=list(s.situation_ids or []), drafted_by=s.drafted_by,
        prompt_version=s.prompt_version, draft=s.draft, final=s.final,
        draft_markdown=suggestions.render_markdown(s.kind, s.draft, s.language),
        final_markdown=suggestions.render_markdown(s.kind, s.final, s.language) if s.final else None,
        reviewer_name=reviewer.display_name if reviewer else None, review_comment=s.review_comment,
        reviewed_at=s.reviewed_at, entry_id=s.entry_id, created_at=s.created_at, updated_at=s.updated_at)


@router.get("", response_model=list[SuggestionOut])
def list_suggestions(me: PrincipalDep, session: SessionDep,
                     queue: Literal["pending", "approved", "rejected", "all"] | None = Query(
                         None, description="experts: the suggestions of the teams they coach, by status"),
                     status: Literal["pending", "approved", "rejected"] | None = None):
    """Your own suggestions; for an expert with `queue`, the review queue of the teams they coach."""
    if queue is not None:
        if me.role != "expert":
            raise Forbidden("role_required", roles="expert")
        rows = suggestions.review_queue(session, me, None if queue == "all" else queue)
    else:
        rows = suggestions.list_mine(session, me, status)
    return [suggestion_out(session, s) for s in rows]


@router.get("/{suggestion_id}", response_model=SuggestionOut)
def read_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    return suggestion_out(session, suggestions.get_visible(session, me, suggestion_id))


@router.post("/{suggestion_id}/review", response_model=SuggestionOut)
def review_suggestion(suggestion_id: int, body: ReviewIn, me: PrincipalDep, services: ServicesDep,
                      session: SessionDep):
    """Approve (with `final` to approve an edited version) or reject; a comment is always required."""
    s = suggestions.decide(session, services.index, me, suggestion_id, body.decision, body.comment, body.final)
    return suggestion_out(session, s)


@router.get("/{suggestion_id}/audit", response_model=list[AuditEventOut])
def suggestion_audit(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """Who drafted it (model or offline guide, prompt version), who read its conversation, who decided, why."""
    return suggestions.audit_trail(session, me, suggestion_id)


@router.get("/{suggestion_id}/conversation", response_model=SourceConversationOut)
def suggestion_conversation(suggestion_id: int, me: PrincipalDep, session: SessionDep):
    """The conversation the suggestion was drafted from: for its owner and their expert, only this way."""
    conv = suggestions.source_conversation(session, me, suggestion_id)
    return SourceConversationOut(id=conv.id, title=conv.title, language=conv.language, cycle=conv.cycle,
                                 messages=[MessageOut(**m) for m in suggestions.conversation_messages(conv, me)])


@router.get("/{suggestion_id}/download", response_class=Response,
            responses={200: {"content": {m.split(";")[0]: {} for m in exports.FORMATS.values()}}})
def download_suggestion(suggestion_id: int, me: PrincipalDep, session: SessionDep,
                        format: Literal["md", "docx", "pdf"] = "md"):
    """The suggestion as Markdown, DOCX or PDF, labelled as AI-made (the final version once approved)."""
    s = suggestions.get_visible(session, me, suggestion_id)
    content, media_type, name = exports.export(s, format)
    _log_download(session, me, s, format)
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _log_download(session: Session, me: Principal, s: Suggestion, fmt: str) -> None:
    audit.record(session, s.id, me.person_id, "downloaded", format=fmt)
    session.commit()
