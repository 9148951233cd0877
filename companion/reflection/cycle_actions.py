"""What a professional does with the cycle of their own conversation: see a proposal, accept it or switch cycle
(while nothing substantial was said yet), and go back to an earlier phase. Each action the guide answers with
one message in the conversation, so the chat shows what happened."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from companion.core.errors import Conflict
from companion.core.principal import Principal
from companion.llm import prompt_files
from companion.models import Conversation, Message
from companion.reflection import cycle_proposal, cycle_state, cycles, offline_guide
from companion.reflection.conversations import PROPOSE, check_cycle, get_owned
from companion.reflection.cycles import DEFAULT_CYCLE


def _user_messages(conv: Conversation) -> list[str]:
    return [m.content for m in conv.messages if m.role == "user"]


def _say(session: Session, conv: Conversation, text: str) -> None:
    conv.messages.append(Message(role="assistant", content=text, phase=conv.phase, mode="guide"))


def proposal(prompts_dir, session: Session, me: Principal, conversation_id: int) -> dict[str, Any]:
    """The proposed cycle and why: the one made at the first message, else computed from it now."""
    conv = get_owned(session, me, conversation_id)
    made = conv.state.get("proposal")
    if made:
        return {**made, "current": conv.cycle}
    said = _user_messages(conv)
    if not said:
        raise Conflict("proposal_needs_message")
    found = cycle_proposal.propose(prompts_dir, said[0], conv.language)
    return {"cycle": found["cycle"], "reason": found["reason"], "accepted": found["cycle"] == conv.cycle,
            "current": conv.cycle}


def choose_cycle(prompts_dir, session: Session, me: Principal, conversation_id: int, cycle_id: str) -> Conversation:
    """Accept the proposed cycle, or switch to another one (or back to "propose") while little was said.

    Switching replays what the person said into the new cycle (their situation stays described), and never
    asks a question that was asked before in this conversation. Before the first answer, the welcome changes.
    """
    conv = get_owned(session, me, conversation_id)
    propose = cycle_id == PROPOSE
    if not propose:
        check_cycle(cycle_id)
    state = copy.deepcopy(conv.state)
    said = _user_messages(conv)
    if cycle_id == conv.cycle and (state.get("chosen_by") != "pending" or said):
        if state.get("proposal"):  # accepting the cycle the conversation is in: nothing to replay
            state["proposal"]["accepted"] = True
        conv.state = state
        session.commit()
        return conv
    if not cycle_state.can_switch(state) or (propose and said):
        raise Conflict("cycle_switch_too_late")
    cycle = cycles.load_cycle(prompts_dir, DEFAULT_CYCLE if propose else cycle_id, conv.language)
    new = cycle_state.switch(cycle, state, said, chosen_by="pending" if propose else "person")
    if state.get("proposal"):
        new["proposal"] = {**state["proposal"], "accepted": False}
    conv.cycle, conv.phase, conv.state = cycle.id, new["phase"], new
    if said:
        intro = prompt_files.render(cycle.texts["switched"], cycle=cycle.name)
        chosen = offline_guide.next_question(cycle, new)
        conv.phase, conv.state = new["phase"], new
        _say(session, conv, f"{intro} {chosen[1]}" if chosen else f"{intro} {offline_guide.closing(cycle, new)}")
    else:  # nothing said yet: the opening question simply becomes the chosen cycle's own
        welcome = cycle.texts["welcome_propose" if propose else "welcome"]
        opening = [m for m in conv.messages if m.role == "assistant"]
        if len(opening) == 1:
            opening[0].content, opening[0].phase = welcome, conv.phase
        else:
            _say(session, conv, welcome)
    session.commit()
    return conv


def go_back(prompts_dir, session: Session, me: Principal, conversation_id: int, phase_id: str) -> Conversation:
    """Re-open an earlier phase; what was said stays, and the guide asks one question about that phase."""
    conv = get_owned(session, me, conversation_id)
    cycle = cycles.load_cycle(prompts_dir, conv.cycle, conv.language)
    state = copy.deepcopy(conv.state)
    cycle_state.go_back(cycle, state, phase_id)
    text = offline_guide.back_message(cycle, state)
    conv.state, conv.phase = state, state["phase"]
    _say(session, conv, text)
    session.commit()
    return conv
