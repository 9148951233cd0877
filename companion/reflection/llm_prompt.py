"""What the language model is sent: a system prompt steered by the same turn plan as the offline guide, the
retrieved context as inert data, and the trimmed history.

The system prompt is the one of the message's language, and carries the phase with what is captured and what
is still missing, the rules for direct requests, and what this turn must do (answer a request, adapt to "I don't
know", say that the phase changes, name an earlier situation).
"""

from __future__ import annotations

import html
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from companion.core.principal import Principal
from companion.llm import prompt_files, token_count
from companion.reflection import cycle_state, question_menu, turn_plan, wording
from companion.reflection.cycles import Cycle
from companion.reflection.turn_plan import Plan
from companion.retrieval.scoped_index import Hit, clip


def context_block(hits: list[Hit], budget: int) -> str:
    """Retrieved items as delimited, escaped data: never instructions."""
    items, used = [], 0
    for h in hits:
        body = token_count.truncate(h.text or h.snippet, 300)
        piece = (f'<item id="{html.escape(h.id)}" kind="{h.kind}" title="{html.escape(h.title)}"'
                 f'{" date=" + chr(34) + str(h.meta.get("created")) + chr(34) if h.meta.get("created") else ""}>'
                 f"{html.escape(body)}</item>")
        cost = token_count.count(piece)
        if used + cost > budget:
            break
        items.append(piece)
        used += cost
    return "<context>\n" + "\n".join(items) + "\n</context>"


def captured_text(cycle: Cycle, state: dict[str, Any], limit: int = 240) -> str:
    """What the person said so far, per phase and slot, as short lines the model can refer back to."""
    lines = [f"- {phase_label} / {slot_label}: {clip(text.replace(chr(10), ' '), limit)}"
             for _, phase_label, answers in cycle_state.answers_by_phase(cycle, state) for slot_label, text in answers]
    return "\n".join(lines) or "-"


def missing_text(cycle: Cycle, state: dict[str, Any]) -> str:
    """The slots of the current phase that were not said yet."""
    labels = [s.label for s in cycle.phase(state["phase"]).slots if s.key not in state["slots"]]
    return "; ".join(labels) or "-"


def turn_guidance(cycle: Cycle, state: dict[str, Any], plan: Plan, name: str) -> str:
    """What this turn must do, as bullet lines: the same decisions the offline guide made."""
    texts = cycle.texts["model_turn"]
    lines = []
    if plan.intent == "request":
        lines.append(prompt_files.render(texts["request"], name=name, request=plan.request))
        if plan.knowledge:
            lines.append(prompt_files.render(texts["request_knowledge"], title=plan.knowledge["title"]))
        options = state["slots"].get(cycle.options_slot)
        if options:
            lines.append(prompt_files.render(texts["request_options"], name=name, options=clip(options, 200)))
    elif plan.intent in ("dont_know", "skip", "not_helping", "stop"):
        lines.append(prompt_files.render(texts[plan.intent], name=name))
    else:
        lines.append(prompt_files.render(texts["answer"], name=name))
    if plan.move:  # the label is for the model; what it says is plain words, like the phase's bridge
        lines.append(prompt_files.render(texts["move"], name=name, phase=cycle.phase(state["phase"]).label,
                                         bridge=wording.bridge(cycle, state["phase"])))
        left = next((p for p in reversed(plan.moved) if wording.summary(cycle, state, p)), None)
        if left:  # only when there is something to condense: never the message just sent
            lines.append(prompt_files.render(texts["move_summary"], name=name,
                                             summary=wording.summary(cycle, state, left)))
    if plan.pattern:
        date = question_menu.format_date(plan.pattern.get("created") or "2026-01-01", cycle.language)
        lines.append(prompt_files.render(texts["pattern"], name=name, title=plan.pattern["title"], date=date))
    return "\n".join(f"- {line}" for line in lines)


def system_prompt(settings, me: Principal, cycle: Cycle, state: dict[str, Any], plan: Plan) -> str:
    language = cycle.language
    if plan.closing:
        return prompt_files.render(prompt_files.text(settings.prompts_dir, "closing", language),
                                   name=me.display_name, cycle=cycle.name)
    phase = cycle.phase(state["phase"])
    phase_prompt = prompt_files.render(
        prompt_files.phase(settings.prompts_dir, cycle.id, phase.id, language), name=me.display_name,
        phase=phase.label, goal=phase.goal, slot=plan.slot.label if plan.slot else "-", question=plan.question,
        captured=captured_text(cycle, state), missing=missing_text(cycle, state))
    return prompt_files.render(prompt_files.text(settings.prompts_dir, "system", language), name=me.display_name,
                               cycle=cycle.name, phase_prompt=phase_prompt.strip(),
                               turn=turn_guidance(cycle, state, plan, me.display_name))


def build_llm_messages(settings, me: Principal, cycle: Cycle, state: dict[str, Any], hits: list[Hit], history,
                       text: str, plan: Plan | None = None) -> list[BaseMessage]:
    """System prompt steered by the turn plan, the context as data, and the trimmed history."""
    if plan is None:  # no plan made yet for this message: make it now, as the guide would
        plan = turn_plan.make(cycle, state, text, [], [])
    system = system_prompt(settings, me, cycle, state, plan)
    budget = settings.context_tokens
    context = context_block(hits, budget // 3)
    remaining = budget - token_count.count(system) - token_count.count(context)
    turns = token_count.fit_history(history + [("user", text)], max(remaining, 200))
    messages: list[BaseMessage] = [SystemMessage(system), SystemMessage(context)]
    for role, body in turns:
        messages.append(HumanMessage(body) if role == "user" else AIMessage(body))
    return messages
