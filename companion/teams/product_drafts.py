"""The offline draft of a team product from a session: every field filled from the phase whose contributions it is
about, in the members' own words with who said them, around the sentences of `prompts/products/team_session.<lang>
.yaml`. Nothing is invented: a field nobody spoke to is marked for the team and their expert to complete.

- advice note: the case and what its owner added in the question round; the analysis as short attributed points; the
  advice, the chosen first; what the case owner chooses and the follow-up agreement as the expected effect;
- action plan: the case owner's choice as the goal; the chosen advice and the agreement as actions, with who and
  when where someone said so ("nog af te spreken" otherwise);
- annual plan: the choice and the agreement as quarter goals, the chosen advice as activities.

`material` reads a session into what these need (former members and erased words as the rest of the teams area
shows them); `draft` fills and validates the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from sqlalchemy.orm import Session

from companion.core.texts.teams import FORMER_MEMBER
from companion.models import TeamSession
from companion.review import offline_wording, products
from companion.teams import access, flow, sessions

SHORT = 320  # an attributed point: whole sentences up to about this many characters
FIELD = 3900  # below the products' 4000-character limit per text
MAX_ITEMS = 10  # a product's lists hold at most ten points

_UNITS = {"dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30,
          "day": 1, "days": 1, "weeks": 7, "month": 30, "months": 30}
_NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "acht": 8, "tien": 10,
            "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10}
_COUNT = r"(\d{1,2}|" + "|".join(_NUMBERS) + r")\s+(" + "|".join(_UNITS) + r")"
_RELATIVE = re.compile(r"\b(?:over|binnen|in|within)\s+" + _COUNT + r"\b", re.IGNORECASE)
_DATE = re.compile(r"(?:vóór|voor|uiterlijk|by) \d", re.IGNORECASE)
# the moments people name in Dutch and English; the first one in a contribution is its "when"
_WHEN = re.compile(r"\b(?:(?:over|binnen|in|within)\s+" + _COUNT + r"|volgende week|deze week|vandaag|morgen|"
                   r"(?:in|bij) (?:het|de) (?:volgende )?(?:teamoverleg|intervisie|werkoverleg)|"
                   r"(?:vóór|voor|uiterlijk) \d{1,2} \w+|next week|this week|today|tomorrow|"
                   r"at the (?:next )?(?:team meeting|session)|by \d{1,2} \w+)\b", re.IGNORECASE)


@dataclass
class Said:
    """One contribution as the draft quotes it: who said it (their name, or 'oud-teamlid'), what, and when."""

    id: int
    kind: str
    name: str
    text: str
    at: date
    refs: list[int] = field(default_factory=list)


@dataclass
class Material:
    """What a session gives a product: its case and owner, and what was said per kind, in order."""

    case_title: str
    case_text: str
    owner: str
    team: str
    said: list[Said]
    agreement: str
    names: list[str]

    def of(self, *kinds: str) -> list[Said]:
        return [s for s in self.said if s.kind in kinds]

    def chosen_ids(self) -> list[int]:
        return [r for s in self.of("choice") for r in s.refs]


@lru_cache(maxsize=4)
def words(prompts_dir: Path, language: str) -> dict[str, Any]:
    """prompts/products/team_session.<language>.yaml (Dutch if missing)."""
    path = Path(prompts_dir) / "products" / f"team_session.{language}.yaml"
    if not path.exists():
        path, language = Path(prompts_dir) / "products" / "team_session.nl.yaml", "nl"
    return {**yaml.safe_load(path.read_text(encoding="utf-8")), "language": language}


def short(text: str, limit: int = SHORT) -> str:
    """The contribution as clean whole sentences, as many as fit in `limit` (the first one cut at a word if long)."""
    out = ""
    for sentence in offline_wording.sentences(text):
        if out and len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return out


def _fit(parts: list[str], limit: int = FIELD) -> str:
    """Lines joined until the field is full: a point that does not fit is left out whole, never cut."""
    out: list[str] = []
    for part in parts:
        if sum(len(p) + 1 for p in out) + len(part) > limit:
            break
        out.append(part)
    return "\n".join(out)


def when(text: str, at: date, w: dict[str, Any]) -> str:
    """The moment named in the contribution ("volgende week", "over vier weken (rond 9 januari 2027)"), or the
    template's 'nog af te spreken' when nobody named one."""
    found = [f.group(0) for f in _WHEN.finditer(text)]
    if not found:
        return w["not_agreed"]
    # a deadline ("over vier weken") says more than a place ("in het teamoverleg"): it leads when both are named
    phrase = next((f for f in found if _RELATIVE.fullmatch(f) or _DATE.match(f)), found[0])
    relative = _RELATIVE.fullmatch(phrase)
    if relative:
        count = int(relative.group(1)) if relative.group(1).isdigit() else _NUMBERS[relative.group(1).lower()]
        day = at + timedelta(days=count * _UNITS[relative.group(2).lower()])
        return w["around"].format(when=phrase, date=products.long_date(day, w["language"]))
    return phrase


def who(s: Said, m: Material, w: dict[str, Any]) -> str:
    """Who does it: a member named at the start ("Anne brengt…"), the speaker for "ik", the team for "we", else the
    case owner, who chose to act on it."""
    first = (s.text.split() or [""])[0].strip(",.:").lower()
    for name in m.names:
        if name and first in {name.lower(), name.split()[0].lower()}:
            return name
    if s.kind in ("agreement", "choice", "harvest") and first in ("ik", "i"):
        return s.name
    if first in ("we", "wij", "samen", "together"):
        return w["team_word"]
    return m.owner


def _advice_points(m: Material, w: dict[str, Any]) -> list[str]:
    chosen = set(m.chosen_ids())
    advice = sorted(m.of("advice"), key=lambda s: s.id not in chosen)  # the chosen first, each in its order
    return [(w["chosen_by"] if s.id in chosen else w["said_by"]).format(name=s.name, owner=m.owner,
                                                                         text=short(s.text)) for s in advice]


def _choices(m: Material) -> str:
    return " ".join(offline_wording.as_text(s.text) for s in m.of("choice", "harvest")).strip()


def advice_note(m: Material, w: dict[str, Any]) -> dict[str, Any]:
    n = w["advice_note"]
    answers = [f"- {short(s.text)}" for s in m.of("answer") if short(s.text)]
    situation = [m.case_text.strip(), "", n["brought_in"].format(owner=m.owner)]
    if answers:
        situation += ["", n["answers"].format(owner=m.owner), *answers]
    analysis = [f"- {w['said_by'].format(name=s.name, text=short(s.text))}" for s in m.of("analysis")
                if short(s.text)]
    effect = []
    if _choices(m):
        effect.append(n["choice"].format(owner=m.owner, text=_choices(m)))
    if m.agreement:
        effect.append(n["agreement"].format(text=offline_wording.as_text(m.agreement) or m.agreement))
    if effect:
        effect.append(n["follow_up"])
    return {"title": n["title"].format(case=m.case_title),
            "situation": _fit(situation) if m.case_text.strip() else w["missing"],
            "analysis": _fit([n["analysis"], *analysis]) if analysis else w["missing"],
            "advice": _advice_points(m, w)[:MAX_ITEMS] or [w["missing"]],
            "expected_effect": " ".join(effect) or w["missing"],
            "risks": list(n["risks"])}


def _actions(m: Material, w: dict[str, Any]) -> list[dict[str, str]]:
    """The chosen advice (or, if none was ticked, the owner's own choice) and the follow-up agreement."""
    chosen = set(m.chosen_ids())
    picked = [s for s in m.of("advice") if s.id in chosen] or m.of("choice", "harvest")
    if m.agreement:
        picked += [s for s in m.of("agreement") if s.text == m.agreement][-1:]
    return [{"what": short(s.text, 600), "who": who(s, m, w), "by_when": when(s.text, s.at, w)}
            for s in picked if short(s.text)][:MAX_ITEMS]


def action_plan(m: Material, w: dict[str, Any], personal: bool = False) -> dict[str, Any]:
    """The team's action plan; `personal`: the case owner's own, in the first person ("ik" for their name)."""
    p = {**w["action_plan"], **(w["action_plan"]["personal"] if personal else {})}
    me = p["me"] if personal else m.owner
    actions = [{**a, "who": me if a["who"] == m.owner else a["who"]} for a in _actions(m, w)]
    goal = _choices(m) or offline_wording.as_text(m.agreement)
    first = actions[0] if actions else None
    return {"title": p["title"].format(case=m.case_title),
            "learning_goal": p["goal"].format(owner=m.owner, case=m.case_title, text=goal) if goal else w["missing"],
            "actions": actions or [{"what": w["missing"], "who": me, "by_when": w["not_agreed"]}],
            "success_criteria": [c.format(owner=m.owner) for c in p["success_criteria"]],
            "support_needed": list(p["support_needed"]),
            "first_step": (f"{first['what']} ({first['by_when']})" if personal else
                           f"{first['what']} ({first['who']}, {first['by_when']})") if first else w["missing"]}


def annual_plan(m: Material, w: dict[str, Any], year: int) -> dict[str, Any]:
    a = w["annual_plan"]
    q1 = [a["q1"].format(case=m.case_title, owner=m.owner, text=_choices(m))] if _choices(m) else []
    q2 = [a["q2"].format(text=offline_wording.as_text(m.agreement))] if offline_wording.as_text(m.agreement) else []
    quarters = [{"quarter": q, "goals": goals} for q, goals in (("Q1", q1), ("Q2", q2), ("Q3", [a["q3"]]),
                                                                 ("Q4", [a["q4"]])) if goals]
    actions = [{"what": x["what"], "owner": x["who"], "when": x["by_when"]} for x in _actions(m, w)]
    return {"title": a["title"].format(team=m.team, year=year), "team": m.team, "year": year, "quarters": quarters,
            "activities": [dict(a["intervisie"]), *actions[:MAX_ITEMS], dict(a["evaluation"])],
            "resources": list(a["resources"]), "progress_check": a["progress_check"]}


def draft(prompts_dir: Path, kind: str, language: str, m: Material, today: date | datetime,
          personal: bool = False) -> BaseModel:
    """The product of `kind` from the session's material, validated as its type (`personal`: see action_plan)."""
    w = words(prompts_dir, language)
    if kind == "advice_note":
        data = advice_note(m, w)
    elif kind == "action_plan":
        data = action_plan(m, w, personal)
    else:
        data = annual_plan(m, w, today.year + (1 if today.month >= 10 else 0))  # planned in the autumn: next year
    return products.PRODUCT_TYPES[kind].model_validate(data)


def material(session: Session, ts: TeamSession, team: str, language: str) -> Material:
    """The session as an offline draft quotes it: the case, its owner, and who said what (erased words left out)."""
    current = sessions.current_people(session, ts)
    said = [p for p in flow.said_in_session(session, ts) if not p.erased and p.author_id]
    case = flow.case_of(session, ts)
    names = access.names(session, [p.author_id for p in said] + [ts.case_owner_id or 0] + list(current))
    former = FORMER_MEMBER.get(language, FORMER_MEMBER["nl"])
    name = lambda pid: names.get(pid, former) if pid in current else former  # noqa: E731
    return Material(
        case_title=case.title if case else ts.title, case_text=case.text if case else "",
        owner=name(ts.case_owner_id), team=team, agreement=ts.agreement or "",
        names=sorted({names[i] for i in current if i in names}),
        said=[Said(id=p.id, kind=p.kind, name=name(p.author_id), text=p.text,
                                  at=flow.utc(p.created_at).date(), refs=list(p.refs or [])) for p in said])
