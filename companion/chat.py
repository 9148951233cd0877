"""The chat turn: store the message, update the reflection state, retrieve in scope, reply, store."""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from sqlalchemy import select

from . import prompts, reflection, tokens
from .auth import Principal
from .conversations import get_owned
from .errors import Invalid, TooLarge
from .index import Hit
from .models import Message
from .services import Services

log = logging.getLogger(__name__)
HISTORY_TURNS = 40
ERRORS = {
    "nl": {"broken": "Het taalmodel stopte halverwege. Wat er al stond is bewaard; stuur je bericht gerust opnieuw.",
           "fallback": "Het taalmodel is nu niet bereikbaar; de offline reflectiegids neemt deze beurt over."},
    "en": {"broken": "The language model stopped halfway. What came so far is saved; feel free to send again.",
           "fallback": "The language model cannot be reached right now; the offline guide takes this turn."},
}


def source_of(hit: Hit) -> dict[str, Any]:
    """What a reply cites: enough for the UI to show and link it."""
    return {"id": hit.id, "kind": hit.kind, "title": hit.title, "snippet": hit.snippet[:200],
            "score": hit.score, "ref_id": hit.meta.get("ref_id"), "created": hit.meta.get("created")}


def validate_content(content: str, max_chars: int) -> str:
    text = (content or "").strip()
    if not text:
        raise Invalid("message is empty")
    if len(text) > max_chars:
        raise TooLarge(f"message is longer than {max_chars} characters")
    return text


@dataclass
class Turn:
    """A prepared turn: the user message is stored; `events()` produces and stores the reply."""

    services: Services
    conversation_id: int
    user_message_id: int
    language: str
    phase: str
    phases: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    offline_text: str
    llm_messages: list[BaseMessage] | None = None
    replay: Message | None = None
    result: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "user_message_id": self.user_message_id,
                "phase": self.phase, "phases": self.phases, "sources": self.sources, "mode": self.mode}

    @property
    def mode(self) -> str:
        return self.services.mode if self.llm_messages is not None else "offline"

    def events(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """("meta"|"token"|"notice"|"error"|"done", data) events; the reply is stored whatever happens."""
        if self.replay is not None:
            yield "meta", self.meta()
            self.result = message_dict(self.replay)
            yield "done", self.result
            return
        yield "meta", self.meta()
        received: list[str] = []
        complete = False
        mode = self.mode
        try:
            if self.llm_messages is None:
                for piece in _word_chunks(self.offline_text):
                    received.append(piece)
                    yield "token", {"text": piece}
                complete = True
            else:
                try:
                    for chunk in self.services.chat_model.stream(self.llm_messages):
                        if chunk.content:
                            received.append(str(chunk.content))
                            yield "token", {"text": str(chunk.content)}
                    complete = True
                except Exception as exc:  # endpoint down or broken stream
                    log.warning("chat model failed after %d chunks: %s", len(received), exc)
                    if received:
                        yield "error", {"detail": ERRORS[self.language]["broken"]}
                    else:
                        mode = "offline (fallback)"
                        yield "notice", {"detail": ERRORS[self.language]["fallback"]}
                        for piece in _word_chunks(self.offline_text):
                            received.append(piece)
                            yield "token", {"text": piece}
                        complete = True
        finally:
            stored = self._store("".join(received), complete, mode)
        self.result = stored
        yield "done", stored

    def _store(self, text: str, complete: bool, mode: str) -> dict[str, Any]:
        with self.services.transaction() as session:
            msg = Message(conversation_id=self.conversation_id, role="assistant", content=text,
                          phase=self.phase, sources=self.sources, complete=complete, mode=mode)
            session.add(msg)
            session.flush()
            return message_dict(msg)

    def run(self) -> dict[str, Any]:
        for _ in self.events():
            pass
        return self.result


def _word_chunks(text: str) -> Iterator[str]:
    words = text.split(" ")
    for n, word in enumerate(words):
        yield word if n == 0 else " " + word


def message_dict(m: Message) -> dict[str, Any]:
    return {"id": m.id, "role": m.role, "content": m.content, "phase": m.phase, "sources": m.sources or [],
            "complete": m.complete, "mode": m.mode, "created_at": m.created_at.isoformat()}


def prepare_turn(services: Services, me: Principal, conversation_id: int, content: str,
                 client_id: str | None = None) -> Turn:
    """Validate and store the user's message first, then everything the reply needs."""
    settings = services.settings
    text = validate_content(content, settings.max_message_chars)
    with services.transaction() as session:
        conv = get_owned(session, me, conversation_id)
        if client_id:
            replay = _replay(session, conv.id, client_id)
            if replay is not None:
                return replay_turn(services, conv, replay)
        user_msg = Message(conversation_id=conv.id, role="user", content=text, phase=conv.phase,
                           client_id=client_id or None)
        session.add(user_msg)
        if not conv.title:
            conv.title = reflection.quote_of(text, 80)
        session.flush()
        user_message_id = user_msg.id
    # The message is committed above: nothing the model does from here can lose it.
    with services.transaction() as session:
        conv = get_owned(session, me, conversation_id)
        cycle = reflection.load_cycle(settings.prompts_dir, conv.cycle, conv.language)
        state = copy.deepcopy(conv.state)
        completed = reflection.observe(cycle, state, text)
        scope = me.scope()
        situation_text = state["slots"].get("action.what", "")
        query = text if situation_text in text else f"{text}\n{situation_text}"
        hits = services.index.search(query, scope, k=settings.search_k)
        similar = [source_of(h) for h in services.index.search(
            query, scope, k=3, kinds={"situation"}, knowledge=False) if h.score >= 0.80]
        similar = [s for s in similar if not _from_conversation(session, s, conv.id)]
        history = [(m.role, m.content) for m in conv.messages[-HISTORY_TURNS:] if m.id != user_message_id]
        llm_messages = None
        if services.chat_model is None:
            offline_text = reflection.offline_reply(cycle, state, text, completed, similar)
        else:  # the offline text stays ready as a fallback should the model be unreachable
            offline_text = reflection.offline_reply(cycle, copy.deepcopy(state), text, completed, similar)
            llm_messages = build_llm_messages(settings, me, cycle, state, hits + _as_hits(similar, hits),
                                              history, text)
        conv.state = state
        conv.phase = state["phase"]
        sources = [source_of(h) for h in hits]
        return Turn(services=services, conversation_id=conv.id, user_message_id=user_message_id,
                    language=conv.language, phase=conv.phase, phases=reflection.phases_view(cycle, state),
                    sources=sources, offline_text=offline_text, llm_messages=llm_messages)


def _as_hits(similar: list[dict[str, Any]], hits: list[Hit]) -> list[Hit]:
    known = {h.id for h in hits}
    return [Hit(id=s["id"], kind=s["kind"], title=s["title"], snippet=s["snippet"], score=s["score"],
                meta={"created": s.get("created")}) for s in similar if s["id"] not in known]


def _from_conversation(session, source: dict[str, Any], conversation_id: int) -> bool:
    from .models import WorkSituation

    s = session.get(WorkSituation, source.get("ref_id") or 0)
    return s is not None and s.conversation_id == conversation_id


def _replay(session, conversation_id: int, client_id: str) -> Message | None:
    """The reply already given to a message with this client id (a retried request)."""
    user = session.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                Message.client_id == client_id))
    if user is None:
        return None
    reply = session.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                 Message.id > user.id, Message.role == "assistant")
                           .order_by(Message.id))
    return reply or user


def replay_turn(services: Services, conv, message: Message) -> Turn:
    cycle = reflection.load_cycle(services.settings.prompts_dir, conv.cycle, conv.language)
    return Turn(services=services, conversation_id=conv.id, user_message_id=message.id, language=conv.language,
                phase=conv.phase, phases=reflection.phases_view(cycle, conv.state), sources=message.sources or [],
                offline_text="", replay=message)


def context_block(hits: list[Hit], budget: int) -> str:
    """Retrieved items as delimited, escaped data: never instructions."""
    items, used = [], 0
    for h in hits:
        body = tokens.truncate(h.text or h.snippet, 300)
        piece = (f'<item id="{html.escape(h.id)}" kind="{h.kind}" title="{html.escape(h.title)}"'
                 f'{" date=" + chr(34) + str(h.meta.get("created")) + chr(34) if h.meta.get("created") else ""}>'
                 f"{html.escape(body)}</item>")
        cost = tokens.count(piece)
        if used + cost > budget:
            break
        items.append(piece)
        used += cost
    return "<context>\n" + "\n".join(items) + "\n</context>"


def build_llm_messages(settings, me: Principal, cycle, state, hits: list[Hit], history, text: str):
    """System prompt steered by the state machine, the context as data, and the trimmed history."""
    language = cycle.language
    chosen = reflection.choose_question(cycle, state)
    if state["completed"] or chosen is None:
        system = prompts.render(prompts.text(settings.prompts_dir, "closing", language),
                                name=me.display_name, cycle=cycle.name)
    else:
        slot, question = chosen
        phase = cycle.phase(state["phase"])
        system = prompts.render(prompts.text(settings.prompts_dir, "system", language), name=me.display_name,
                                cycle=cycle.name, phase=phase.label, goal=phase.goal, slot=slot.label,
                                question=question)
    budget = settings.context_tokens
    context = context_block(hits, budget // 3)
    remaining = budget - tokens.count(system) - tokens.count(context)
    turns = tokens.fit_history(history + [("user", text)], max(remaining, 200))
    messages: list[BaseMessage] = [SystemMessage(system), SystemMessage(context)]
    for role, body in turns:
        messages.append(HumanMessage(body) if role == "user" else AIMessage(body))
    return messages
