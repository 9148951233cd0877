"""The methods as state machines: phase order, and who may post what in which phase (with the 409's code)."""

from __future__ import annotations

import pytest

from companion.core.errors import Conflict
from companion.teams import methods
from companion.teams.methods import Poster

MEMBER = Poster(is_member=True, is_expert=False, is_case_owner=False, is_facilitator=False)
OWNER = Poster(is_member=True, is_expert=False, is_case_owner=True, is_facilitator=False)
EXPERT = Poster(is_member=False, is_expert=True, is_case_owner=False, is_facilitator=False)


def _code(method: str, phase: str, kind: str, who: Poster) -> str | None:
    try:
        methods.check_post(methods.get(method), phase, kind, who, "de fase")
    except Conflict as refused:
        return refused.code
    return None


def test_the_incident_method_runs_its_phases_in_order_and_stays_closed():
    m = methods.get("incident")
    assert m.phase_ids() == ["cases", "choose", "questions", "answers", "analysis", "advice", "choice",
                             "evaluation", "closed"]
    assert m.next_phase("advice") == "choice" and m.next_phase("closed") == "closed"
    assert m.is_before("cases", "choose") and not m.is_before("questions", "choose")


def test_every_method_starts_with_cases_or_a_report_and_ends_closed():
    for m in methods.METHODS.values():
        assert m.phase_ids()[-1] == "closed" and "choose" in m.phase_ids()
        assert m.first() == ("report" if m.series else "cases")
        assert all(set(p.posts) <= set(methods.KINDS) for p in m.phases)
    assert methods.get("roddel").asynchronous and methods.get("action_learning").series


@pytest.mark.parametrize(("method", "phase", "kind", "who", "code"), [
    ("incident", "questions", "question", MEMBER, None),
    ("incident", "questions", "advice", MEMBER, "team_no_advice_yet"),
    ("incident", "questions", "question", OWNER, "team_case_owner_listens"),
    ("incident", "questions", "question", EXPERT, "team_members_only"),
    ("incident", "answers", "answer", OWNER, None),
    ("incident", "answers", "answer", MEMBER, "team_case_owner_only"),
    ("incident", "analysis", "analysis", OWNER, "team_case_owner_listens"),
    ("incident", "advice", "advice", MEMBER, None),
    ("incident", "advice", "advice", OWNER, "team_case_owner_listens"),
    ("incident", "choice", "choice", OWNER, None),
    ("incident", "choice", "advice", MEMBER, "team_kind_not_in_phase"),
    ("incident", "evaluation", "evaluation", EXPERT, None),
    ("incident", "evaluation", "agreement", OWNER, None),
    ("incident", "evaluation", "agreement", MEMBER, "team_kind_not_in_phase"),
    ("incident", "cases", "question", MEMBER, "team_phase_no_posts"),
    ("incident", "closed", "evaluation", MEMBER, "team_session_closed"),
    ("roddel", "questions", "answer", OWNER, None),
    ("roddel", "gossip", "analysis", MEMBER, None),
    ("roddel", "gossip", "analysis", OWNER, "team_case_owner_listens"),
    ("roddel", "harvest", "harvest", OWNER, None),
    ("roddel", "harvest", "harvest", MEMBER, "team_case_owner_only"),
    ("action_learning", "report", "report", MEMBER, None),
    ("action_learning", "action", "agreement", OWNER, None),
    ("action_learning", "action", "agreement", MEMBER, "team_case_owner_only"),
])
def test_who_may_post_what_in_which_phase(method, phase, kind, who, code):
    assert _code(method, phase, kind, who) == code


def test_the_kinds_offered_follow_the_rules():
    phase = methods.get("incident").phase("evaluation")
    assert methods.kinds_for(phase, OWNER) == ["evaluation", "agreement"]
    assert methods.kinds_for(phase, MEMBER) == ["evaluation"]
    assert methods.kinds_for(methods.get("incident").phase("advice"), OWNER) == []
