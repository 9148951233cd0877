"""Conversations: start, list, open, rename, delete, and save what was said to the portfolio."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.config import PROJECT_ROOT
from companion.core.errors import Invalid, NotFound
from companion.core.principal import Principal
from companion.models import Conversation, Message, PortfolioEntry, WorkSituation
from companion.reflection import cycle_state, cycles, portfolio
from companion.retrieval.scoped_index import Index

CYCLES = cycles.CYCLES
PROPOSE = "propose"  # start without a cycle: the companion proposes one from the first message
MAX_TITLE = 200
DEFAULT_PROMPTS = PROJECT_ROOT / "prompts"


def get_owned(session: Session, me: Principal, conversation_id: int) -> Conversation:
    """The caller's own conversation; 404 for unknown ids and for anyone else's."""
    conv = db.get(session, Conversation, conversation_id)
    if conv is None or conv.owner_id != me.person_id:
        raise NotFound("conversation_not_found")
    return conv


def check_cycle(cycle: str) -> str:
    if not cycles.known(cycle):
        raise Invalid("cycle_invalid", choices=", ".join(CYCLES))
    return cycle


def start(session: Session, prompts_dir, me: Principal, language: str | None = None,
          cycle: str | None = cycles.DEFAULT_CYCLE) -> Conversation:
    """A new conversation in the chosen cycle (or, with cycle None or "propose", one proposed after the first
    message), opening with the guide's welcome question."""
    language = language or me.language
    if language not in ("nl", "en"):
        raise Invalid("language_invalid")
    propose = cycle in (None, PROPOSE)
    cyc = cycles.load_cycle(prompts_dir, cycles.DEFAULT_CYCLE if propose else check_cycle(cycle), language)
    count = session.scalar(select(func.count()).where(Conversation.owner_id == me.person_id)) or 0
    state = cycle_state.new_state(cyc, seed=me.person_id + count, chosen_by="pending" if propose else "person")
    conv = Conversation(owner_id=me.person_id, language=language, cycle=cyc.id, phase=state["phase"],
                        state=state, title="")
    session.add(conv)
    session.flush()
    welcome = cyc.texts["welcome_propose" if propose else "welcome"]
    session.add(Message(conversation_id=conv.id, role="assistant", content=welcome,
                        phase=state["phase"], mode="guide"))
    session.commit()
    return conv


def _message_count():
    """The number of messages of the conversation in the same row (a correlated subquery, so no N+1)."""
    return (select(func.count(Message.id)).where(Message.conversation_id == Conversation.id)
            .correlate(Conversation).scalar_subquery())


def list_owned(session: Session, me: Principal) -> list[tuple[Conversation, int]]:
    """The caller's conversations, most recently active first, each with its message count (one query)."""
    stmt = select(Conversation, _message_count()).where(Conversation.owner_id == me.person_id)
    rows = session.execute(stmt.order_by(Conversation.updated_at.desc(), Conversation.id.desc()))
    return [(conv, count) for conv, count in rows]


def message_count(session: Session, conv: Conversation) -> int:
    return session.scalar(select(func.count(Message.id)).where(Message.conversation_id == conv.id)) or 0


def clean_title(title: str) -> str:
    """One line of printable text, 1-200 characters; anything else is Invalid."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in title or "").split())
    if not text:
        raise Invalid("title_empty")
    if len(text) > MAX_TITLE:
        raise Invalid("title_too_long", max_chars=MAX_TITLE)
    return text


def rename(session: Session, me: Principal, conversation_id: int, title: str) -> Conversation:
    """Give the caller's own conversation a title of their choosing (a later chat turn keeps it)."""
    conv = get_owned(session, me, conversation_id)
    conv.title = clean_title(title)
    session.commit()
    return conv


def delete(session: Session, me: Principal, conversation_id: int) -> None:
    """Delete the caller's own conversation and its messages.

    Situations and portfolio entries saved from it are the person's own portfolio: they stay, and the
    database sets their conversation_id to NULL (ON DELETE SET NULL; SQLite enforces it with foreign_keys=ON).
    """
    conv = get_owned(session, me, conversation_id)
    session.delete(conv)
    session.commit()


def phases(prompts_dir, conv: Conversation) -> list[dict[str, Any]]:
    cyc = cycles.load_cycle(prompts_dir, conv.cycle, conv.language)
    return cycle_state.phases_view(cyc, conv.state)


def _slots(conv: Conversation) -> dict[str, str]:
    return dict(conv.state.get("slots", {}))


def _saved_key(conv: Conversation, kind: str) -> str:
    return f"{kind}:{conv.state.get('round', 1)}"


def _find_saved(session: Session, me: Principal, conv: Conversation, kind: str, model):
    """The item saved from this round of the conversation, if it still exists.

    Each round after the closing is a new experience, so it gets its own situation and cycle_state.
    """
    saved_id = conv.state.get("saved", {}).get(_saved_key(conv, kind))
    if saved_id is not None:
        item = db.get(session, model, saved_id)
        return item if item is not None and item.owner_id == me.person_id else None
    if conv.state.get("round", 1) != 1 or "saved" in conv.state:
        return None
    stmt = select(model).where(model.conversation_id == conv.id, model.owner_id == me.person_id)
    if model is PortfolioEntry:
        stmt = stmt.where(PortfolioEntry.kind == "reflection")
    return session.scalar(stmt.order_by(model.id))  # saved before rounds were tracked


def _remember_saved(session: Session, conv: Conversation, kind: str, item_id: int) -> None:
    state = dict(conv.state)
    state["saved"] = {**state.get("saved", {}), _saved_key(conv, kind): item_id}
    conv.state = state  # a new dict, so the JSON column is written
    session.commit()


def save_situation(session: Session, index: Index, me: Principal, conversation_id: int,
                   prompts_dir=DEFAULT_PROMPTS) -> WorkSituation:
    """Create (or refresh) the work situation this conversation described, in the person's own words."""
    conv = get_owned(session, me, conversation_id)
    slots = _slots(conv)
    fields = cycles.load_cycle(prompts_dir, conv.cycle, conv.language).situation
    description = slots.get(fields.get("description", ""))
    if not description:
        raise Invalid("situation_not_described")
    values = {"title": cycle_state.quote_of(description, 80), "description": description}
    for name in ("involved", "wanted", "did", "thought", "felt"):  # in the person's own words, per the cycle
        values[name] = slots.get(fields.get(name, ""), "")
    existing = _find_saved(session, me, conv, "situation", WorkSituation)
    if existing is not None:
        situation = portfolio.update_situation(session, index, me, existing.id, values)
    else:
        situation = portfolio.create_situation(session, index, me, values, conversation_id=conv.id)
    _remember_saved(session, conv, "situation", situation.id)
    return situation


def reflection_markdown(prompts_dir, conv: Conversation) -> str:
    lines: list[str] = []
    for phase in phases(prompts_dir, conv):
        if phase["captured"]:
            lines.append(f"## {phase['label']}")
            lines += [f"- **{label}**: {text}" for label, text in phase["captured"].items()]
            lines.append("")
    return "\n".join(lines).strip()


def save_reflection(session: Session, index: Index, prompts_dir, me: Principal,
                    conversation_id: int) -> PortfolioEntry:
    """A reflection entry built from the person's own answers per phase (no AI text)."""
    conv = get_owned(session, me, conversation_id)
    body = reflection_markdown(prompts_dir, conv)
    if not body:
        raise Invalid("nothing_to_save")
    situation = _find_saved(session, me, conv, "situation", WorkSituation)
    label = "Reflectie" if conv.language == "nl" else "Reflection"
    about = _slots(conv).get("action.what")
    about = cycle_state.quote_of(about, 80) if about else (conv.title or str(conv.id))
    values = {"kind": "reflection", "title": f"{label}: {about}"[:200], "body": body,
              "situation_id": situation.id if situation else None}
    existing = _find_saved(session, me, conv, "reflection", PortfolioEntry)
    if existing is not None:
        entry = portfolio.update_entry(session, index, me, existing.id, values)
    else:
        entry = portfolio.create_entry(session, index, me, values, conversation_id=conv.id)
    _remember_saved(session, conv, "reflection", entry.id)
    return entry
