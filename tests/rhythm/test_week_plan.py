"""Preparing the week plan: from last week's reflection, from the agreement, fresh; the LLM only rewords it."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock
from companion.models import WeekCycle
from companion.rhythm import week_plan


@pytest.fixture
def anne_id(services, org) -> int:
    services.clock = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    with services.sessions() as session:
        from companion.models import Person

        return session.query(Person).filter_by(username="anne").one().id


def _reflected(services, person_id, week, **values):
    with services.sessions() as session:
        session.add(WeekCycle(person_id=person_id, iso_year=2026, iso_week=week, focus="Oude focus",
                              experiment="Oud experiment", planned_at=datetime(2026, 11, 16, tzinfo=UTC),
                              reflected_at=datetime(2026, 11, 20, tzinfo=UTC), **values))
        session.commit()


def test_not_tried_experiment_gets_a_smaller_second_chance(services, anne_id):
    _reflected(services, anne_id, 47, experiment_outcome="not_tried", next_step="Het nog eens proberen")
    with services.sessions() as session:
        plan = week_plan.prepare(session, anne_id, (2026, 48), "nl")
        english = week_plan.prepare(session, anne_id, (2026, 48), "en")
    assert plan["focus"] == "Het nog eens proberen" and "nieuwe, kleinere kans" in plan["experiment"]
    assert "oud experiment" in plan["experiment"] and english["experiment"].startswith("Give last week's")


def test_the_llm_rewords_and_sees_the_reflection_as_data(services, anne_id, fake_model):
    _reflected(services, anne_id, 47, experiment_outcome="tried", learned="Vragen helpt", next_step="Vaker vragen")
    fake_model.enqueue("Focus: Vaker om feedback vragen\nExperiment: Na twee overdrachten één vraag stellen")
    with services.sessions() as session:
        plan = week_plan.prepare_with_llm(session, fake_model, anne_id, (2026, 48), "nl")
    assert (plan["focus"], plan["source"]) == ("Vaker om feedback vragen", "llm")
    system, human = fake_model.history[0]
    assert "Vragen helpt" not in system.content and "Vragen helpt" in human.content


@pytest.mark.parametrize("reply", [ConnectionError("down"), "Sorry, ik weet het niet."])
def test_a_failing_or_rambling_llm_falls_back_to_the_template(services, anne_id, fake_model, reply):
    fake_model.enqueue(reply)
    with services.sessions() as session:
        plan = week_plan.prepare_with_llm(session, fake_model, anne_id, (2026, 48), "nl")
        assert plan == week_plan.prepare(session, anne_id, (2026, 48), "nl") and plan["source"] == "template"


def test_prepare_endpoint_uses_the_offline_template_without_a_model(client, anne, services):
    services.clock = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    r = client.post("/api/weeks/2026-W48/prepare", headers=anne)
    assert r.status_code == 200 and r.json()["source"] == "template" and r.json()["based_on"] == ["fresh"]
