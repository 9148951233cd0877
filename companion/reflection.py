"""Reflection cycles as explicit state, shared by both modes, and the offline reflection guide.

A phase is complete when every slot it needs was said: either as a substantive answer to the
question aimed at that slot, or spotted by a cue in anything the person wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import prompts

MIN_WORDS = 3
MAX_ATTEMPTS = 2
MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "en": "January February March April May June July August September October November December".split(),
}


@dataclass
class Slot:
    key: str  # "<phase>.<slot>"
    label: str
    cues: list[re.Pattern]
    questions: list[tuple[str, str]]


@dataclass
class Phase:
    id: str
    label: str
    goal: str
    slots: list[Slot]


@dataclass
class Cycle:
    id: str
    name: str
    language: str
    phases: list[Phase]
    texts: dict[str, Any] = field(default_factory=dict)
    non_answers: list[re.Pattern] = field(default_factory=list)

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def slot(self, key: str) -> Slot | None:
        return next((s for p in self.phases for s in p.slots if s.key == key), None)


@lru_cache(maxsize=16)
def load_cycle(prompts_dir: Path, cycle_id: str = "alact", language: str = "nl") -> Cycle:
    data = prompts.bank(prompts_dir, cycle_id, language)
    flags = re.IGNORECASE
    phases = [
        Phase(id=p["id"], label=p["label"], goal=p["goal"], slots=[
            Slot(key=f"{p['id']}.{s['id']}", label=s["label"],
                 cues=[re.compile(c, flags) for c in s.get("cues") or []],
                 questions=[(q["id"], q["text"]) for q in s["questions"]])
            for s in p["slots"]])
        for p in data["phases"]
    ]
    texts = {k: data[k] for k in ("welcome", "closing", "acknowledge", "phase_done", "pattern")}
    return Cycle(id=data["cycle"], name=data["name"], language=language, phases=phases, texts=texts,
                 non_answers=[re.compile(r, flags) for r in data.get("non_answers") or []])


def new_state(cycle: Cycle, seed: int = 0) -> dict[str, Any]:
    first = cycle.phases[0]
    return {"cycle": cycle.id, "phase": first.id, "slots": {}, "skipped": [], "asked": [],
            "pending": first.slots[0].key, "attempts": {}, "referenced": [], "completed": False,
            "round": 1, "seed": seed, "turns": 0}


def _no_question(text: str) -> str:
    """Text quoted inside a reply may not add a question mark: each reply asks exactly one question."""
    return re.sub(r"\s*\?+", "", text).strip()


def quote_of(message: str, limit: int = 90) -> str:
    """The first sentence of a message, clipped at a word boundary."""
    first = re.split(r"(?<=[.!?])\s+", message.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".!? ")
    return first[:limit].rsplit(" ", 1)[0] + "…"


def _substantive(cycle: Cycle, message: str) -> bool:
    if any(p.search(message) for p in cycle.non_answers):
        return False
    return len(re.findall(r"\w+", message)) >= MIN_WORDS


def _sentences(message: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", message) if s.strip()]


def phase_complete(cycle: Cycle, state: dict[str, Any], phase_id: str) -> bool:
    done = set(state["slots"]) | set(state["skipped"])
    return all(s.key in done for s in cycle.phase(phase_id).slots)


def missing_slots(cycle: Cycle, state: dict[str, Any]) -> list[Slot]:
    done = set(state["slots"]) | set(state["skipped"])
    return [s for s in cycle.phase(state["phase"]).slots if s.key not in done]


def observe(cycle: Cycle, state: dict[str, Any], message: str) -> list[str]:
    """Record what a user message says; returns the ids of phases completed by it."""
    if state["completed"]:  # a message after the closing starts a new round with the same cycle
        rounds = state.get("history", []) + [state["slots"]]
        asked, referenced = state["asked"], state["referenced"]  # never ask the same question twice
        state.update(new_state(cycle, seed=state["seed"] + 1), round=state["round"] + 1, history=rounds,
                     asked=asked, referenced=referenced)
    state["turns"] += 1
    pending = state.get("pending")
    if pending and pending not in state["slots"]:
        if _substantive(cycle, message):
            state["slots"][pending] = message.strip()
        else:
            state["attempts"][pending] = state["attempts"].get(pending, 0) + 1
            if state["attempts"][pending] >= MAX_ATTEMPTS:
                state["skipped"].append(pending)
    for phase in cycle.phases:
        for slot in phase.slots:
            if slot.key in state["slots"] or not slot.cues:
                continue
            hits = [s for s in _sentences(message) if any(c.search(s) for c in slot.cues)]
            if hits:
                state["slots"][slot.key] = " ".join(hits)
    state["pending"] = None
    return advance(cycle, state)


def advance(cycle: Cycle, state: dict[str, Any]) -> list[str]:
    """Move past every complete phase; returns the ids of the phases completed."""
    completed = []
    while not state["completed"] and phase_complete(cycle, state, state["phase"]):
        completed.append(state["phase"])
        ids = [p.id for p in cycle.phases]
        nxt = ids.index(state["phase"]) + 1
        if nxt == len(ids):
            state["completed"] = True
        else:
            state["phase"] = ids[nxt]
    return completed


def choose_question(cycle: Cycle, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """The next question: for the first missing slot, never one already asked in this conversation."""
    for slot in missing_slots(cycle, state):
        fresh = [(qid, q) for qid, q in slot.questions if qid not in state["asked"]]
        if not fresh:
            continue
        qid, text = fresh[(state["seed"] + state["turns"]) % len(fresh)]
        state["asked"].append(qid)
        state["pending"] = slot.key
        return slot, text
    return None


def next_question(cycle: Cycle, state: dict[str, Any]) -> tuple[Slot, str] | None:
    """The next fresh question; slots whose questions were all asked are skipped. None once the cycle is done."""
    while not state["completed"]:
        chosen = choose_question(cycle, state)
        if chosen is not None:
            return chosen
        state["skipped"] += [slot.key for slot in missing_slots(cycle, state)]
        advance(cycle, state)
    return None


def _pick(options: list[str], state: dict[str, Any], salt: int = 0) -> str:
    return options[(state["seed"] + state["turns"] + salt) % len(options)]


def format_date(iso_date: str, language: str) -> str:
    year, month = iso_date[:4], int(iso_date[5:7])
    return f"{MONTHS.get(language, MONTHS['nl'])[month - 1]} {year}"


def offline_reply(cycle: Cycle, state: dict[str, Any], message: str, completed: list[str],
                  similar: list[dict[str, Any]]) -> str:
    """The guide's turn: a short acknowledgement, a phase change if any, then exactly one question."""
    if state["completed"]:
        return cycle.texts["closing"]
    parts: list[str] = []
    quote = _no_question(quote_of(message)) if len(message.split()) >= 6 else ""
    acks = [a for a in cycle.texts["acknowledge"] if "{quote}" not in a or len(quote.split()) >= 3]
    ack = prompts.render(_pick(acks, state), quote=quote) if acks and message.strip() else ""
    if ack:
        parts.append(ack)
    if completed:
        parts.append(prompts.render(_pick(cycle.texts["phase_done"], state, 1),
                                    phase=cycle.phase(state["phase"]).label))
    fresh = [s for s in similar if s["id"] not in state["referenced"]]
    pattern_id = f"awareness.pattern.{state['round']}"  # once per round, about a situation not yet named
    if state["phase"] == "awareness" and fresh and pattern_id not in state["asked"]:
        hit = fresh[0]
        state["referenced"].append(hit["id"])
        state["asked"].append(pattern_id)
        state["pending"] = "awareness.essence" if "awareness.essence" not in state["slots"] else None
        parts.append(prompts.render(_pick(cycle.texts["pattern"], state, 2), title=_no_question(hit["title"]),
                                    date=format_date(hit.get("created", "2026-01-01"), cycle.language)))
        return " ".join(parts)
    chosen = choose_question(cycle, state)
    if chosen is None:  # every question for the missing slots was asked: let the person move on
        for slot in missing_slots(cycle, state):
            state["skipped"].append(slot.key)
        rest = offline_reply(cycle, state, "", advance(cycle, state), similar)
        return f"{ack} {rest}" if ack else rest
    parts.append(chosen[1])
    return " ".join(parts)


def phases_view(cycle: Cycle, state: dict[str, Any]) -> list[dict[str, Any]]:
    """Each phase with its status (done, current, todo) and what was captured per slot."""
    ids = [p.id for p in cycle.phases]
    current = ids.index(state["phase"])
    view = []
    for n, phase in enumerate(cycle.phases):
        status = "done" if n < current or state["completed"] else ("current" if n == current else "todo")
        captured = {s.label: state["slots"][s.key] for s in phase.slots if s.key in state["slots"]}
        view.append({"id": phase.id, "label": phase.label, "goal": phase.goal, "status": status,
                     "captured": captured})
    return view
