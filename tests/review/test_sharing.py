"""Consent before sharing: a draft is its owner's until sent; they choose then what their expert sees, and may
withdraw it until it is decided."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.models import Message, Suggestion
from companion.review import drafting, sharing, suggestions
from tests.support.review_data import PAYLOADS, add_other_org_and_team, principal, reflected_conversation, send


@pytest.fixture
def drafted(services, org) -> int:
    """Anne's offline action plan, drafted from her conversation and not sent."""
    conv_id = reflected_conversation(services)
    return drafting.draft(services, principal(services, "anne"), conv_id, "action_plan").id


def _queue(services, status="pending"):
    return [s.id for s in suggestions.review_queue(services.sessions(), principal(services, "eva"), status)]


def _message_ids(services, sid) -> list[int]:
    with services.sessions() as session:
        conv_id = session.get(Suggestion, sid).conversation_id
        return list(session.scalars(select(Message.id).where(Message.conversation_id == conv_id).order_by(Message.id)))


def test_a_draft_is_seen_by_its_owner_alone_until_sent(services, drafted):
    assert _queue(services) == [] and _queue(services, None) == []
    with services.sessions() as session:
        assert suggestions.get_visible(session, principal(services, "anne"), drafted).status == "draft"
        for who in ("eva", "admin", "bram"):  # not even its existence
            with pytest.raises(NotFound):
                suggestions.get_visible(session, principal(services, who), drafted)
        with pytest.raises(NotFound):
            suggestions.decide(session, services.index, principal(services, "eva"), drafted, "approved", "ok")
    send(services, drafted, share="draft")
    assert _queue(services) == [drafted]


def test_the_owner_edits_before_sending_and_the_expert_never_sees_what_was_changed(services, drafted):
    mine = dict(PAYLOADS["action_plan"], first_step="Morgen vraag ik of ik mijn zin mag afmaken.")
    with services.sessions() as session:
        s = sharing.edit_draft(session, principal(services, "anne"), drafted, payload=mine)
        assert s.title == mine["title"] and s.owner_version == mine and s.draft != mine  # the draft stays as made
        assert suggestions.sent_version(s) == mine
    send(services, drafted, share="draft")
    s = suggestions.decide(services.sessions(), services.index, principal(services, "eva"), drafted, "approved",
                           "Goed zo.")
    assert s.final == mine and suggestions.display_status(s) == "approved"  # the expert changed nothing
    with services.sessions() as session:
        from companion.models import PortfolioEntry

        body = session.get(PortfolioEntry, s.entry_id).body
    assert mine["first_step"] in body and s.draft["first_step"] not in body  # the entry is shared with the expert
    assert "Aangepast door Anne" in body


def test_only_a_title_can_be_changed_too(services, drafted):
    with services.sessions() as session:
        s = sharing.edit_draft(session, principal(services, "anne"), drafted, title="  Mijn   eigen titel ")
        assert s.title == "Mijn eigen titel" == s.owner_version["title"]
        with pytest.raises(Invalid):
            sharing.edit_draft(session, principal(services, "anne"), drafted)


def test_sharing_the_conversation_shares_it_as_it_was_when_sent(services, drafted):
    send(services, drafted, share="conversation")
    with services.sessions() as session:
        s = session.get(Suggestion, drafted)
        session.add(Message(conversation_id=s.conversation_id, role="user", content="Later gezegd, niet gedeeld.",
                            phase="trial"))
        session.commit()
        s, conv = sharing.source_conversation(session, principal(services, "eva"), drafted)
        seen = [m["content"] for m in sharing.conversation_messages(s, conv, principal(services, "eva"))]
        owner_sees = [m["content"] for m in sharing.conversation_messages(s, conv, principal(services, "anne"))]
    assert seen and "Later gezegd, niet gedeeld." not in seen and "Later gezegd, niet gedeeld." in owner_sees


def test_sharing_chosen_messages_shows_only_those(services, drafted):
    ids = _message_ids(services, drafted)
    send(services, drafted, share="messages", message_ids=(ids[0],))
    with services.sessions() as session:
        s, conv = sharing.source_conversation(session, principal(services, "eva"), drafted)
        assert [m["id"] for m in sharing.conversation_messages(s, conv, principal(services, "eva"))] == [ids[0]]


def test_sharing_the_draft_only_keeps_the_conversation_closed(services, drafted):
    send(services, drafted, share="draft")
    with services.sessions() as session:
        with pytest.raises(Forbidden) as exc:
            sharing.source_conversation(session, principal(services, "eva"), drafted)
        assert exc.value.code == "conversation_not_shared"
        events = [e["action"] for e in suggestions.audit_trail(session, principal(services, "anne"), drafted)]
    assert events == ["drafted", "sent"]  # no reading was recorded: nothing was read


@pytest.mark.parametrize(("share", "ids", "code"), [
    ("everything", (), "share_scope_invalid"),
    ("messages", (), "share_messages_missing"),
    ("messages", (999999,), "share_message_unknown"),
    ("draft", (1,), "share_messages_without_scope"),
])
def test_a_wrong_sharing_choice_is_refused_and_nothing_is_sent(services, drafted, share, ids, code):
    with pytest.raises(Invalid) as exc:
        send(services, drafted, share=share, message_ids=ids)
    assert exc.value.code == code
    assert _queue(services) == []


def test_a_message_of_another_conversation_cannot_be_shared(services, drafted):
    other = reflected_conversation(services)
    with services.sessions() as session:
        foreign = session.scalar(select(Message.id).where(Message.conversation_id == other))
    with pytest.raises(Invalid):
        send(services, drafted, share="messages", message_ids=(foreign,))


def test_withdraw_until_decided_then_edit_and_send_again(services, drafted):
    send(services, drafted, share="conversation")
    with services.sessions() as session:
        s = sharing.withdraw(session, principal(services, "anne"), drafted)
        assert s.status == "withdrawn"
    assert _queue(services) == [] and _queue(services, None) == []
    with services.sessions() as session:
        with pytest.raises(NotFound):  # withdrawn: the expert no longer sees it, nor its conversation
            sharing.source_conversation(session, principal(services, "eva"), drafted)
        sharing.edit_draft(session, principal(services, "anne"), drafted, title="Opnieuw, scherper")
    send(services, drafted, share="draft")
    assert _queue(services) == [drafted]
    suggestions.decide(services.sessions(), services.index, principal(services, "eva"), drafted, "rejected", "Nee.")
    with services.sessions() as session, pytest.raises(Conflict) as exc:
        sharing.withdraw(session, principal(services, "anne"), drafted)
    assert exc.value.code == "suggestion_already_decided"
    with services.sessions() as session:
        actions = [e["action"] for e in suggestions.audit_trail(session, principal(services, "anne"), drafted)]
    assert actions == ["drafted", "sent", "withdrawn", "edited", "sent", "rejected"]


def test_a_sent_draft_cannot_be_edited_or_discarded_and_an_unsent_one_not_withdrawn(services, drafted):
    with services.sessions() as session, pytest.raises(Conflict) as exc:
        sharing.withdraw(session, principal(services, "anne"), drafted)
    assert exc.value.code == "suggestion_not_sent"
    send(services, drafted, share="draft")
    with services.sessions() as session:
        with pytest.raises(Conflict):
            sharing.edit_draft(session, principal(services, "anne"), drafted, title="Anders")
        with pytest.raises(Conflict):
            sharing.discard(session, principal(services, "anne"), drafted)


def test_the_owner_discards_an_unsent_draft(services, drafted):
    with services.sessions() as session:
        sharing.discard(session, principal(services, "anne"), drafted)
        assert session.get(Suggestion, drafted) is None


def test_only_the_owner_edits_sends_withdraws_or_discards(services, drafted):
    add_other_org_and_team(services)
    with services.sessions() as session:
        for who in ("bram", "eva", "ivo", "admin", "admin2"):
            with pytest.raises(NotFound):
                sharing.edit_draft(session, principal(services, who), drafted, title="x")
            with pytest.raises(NotFound):
                sharing.send(session, principal(services, who), drafted, "draft")
    send(services, drafted, share="draft")
    with services.sessions() as session:
        with pytest.raises(Forbidden):  # the expert sees it now, but it is not theirs to take back
            sharing.withdraw(session, principal(services, "eva"), drafted)
        with pytest.raises(NotFound):
            sharing.withdraw(session, principal(services, "bram"), drafted)


def test_nothing_is_sent_to_a_team_without_an_expert(services, org):
    from companion.trust import people

    with services.sessions() as session:
        people.create_person(session, org_id=org, username="nina", password="password-1", role="professional",
                             display_name="Nina", team="Team Zonder Begeleider")
        session.commit()
    conv_id = reflected_conversation(services, "nina")
    sid = drafting.draft(services, principal(services, "nina"), conv_id, "learning_goal").id
    with pytest.raises(Conflict) as exc:
        send(services, sid, "nina", share="draft")
    assert exc.value.code == "suggestion_no_reviewer"
    with services.sessions() as session:
        assert session.get(Suggestion, sid).status == "draft"
