"""What the companion does with one message, decided once for the offline guide and the language model alike.

The plan answers what was asked first (a request for advice, "I don't know", "skip", "this is not helping",
"can we stop"), acknowledges what was said in a way that fits it, says in one sentence when the conversation
moves to a next phase, and ends with exactly one question: an earlier similar situation by name where the
cycle looks for a pattern, else the next question from the phase's menu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from companion.llm import prompt_files
from companion.reflection import intents, question_menu, wording
from companion.reflection.cycles import Cycle, Slot
from companion.reflection.wording import pick


@dataclass
class Plan:
    intent: str | None = None
    request: str = ""  # the person's request in their own words
    parts: list[str] = field(default_factory=list)  # said before the question: acknowledgement, answer, move
    question: str = ""  # the one question of the reply ("" only at the closing)
    slot: Slot | None = None  # the slot the question is about
    moved: list[str] = field(default_factory=list)  # phases the conversation moved past in this turn
    move: str = ""  # the sentence that says so
    pattern: dict[str, Any] | None = None  # the earlier situation named
    knowledge: dict[str, Any] | None = None  # the knowledge document offered for a request
    closing: bool = False

    def text(self) -> str:
        return " ".join(p for p in [*self.parts, self.question] if p)


def _no_question(text: str) -> str:
    return re.sub(r"\s*\?+", "", text or "").strip()


def closing(cycle: Cycle, state: dict[str, Any]) -> str:
    text = cycle.texts["closing"]
    if question_menu.low_on_questions(cycle, state):
        text = f"{text} {cycle.texts['closing_exhausted']}"
    return text


def pattern_question(cycle: Cycle, state: dict[str, Any], similar: list[dict[str, Any]]) -> tuple[str, dict] | None:
    """At the cycle's pattern phase (or right after, when the person jumped past it), once per round: an earlier
    similar situation by name, and what is the same and what is different."""
    ids = cycle.phase_ids()
    pattern_phase = ids.index(cycle.pattern_slot.split(".")[0]) if cycle.pattern_slot else 0
    if not pattern_due(cycle, state, similar) or ids.index(state["phase"]) < pattern_phase:
        return None  # at the pattern phase, or just after it when the person jumped past it
    hit = next(s for s in similar if s["id"] not in state["referenced"])
    state["referenced"].append(hit["id"])
    state["asked"].append(f"{cycle.pattern_slot}.pattern.{state['round']}")
    phase = cycle.phase(state["phase"])
    open_slots = [s.key for s in phase.slots if s.key not in state["slots"]]
    state["pending"] = cycle.pattern_slot if cycle.pattern_slot in open_slots else (open_slots or [None])[0]
    text = prompt_files.render(pick(cycle.texts["pattern"], state, "pattern"), title=_no_question(hit["title"]),
                               date=question_menu.format_date(hit.get("created") or "2026-01-01", cycle.language))
    return text, hit


def pattern_due(cycle: Cycle, state: dict[str, Any], similar: list[dict[str, Any]]) -> bool:
    """An earlier similar situation is still to be named in this round."""
    fresh = [s for s in similar if s["id"] not in state.get("referenced", [])]
    return bool(cycle.pattern_slot and fresh
                and f"{cycle.pattern_slot}.pattern.{state.get('round', 1)}" not in state.get("asked", []))


def _request(cycle: Cycle, state: dict[str, Any], plan: Plan, knowledge: dict[str, Any] | None,
             ask: bool = True) -> bool:
    """Heard, why their own options come first, what the knowledge base holds; True when the question is set."""
    texts = cycle.texts
    options = state["slots"].get(cycle.options_slot)
    plan.parts.append(pick(texts["request_heard"], state, "heard"))
    if not options:  # once they named options of their own, those are the answer to why
        plan.parts.append(pick(texts["request_why"], state, "why"))
    if knowledge:
        plan.knowledge = knowledge
        plan.parts.append(prompt_files.render(pick(texts["request_knowledge"], state, "knowledge"),
                                              title=_no_question(knowledge["title"])))
    if options:  # their own options are there: offer to make a plan of the one they choose
        said = wording.say_back(options, cycle.language, limit=20) or _no_question(options.split("\n")[0])
        plan.parts.append(prompt_files.render(pick(texts["request_options"], state, "options"), options=said))
        phase = cycle.phase(cycle.options_slot.split(".")[0])
        follow = [s for s in phase.slots if s.key not in state["slots"] and s.key not in state["skipped"]]
        chosen = question_menu.ask_about(follow[0], state) if ask and follow else None
        if chosen:  # stay with their options: which one they choose
            plan.slot, plan.question = chosen
            return True
        return False
    if not ask:
        return False
    plan.question = pick(texts["request_question"], state, "ask_options")
    plan.slot = cycle.slot(cycle.options_slot)
    state["pending"] = cycle.options_slot
    return True


def make(cycle: Cycle, state: dict[str, Any], message: str, completed: list[str],
         similar: list[dict[str, Any]], knowledge: dict[str, Any] | None = None) -> Plan:
    """The plan of the turn after `cycle_state.observe`; it records the question it asks in `state`."""
    plan = Plan(intent=state.get("intent"), moved=list(completed))
    texts = cycle.texts
    intent = plan.intent
    if intent == "request":
        plan.request = intents.read(message, cycle.intents, cycle.non_answers).request
    if intent == "stop":
        state["pending"] = None
        plan.parts, plan.question = [texts["stop"]], texts["stop_question"]
        return plan
    if state.get("finished"):
        if intent == "request":  # still heard after the closing, which then asks its one question
            _request(cycle, state, plan, knowledge, ask=False)
        plan.closing = True
        plan.parts.append(closing(cycle, state))
        return plan
    if intent == "request":
        if _request(cycle, state, plan, knowledge):
            return plan
    elif intent in ("dont_know", "skip"):
        plan.parts.append(pick(texts[intent], state, intent))
    elif intent == "not_helping":
        plan.parts.append(pick(texts["not_helping"], state, "not_helping"))
        if not completed:  # nowhere further to go: ask what would help instead
            state["pending"] = None
            plan.question = texts["not_helping_question"]
            return plan
    else:
        if intents.doubts(message):  # "weet ik niet precies, ..." and then something after all
            plan.parts.append(pick(texts["dont_know_partly"], state, "partly"))
        kinds = {cycle.slot(k).kind for k in state.get("filled", []) if cycle.slot(k)}
        content = message if intent is None else ""
        ack = wording.acknowledgement(cycle, state, content, kinds, reflect=not completed)
        if ack:
            plan.parts.append(ack)
    return _question(cycle, state, plan, completed, similar)


def _heard(cycle: Cycle, state: dict[str, Any], move: str) -> str:
    """A short "heard" that does not say a word of the move again."""
    options = cycle.texts["acknowledge_move"]
    for _ in options:
        said = pick(options, state, "heard_move")
        if not wording.repeats(said, move, cycle):
            return said
    return said


def _question(cycle: Cycle, state: dict[str, Any], plan: Plan, completed: list[str],
              similar: list[dict[str, Any]]) -> Plan:
    if completed:
        left = next((p for p in reversed(completed) if wording.summary(cycle, state, p)), completed[-1])
        answered = plan.intent is None and bool(state.get("filled"))  # content was said: it gets a response
        summaries = len(state.get("summaries", []))
        plan.move = wording.phase_move(cycle, state, left, opens=not plan.parts and not answered)
        if plan.parts and plan.intent is None and wording.repeats(plan.parts[-1], plan.move, cycle):
            plan.parts.pop()  # the summary already names the feeling: saying it twice sounds like a form
        if answered and not plan.parts and len(state.get("summaries", [])) == summaries:
            plan.parts.append(_heard(cycle, state, plan.move))  # no summary: a short "heard" before moving on
        if plan.intent != "request":  # an answer to a request is long enough: the next question shows the step
            plan.parts.append(plan.move)
    found = pattern_question(cycle, state, similar)
    if found:
        plan.question, plan.pattern = found
        return plan
    exhausted_before = len(state.get("exhausted", []))
    phase_before = state["phase"]
    chosen = question_menu.next_question(cycle, state)
    ran_out = state.get("exhausted", [])[exhausted_before:]
    if ran_out:  # say plainly why a slot is passed by, instead of asking the same thing again
        labels = ", ".join(f"‘{cycle.slot(k).label.lower()}’" for k in ran_out)
        plan.parts.append(prompt_files.render(cycle.texts["exhausted"], slot=labels))
    if chosen is None:
        plan.closing = True
        plan.parts.append(closing(cycle, state))
        return plan
    if state["phase"] != phase_before and not completed:
        plan.move = wording.phase_move(cycle, state, phase_before, opens=not plan.parts)
        plan.parts.append(plan.move)
    plan.slot, plan.question = chosen
    return plan
