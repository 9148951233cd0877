"""The audit trail: who drafted what (model or guide, prompt version), what the owner changed and shared, who read,
who decided, when and why."""

from __future__ import annotations

import pytest

from companion.core.errors import Forbidden, NotFound
from companion.review import drafting, sharing, suggestions
from tests.support.review_data import add_other_org_and_team, principal, reflected_conversation, send


def test_the_trail_tells_the_whole_story(services, org):
    conv_id = reflected_conversation(services)
    s = drafting.draft(services, principal(services, "anne"), conv_id, "action_plan")
    with services.sessions() as session:
        sharing.edit_draft(session, principal(services, "anne"), s.id, title="Actieplan: uitpraten")
    send(services, s.id, share="conversation")
    with services.sessions() as session:
        sharing.source_conversation(session, principal(services, "eva"), s.id)
        suggestions.decide(session, services.index, principal(services, "eva"), s.id, "approved", "Akkoord, goed plan.")
        events = suggestions.audit_trail(session, principal(services, "anne"), s.id)
    assert [e["action"] for e in events] == ["drafted", "edited", "sent", "conversation_viewed", "approved",
                                             "entry_created"]
    drafted, edited, sent, viewed, approved, _ = events
    assert drafted["actor"] == "offline guide" and drafted["detail"]["prompt_version"].startswith("action_plan.nl@")
    assert edited["actor"] == "Anne" and edited["detail"]["fields"] == ["title"]
    assert sent["actor"] == "Anne" and sent["detail"]["scope"] == "conversation" and sent["detail"]["message_ids"]
    assert viewed["actor"] == "Eva" and viewed["detail"]["conversation_id"] == conv_id
    assert approved["actor"] == "Eva" and approved["detail"] == {"comment": "Akkoord, goed plan.", "edited": False}
    assert all(e["at"] is not None for e in events)
    assert events == sorted(events, key=lambda e: (e["at"], e["id"]))


def test_the_owner_reading_their_own_conversation_is_not_an_event(services, org):
    conv_id = reflected_conversation(services)
    s = drafting.draft(services, principal(services, "anne"), conv_id, "advice_note")
    with services.sessions() as session:
        sharing.source_conversation(session, principal(services, "anne"), s.id)
        assert [e["action"] for e in suggestions.audit_trail(session, principal(services, "anne"), s.id)] == ["drafted"]


def test_who_sees_the_trail(services, org):
    add_other_org_and_team(services)
    conv_id = reflected_conversation(services)
    s = drafting.draft(services, principal(services, "anne"), conv_id, "learning_goal")
    with services.sessions() as session:
        assert suggestions.audit_trail(session, principal(services, "anne"), s.id)
        for who in ("eva", "admin"):  # a draft is its owner's alone: even its existence
            with pytest.raises(NotFound):
                suggestions.audit_trail(session, principal(services, who), s.id)
    send(services, s.id, share="draft")
    with services.sessions() as session:
        for who in ("anne", "eva"):
            assert suggestions.audit_trail(session, principal(services, who), s.id)
        with pytest.raises(Forbidden):  # the organisation sees no per-person evaluations
            suggestions.audit_trail(session, principal(services, "admin"), s.id)
        for who in ("bram", "ivo", "otto", "admin2", "olga"):
            with pytest.raises(NotFound):
                suggestions.audit_trail(session, principal(services, who), s.id)
