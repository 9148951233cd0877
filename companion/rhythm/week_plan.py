"""Preparing a week plan from last week's reflection and the agreement's goals: templates, or the LLM.

The offline templates always work; the LLM only rewords them when asked and falls back to them on any error.
A plan builds on last week only when last week was reflected on; after an empty week it starts fresh.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core.texts.rhythm import WEEK_PLAN_TEMPLATES
from companion.models import AgreementVersion, LearningAgreement, WeekCycle
from companion.rhythm.iso_weeks import shift
from companion.rhythm.week_store import find_week

log = logging.getLogger(__name__)
MAX_SNIPPET = 200


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SNIPPET else text[:MAX_SNIPPET].rsplit(" ", 1)[0] + "…"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def agreement_goal(session: Session, person_id: int) -> str:
    """The first goal of the agreement in force (both sides agreed), or ''."""
    agreement = session.scalar(select(LearningAgreement).where(LearningAgreement.person_id == person_id))
    if agreement is None or agreement.agreed_version is None:
        return ""
    version = session.scalar(select(AgreementVersion).where(AgreementVersion.agreement_id == agreement.id,
                                                            AgreementVersion.number == agreement.agreed_version))
    for line in (version.goals if version else "").splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        if line:
            return _snippet(line)
    return ""


def _previous_week(session: Session, person_id: int, target: tuple[int, int]) -> WeekCycle | None:
    return find_week(session, person_id, *shift(*target, -1))


def prepare(session: Session, person_id: int, target: tuple[int, int], language: str) -> dict[str, Any]:
    """A proposed focus and experiment for week `target`, with what it was based on."""
    t = WEEK_PLAN_TEMPLATES.get(language, WEEK_PLAN_TEMPLATES["nl"])
    prev = _previous_week(session, person_id, target)
    goal = agreement_goal(session, person_id)
    if prev is not None and prev.reflected_at and prev.next_step.strip():
        next_step = _snippet(prev.next_step.strip())
        if prev.experiment_outcome == "not_tried" and prev.experiment.strip():
            experiment = t["experiment_retry"].format(experiment_lower=_lower_first(_snippet(prev.experiment)))
        else:
            experiment = t["experiment_from_next"].format(next_step_lower=_lower_first(next_step).rstrip(".!"))
        based_on = ["reflection"] + (["agreement"] if goal else [])
        return {"focus": t["focus_from_next"].format(next_step=next_step), "experiment": experiment,
                "source": "template", "based_on": based_on, "goal": goal}
    if goal:
        return {"focus": t["focus_from_goal"].format(goal=goal), "experiment": t["experiment_from_goal"],
                "source": "template", "based_on": ["agreement"], "goal": goal}
    return {"focus": t["focus_fresh"], "experiment": t["experiment_fresh"], "source": "template",
            "based_on": ["fresh"], "goal": ""}


def _parse(reply: str) -> tuple[str, str] | None:
    focus = re.search(r"^\s*\**focus\**\s*:\s*(.+)$", reply, re.I | re.M)
    experiment = re.search(r"^\s*\**experiment\**\s*:\s*(.+)$", reply, re.I | re.M)
    if not focus or not experiment:
        return None
    return focus.group(1).strip()[:1000], experiment.group(1).strip()[:1000]


def prepare_with_llm(session: Session, model: BaseChatModel | None, person_id: int, target: tuple[int, int],
                     language: str) -> dict[str, Any]:
    """The template plan reworded by the LLM; the template itself when there is no model or it fails."""
    plan = prepare(session, person_id, target, language)
    if model is None:
        return plan
    t = WEEK_PLAN_TEMPLATES.get(language, WEEK_PLAN_TEMPLATES["nl"])
    prev = _previous_week(session, person_id, target)
    context = [f"Draft focus: {plan['focus']}", f"Draft experiment: {plan['experiment']}"]
    if plan["goal"]:
        context.append(f"Agreed learning goal: {plan['goal']}")
    if prev is not None and prev.reflected_at and "reflection" in plan["based_on"]:
        context += [f"Last week learned: {_snippet(prev.learned)}", f"Next step they chose: {_snippet(prev.next_step)}"]
    try:  # the reflection text is data, not instructions: it goes in the human turn, never the system prompt
        reply = model.invoke([SystemMessage(t["system"]), HumanMessage("\n".join(context))])
        parsed = _parse(str(reply.content))
    except Exception as exc:  # noqa: BLE001 - any model failure falls back to the offline plan
        log.warning("week plan by LLM failed, using the template: %s", exc)
        return plan
    if parsed is None:
        return plan
    return {**plan, "focus": parsed[0], "experiment": parsed[1], "source": "llm"}
