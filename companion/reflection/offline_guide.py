"""The offline reflection guide: a coach's reply from the question banks, exactly one question per turn.

What it does with a message is planned in `turn_plan` (shared with the language model); which question comes
next is chosen in `question_menu`; how it says things back is in `wording`.
"""

from __future__ import annotations

from typing import Any

from companion.llm import prompt_files
from companion.reflection import turn_plan
from companion.reflection.cycles import Cycle
from companion.reflection.question_menu import (  # noqa: F401 (the guide's public names)
    LOW_ON_QUESTIONS,
    choose_question,
    format_date,
    low_on_questions,
    next_question,
)
from companion.reflection.turn_plan import closing, pattern_question  # noqa: F401


def offline_reply(cycle: Cycle, state: dict[str, Any], message: str, completed: list[str],
                  similar: list[dict[str, Any]], knowledge: dict[str, Any] | None = None) -> str:
    """The guide's turn: what was asked answered, a fitting acknowledgement, a phase change if any, one question."""
    return turn_plan.make(cycle, state, message, completed, similar, knowledge).text()


def back_message(cycle: Cycle, state: dict[str, Any]) -> str:
    """What the guide says after going back to a phase: where we are, and one question about it."""
    intro = prompt_files.render(cycle.texts["back"], phase=cycle.phase(state["phase"]).label)
    chosen = choose_question(cycle, state)
    if chosen is None:  # every question of the phase was asked already: an open invitation instead
        state["reopened"] = state["phase"]
        state["pending"] = cycle.phase(state["phase"]).slots[0].key
        return f"{intro} {prompt_files.render(cycle.texts['revise'], phase=cycle.phase(state['phase']).label)}"
    return f"{intro} {chosen[1]}"
