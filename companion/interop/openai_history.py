"""Which conversation a chat client's request continues: clients resend the whole history every turn.

- the history before the last user message is matched against the person's conversations: the same user and
  assistant messages, in order, compared on their words only (case, punctuation, markdown and spacing aside, as
  clients reformat text), from the first user message on (the companion's opening question, which a client never
  saw, is left out); only conversations with as many user messages are compared, the most recently active first;
- no match (a first message, an edited earlier message, a chat that went on in the UI meanwhile) means a new
  conversation; the earlier messages a client sends are never imported;
- the same history with the same last message is the same message sent again (a retry, "regenerate"): the chat
  turn's client id is derived from it, so it is never answered twice. A lone first message counts as sent again
  only while its conversation has not gone on; after that the same words start a new one.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.core.principal import Principal
from companion.models import Conversation, Message

MAX_CANDIDATES = 50  # conversations compared with a history, most recently active first
CLIENT_ID_MARK = "oai-"


@dataclass(frozen=True)
class Dialogue:
    """What a client sent, read: the earlier turns, the new user message, and what the request costs in tokens."""

    history: list[tuple[str, str]]
    last: str
    prompt_tokens: int
    ignored: list[str] = field(default_factory=list)


def from_first_user(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Turns from the first user message on: an opening by the assistant (the companion's welcome, a client's
    greeting) is not part of what both sides saw."""
    first = next((n for n, (role, _) in enumerate(turns) if role == "user"), len(turns))
    return turns[first:]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def fingerprint(turns: list[tuple[str, str]]) -> str:
    """A hash of the turns' roles and words, the same for a history however a client reformatted it."""
    canonical = json.dumps([[role, _words(text)] for role, text in turns], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def client_id_for(dialogue: Dialogue) -> str:
    """The chat turn's client id for this request: the same history with the same last message is the same
    message, sent again."""
    return CLIENT_ID_MARK + fingerprint([*dialogue.history, ("user", dialogue.last)])[:60]


def _stored_turns(session: Session, conversation_id: int) -> list[tuple[str, str]]:
    rows = session.execute(select(Message.role, Message.content).where(Message.conversation_id == conversation_id)
                           .order_by(Message.id)).all()
    return from_first_user([(role, content) for role, content in rows if role in ("user", "assistant")])


def find_conversation(session: Session, me: Principal, dialogue: Dialogue) -> Conversation | None:
    """The caller's conversation this request continues (or repeats), or None for a new one."""
    client_id = client_id_for(dialogue)
    sent = session.scalar(select(Message).join(Conversation, Conversation.id == Message.conversation_id)
                          .where(Conversation.owner_id == me.person_id, Message.client_id == client_id)
                          .order_by(Message.id.desc()).limit(1))
    if sent is not None and (dialogue.history or not _went_on(session, sent)):
        return session.get(Conversation, sent.conversation_id)
    if not dialogue.history:
        return None
    wanted = fingerprint(dialogue.history)
    users = sum(1 for role, _ in dialogue.history if role == "user")
    user_count = (select(func.count(Message.id)).where(Message.conversation_id == Conversation.id,
                                                       Message.role == "user")
                  .correlate(Conversation).scalar_subquery())
    candidates = session.scalars(select(Conversation).where(Conversation.owner_id == me.person_id,
                                                            user_count == users)
                                 .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
                                 .limit(MAX_CANDIDATES))
    return next((c for c in candidates if fingerprint(_stored_turns(session, c.id)) == wanted), None)


def _went_on(session: Session, message: Message) -> bool:
    """Whether the person said more in the conversation after this message."""
    return session.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == message.conversation_id, Message.role == "user", Message.id > message.id)) > 0
