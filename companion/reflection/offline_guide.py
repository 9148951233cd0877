"""The offline reflection guide: one open question per turn from the question banks, never one asked before."""

from __future__ import annotations

import re
from typing import Any

from companion.core.texts.reflection import MONTHS
from companion.llm import prompt_files
from companion.reflection.cycle_state import advance, missing_slots, quote_of
from companion.reflection.cycles import Cycle, Slot

LOW_ON_QUESTIONS = 2  # fewer fresh questions than this for a slot: suggest a new conversation at the closing


def _no_question(text: str) -> str:
    """Text quoted inside a reply may not add a question mark: each reply asks exactly one question."""
    return re.sub(r"\s*\?+", "", text).strip()


def _fresh(slot: Slot, state: dict[str, Any]) -> list[tuple[str, str]]:
    return [(qid, q) for qid, q in slot.questions if qid not in state["asked"]]


def _ask(slot: Slot, state: dict[str, Any]) -> tuple[Slot, str] | None:
    fresh = _fresh(slot, state)
    if not fresh:
        return None
    qid, text = fresh[(state["seed"] + state["turns"]) % len(fresh)]
    state["asked"].append(qid)
    state["pending"] = slot.key
    return slot, text


def choose_question(cycle: Cycle, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """The next question: for the first missing slot, never one already asked in this conversation.

    A slot whose questions are all used up is skipped (and remembered as exhausted), never asked twice. In a
    re-opened phase whose slots were all said, the question is about its first slot that still has one fresh.
    """
    for slot in missing_slots(cycle, state):
        chosen = _ask(slot, state)
        if chosen is not None:
            return chosen
        state["skipped"].append(slot.key)
        state.setdefault("exhausted", []).append(slot.key)
    if state.get("reopened") == state["phase"]:
        for slot in cycle.phase(state["phase"]).slots:
            chosen = _ask(slot, state)
            if chosen is not None:
                return chosen
        state["reopened"] = None
    return None


def next_question(cycle: Cycle, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """The next fresh question, moving past phases whose questions ran out; None once the cycle is walked."""
    while not state.get("finished"):
        chosen = choose_question(cycle, state)
        if chosen is not None:
            return chosen
        advance(cycle, state)
    return None


def _pick(options: list[str], state: dict[str, Any], salt: int = 0) -> str:
    return options[(state["seed"] + state["turns"] + salt) % len(options)]


def format_date(iso_date: str, language: str) -> str:
    year, month = iso_date[:4], int(iso_date[5:7])
    return f"{MONTHS.get(language, MONTHS['nl'])[month - 1]} {year}"


def low_on_questions(cycle: Cycle, state: dict[str, Any]) -> bool:
    """Whether another round would run out of fresh questions for some slot."""
    return any(len(_fresh(s, state)) < LOW_ON_QUESTIONS for p in cycle.phases for s in p.slots)


def closing(cycle: Cycle, state: dict[str, Any]) -> str:
    text = cycle.texts["closing"]
    if low_on_questions(cycle, state):
        text = f"{text} {cycle.texts['closing_exhausted']}"
    return text


def pattern_question(cycle: Cycle, state: dict[str, Any], similar: list[dict[str, Any]]) -> str | None:
    """At the cycle's pattern phase, once per round: ask about an earlier similar situation not yet named."""
    if not cycle.pattern_slot or state["phase"] != cycle.pattern_slot.split(".")[0]:
        return None
    fresh = [s for s in similar if s["id"] not in state["referenced"]]
    pattern_id = f"{cycle.pattern_slot}.pattern.{state['round']}"
    if not fresh or pattern_id in state["asked"]:
        return None
    hit = fresh[0]
    state["referenced"].append(hit["id"])
    state["asked"].append(pattern_id)
    state["pending"] = cycle.pattern_slot if cycle.pattern_slot not in state["slots"] else None
    return prompt_files.render(_pick(cycle.texts["pattern"], state, 2), title=_no_question(hit["title"]),
                          date=format_date(hit.get("created") or "2026-01-01", cycle.language))


def offline_reply(cycle: Cycle, state: dict[str, Any], message: str, completed: list[str],
                  similar: list[dict[str, Any]]) -> str:
    """The guide's turn: a short acknowledgement, a phase change if any, then exactly one question."""
    if state.get("finished"):
        return closing(cycle, state)
    parts: list[str] = []
    quote = _no_question(quote_of(message)) if len(message.split()) >= 6 else ""
    acks = [a for a in cycle.texts["acknowledge"] if "{quote}" not in a or len(quote.split()) >= 3]
    if acks and message.strip():
        parts.append(prompt_files.render(_pick(acks, state), quote=quote))
    if completed:
        parts.append(prompt_files.render(_pick(cycle.texts["phase_done"], state, 1),
                                    phase=cycle.phase(state["phase"]).label))
    pattern = pattern_question(cycle, state, similar)
    if pattern:
        return " ".join(parts + [pattern])
    exhausted_before = len(state.get("exhausted", []))
    phase_before = state["phase"]
    chosen = next_question(cycle, state)
    ran_out = state.get("exhausted", [])[exhausted_before:]
    if ran_out:  # say plainly why a slot is passed by, instead of asking the same thing again
        labels = ", ".join(f"‘{cycle.slot(k).label.lower()}’" for k in ran_out)
        parts.append(prompt_files.render(cycle.texts["exhausted"], slot=labels))
    if chosen is None:
        return " ".join(parts + [closing(cycle, state)])
    if state["phase"] != phase_before and not completed:
        parts.append(prompt_files.render(_pick(cycle.texts["phase_done"], state, 1),
                                    phase=cycle.phase(state["phase"]).label))
    parts.append(chosen[1])
    return " ".join(parts)


def back_message(cycle: Cycle, state: dict[str, Any]) -> str:
    """What the guide says after going back to a phase: where we are, and one question about it."""
    intro = prompt_files.render(cycle.texts["back"], phase=cycle.phase(state["phase"]).label)
    chosen = choose_question(cycle, state)
    if chosen is None:  # every question of the phase was asked already: an open invitation instead
        state["reopened"] = state["phase"]
        state["pending"] = cycle.phase(state["phase"]).slots[0].key
        return f"{intro} {prompt_files.render(cycle.texts['revise'], phase=cycle.phase(state['phase']).label)}"
    return f"{intro} {chosen[1]}"
