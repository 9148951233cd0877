"""Reflection cycles (ALACT, STARR(T), Gibbs) as data: phases, the slots each phase needs, and their questions.

A cycle is defined by its question bank `prompts/questions/<cycle>.<language>.yaml`, on top of the texts all
cycles share in `prompts/questions/_common.<language>.yaml` (non-answers, acknowledgements, fallbacks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from companion.llm import prompt_files

CYCLES = ("alact", "starr", "gibbs")  # the order in which they are offered
DEFAULT_CYCLE = "alact"
COMMON = "_common"
GUIDE_TEXTS = ("welcome", "welcome_propose", "closing", "acknowledge", "phase_done", "pattern", "exhausted", "back",
               "revise", "switched", "closing_exhausted", "reflect", "acknowledge_feeling", "acknowledge_insight",
               "acknowledge_idea", "acknowledge_plan", "acknowledge_felt", "acknowledge_move", "phase_move",
               "request_heard", "request_why",
               "request_knowledge", "request_options", "request_question", "dont_know", "dont_know_partly", "skip",
               "not_helping",
               "not_helping_question", "stop", "stop_question", "model_turn")


@dataclass
class Slot:
    key: str  # "<phase>.<slot>"
    label: str
    cues: list[re.Pattern]
    questions: list[tuple[str, str]]
    group: str = ""  # slots of one group are balanced against another's ("self" and "other" in looking back)
    kind: str = "fact"  # what an answer here is: fact, feeling, insight, idea or plan (how the guide acknowledges it)


@dataclass
class Phase:
    id: str
    label: str
    goal: str
    slots: list[Slot]
    enough: int = 0  # the phase is done once this many slots were said (0: all of them) ...
    required: list[str] = field(default_factory=list)  # ... including these slot keys
    bridge: str = ""  # one plain sentence that moves the conversation here, without the phase's label


@dataclass
class Cycle:
    id: str
    name: str
    language: str
    summary: str
    phases: list[Phase]
    short: str = ""  # a name that fits on a button: "ALACT", "STARR(T)", "Gibbs"
    texts: dict[str, Any] = field(default_factory=dict)
    non_answers: list[re.Pattern] = field(default_factory=list)
    pattern_slot: str = ""  # where an earlier similar situation is brought up ("<phase>.<slot>")
    situation: dict[str, str] = field(default_factory=dict)  # WorkSituation field → slot key
    options_slot: str = ""  # where the person's own options go: asked for when they ask what to do
    intents: dict[str, list[re.Pattern]] = field(default_factory=dict)  # request, skip, stop, not_helping
    feelings: list[tuple[re.Pattern, str]] = field(default_factory=list)  # a feeling's words → its name

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def has_phase(self, phase_id: str) -> bool:
        return any(p.id == phase_id for p in self.phases)

    def phase_ids(self) -> list[str]:
        return [p.id for p in self.phases]

    def slot(self, key: str) -> Slot | None:
        return next((s for p in self.phases for s in p.slots if s.key == key), None)

    def slot_keys(self) -> list[str]:
        return [s.key for p in self.phases for s in p.slots]


def known(cycle_id: str) -> bool:
    return cycle_id in CYCLES


@lru_cache(maxsize=32)
def load_cycle(prompts_dir: Path, cycle_id: str = DEFAULT_CYCLE, language: str = "nl") -> Cycle:
    """The cycle's bank in `language` (Dutch if missing), with the shared texts filled in where it has none."""
    common = prompt_files.bank(prompts_dir, COMMON, language)
    data = {**common, **prompt_files.bank(prompts_dir, cycle_id, language)}
    flags = re.IGNORECASE
    phases = [
        Phase(id=p["id"], label=p["label"], goal=p["goal"], bridge=p.get("bridge") or "",
              enough=int(p.get("enough") or 0),
              required=[f"{p['id']}.{r}" for r in p.get("required") or []], slots=[
            Slot(key=f"{p['id']}.{s['id']}", label=s["label"],
                 cues=[re.compile(c, flags) for c in s.get("cues") or []],
                 questions=[(q["id"], q["text"]) for q in s["questions"]],
                 group=s.get("group", ""), kind=s.get("kind") or p.get("kind") or "fact")
            for s in p["slots"]])
        for p in data["phases"]
    ]
    other = prompt_files.bank(prompts_dir, COMMON, "en" if language == "nl" else "nl")  # people switch language
    non_answers = list(common.get("non_answers") or []) + list(other.get("non_answers") or [])
    intents = {kind: [re.compile(c, flags) for c in (common.get("intents") or {}).get(kind) or []]
               + [re.compile(c, flags) for c in (other.get("intents") or {}).get(kind) or []]
               for kind in set(common.get("intents") or {}) | set(other.get("intents") or {})}
    feelings = [(re.compile(r"\b(" + "|".join(words) + r")\b", flags), name)
                for name, words in (common.get("feelings") or {}).items()]
    return Cycle(id=data["cycle"], name=data["name"], short=data["short"], language=language, summary=data["summary"],
                 phases=phases,
                 texts={k: data[k] for k in GUIDE_TEXTS if k in data},
                 non_answers=[re.compile(r, flags) for r in non_answers],
                 pattern_slot=data.get("pattern_slot", ""), situation=dict(data.get("situation") or {}),
                 options_slot=data.get("options_slot", ""), intents=intents, feelings=feelings)


def catalogue(prompts_dir: Path, language: str) -> list[dict[str, Any]]:
    """Every cycle with its one-line summary and its phases (what `GET /api/cycles` lists)."""
    out = []
    for cycle_id in CYCLES:
        c = load_cycle(prompts_dir, cycle_id, language)
        out.append({"id": c.id, "name": c.name, "short": c.short, "summary": c.summary,
                    "phases": [{"id": p.id, "label": p.label, "goal": p.goal,
                                "slots": [{"key": s.key, "label": s.label} for s in p.slots]} for p in c.phases]})
    return out
