"""Learning events become statements in the outbox, in the event's own transaction, only for who opted in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from companion.core import events
from companion.interop import xapi
from companion.models import Conversation, Person, WorkSituation, XapiStatement
from companion.reflection import chat_turn, conversations, portfolio
from companion.review import sharing, suggestions
from companion.rhythm import weeks
from companion.rhythm.iso_weeks import week_key, week_of
from companion.trust import people, privacy
from tests.support.review_data import ACTION_PLAN, ANSWERS
from tests.support.xapi_world import BASE_URL, NOW, build_world, clear_outbox, configure, opt_in, outbox, principal


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    services = build_world(tmp_path_factory.mktemp("xapi-events"))
    configure(services, "https://lrs.example.org/xapi")
    yield services
    services.engine.dispose()


@pytest.fixture(autouse=True)
def _fresh(world):
    clear_outbox(world)
    opt_in(world, "anne", share=True, named=False)
    configure(world, "https://lrs.example.org/xapi", enabled=True)


def _situation(services, username="anne", conversation_id=None) -> int:
    with services.sessions() as session:
        return portfolio.create_situation(session, services.index, principal(services, username),
                                          {"title": "Overdracht", "description": "Geheim: de collega huilde."},
                                          conversation_id=conversation_id).id


def test_a_captured_situation_is_queued_pseudonymously_without_its_text(world):
    situation_id = _situation(world)
    [row] = outbox(world)
    s = row.statement
    assert row.status == "pending" and row.event == events.SITUATION_CAPTURED and row.next_attempt_at is not None
    assert s["verb"]["id"] == "http://activitystrea.ms/schema/1.0/create"
    assert s["object"]["id"] == f"{BASE_URL}/xapi/situations/{situation_id}"
    assert s["timestamp"] == NOW.isoformat(timespec="milliseconds").replace("+00:00", "Z")  # the injected clock
    pseudonym = xapi.preferences.person_view(world.sessions(), principal(world, "anne"))["pseudonym"]
    assert s["actor"] == {"objectType": "Agent", "account": {"homePage": BASE_URL, "name": pseudonym}}
    flat = str(s)
    for leak in ("anne", "Anne", "Geheim", "huilde", "Overdracht"):
        assert leak not in flat


def test_nothing_is_queued_without_both_opt_ins(world):
    opt_in(world, "anne", share=False)
    _situation(world)
    _situation(world, "bram")  # bram never chose: the default is off
    opt_in(world, "anne", share=True)
    configure(world, "https://lrs.example.org/xapi", enabled=False)
    _situation(world)
    assert outbox(world) == []


def test_a_named_person_is_sent_with_name_and_mbox(world):
    opt_in(world, "anne", named=True, email="anne@zorg-x.example")
    _situation(world)
    assert outbox(world)[0].statement["actor"] == {"objectType": "Agent", "name": "Anne",
                                                   "mbox": "mailto:anne@zorg-x.example"}


def test_the_statement_rolls_back_with_its_event(world):
    me = principal(world, "anne")
    with pytest.raises(RuntimeError), world.transaction() as session:
        session.add(WorkSituation(owner_id=me.person_id, title="t", description="d"))
        session.flush()
        events.emit(session, events.SITUATION_CAPTURED, person_id=me.person_id, subject="situation:999")
        assert len(session.scalars(select(XapiStatement)).all()) == 1
        raise RuntimeError("the event's transaction fails")
    assert outbox(world) == []


def test_the_same_event_twice_is_one_statement(world):
    me = principal(world, "anne")
    year, week = week_of(NOW, "Europe/Amsterdam")
    key = week_key(year, week)
    for learned in ("Eerst vragen", "Eerst vragen, dan voorstellen"):  # the reflection saved again
        with world.sessions() as session:
            weeks.reflect(session, me, world.clock, key, {"happened": "Overleg", "learned": learned})
    [row] = outbox(world)
    assert row.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert row.statement["object"]["id"] == f"{BASE_URL}/xapi/weekly-reflections/{key}"
    assert row.statement["result"] == {"completion": True} and "Eerst" not in str(row.statement)


def test_a_product_drafted_submitted_and_approved(world):
    anne, eva = principal(world, "anne"), principal(world, "eva")
    with world.sessions() as session:
        conv = conversations.start(session, world.settings.prompts_dir, anne, "nl", "alact")
        s = suggestions.create_suggestion(session, anne, "action_plan", ACTION_PLAN["title"], ACTION_PLAN,
                                          drafted_by="guide", prompt_version="test", conversation_id=conv.id)
        sharing.send(session, anne, s.id, "draft")
        suggestions.decide(session, world.index, eva, s.id, "approved", "Mooi plan.")
    rows = outbox(world)
    assert [r.statement["verb"]["id"] for r in rows] == [
        "http://activitystrea.ms/schema/1.0/create", "http://activitystrea.ms/schema/1.0/submit",
        "https://w3id.org/xapi/adl/verbs/satisfied"]
    assert {r.statement["object"]["id"] for r in rows} == {f"{BASE_URL}/xapi/products/{s.id}"}
    registrations = {r.statement["context"]["registration"] for r in rows}
    assert len(registrations) == 1  # one registration per conversation
    assert all(r.statement["actor"]["account"]["name"] != "eva" for r in rows)  # the learner's record
    assert "uitpraten" not in str([r.statement for r in rows])


def test_phases_and_the_cycle_completed_in_a_chat(world):
    anne = principal(world, "anne")
    with world.sessions() as session:
        conv_id = conversations.start(session, world.settings.prompts_dir, anne, "nl", "alact").id
    for text in ANSWERS.values():
        chat_turn.prepare_turn(world, anne, conv_id, text).run()
    with world.sessions() as session:
        state = session.get(Conversation, conv_id).state
    rows = outbox(world)
    phases = [r.statement["object"]["id"].rsplit("/", 1)[-1] for r in rows if r.event == events.PHASE_COMPLETED]
    assert phases and phases == sorted(set(phases), key=phases.index)  # each phase told once, in order
    assert all(r.statement["context"]["contextActivities"]["parent"][0]["id"] == f"{BASE_URL}/xapi/reflections/"
               f"{conv_id}" for r in rows if r.event == events.PHASE_COMPLETED)
    cycles_done = [r for r in rows if r.event == events.CYCLE_COMPLETED]
    assert state["finished"] and len(cycles_done) == 1
    assert cycles_done[0].statement["object"]["id"] == f"{BASE_URL}/xapi/reflections/{conv_id}"
    assert not any(answer[:30] in str(r.statement) for r in rows for answer in ANSWERS.values())


def test_a_team_contribution_through_the_hook(world):
    anne = principal(world, "anne")
    with world.transaction() as session:
        events.record_team_contribution(session, person_id=anne.person_id, team_session_id=7, contribution_id=31,
                                        phase="question_round")
    [row] = outbox(world)
    assert row.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/shared"
    assert row.statement["object"]["id"] == f"{BASE_URL}/xapi/team-sessions/7"
    assert row.statement["context"]["registration"] == xapi.statements.registration(BASE_URL, "team_session:7")


def test_the_export_holds_the_choice_and_the_statements_and_erasure_takes_them_along(world):
    with world.transaction() as session:
        org_id = principal(world, "anne").org_id
        people.create_person(session, org_id=org_id, username="carla", password="password-1", role="professional",
                             display_name="Carla", team="Team A")
    opt_in(world, "carla")
    _situation(world, "carla")
    assert len(outbox(world)) == 1
    carla = principal(world, "carla")
    with world.sessions() as session:
        data = privacy.export(session, carla)["data"]
    assert data["xapi_preferences"][0]["share"] is True and len(data["xapi_outbox"]) == 1
    with world.transaction() as session:
        privacy.erase_rows(session, carla.person_id)
    assert outbox(world) == []
    with world.sessions() as session:
        assert session.get(Person, carla.person_id) is None


def test_the_same_event_twice_in_one_transaction_is_one_statement(world):
    anne = principal(world, "anne")
    with world.transaction() as session:
        for _ in range(2):
            events.emit(session, events.SITUATION_CAPTURED, person_id=anne.person_id, subject="situation:77")
    assert len(outbox(world)) == 1


def test_unsent_statements_follow_a_changed_choice(world):
    _situation(world)
    opt_in(world, "anne", named=True)
    [row] = outbox(world)
    assert row.statement["actor"]["name"] == "Anne"  # not sent yet: it goes with the name now chosen
    opt_in(world, "anne", named=False)
    assert "name" not in outbox(world)[0].statement["actor"]
    opt_in(world, "anne", share=False)  # opting out withdraws what was not sent yet
    assert outbox(world) == []


def test_a_team_contribution_is_queued_as_taking_part_without_its_words(world):
    from companion.teams import flow, taking_part
    from companion.teams import sessions as team_sessions

    anne, bram = principal(world, "anne"), principal(world, "bram")
    ctx = flow.context_of(world)
    with world.sessions() as session:
        team_id = session.get(Person, anne.person_id).team_id
        ts = team_sessions.create(session, anne, ctx, team_id=team_id, title="Intervisie")
        taking_part.bring_case(session, bram, ctx, ts.id, title="Rooster", text="Het rooster komt steeds laat.")
        for _ in range(2):  # cases → choose → questions
            flow.advance_by(session, ts, ctx, is_lead=True, expected=None)
        session.commit()
        taking_part.post(session, anne, ctx, ts.id, kind="question", text="Wat maakt het late rooster zo zwaar?")
        session.commit()
    [row] = [r for r in outbox(world) if r.event == events.TEAM_CONTRIBUTED]
    assert row.statement["context"]["registration"]  # one registration per team session
    assert row.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/shared"
    flat = str(row.statement).lower()
    assert "rooster" not in flat and "zwaar" not in flat  # that someone took part, never what they said
