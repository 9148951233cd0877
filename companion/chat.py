"""The chat turn: store the message, update the reflection state, retrieve in scope, reply, store."""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from sqlalchemy import select

from . import db, llm, prompts, reflection, textmatch, tokens
from .auth import Principal
from .conversations import get_owned
from .errors import Invalid, TooLarge
from .index import Hit, clip
from .models import Message, WorkSituation
from .services import Services

log = logging.getLogger(__name__)
HISTORY_TURNS = 40
# An earlier situation is called "similar" only if retrieval ranks it high AND it shares real words with
# what is being described: embedding scores alone are too compressed to tell related from unrelated.
SIMILAR_MIN_SCORE = 0.5
SIMILAR_MIN_SHARED_TERMS = 2
FALLBACK_MODE = f"{llm.OFFLINE_MODE} (fallback)"
ERRORS = {
    "nl": {"broken": "Het taalmodel stopte halverwege. Wat er al stond is bewaard; stuur je bericht gerust opnieuw.",
           "fallback": "Het taalmodel is nu niet bereikbaar; de offline reflectiegids neemt deze beurt over."},
    "en": {"broken": "The language model stopped halfway. What came so far is saved; feel free to send again.",
           "fallback": "The language model cannot be reached right now; the offline guide takes this turn."},
}


def source_of(hit: Hit) -> dict[str, Any]:
    """What a reply cites: enough for the UI to show and link it."""
    return {"id": hit.id, "kind": hit.kind, "title": hit.title, "snippet": clip(hit.snippet, 200),
            "score": hit.score, "ref_id": hit.meta.get("ref_id"), "created": hit.meta.get("created")}


def validate_content(content: str, max_chars: int) -> str:
    text = (content or "").replace("\x00", "").strip()
    if not text:
        raise Invalid("message_empty")
    if len(text) > max_chars:
        raise TooLarge("message_too_long", max_chars=max_chars)
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
        """The mode this turn was prepared for; a fallback shows in the stored reply's mode."""
        if self.replay is not None:
            return self.replay.mode
        return self.services.mode if self.llm_messages is not None else llm.OFFLINE_MODE

    def _errors(self) -> dict[str, str]:
        return ERRORS.get(self.language, ERRORS["nl"])

    def events(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """("meta"|"token"|"notice"|"error"|"done", data) events; the reply is stored whatever happens."""
        yield "meta", self.meta()
        if self.replay is not None:
            self.result = message_dict(self.replay)
            yield "done", self.result
            return
        received: list[str] = []
        complete = False
        mode = self.mode
        try:
            if self.llm_messages is not None:
                complete = yield from self._model_tokens(received)
            if not received:  # offline, or the model gave nothing usable: the guide takes this turn
                if self.llm_messages is not None:
                    mode = FALLBACK_MODE
                    yield "notice", {"detail": self._errors()["fallback"]}
                for piece in _word_chunks(self.offline_text):
                    received.append(piece)
                    yield "token", {"text": piece}
                complete = True
        finally:  # also on GeneratorExit, when the client went away mid-stream
            stored = self._store("".join(received), complete, mode)
        self.result = stored
        yield "done", stored

    def _model_tokens(self, received: list[str]) -> Generator[tuple[str, dict[str, Any]], None, bool]:
        """Stream the model's reply into `received`; True if it finished, False if it broke or was cut off."""
        try:
            with closing(llm.stream_reply(self.services.chat_model, self.llm_messages)) as pieces:
                for piece in pieces:
                    received.append(piece)
                    yield "token", {"text": piece}
        except Exception as exc:  # unreachable, timed out, dropped or cut off: never lose the turn over it
            log.warning("chat model failed after %d chunks: %r", len(received), exc)
            if received:
                yield "error", {"detail": self._errors()["broken"]}
            return False
        if not received:
            log.warning("chat model returned an empty reply")
        return True

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
        earlier = _by_client_id(session, conv.id, client_id) if client_id else None
        if earlier is not None:  # a retried request: give the reply it got, or answer it now if it got none
            reply = _reply_to(session, earlier)
            if reply is not None:
                return replay_turn(services, conv, earlier, reply)
            text, user_message_id = earlier.content, earlier.id
        else:
            user_msg = Message(conversation_id=conv.id, role="user", content=text, phase=conv.phase,
                               client_id=client_id or None)
            session.add(user_msg)
            if not conv.title and len(text.split()) >= 3:  # never title a conversation "weet ik niet"
                conv.title = reflection.quote_of(text, 80)
            session.flush()
            user_message_id = user_msg.id
    # The message is committed above: nothing the model does from here can lose it.
    with services.transaction() as session:
        conv = get_owned(session, me, conversation_id)
        cycle = reflection.load_cycle(settings.prompts_dir, conv.cycle, conv.language)
        state = copy.deepcopy(conv.state)
        completed = []
        if state.get("observed_message") != user_message_id:  # a retry must not count the message twice
            completed = reflection.observe(cycle, state, text)
            state["observed_message"] = user_message_id
        scope = me.scope()
        situation_text = state["slots"].get("action.what", "")
        query = text if situation_text in text else f"{text}\n{situation_text}"
        vector = services.index.embeddings.embed_query(query)  # one embedding serves both searches
        hits = services.index.search(query, scope, k=settings.search_k, vector=vector)
        similar = similar_situations(services, scope, query, vector, session, conv.id)
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


def similar_situations(services: Services, scope, query: str, vector: list[float], session,
                       conversation_id: int) -> list[dict]:
    """The person's earlier situations that are really about the same thing as the current one."""
    found = services.index.search(query, scope, k=3, kinds={"situation"}, knowledge=False, vector=vector)
    return [source_of(h) for h in found
            if h.score >= SIMILAR_MIN_SCORE and not _from_conversation(session, h.meta.get("ref_id"), conversation_id)
            and len(textmatch.shared_terms(query, f"{h.title}\n{h.text}")) >= SIMILAR_MIN_SHARED_TERMS]


def _as_hits(similar: list[dict[str, Any]], hits: list[Hit]) -> list[Hit]:
    known = {h.id for h in hits}
    return [Hit(id=s["id"], kind=s["kind"], title=s["title"], snippet=s["snippet"], score=s["score"],
                meta={"created": s.get("created")}) for s in similar if s["id"] not in known]


def _from_conversation(session, situation_id: int | None, conversation_id: int) -> bool:
    s = db.get(session, WorkSituation, situation_id)
    return s is not None and s.conversation_id == conversation_id


def _by_client_id(session, conversation_id: int, client_id: str) -> Message | None:
    return session.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                Message.client_id == client_id))


def _reply_to(session, user: Message) -> Message | None:
    """The reply already given to this user message, if any (never the user's own message)."""
    return session.scalar(select(Message).where(Message.conversation_id == user.conversation_id,
                                                Message.id > user.id, Message.role == "assistant")
                          .order_by(Message.id))


def replay_turn(services: Services, conv, user: Message, reply: Message) -> Turn:
    """A turn that only repeats the stored reply to a retried message."""
    cycle = reflection.load_cycle(services.settings.prompts_dir, conv.cycle, conv.language)
    return Turn(services=services, conversation_id=conv.id, user_message_id=user.id, language=conv.language,
                phase=reply.phase, phases=reflection.phases_view(cycle, conv.state), sources=reply.sources or [],
                offline_text="", replay=reply)


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
    chosen = reflection.next_question(cycle, state)
    if chosen is None:
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
