"""What a turn reads and tells besides the reply: the query vector, the recent history, the learning events."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import select

from companion.core import events
from companion.models import Message
from companion.reflection import cycle_state
from companion.services import Services

HISTORY_TURNS = 40  # the last messages given to the model; only these are read from SQL
# The query vector reads a text's first 500 characters (~130 tokens). The e5 query embedding's CPU grows with the
# tokens (22 tokens ~30 ms, 155 ~200 ms, a 4,000-character message ~2 s, holding one of the engines all that
# time); the opening of a message says what it is about, and the lexical search still reads all of it.
QUERY_CHARS = 500


def query_text(text: str) -> str:
    """The part of a text its query vector is made from: all of it, or its first QUERY_CHARS cut at a word."""
    if len(text) <= QUERY_CHARS:
        return text
    head = text[:QUERY_CHARS]
    if text[QUERY_CHARS].isspace():
        return head
    words = head.rsplit(None, 1)
    return words[0] if len(words) > 1 else head  # no half word at the end, unless it is one endless word


def query_vector(services: Services, message: str, situation: str) -> list[float] | None:
    """One vector for both searches: the message's, plus the situation's when the message is not it.

    Embedding "message + situation" as one text cost twice the message alone, every turn. The situation's
    text stays the same from turn to turn, so its vector comes from the embedder's query cache, and only the
    message is new work; the normalised sum keeps what the combined text found (`companion bench dialogue`:
    earlier similar situations are named as before). Both are cut to `query_text`."""
    vector = services.index.embed_query(query_text(message))
    if vector is None or not situation.strip():
        return vector
    context = services.index.embed_query(query_text(situation))
    if context is None:
        return vector
    combined = [a + b for a, b in zip(vector, context, strict=True)]
    norm = math.sqrt(sum(x * x for x in combined)) or 1.0
    return [x / norm for x in combined]


def recent_history(session, conversation_id: int, user_message_id: int) -> list[tuple[str, str]]:
    """(role, content) of the last HISTORY_TURNS messages before this one: only those are read, so a turn's
    own time does not grow with the conversation's length."""
    rows = session.execute(select(Message.role, Message.content).where(
        Message.conversation_id == conversation_id, Message.id != user_message_id)
        .order_by(Message.id.desc()).limit(HISTORY_TURNS)).all()
    return [(role, content) for role, content in reversed(rows)]


def tell_progress(session, person_id: int, conversation_id: int, cycle, state: dict[str, Any],
                  moved_past: list[str], was_finished: bool) -> None:
    """Learning events for the phases this message completed (passed with enough said) and a cycle walked through."""
    context = f"conversation:{conversation_id}"
    for phase_id in moved_past:
        if cycle_state.phase_complete(cycle, state, phase_id):
            events.emit(session, events.PHASE_COMPLETED, person_id=person_id, subject=context, context=context,
                        cycle=cycle.id, phase=phase_id, round=state.get("round", 1))
    if state.get("finished") and not was_finished:
        events.emit(session, events.CYCLE_COMPLETED, person_id=person_id, subject=context, context=context,
                    cycle=cycle.id, round=state.get("round", 1))
