"""Conversations: start, list, open, and save what was said to the portfolio."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import portfolio, reflection
from .auth import Principal
from .errors import Invalid, NotFound
from .index import Index
from .models import Conversation, Message, PortfolioEntry, WorkSituation

CYCLES = ("alact",)


def get_owned(session: Session, me: Principal, conversation_id: int) -> Conversation:
    """The caller's own conversation; 404 for unknown ids and for anyone else's."""
    conv = session.get(Conversation, conversation_id)
    if conv is None or conv.owner_id != me.person_id:
        raise NotFound("conversation not found")
    return conv


def start(session: Session, prompts_dir, me: Principal, language: str | None = None,
          cycle: str = "alact") -> Conversation:
    """A new conversation that opens with the guide's welcome question."""
    language = language or me.language
    if language not in ("nl", "en"):
        raise Invalid("language must be nl or en")
    if cycle not in CYCLES:
        raise Invalid(f"cycle must be one of {', '.join(CYCLES)}")
    cyc = reflection.load_cycle(prompts_dir, cycle, language)
    count = session.scalar(select(func.count()).where(Conversation.owner_id == me.person_id)) or 0
    state = reflection.new_state(cyc, seed=me.person_id + count)
    conv = Conversation(owner_id=me.person_id, language=language, cycle=cycle, phase=state["phase"],
                        state=state, title="")
    session.add(conv)
    session.flush()
    session.add(Message(conversation_id=conv.id, role="assistant", content=cyc.texts["welcome"],
                        phase=state["phase"], mode="guide"))
    session.commit()
    return conv


def list_owned(session: Session, me: Principal) -> list[Conversation]:
    stmt = select(Conversation).where(Conversation.owner_id == me.person_id)
    return list(session.scalars(stmt.order_by(Conversation.updated_at.desc(), Conversation.id.desc())))


def phases(prompts_dir, conv: Conversation) -> list[dict[str, Any]]:
    cyc = reflection.load_cycle(prompts_dir, conv.cycle, conv.language)
    return reflection.phases_view(cyc, conv.state)


def _slots(conv: Conversation) -> dict[str, str]:
    return dict(conv.state.get("slots", {}))


def save_situation(session: Session, index: Index, me: Principal, conversation_id: int) -> WorkSituation:
    """Create (or refresh) the work situation this conversation described, in the person's own words."""
    conv = get_owned(session, me, conversation_id)
    slots = _slots(conv)
    if "action.what" not in slots:
        raise Invalid("describe the situation in the conversation first")
    values = {
        "title": conv.title or reflection.quote_of(slots["action.what"], 80),
        "description": slots["action.what"],
        "involved": slots.get("action.involved", ""),
        "wanted": slots.get("looking_back.self_want", ""),
        "did": slots.get("looking_back.self_do", ""),
        "thought": slots.get("looking_back.self_think", ""),
        "felt": slots.get("looking_back.self_feel", ""),
    }
    existing = session.scalar(select(WorkSituation).where(
        WorkSituation.conversation_id == conv.id, WorkSituation.owner_id == me.person_id))
    if existing is not None:
        return portfolio.update_situation(session, index, me, existing.id, values)
    return portfolio.create_situation(session, index, me, values, conversation_id=conv.id)


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
        raise Invalid("there is nothing to save yet: answer a few questions first")
    situation = session.scalar(select(WorkSituation).where(WorkSituation.conversation_id == conv.id))
    label = "Reflectie" if conv.language == "nl" else "Reflection"
    values = {"kind": "reflection", "title": f"{label}: {conv.title or conv.id}"[:200], "body": body,
              "situation_id": situation.id if situation else None}
    existing = session.scalar(select(PortfolioEntry).where(
        PortfolioEntry.conversation_id == conv.id, PortfolioEntry.kind == "reflection",
        PortfolioEntry.owner_id == me.person_id))
    if existing is not None:
        return portfolio.update_entry(session, index, me, existing.id, values)
    return portfolio.create_entry(session, index, me, values, conversation_id=conv.id)
