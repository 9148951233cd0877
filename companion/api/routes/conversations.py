"""Conversations and the chat turn (JSON, or server-sent events with Accept: text/event-stream)."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import (
    ConversationCreate,
    ConversationOut,
    ConversationPatch,
    ConversationSummary,
    CycleChoice,
    EntryOut,
    MessageCreate,
    MessageOut,
    PhaseBack,
    ProposalOut,
    ReplyOut,
    SituationOut,
)
from companion.api.streaming import sse_stream
from companion.core.errors import NotFound
from companion.reflection import chat_turn, conversations, cycle_actions, cycle_state, cycles

router = APIRouter(prefix="/conversations", tags=["conversations"])


def _summary(conv, message_count: int) -> ConversationSummary:
    return ConversationSummary(
        id=conv.id, title=conv.title, language=conv.language, cycle=conv.cycle, phase=conv.phase,
        message_count=message_count, completed=bool(conv.state.get("completed")), created_at=conv.created_at,
        updated_at=conv.updated_at,
    )


def _out(services, conv) -> ConversationOut:
    state = conv.state
    cycle = cycles.load_cycle(services.settings.prompts_dir, conv.cycle, conv.language)
    proposal = state.get("proposal")
    return ConversationOut(
        id=conv.id, title=conv.title, language=conv.language, cycle=conv.cycle, phase=conv.phase,
        message_count=len(conv.messages), created_at=conv.created_at, updated_at=conv.updated_at,
        completed=bool(state.get("completed")), finished=bool(state.get("finished")),
        chosen_by=state.get("chosen_by", "person"),
        proposal=ProposalOut(**proposal, current=conv.cycle) if proposal else None,
        can_switch_cycle=cycle_state.can_switch(state), back_targets=cycle_state.back_targets(cycle, state),
        phases=cycle_state.phases_view(cycle, state),
        messages=[MessageOut(**chat_turn.message_dict(m)) for m in conv.messages],
    )


@router.post("", response_model=ConversationOut, status_code=201)
def create_conversation(me: PrincipalDep, services: ServicesDep, session: SessionDep,
                        body: ConversationCreate | None = None) -> ConversationOut:
    body = body or ConversationCreate()
    conv = conversations.start(session, services.settings.prompts_dir, me, body.language, body.cycle)
    return _out(services, conv)


@router.get("", response_model=list[ConversationSummary])
def list_conversations(me: PrincipalDep, session: SessionDep) -> list[ConversationSummary]:
    return [_summary(conv, count) for conv, count in conversations.list_owned(session, me)]


@router.get("/{conversation_id}", response_model=ConversationOut)
def read_conversation(conversation_id: int, me: PrincipalDep, services: ServicesDep,
                      session: SessionDep) -> ConversationOut:
    return _out(services, conversations.get_owned(session, me, conversation_id))


@router.patch("/{conversation_id}", response_model=ConversationSummary)
def rename_conversation(conversation_id: int, body: ConversationPatch, me: PrincipalDep,
                        session: SessionDep) -> ConversationSummary:
    """Rename your own conversation."""
    conv = conversations.rename(session, me, conversation_id, body.title)
    return _summary(conv, conversations.message_count(session, conv))


@router.delete("/{conversation_id}", status_code=204)
def delete_conversation(conversation_id: int, me: PrincipalDep, session: SessionDep) -> Response:
    """Delete your own conversation and its messages; situations and entries saved from it stay."""
    conversations.delete(session, me, conversation_id)
    return Response(status_code=204)


@router.get("/{conversation_id}/cycle-proposal", response_model=ProposalOut)
def cycle_proposal(conversation_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep) -> ProposalOut:
    """Which cycle the companion proposes for this conversation, from its first message, and why (one sentence)."""
    return ProposalOut(**cycle_actions.proposal(services.settings.prompts_dir, session, me, conversation_id))


@router.post("/{conversation_id}/cycle", response_model=ConversationOut)
def choose_cycle(conversation_id: int, body: CycleChoice, me: PrincipalDep, services: ServicesDep,
                 session: SessionDep) -> ConversationOut:
    """Accept the proposed cycle, or switch to another while nothing substantial was said (409 after that)."""
    conv = cycle_actions.choose_cycle(services.settings.prompts_dir, session, me, conversation_id, body.cycle)
    return _out(services, conv)


@router.post("/{conversation_id}/phase", response_model=ConversationOut)
def go_back(conversation_id: int, body: PhaseBack, me: PrincipalDep, services: ServicesDep,
            session: SessionDep) -> ConversationOut:
    """Go back to an earlier phase: it re-opens, what was said stays (also in later phases)."""
    conv = cycle_actions.go_back(services.settings.prompts_dir, session, me, conversation_id, body.phase)
    return _out(services, conv)


def server_timing(prepare_ms: float, parts: dict[str, float]) -> str:
    return ", ".join([f"prepare;dur={prepare_ms:.1f}"] + [f"{k};dur={v:.1f}" for k, v in parts.items()])


@router.post("/{conversation_id}/messages", response_model=ReplyOut,
             responses={200: {"content": {"text/event-stream": {}}}})
def send_message(conversation_id: int, body: MessageCreate, request: Request, me: PrincipalDep,
                 services: ServicesDep, response: Response):
    """Send a message; the reply comes as JSON, or streamed as events meta, token*, notice?, error?, done.

    The Server-Timing header says how long the companion took before asking the model (`prepare`: storing
    the message, retrieval, the prompt) and the query embedding's part of it (`embed`), in milliseconds."""
    started = time.perf_counter()
    turn = chat_turn.prepare_turn(services, me, conversation_id, body.content, body.client_id)
    timing = server_timing((time.perf_counter() - started) * 1000, turn.timings)
    if "text/event-stream" in request.headers.get("accept", ""):
        return StreamingResponse(sse_stream(turn.events()), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no",
                                          "Server-Timing": timing})
    response.headers["Server-Timing"] = timing
    notice = None
    for event, data in turn.events():
        if event in ("notice", "error"):
            notice = data["detail"]
    if not turn.result:  # deleted while the reply was being made: nothing was stored
        raise NotFound("conversation_not_found")
    meta = turn.meta()
    return ReplyOut(conversation_id=meta["conversation_id"], user_message_id=meta["user_message_id"],
                    phase=meta["phase"], phases=meta["phases"], mode=turn.result.get("mode", meta["mode"]),
                    notice=notice, message=MessageOut(**turn.result))


@router.post("/{conversation_id}/situation", response_model=SituationOut)
def save_situation(conversation_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Save (or refresh) the work situation described in this conversation to the portfolio."""
    return conversations.save_situation(session, services.index, me, conversation_id, services.settings.prompts_dir)


@router.post("/{conversation_id}/reflection", response_model=EntryOut)
def save_reflection(conversation_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Save (or refresh) a reflection entry made of the person's own answers per phase."""
    return conversations.save_reflection(session, services.index, services.settings.prompts_dir, me,
                                         conversation_id)
