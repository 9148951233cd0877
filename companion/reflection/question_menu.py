"""Which question comes next: a menu per phase, chosen by what is still missing and what the person talked about.

A phase's slots are not worked through in bank order: the guide asks about a slot that is still missing, first
on the side that has been heard least (in looking back: the person or the other), then one it asked about least
(an unanswered question is not asked again in other words right away), then on the side the person just
talked about. A question is never asked twice in a conversation; a slot whose questions ran out is passed.
"""

from __future__ import annotations

import re
from typing import Any

from companion.core.texts.reflection import MONTHS
from companion.reflection.cycle_state import advance, missing_slots
from companion.reflection.cycles import Cycle, Slot

LOW_ON_QUESTIONS = 2  # fewer fresh questions than this for a slot: suggest a new conversation at the closing
_EXAMPLE = re.compile(r"\b(bijvoorbeeld|zoals|for example|e\.g\.|such as)\b", re.IGNORECASE)


def fresh(slot: Slot, state: dict[str, Any]) -> list[tuple[str, str]]:
    return [(qid, q) for qid, q in slot.questions if qid not in state["asked"]]


def _ask(slot: Slot, state: dict[str, Any], plain: bool = False) -> tuple[Slot, str] | None:
    options = fresh(slot, state)
    if plain:  # after "I don't know": an easier question, without examples to live up to
        options = [o for o in options if not _EXAMPLE.search(o[1])] or options
    if not options:
        return None
    qid, text = options[(state["seed"] + state["turns"]) % len(options)]
    state["asked"].append(qid)
    state["pending"] = slot.key
    return slot, text


def ask_about(slot: Slot, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """A fresh question about this slot, recorded as asked; None when its questions ran out."""
    return _ask(slot, state)


def _menu(cycle: Cycle, state: dict[str, Any]) -> list[Slot]:
    """The missing slots of the phase in the order to ask them."""
    missing = missing_slots(cycle, state)
    said = set(state["slots"])
    phase = cycle.phase(state["phase"])
    heard = {g: sum(1 for s in phase.slots if s.group == g and s.key in said) for g in {s.group for s in phase.slots}}
    recent = {s.group for s in phase.slots if s.key in state.get("filled", [])}
    previous = state.get("previous")  # after "I don't know", another angle first (unless the phase needs that slot)
    asked = {s.key: sum(1 for q in state["asked"] if q.startswith(f"{s.key}.")) for s in missing}
    return sorted(missing, key=lambda s: (s.key == previous and state.get("intent") == "dont_know"
                                          and s.key not in phase.required,
                                          heard.get(s.group, 0), asked[s.key], s.group not in recent,
                                          phase.slots.index(s)))


def choose_question(cycle: Cycle, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """The next question of the current phase, never one already asked in this conversation.

    A slot whose questions are all used up is skipped (and remembered as exhausted), never asked twice. In a
    re-opened phase whose slots were all said, the question is about its first slot that still has one fresh.
    """
    plain = state.get("intent") == "dont_know"
    for slot in _menu(cycle, state):
        chosen = _ask(slot, state, plain)
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


def format_date(iso_date: str, language: str) -> str:
    year, month = iso_date[:4], int(iso_date[5:7])
    return f"{MONTHS.get(language, MONTHS['nl'])[month - 1]} {year}"


def low_on_questions(cycle: Cycle, state: dict[str, Any]) -> bool:
    """Whether another round would run out of fresh questions for some slot."""
    return any(len(fresh(s, state)) < LOW_ON_QUESTIONS for p in cycle.phases for s in p.slots)
