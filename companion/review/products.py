"""Products as typed objects (action plan, advice note, annual plan, learning goal), their templates, and the
offline draft that fills a template from the answers per phase of a reflection cycle.

The templates are `prompts/products/<kind>.<language>.yaml`: the headings (`labels`) and the offline fill
(`offline`), whose {placeholders} are the roles the phases play (see `prompts/products/roles.yaml`), cleaned
into whole sentences (`offline_wording`), plus {theme}, {ideas_text}, {first_idea}, and {idea} / {idea_by} in a
list item that is repeated for every idea the person named. A part in [[double brackets]] is left out when a
role in it was not spoken to.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, Field, StringConstraints

from companion.core.texts.reflection import MONTHS
from companion.llm import prompt_files
from companion.reflection import cycle_state, cycles
from companion.review import offline_wording

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
ROLES = ("situation", "involved", "reflection", "insight", "options", "trial", "success")


class Action(BaseModel):
    """One concrete action of an action plan."""

    what: Text = Field(description="What will be done, concretely and observably.")
    who: Short = Field(description="Who does it (a role, e.g. 'ik', 'mijn leidinggevende'), never a name.")
    by_when: Short = Field(description="By when it is done: a date (YYYY-MM-DD) or a clear moment.")


class ActionPlan(BaseModel):
    """A personal action plan that comes out of a reflection on a work situation."""

    title: Short = Field(description="A short title that names the situation or theme.")
    learning_goal: Text = Field(description="One SMART learning goal: specific, measurable, achievable, "
                                            "relevant and time-bound, in the first person.")
    actions: list[Action] = Field(min_length=1, max_length=12,
                                  description="The actions that lead to the goal: what, who, by when.")
    success_criteria: list[Text] = Field(min_length=1, max_length=10,
                                         description="Observable signs that the goal was reached.")
    support_needed: list[Text] = Field(min_length=1, max_length=10,
                                       description="What the professional needs from the organisation "
                                                   "(time, colleagues, training, a manager's backing).")
    first_step: Text = Field(description="The first small step the professional takes this week.")


class AdviceNote(BaseModel):
    """An advice note to the organisation, grounded in a work situation."""

    title: Short = Field(description="A short title that names the subject of the advice.")
    situation: Text = Field(description="The situation as it happened, factual, roles instead of names.")
    analysis: Text = Field(description="What lies behind it: causes, patterns, what matters to those involved.")
    advice: list[Text] = Field(min_length=1, max_length=10, description="Concrete recommendations to the "
                                                                         "organisation.")
    expected_effect: Text = Field(description="What following the advice is expected to change, and for whom.")
    risks: list[Text] = Field(min_length=1, max_length=10, description="Risks and side effects, and how to "
                                                                        "limit them.")


class QuarterGoals(BaseModel):
    """The goals of one quarter."""

    quarter: Annotated[str, StringConstraints(pattern=r"^Q[1-4]$")] = Field(description="Q1, Q2, Q3 or Q4.")
    goals: list[Text] = Field(min_length=1, max_length=8, description="What the team wants to reach this quarter.")


class Activity(BaseModel):
    """One activity of an annual plan."""

    what: Text = Field(description="The activity.")
    owner: Short = Field(description="Who is responsible (a role), never a name.")
    when: Short = Field(description="When it takes place (a quarter, a month or a date).")


class AnnualPlan(BaseModel):
    """A team's plan for a year of workplace learning."""

    title: Short = Field(description="A short title, e.g. 'Jaarplan werkplekleren 2027'.")
    team: Short = Field(description="The team the plan is for.")
    year: int = Field(ge=2000, le=2100, description="The year the plan covers.")
    quarters: list[QuarterGoals] = Field(min_length=1, max_length=4, description="Goals per quarter.")
    activities: list[Activity] = Field(min_length=1, max_length=24, description="Activities with owner and "
                                                                                 "timing.")
    resources: list[Text] = Field(min_length=1, max_length=12, description="Time, budget, people and materials "
                                                                            "the plan needs.")
    progress_check: Text = Field(description="How and when the team checks its progress, and who does it.")


class LearningGoal(BaseModel):
    """A proposed learning goal for the professional's portfolio."""

    title: Short = Field(description="A short title of the goal.")
    goal: Text = Field(description="The goal, SMART and in the first person.")
    why: Text = Field(description="Why this goal matters, in the professional's own experience.")
    success_criteria: list[Text] = Field(min_length=1, max_length=10, description="How progress will show.")
    by_when: Short = Field(description="By when the goal is reached: a date (YYYY-MM-DD).")


PRODUCT_TYPES: dict[str, type[BaseModel]] = {
    "action_plan": ActionPlan, "advice_note": AdviceNote, "annual_plan": AnnualPlan, "learning_goal": LearningGoal,
}
PRODUCT_KINDS = tuple(PRODUCT_TYPES)


@lru_cache(maxsize=32)
def template(prompts_dir: Path, kind: str, language: str) -> dict[str, Any]:
    """prompts/products/<kind>.<language>.yaml (Dutch if missing), with its version."""
    path = prompts_dir / "products" / f"{kind}.{language}.yaml"
    if not path.exists():
        path = prompts_dir / "products" / f"{kind}.nl.yaml"
    raw = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    data["version"] = f"{path.stem}@{hashlib.sha256(raw.encode()).hexdigest()[:8]}"
    return data


def product_name(prompts_dir: Path, kind: str, language: str) -> str:
    return template(prompts_dir, kind, language)["name"] if kind in PRODUCT_TYPES else kind


# --- rendering ----------------------------------------------------------------------------------------------

_DEFAULT_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


def render(kind: str, payload: dict[str, Any], language: str, prompts_dir: Path | None = None) -> str:
    """The product as Markdown under the headings of its template (without the title)."""
    labels = template(prompts_dir or _DEFAULT_PROMPTS, kind, language)["labels"]
    lines: list[str] = []

    def section(key: str, body: list[str]) -> None:
        lines.extend([f"## {labels[key]}", "", *body, ""])

    def bullets(items: list[str]) -> list[str]:
        return [f"- {item}" for item in items]

    p = payload
    if kind == "action_plan":
        section("learning_goal", [p["learning_goal"]])
        section("actions", [f"- **{a['what']}** — {labels['who']}: {a['who']}; {labels['by_when']}: {a['by_when']}"
                            for a in p["actions"]])
        section("success_criteria", bullets(p["success_criteria"]))
        section("support_needed", bullets(p["support_needed"]))
        section("first_step", [p["first_step"]])
    elif kind == "advice_note":
        section("situation", [p["situation"]])
        section("analysis", [p["analysis"]])
        section("advice", bullets(p["advice"]))
        section("expected_effect", [p["expected_effect"]])
        section("risks", bullets(p["risks"]))
    elif kind == "annual_plan":
        lines.extend([f"**{labels['team']}:** {p['team']} · **{labels['year']}:** {p['year']}", ""])
        section("quarters", [f"- **{q['quarter']}**: " + "; ".join(q["goals"]) for q in p["quarters"]])
        section("activities", [f"- **{a['what']}** — {labels['owner']}: {a['owner']}; {labels['when']}: {a['when']}"
                               for a in p["activities"]])
        section("resources", bullets(p["resources"]))
        section("progress_check", [p["progress_check"]])
    elif kind == "learning_goal":
        section("goal", [p["goal"]])
        section("why", [p["why"]])
        section("success_criteria", bullets(p["success_criteria"]))
        section("by_when", [p["by_when"]])
    return "\n".join(lines).strip()



# --- offline drafting ---------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _roles_map(prompts_dir: Path) -> dict[str, dict[str, list[str]]]:
    return yaml.safe_load((prompts_dir / "products" / "roles.yaml").read_text(encoding="utf-8"))["cycles"]


def _positional_roles(phase_ids: list[str]) -> dict[str, list[str]]:
    """For a cycle without a mapping: first phase the situation, last the trial, the rest in order between."""
    first, last, middle = phase_ids[:1], phase_ids[-1:], phase_ids[1:-1] or phase_ids[:1]
    half = max(1, len(middle) // 2)
    return {"situation": first, "involved": first, "reflection": middle[:half], "insight": middle[half:] or middle,
            "options": middle[-1:], "trial": last, "success": []}


def answers_by_role(prompts_dir: Path, cycle_id: str, language: str, state: dict[str, Any]) -> dict[str, str]:
    """What the person said, gathered per role (situation, reflection, insight, options, trial, involved)."""
    cycle = cycles.load_cycle(prompts_dir, cycle_id, language)
    slots = state.get("slots") or {}
    last_round = (state.get("history") or [{}])[-1]
    if len(last_round) > len(slots):  # a new round was just begun after the closing: draft from the full one
        state = {**state, "slots": last_round}
    said_per_phase = cycle_state.answers_by_phase(cycle, state)
    by_phase = {pid: [text for _label, text in said] for pid, _plabel, said in said_per_phase}
    ids = list(by_phase)
    mapping = {**_positional_roles(ids), **{k: v for k, v in _roles_map(prompts_dir).get(cycle_id, {}).items()}}
    out = {}
    for role in ROLES:
        keys = mapping.get(role, [])
        texts = [t for key in keys for t in (by_phase.get(key, []) if "." not in key else
                                             [state["slots"].get(key, "")]) if t]
        out[role] = " ".join(dict.fromkeys(texts))  # keep order, drop repeats
    return out


_OPTIONAL = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


def _fill_text(text: str, values: dict[str, Any], empty: set[str]) -> str:
    """Fill placeholders; an optional part [[...]] that needs a role nobody spoke to is left out."""
    text = _OPTIONAL.sub(lambda m: "" if prompt_files.placeholders(m.group(1)) & empty else m.group(1), text)
    filled = " ".join(prompt_files.render(text, **values).split())
    return filled.replace(f"“{values['missing']}”", values["missing"])  # a gap is no quote of the person


def _needs(value: Any) -> set[str]:
    if isinstance(value, str):
        return prompt_files.placeholders(_OPTIONAL.sub("", value))
    if isinstance(value, dict):
        return set().union(*(_needs(v) for v in value.values())) if value else set()
    return set()


def _fill(value: Any, values: dict[str, Any], empty: set[str]) -> Any:
    """Fill a template: a list item that needs a role nobody spoke to is left out (if others remain), and an item
    with {idea} is repeated for every idea the person named (the first with {idea_by} = a week, later a month)."""
    if isinstance(value, str):
        return _fill_text(value, values, empty)
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if "idea" in _needs(item):
                for n, idea in enumerate(values["ideas"]):
                    each = {**values, "idea": idea, "idea_by": values["week"] if n == 0 else values["month"]}
                    out.append(_fill(item, each, empty))
            elif not (_needs(item) & empty):
                out.append(_fill(item, values, empty))
        if not out and value:  # nothing said for any item: the first one, marked as still to be discussed
            out = [_fill(value[0], {**values, "idea": values["missing"], "idea_by": values["week"]}, set())]
        return out
    if isinstance(value, dict):
        return {k: _fill(v, values, empty) for k, v in value.items()}
    return value


def long_date(day: date, language: str) -> str:
    """"8 januari 2027" / "8 January 2027": how a plan names its deadlines."""
    return f"{day.day} {MONTHS.get(language, MONTHS['nl'])[day.month - 1]} {day.year}"


def offline_draft(prompts_dir: Path, kind: str, language: str, roles: dict[str, str], *, team: str = "",
                  situations: list[str] = (), today: date | None = None) -> BaseModel:
    """Fill the product's template from the answers per role, as clean sentences and with every idea named;
    nothing is invented beyond the template, and what nobody spoke to is marked for the expert."""
    tpl = template(prompts_dir, kind, language)
    today = today or date.today()
    missing = tpl["missing"]
    said = {role: offline_wording.as_text(roles.get(role)) for role in ROLES}
    values: dict[str, Any] = {role: (said[role] or missing) for role in ROLES}
    named = offline_wording.ideas(roles.get("trial"), roles.get("options"))  # what they will try leads
    values.update(missing=missing, ideas=named, first_idea=named[0] if named else missing,
                  ideas_text=" ".join(named) or missing,
                  theme=offline_wording.theme(roles.get("situation")) or missing)
    values["earlier"] = "; ".join(situations) if situations else tpl.get("no_earlier", "")
    values["team"] = team or tpl.get("no_team", "")
    values["year"] = today.year + (1 if today.month >= 10 else 0)
    for name, days in (("week", 7), ("month", 30), ("six_weeks", 42), ("quarter", 91)):
        values[name] = long_date(today + timedelta(days=days), language)
    empty = {role for role in ROLES if not said[role]}
    if not named:
        empty |= {"idea", "first_idea", "ideas_text"}
    data = _fill(tpl["offline"], values, empty)
    if kind == "annual_plan":
        data["year"] = int(values["year"])
    return PRODUCT_TYPES[kind].model_validate(data)
