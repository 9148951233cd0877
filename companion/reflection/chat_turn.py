"""The chat turn: store the message, update the reflection state, retrieve in scope, reply, store."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from companion.core import db
from companion.core.errors import CompanionError, Invalid, TooLarge
from companion.core.principal import Principal
from companion.core.texts.reflection import CHAT_ERRORS as ERRORS  # chat_turn.ERRORS: the notices of a turn
from companion.llm import provider, resilience
from companion.models import Conversation, Message, WorkSituation
from companion.reflection import (
    cycle_proposal,
    cycle_state,
    cycles,
    language,
    reply_claims,
    turn_context,
    turn_plan,
)
from companion.reflection.conversations import get_owned
from companion.reflection.llm_prompt import build_llm_messages, captured_text, context_block  # noqa: F401
from companion.retrieval import text_match
from companion.retrieval.distinct import distinct
from companion.retrieval.scoped_index import Hit, clip
from companion.services import Services
from companion.trust import limits

log = logging.getLogger(__name__)
# An earlier situation is called "similar" only if retrieval ranks it high AND it shares real words with
# what is being described: embedding scores alone are too compressed to tell related from unrelated.
SIMILAR_MIN_SCORE = 0.5
SIMILAR_MIN_SHARED_TERMS = 2
# Words every reflection uses ("volgende keer anders"): sharing them says nothing about the topic (6-letter stems).
GENERIC_TERMS = {"anders", "volgen", "situat", "ervari", "beschr", "moment", "gewoon", "eigenl", "precie",
                 "differ", "experi", "descri", "someth", "really", "actual", "better", "beter"}
FALLBACK_MODE = f"{provider.OFFLINE_MODE} (fallback)"


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
    fault: Exception | None = None  # why the model said nothing, when it did not
    preface: str = ""  # said before the reply, whoever gives it: e.g. why the companion proposes this cycle
    answered: threading.Event | None = None  # set when the reply is stored (wakes a retry: reply_claims)
    timings: dict[str, float] = field(default_factory=dict)  # ms of the preparation's parts (Server-Timing)
    client_id: str | None = None
    claim_owner: str | None = None  # holds the claim on answering this message (reply_claims)

    def meta(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "user_message_id": self.user_message_id,
                "phase": self.phase, "phases": self.phases, "sources": self.sources, "mode": self.mode}

    @property
    def mode(self) -> str:
        """The mode this turn was prepared for; a fallback shows in the stored reply's mode."""
        if self.replay is not None:
            return self.replay.mode
        return self.services.mode if self.llm_messages is not None else provider.OFFLINE_MODE

    def _errors(self) -> dict[str, str]:
        return ERRORS.get(self.language, ERRORS["nl"])

    def _fallback_notice(self) -> str:
        """Why the offline guide answers: the model's failure (time-out, busy, ...) in the person's language."""
        if isinstance(self.fault, CompanionError):
            return self.fault.text(self.language)
        return self._errors()["fallback"]

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
            for piece in _word_chunks(f"{self.preface} ") if self.preface else ():
                received.append(piece)
                yield "token", {"text": piece}
            prefaced = len(received)
            if self.llm_messages is not None:
                complete = yield from self._model_tokens(received)
            if len(received) == prefaced:  # offline, or the model gave nothing usable: the guide takes this turn
                if self.llm_messages is not None:
                    mode = FALLBACK_MODE
                    yield "notice", {"detail": self._fallback_notice()}
                for piece in _word_chunks(self.offline_text):
                    received.append(piece)
                    yield "token", {"text": piece}
                complete = True
        finally:  # also on GeneratorExit, when the client went away mid-stream
            stored = self._store("".join(received), complete, mode)
            if self.answered is not None:
                self.answered.set()
        if stored is None:  # the conversation was deleted while the reply streamed: end cleanly, store nothing
            yield "error", {"code": "conversation_deleted", "detail": self._errors()["deleted"]}
            return
        self.result = stored
        yield "done", stored

    def _model_tokens(self, received: list[str]) -> Generator[tuple[str, dict[str, Any]], None, bool]:
        """Stream the model's reply into `received`; True if it finished, False if it broke or was cut off."""
        before = len(received)  # a preface may already be there: only the model's own pieces count below
        try:
            with closing(resilience.guarded_stream(self.services.chat_model, self.llm_messages, self.services.breaker,
                                                   resilience.RetryPolicy.from_settings(self.services.settings))
                         ) as pieces:
                for piece in pieces:
                    received.append(piece)
                    yield "token", {"text": piece}
        except Exception as exc:  # unreachable, timed out, dropped or cut off: never lose the turn over it
            log.warning("chat model failed after %d chunks: %r", len(received) - before, exc)
            self.fault = exc
            if len(received) > before:
                yield "error", {"detail": self._errors()["broken"]}
            return False
        if len(received) == before:
            log.warning("chat model returned an empty reply")
        return True

    def _store(self, text: str, complete: bool, mode: str) -> dict[str, Any] | None:
        """Store the reply, unless a twin request stored one for the same message first (then that one counts);
        None when the conversation was deleted meanwhile (a reply to nothing is never stored)."""
        try:
            return self._store_reply(text, complete, mode)
        except IntegrityError:  # deleted between the check below and the commit
            with self.services.sessions() as session:
                if db.get(session, Conversation, self.conversation_id) is None:
                    return None
            raise

    def _store_reply(self, text: str, complete: bool, mode: str) -> dict[str, Any] | None:
        with self.services.transaction() as session:
            if db.get(session, Conversation, self.conversation_id) is None:
                return None
            if self.claim_owner and session.get_bind().dialect.name == "postgresql":
                # two workers storing a reply to one message (a claim taken over from a worker thought dead)
                # queue on the message's row, so the second sees the first's reply below
                session.execute(select(Message.id).where(Message.id == self.user_message_id).with_for_update())
            msg = Message(conversation_id=self.conversation_id, role="assistant", content=text,
                          phase=self.phase, sources=self.sources, complete=complete, mode=mode)
            session.add(msg)
            session.flush()
            # Only a message with a client id can have a twin. Read inside the write transaction, which always
            # sees the newest data: a read snapshot taken earlier (see _prepare_turn) can miss a reply stored
            # a moment ago.
            first = session.scalar(select(Message).where(
                Message.conversation_id == self.conversation_id, Message.id > self.user_message_id,
                Message.role == "assistant").order_by(Message.id)) if self.client_id else None
            if self.claim_owner:
                reply_claims.release(self.services, self.conversation_id, self.client_id, self.claim_owner, session)
            if first is not None and first.id != msg.id:
                session.delete(msg)
                return message_dict(first)
            if mode != FALLBACK_MODE:  # the model's tokens count against the person's daily budget
                limits.record_model_use(session, self.conversation_id, self.llm_messages, text,
                                        now=self.services.clock.now())
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
    """Validate and store the user's message first, then everything the reply needs.

    Two requests with the same client id at the same moment: the loser of the insert becomes a retry of the
    winner, so it gets the winner's reply instead of an error.
    """
    owner = reply_claims.new_owner() if client_id else None
    try:
        try:
            return _prepare_turn(services, me, conversation_id, content, client_id, owner)
        except IntegrityError:
            if not client_id:
                raise
            return _prepare_turn(services, me, conversation_id, content, client_id, owner)
    except Exception:
        if owner:  # failed before a reply: a retry, on any worker, may answer at once
            reply_claims.release(services, conversation_id, client_id, owner)
        raise


def _prepare_turn(services: Services, me: Principal, conversation_id: int, content: str,
                  client_id: str | None, owner: str | None) -> Turn:
    settings = services.settings
    text = validate_content(content, settings.max_message_chars)
    with services.transaction() as session:  # per-person rate and daily model budget (429 + Retry-After)
        limits.check_chat(session, settings, me.person_id, now=services.clock.now())
    answered = threading.Event()
    with services.transaction() as session:
        conv = get_owned(session, me, conversation_id)
        earlier = _by_client_id(session, conv.id, client_id) if client_id else None
        if earlier is not None:  # a retried request: give the reply it got, or answer it now if it got none
            reply = _reply_to(session, earlier)
            if reply is None:  # being answered now (here or on another worker), or its worker died: the claim says
                session.commit()

                def fresh_reply():  # each look in a new snapshot, which sees a reply stored a moment ago
                    session.commit()
                    return _reply_to(session, earlier)

                reply = reply_claims.await_or_claim(services, conv.id, client_id, owner, fresh_reply, answered)
            if reply is not None:
                return replay_turn(services, conv, earlier, reply)
            text, user_message_id = earlier.content, earlier.id
        else:
            user_msg = Message(conversation_id=conv.id, role="user", content=text, phase=conv.phase,
                               client_id=client_id or None)
            session.add(user_msg)
            if not conv.title and len(text.split()) >= 3:  # never title a conversation "weet ik niet"
                conv.title = cycle_state.quote_of(text, 80)
            session.flush()
            user_message_id = user_msg.id
            if client_id:
                reply_claims.stake(session, services, conv.id, client_id, owner, answered)
    # The message is committed above: nothing the model does from here can lose it.
    with services.transaction() as session:
        conv = get_owned(session, me, conversation_id)
        conv.language = language.message_language(text, conv.language)  # answer in the message's language
        cycle = cycles.load_cycle(settings.prompts_dir, conv.cycle, conv.language)
        state = copy.deepcopy(conv.state)
        scope = me.scope()
        situation_text = state["slots"].get(cycle.phases[0].slots[0].key, "")
        query = text if situation_text in text else f"{text}\n{situation_text}"
        embed_started = time.perf_counter()
        vector = turn_context.query_vector(services, text, situation_text if query != text else "")  # None: lexical
        embed_ms = (time.perf_counter() - embed_started) * 1000
        hits = services.index.search(query, scope, k=settings.search_k, vector=vector, relevant_only=True)
        similar = similar_situations(services, scope, query, vector, session, conv.id)
        completed = []
        preface = ""
        if state.get("observed_message") != user_message_id:  # a retry must not count the message twice
            if state.get("chosen_by") == "pending":  # the person let the companion propose a cycle
                cycle, state, preface = adopt_proposal(settings, conv, state, text)
            # an earlier similar situation is named where the cycle looks for a pattern: stop there first
            hold = cycle.pattern_slot.split(".")[0] if turn_plan.pattern_due(cycle, state, similar) else None
            was_finished = bool(state.get("finished"))
            completed = cycle_state.observe(cycle, state, text, hold=hold)
            state["observed_message"] = user_message_id
            turn_context.tell_progress(session, me.person_id, conv.id, cycle, state, completed, was_finished)
        history = turn_context.recent_history(session, conv.id, user_message_id)
        cited = distinct(hits)
        knowledge = next((source_of(h) for h in cited if h.kind == "knowledge" and _on_topic(query, h)), None)
        plan = turn_plan.make(cycle, state, text, completed, similar, knowledge)
        offline_text = plan.text()  # with a model, the fallback should the model be unreachable
        llm_messages = None
        if services.chat_model is not None:
            llm_messages = build_llm_messages(settings, me, cycle, state, hits + _as_hits(similar, hits),
                                              history, text, plan=plan)
        conv.state = state
        conv.phase = state["phase"]
        sources = [source_of(h) for h in cited]  # each item and each text cited once
        return Turn(services=services, conversation_id=conv.id, user_message_id=user_message_id,
                    language=conv.language, phase=conv.phase, phases=cycle_state.phases_view(cycle, state),
                    sources=sources, offline_text=offline_text, llm_messages=llm_messages, preface=preface,
                    answered=answered, client_id=client_id, claim_owner=owner, timings={"embed": embed_ms})



def adopt_proposal(settings, conv, state: dict[str, Any], text: str):
    """Propose a cycle from the first message and start it; the reason is said before the first question."""
    proposal = cycle_proposal.propose(settings.prompts_dir, text, conv.language)
    cycle = cycles.load_cycle(settings.prompts_dir, proposal["cycle"], conv.language)
    fresh = cycle_state.new_state(cycle, seed=state.get("seed", 0), chosen_by="proposal")
    fresh["proposal"] = {"cycle": cycle.id, "reason": proposal["reason"], "accepted": False}
    conv.cycle = cycle.id
    return cycle, fresh, proposal["reason"]



def similar_situations(services: Services, scope, query: str, vector: list[float] | None, session,
                       conversation_id: int) -> list[dict]:
    """The person's earlier situations that are really about the same thing as the current one."""
    found = services.index.search(query, scope, k=3, kinds={"situation"}, knowledge=False, vector=vector)
    return [source_of(h) for h in found
            if h.score >= SIMILAR_MIN_SCORE and not _from_conversation(session, h.meta.get("ref_id"), conversation_id)
            and len(text_match.shared_terms(query, f"{h.title}\n{h.text}")) >= SIMILAR_MIN_SHARED_TERMS]


def _on_topic(query: str, hit: Hit) -> bool:
    """A knowledge document is offered only when it shares real words with the situation, not just "anders"."""
    shared = text_match.shared_terms(query, f"{hit.title}\n{hit.text or hit.snippet}") - GENERIC_TERMS
    return len(shared) >= SIMILAR_MIN_SHARED_TERMS


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
    cycle = cycles.load_cycle(services.settings.prompts_dir, conv.cycle, conv.language)
    return Turn(services=services, conversation_id=conv.id, user_message_id=user.id, language=conv.language,
                phase=reply.phase, phases=cycle_state.phases_view(cycle, conv.state), sources=reply.sources or [],
                offline_text="", replay=reply)
