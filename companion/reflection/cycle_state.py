"""The reflection state machine, shared by the offline guide and the language model.

State of a conversation (a JSON dict): `cycle`, `phase` (the current one), `slots` ("<phase>.<slot>" → what the
person said), `skipped` (slots passed without an answer), `finished` (walked past the last phase), and
`completed` (True only when every phase has enough). A phase is done when it has *enough*: the number of slots
its bank declares (`enough`) including the ones it requires, never after a number of turns or questions. Every
message is read for every phase, so the conversation jumps ahead when the person does. The person can go back
to an earlier phase: it re-opens, and what later phases captured is kept.
"""

from __future__ import annotations

import re
from typing import Any

from companion.core.errors import Conflict, Invalid
from companion.reflection import intents
from companion.reflection.cycles import Cycle, Slot
from companion.reflection.slot_reading import MIN_WORDS, read_into_slots, substantive  # noqa: F401 (re-export)

MAX_ATTEMPTS = 2
SWITCH_MAX_TURNS = 2  # "nothing substantial captured yet": switching the cycle replays at most this many answers


def new_state(cycle: Cycle, seed: int = 0, chosen_by: str = "person") -> dict[str, Any]:
    return {"cycle": cycle.id, "phase": cycle.phases[0].id, "slots": {}, "skipped": [], "asked": [],
            "pending": cycle.phases[0].slots[0].key, "attempts": {}, "referenced": [], "finished": False,
            "completed": False, "completed_rounds": 0, "reopened": None, "exhausted": [], "round": 1,
            "seed": seed, "turns": 0, "chosen_by": chosen_by}


def quote_of(message: str, limit: int = 90) -> str:
    """The first sentence of a message, clipped at a word boundary."""
    first = re.split(r"(?<=[.!?])\s+", message.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".!? ")
    return first[:limit].rsplit(" ", 1)[0] + "…"


def _need(cycle: Cycle, phase_id: str) -> int:
    phase = cycle.phase(phase_id)
    return min(phase.enough or len(phase.slots), len(phase.slots))


def phase_complete(cycle: Cycle, state: dict[str, Any], phase_id: str) -> bool:
    """The phase has enough: its required slots and as many as it needs were said (skipped ones do not count)."""
    phase = cycle.phase(phase_id)
    said = [s for s in phase.slots if s.key in state["slots"]]
    return all(r in state["slots"] for r in phase.required) and len(said) >= _need(cycle, phase_id)


def _passable(cycle: Cycle, state: dict[str, Any], phase_id: str) -> bool:
    """Enough was said or passed by (skipped) to move on; a re-opened phase waits for an answer first."""
    phase = cycle.phase(phase_id)
    done = set(state["slots"]) | set(state["skipped"])
    return (state.get("reopened") != phase_id and all(r in done for r in phase.required)
            and len([s for s in phase.slots if s.key in done]) >= _need(cycle, phase_id))


def all_complete(cycle: Cycle, state: dict[str, Any]) -> bool:
    return all(phase_complete(cycle, state, p.id) for p in cycle.phases)


def missing_slots(cycle: Cycle, state: dict[str, Any]) -> list[Slot]:
    done = set(state["slots"]) | set(state["skipped"])
    return [s for s in cycle.phase(state["phase"]).slots if s.key not in done]


def _new_round(cycle: Cycle, state: dict[str, Any]) -> None:
    """A message after the closing starts a new round with the same cycle; questions are never asked twice."""
    keep = {k: state.get(k) for k in ("asked", "referenced", "exhausted", "chosen_by", "completed_rounds")}
    rounds = state.get("history", []) + [state["slots"]]
    state.update(new_state(cycle, seed=state["seed"] + 1), round=state["round"] + 1, history=rounds,
                 **{k: v for k, v in keep.items() if v is not None})


def upgrade(state: dict[str, Any]) -> dict[str, Any]:
    """A state stored before cycles had `finished`: there `completed` meant walked through."""
    if "finished" not in state:
        state["finished"] = bool(state.get("completed"))
    return state


def observe(cycle: Cycle, state: dict[str, Any], message: str, hold: str | None = None) -> list[str]:
    """Record what a user message says, for every phase; returns the ids of the phases the conversation moved past.

    `hold`: a phase the conversation may reach but not pass on its own in this turn (there is something to ask
    there first); a person who jumps ahead is followed all the same.
    """
    upgrade(state)
    reading = intents.read(message, cycle.intents, cycle.non_answers)
    if state.get("finished") and reading.intent is None and substantive(cycle, reading.content):
        _new_round(cycle, state)  # after the closing, a new experience starts a new round (thanks do not)
    state["turns"] += 1
    pending = state.get("pending")
    filled, added = read_into_slots(cycle, state, reading.content, pending)
    if pending and pending not in state["slots"] and pending not in filled:
        _not_answered(cycle, state, pending, reading.intent, substantive(cycle, reading.content))
    revising = bool(state.get("reopened"))
    if revising and (pending is None or pending.split(".")[0] == state["reopened"]):
        state["reopened"] = None  # the person answered in the re-opened phase
    state.update(pending=None, previous=pending, intent=reading.intent, filled=filled + added)
    # only what is new can carry the person ahead, and not while they revise an earlier phase
    moved = [] if revising else _jump(cycle, state, filled, reading.intent)
    return moved + advance(cycle, state, hold)


def _not_answered(cycle: Cycle, state: dict[str, Any], pending: str, intent: str | None, said: bool) -> None:
    """The question asked got no answer: count it; the second in a phase (or "skip") passes the slot by."""
    if said or intent in ("request", "stop", "not_helping"):
        return  # the person talked about something else or asked something: the question is not used up
    state["attempts"][pending] = state["attempts"].get(pending, 0) + 1
    phase = cycle.phase(pending.split(".")[0])
    tries = sum(state["attempts"].get(s.key, 0) for s in phase.slots)
    if intent == "skip" or tries >= MAX_ATTEMPTS:
        skip = [pending]
        if intent == "skip" and any(s.key in state["skipped"] for s in phase.slots):
            skip = [s.key for s in phase.slots if s.key not in state["slots"]]  # skipped twice: the whole phase
        state["skipped"] += [k for k in skip if k not in state["skipped"]]


def _jump(cycle: Cycle, state: dict[str, Any], filled: list[str], intent: str | None) -> list[str]:
    """Follow the person ahead: when this message spoke only to later phases, go to the first of them."""
    ids = cycle.phase_ids()
    here = ids.index(state["phase"])
    phases = {ids.index(k.split(".")[0]) for k in filled}
    target = min((n for n in phases if n > here), default=None) if here not in phases else None
    if intent == "not_helping" and cycle.options_slot:  # straight to what the person could do
        options = ids.index(cycle.options_slot.split(".")[0])
        target = options if options > here and cycle.options_slot not in state["slots"] else target
    if target is None or state.get("finished") or state.get("reopened"):
        return []
    state["phase"] = ids[target]  # followed even past a held phase: what is due there is asked next turn
    return ids[here:target]


def advance(cycle: Cycle, state: dict[str, Any], hold: str | None = None) -> list[str]:
    """Move past every phase that has enough (said or skipped); returns the ids of those phases."""
    moved = []
    ids = cycle.phase_ids()
    while not state.get("finished") and _passable(cycle, state, state["phase"]) and state["phase"] != hold:
        moved.append(state["phase"])
        nxt = ids.index(state["phase"]) + 1
        if nxt == len(ids):
            state["finished"] = True
        else:
            state["phase"] = ids[nxt]
    was_complete = state.get("completed", False)
    state["completed"] = bool(state.get("finished")) and all_complete(cycle, state)
    if state["completed"] and not was_complete:
        state["completed_rounds"] = state.get("completed_rounds", 0) + 1
    return moved


def back_targets(cycle: Cycle, state: dict[str, Any]) -> list[str]:
    """The phases the person may go back to: every earlier one, or any once the cycle was walked through."""
    ids = cycle.phase_ids()
    return ids if state.get("finished") else ids[: ids.index(state["phase"])]


def go_back(cycle: Cycle, state: dict[str, Any], target: str) -> None:
    """Re-open an earlier phase: what was said stays (also in later phases); skipped slots there are asked again."""
    if not cycle.has_phase(target):
        raise Invalid("phase_invalid", choices=", ".join(cycle.phase_ids()))
    if target not in back_targets(cycle, state):
        raise Conflict("phase_not_earlier", phase=cycle.phase(target).label)
    keys = {s.key for s in cycle.phase(target).slots}
    state.update(phase=target, finished=False, completed=False, reopened=target, pending=None,
                 skipped=[k for k in state["skipped"] if k not in keys],
                 attempts={k: v for k, v in state["attempts"].items() if k not in keys})


def can_switch(state: dict[str, Any]) -> bool:
    """A cycle may be switched while nothing substantial was captured: round one, at most two answers."""
    return state.get("round", 1) == 1 and state.get("turns", 0) <= SWITCH_MAX_TURNS and not state.get("finished")


def switch(new_cycle: Cycle, state: dict[str, Any], user_messages: list[str], chosen_by: str = "person") -> dict:
    """A fresh state for `new_cycle` that has heard the same answers (the first one describes the situation)."""
    if not can_switch(state):
        raise Conflict("cycle_switch_too_late")
    fresh = new_state(new_cycle, seed=state.get("seed", 0), chosen_by=chosen_by)
    fresh["asked"] = list(state.get("asked", []))  # questions asked stay asked: never twice in a conversation
    for text in user_messages:
        observe(new_cycle, fresh, text)
        fresh["pending"] = _first_missing(new_cycle, fresh)
    fresh["pending"] = None
    return fresh


def _first_missing(cycle: Cycle, state: dict[str, Any]) -> str | None:
    missing = missing_slots(cycle, state) if not state.get("finished") else []
    return missing[0].key if missing else None


def phases_view(cycle: Cycle, state: dict[str, Any]) -> list[dict[str, Any]]:
    """Each phase with its status (done, current, incomplete, todo) and what was captured per slot."""
    current = cycle.phase_ids().index(state["phase"])
    finished = bool(state.get("finished", state.get("completed")))
    view = []
    for n, phase in enumerate(cycle.phases):
        complete = phase_complete(cycle, state, phase.id)
        if n == current and not finished:
            status = "current"
        elif complete:
            status = "done"
        elif n < current or finished:
            status = "incomplete"  # passed with a slot left unanswered
        else:
            status = "todo"
        slots = [{"key": s.key, "label": s.label, "text": state["slots"].get(s.key),
                  "status": "said" if s.key in state["slots"] else
                  ("skipped" if s.key in state["skipped"] else "open")} for s in phase.slots]
        captured = {s.label: state["slots"][s.key] for s in phase.slots if s.key in state["slots"]}
        view.append({"id": phase.id, "label": phase.label, "goal": phase.goal, "status": status,
                     "captured": captured, "slots": slots})
    return view


def answers_by_phase(cycle: Cycle, state: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What the person said, per phase in cycle order: [(phase_id, phase_label, [(slot_label, text)])]."""
    return [(p.id, p.label, [(s.label, state["slots"][s.key]) for s in p.slots if s.key in state["slots"]])
            for p in cycle.phases]

