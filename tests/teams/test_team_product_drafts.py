"""The offline draft of a team product: every field from the right phase, the analysis as short attributed points,
who and when only where someone said so, and not one sentence that is not the members' words or the template's."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from companion.demo import teams as demo
from companion.review import offline_wording
from companion.teams import product_drafts
from companion.teams.product_drafts import Material, Said

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
DAY = date(2026, 11, 6)
NAMES = {"anne": "Anne de Vries", "bram": "Bram Jansen", "c1": "Sanne Visser", "c2": "Lars Smit", "eva": "Eva Bakker"}
CASE = ("Overdracht liep uit de hand", "Bij de overdracht praatte iedereen door elkaar; een cliënt kreeg zijn "
        "medicatie te laat.")


def _said(rows: list[tuple[str, str]], kind: str, start: int) -> list[Said]:
    return [Said(id=start + n, kind=kind, name=NAMES[who], text=text, at=DAY) for n, (who, text) in enumerate(rows)]


def incident(chosen: int = 2, agreement: str = demo.AGREEMENT) -> Material:
    """The demo's finished incidentmethode session, as the draft gets it."""
    advice = _said(demo.ADVICE, "advice", 40)
    said = [*_said(demo.QUESTIONS, "question", 10), *_said([("anne", a) for a in demo.ANSWERS], "answer", 20),
            *_said(demo.ANALYSES, "analysis", 30), *advice,
            Said(id=50, kind="choice", name=NAMES["anne"], text=demo.CHOICE, at=DAY,
                 refs=[a.id for a in advice[:chosen]]),
            *_said(demo.EVALUATIONS, "evaluation", 60), *_said([("eva", agreement)], "agreement", 70)]
    return Material(case_title=CASE[0], case_text=CASE[1], owner=NAMES["anne"], team=demo.TEAM, said=said,
                    agreement=agreement, names=sorted(NAMES.values()))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _unexplained(payload: dict[str, Any], m: Material, language: str) -> list[str]:
    """What is left of the draft after taking out the members' sentences, names, and the template's fixed words."""
    words = product_drafts.words(PROMPTS, language)
    ours = {m.case_title, m.case_text, m.owner, m.team, *m.names}
    for s in [*m.said, Said(0, "agreement", "", m.agreement, DAY)]:
        ours |= {*offline_wording.sentences(s.text), offline_wording.as_text(s.text)}
    ours = {x for x in ours if x.strip()}
    fixed = {piece for text in _strings(words) for piece in re.split(r"\{\w+\}", text) if piece.strip()}
    spoken = [s.text for s in m.said]
    left = []
    for text in _strings(payload):
        for piece in sorted(ours, key=len, reverse=True) + sorted(fixed, key=len, reverse=True):
            text = text.replace(piece, "\0")
        text = re.sub(r"\d{1,2} \w+ \d{4}|\b20\d\d\b|Q[1-4]", "\0", text)  # the dates a "when" names, quarters
        # what remains must be a phrase someone said (the moment named in an action: "over vier weken")
        chunks = (c.strip(" \n-:;,.()“”…") for c in text.split("\0"))
        left += [c for c in chunks if c and not any(c in t for t in spoken)]
    return left


@pytest.mark.parametrize("kind", ["advice_note", "action_plan", "annual_plan"])
def test_every_sentence_is_the_members_words_or_the_templates(kind):
    m = incident()
    payload = product_drafts.draft(PROMPTS, kind, "nl", m, DAY).model_dump(mode="json")
    assert _unexplained(payload, m, "nl") == []
    assert "(nog niet besproken" not in str(payload)  # a full session leaves nothing open


def test_the_advice_note_takes_each_field_from_its_phase():
    note = product_drafts.draft(PROMPTS, "advice_note", "nl", incident(), DAY)
    assert note.title == "Adviesnotitie: Overdracht liep uit de hand"
    assert note.situation.startswith(CASE[1]) and "Ingebracht door Anne de Vries." in note.situation
    assert "- Niemand eigenlijk. De teamleider was er wel" in note.situation  # her answers, under the case
    points = [line for line in note.analysis.splitlines() if line.startswith("- ")]
    assert [p.split(":")[0] for p in points] == ["- Bram Jansen", "- Lars Smit", "- Sanne Visser"]
    assert all(len(p) < 400 for p in points) and demo.ANSWERS[0] not in note.analysis  # no run-on of answers
    assert note.advice[0].startswith("Bram Jansen (gekozen door Anne de Vries): Stel in het teamoverleg")
    assert note.advice[2].startswith("Lars Smit: Vraag na afloop")  # not chosen: listed, not marked
    assert note.expected_effect.startswith("Anne de Vries kiest: “Ik kies voor de vaste volgorde")
    assert "Vervolgafspraak: Anne brengt" in note.expected_effect


def test_the_action_plan_has_the_choice_as_goal_and_the_chosen_advice_as_actions():
    plan = product_drafts.draft(PROMPTS, "action_plan", "nl", incident(), DAY)
    assert "Anne de Vries kiest" in plan.learning_goal and "vaste volgorde" in plan.learning_goal
    assert [a.what.split(":")[0] for a in plan.actions] == ["Stel in het teamoverleg een vaste volgorde voor",
                                                             "Spreek per dienst af wie de overdracht leidt, en "
                                                             "wissel dat. Begin zelf, dan is het ijs gebroken.",
                                                             "Anne brengt de vaste volgorde in het teamoverleg in; "
                                                             "over vier weken vertelt ze in de intervisie hoe de "
                                                             "eerste overdrachten gingen."]
    whens = [a.by_when for a in plan.actions]
    assert whens == ["in het teamoverleg", "nog af te spreken", "over vier weken (rond 4 december 2026)"]
    assert {a.who for a in plan.actions} == {"Anne de Vries"}  # she chose them; the agreement names her
    assert plan.first_step.startswith("Stel in het teamoverleg")


def test_without_ticked_advice_the_choice_itself_is_the_action_and_the_annual_plan_follows():
    m = incident(chosen=0, agreement="We bespreken dit volgende week opnieuw.")
    plan = product_drafts.draft(PROMPTS, "action_plan", "nl", m, DAY)
    assert plan.actions[0].what.startswith("Ik kies voor de vaste volgorde") and plan.actions[0].by_when == \
        "volgende week"
    assert plan.actions[-1].who == "het team"
    year = product_drafts.draft(PROMPTS, "annual_plan", "nl", m, DAY)
    assert year.year == 2027 and [q.quarter for q in year.quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert "We komen terug op de vervolgafspraak: We bespreken dit volgende week opnieuw." in year.quarters[1].goals
    assert _unexplained(year.model_dump(mode="json"), m, "nl") == []


def test_a_roddel_session_without_advice_leaves_the_advice_open_in_english():
    said = [Said(1, "analysis", "Bram", "I think the evening shift has no clear lead.", DAY),
            Said(2, "harvest", "Anne", "I take away that I may speak up. I will propose an order at the next team "
                                       "meeting.", DAY)]
    m = Material(case_title="Handover", case_text="The handover ran late.", owner="Anne", team="North",
                 said=said, agreement="", names=["Anne", "Bram"])
    note = product_drafts.draft(PROMPTS, "advice_note", "en", m, DAY)
    assert note.advice == ["(not discussed yet – complete this with your expert)"]
    assert note.analysis.splitlines()[1] == "- Bram: I think the evening shift has no clear lead."
    plan = product_drafts.draft(PROMPTS, "action_plan", "en", m, DAY)
    assert plan.actions[0].by_when == "at the next team meeting" and plan.actions[0].who == "Anne"
    for payload in (note, plan):
        assert _unexplained(payload.model_dump(mode="json"), m, "en") == []


def test_the_case_owners_own_plan_is_in_the_first_person_with_only_what_she_chose():
    m = incident()
    plan = product_drafts.draft(PROMPTS, "action_plan", "nl", m, DAY, personal=True)
    assert plan.learning_goal.startswith("Na de intervisie over “Overdracht liep uit de hand” kies ik: “Ik kies")
    assert [a.who for a in plan.actions] == ["ik", "ik", "ik"] and len(plan.actions) == 3  # Lars's advice: not hers
    assert plan.success_criteria[1] == "Ik vertel in de volgende intervisie wat de acties hebben opgeleverd."
    assert _unexplained(plan.model_dump(mode="json"), m, "nl") == []
