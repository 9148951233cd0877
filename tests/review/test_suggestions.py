"""Review decisions on suggestions: approve, edit then approve, reject; hooks per kind; what an entry keeps."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.models import PortfolioEntry, Review, Suggestion
from companion.review import kinds, suggestions
from tests.support.review_data import PAYLOADS, add_other_org_and_team, principal, send


def _suggest(services, kind="action_plan", owner="anne", payload=None):
    """A draft of `owner`, sent to their expert (the draft only)."""
    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, owner), kind, "Mijn concept",
                                     payload or PAYLOADS.get(kind, {"text": "x"}), drafted_by="model:test",
                                     prompt_version="t@1")
        sid = s.id
    send(services, sid, owner, share="draft")
    return sid


def _decide(services, who, sid, decision, comment="Prima zo.", final=None):
    with services.sessions() as session:
        return suggestions.decide(session, services.index, principal(services, who), sid, decision, comment, final)


def _entry(services, entry_id) -> PortfolioEntry:
    with services.sessions() as session:
        return session.get(PortfolioEntry, entry_id)


def test_approve_makes_a_portfolio_entry_labelled_as_ai(services, org):
    sid = _suggest(services)
    s = _decide(services, "eva", sid, "approved", "Goed plan, concreet genoeg.")
    assert s.status == "approved" and suggestions.display_status(s) == "approved"
    assert s.final == s.draft and s.review_comment == "Goed plan, concreet genoeg."
    entry = _entry(services, s.entry_id)
    assert entry.owner_id == principal(services, "anne").person_id and entry.kind == "product"
    assert entry.visibility == "expert" and "AI-concept (model:test)" in entry.body and "Eva" in entry.body
    assert "Oorspronkelijk AI-concept" not in entry.body  # unedited: one version is both


def test_edit_then_approve_keeps_the_ai_draft_and_the_final(services, org):
    sid = _suggest(services)
    final = dict(PAYLOADS["action_plan"], first_step="Morgen bespreek ik dit met mijn teamleider.")
    s = _decide(services, "eva", sid, "approved", "Eerste stap concreter gemaakt.", final)
    assert suggestions.display_status(s) == "edited"
    assert s.draft["first_step"] == PAYLOADS["action_plan"]["first_step"]  # the AI draft is never changed
    assert s.final["first_step"] == final["first_step"]
    body = _entry(services, s.entry_id).body
    assert body.index(final["first_step"]) < body.index("Oorspronkelijk AI-concept")
    assert PAYLOADS["action_plan"]["first_step"] in body.split("Oorspronkelijk AI-concept")[1]
    with services.sessions() as session:
        assert session.scalar(select(Review).where(Review.suggestion_id == sid)).edited is True


def test_the_experts_edited_title_is_the_title_everywhere(services, org):
    """Bug 3: the edited title was stored in the final, but the suggestion and the entry kept the AI's title."""
    sid = _suggest(services)
    final = dict(PAYLOADS["action_plan"], title="Actieplan: mijn zin afmaken in het overleg")
    s = _decide(services, "eva", sid, "approved", "Titel verduidelijkt.", final)
    assert s.title == final["title"] and s.draft["title"] == PAYLOADS["action_plan"]["title"]
    assert _entry(services, s.entry_id).title == final["title"]
    session = services.sessions()
    assert [x.title for x in suggestions.list_mine(session, principal(services, "anne"))] == [final["title"]]
    assert [x.title for x in suggestions.review_queue(session, principal(services, "eva"), None)] == [final["title"]]


def test_an_approval_without_an_edit_keeps_the_title(services, org):
    s = _decide(services, "eva", _suggest(services), "approved", "Goed zo.")
    assert s.title == "Mijn concept" and _entry(services, s.entry_id).title == "Mijn concept"


def test_reject_makes_no_entry_and_the_owner_sees_why(services, org):
    sid = _suggest(services)
    s = _decide(services, "eva", sid, "rejected", "Dit past niet bij je situatie; praat eerst verder.")
    assert s.status == "rejected" and s.entry_id is None and s.final is None
    mine = suggestions.list_mine(services.sessions(), principal(services, "anne"))
    assert mine[0].review_comment.startswith("Dit past niet")
    with services.sessions() as session:
        assert session.scalars(select(PortfolioEntry)).all() == []


@pytest.mark.parametrize("comment", ["", "   "])
def test_a_comment_is_required(services, org, comment):
    sid = _suggest(services)
    with pytest.raises(Invalid) as exc:
        _decide(services, "eva", sid, "approved", comment)
    assert exc.value.code == "review_comment_required"


def test_invalid_edit_is_refused_with_the_reason_and_nothing_changes(services, org):
    sid = _suggest(services)
    with pytest.raises(Invalid) as exc:
        _decide(services, "eva", sid, "approved", "ok", dict(PAYLOADS["action_plan"], actions=[]))
    assert "actions" in exc.value.message
    with services.sessions() as session:
        assert session.get(Suggestion, sid).status == "pending"


def test_a_decision_is_final(services, org):
    sid = _suggest(services)
    _decide(services, "eva", sid, "rejected", "nee")
    with pytest.raises(Conflict):
        _decide(services, "eva", sid, "approved", "toch wel")


def test_who_may_decide(services, org):
    add_other_org_and_team(services)
    sid = _suggest(services)
    with pytest.raises(Forbidden):
        _decide(services, "anne", sid, "approved")  # not your own
    with pytest.raises(Forbidden):
        _decide(services, "admin", sid, "approved")  # admins do not review
    for outsider in ("bram", "ivo", "otto", "admin2", "olga"):  # a colleague, another team's expert, another org
        with pytest.raises(NotFound):
            _decide(services, outsider, sid, "approved")


def test_queue_holds_only_the_teams_the_expert_coaches(services, org):
    add_other_org_and_team(services)
    anne_s, pim_s = _suggest(services), _suggest(services, owner="pim")
    session = services.sessions()
    assert [s.id for s in suggestions.review_queue(session, principal(services, "eva"))] == [anne_s]
    assert [s.id for s in suggestions.review_queue(session, principal(services, "ivo"))] == [pim_s]
    assert suggestions.review_queue(session, principal(services, "otto")) == []
    with pytest.raises(Forbidden):
        suggestions.review_queue(session, principal(services, "anne"))


def test_learning_goals_go_through_the_same_queue(services, org):
    sid = _suggest(services, kind="learning_goal")
    assert [s.id for s in suggestions.review_queue(services.sessions(), principal(services, "eva"))] == [sid]
    s = _decide(services, "eva", sid, "approved", "Mooi leerdoel.")
    assert _entry(services, s.entry_id).kind == "learning_goal"


def test_another_area_decides_what_approval_does_for_its_kind(services, org):
    seen = []

    def _approve_note(approval: suggestions.Approval):
        seen.append((approval.suggestion.kind, approval.owner.username, approval.reviewer.username))
        return None

    kinds.register("team_note", on_approved=_approve_note)
    try:
        sid = _suggest(services, kind="team_note", payload={"period": "2026-Q4", "sections": ["a", "b"]})
        s = _decide(services, "eva", sid, "approved", "Klopt.")
    finally:
        kinds.unregister("team_note")
    assert seen == [("team_note", "anne", "eva")] and s.entry_id is None
    assert "## Period" in suggestions.render_markdown("team_note", s.final, "nl")  # generic rendering of a new kind


def test_a_kind_nobody_registered_is_refused(services, org):
    with pytest.raises(Invalid):
        _suggest(services, kind="unregistered_note", payload={"a": "b"})


def test_kind_and_payload_are_checked_on_creation(services, org):
    with pytest.raises(Invalid):
        _suggest(services, kind="Bad Kind!")
    with pytest.raises(Invalid):
        _suggest(services, kind="action_plan", payload={"title": "only a title"})


def test_a_stored_payload_that_does_not_fit_its_type_still_renders():
    text = suggestions.render_markdown("action_plan", {"title": "Oud", "steps": ["a"]}, "nl")
    assert "## Steps" in text and "- a" in text
