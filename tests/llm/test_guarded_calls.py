"""Model calls besides the chat stream go through the circuit breaker and bounded retries, and fall back."""

import pytest

from companion.core.errors import ModelUnavailable
from companion.llm import guarded as guarded_calls
from companion.llm import resilience
from companion.rhythm import week_plan
from tests.support.fakes import ScriptedChatModel

POLICY = resilience.RetryPolicy(max_retries=2, timeout=5, backoff=0.0)


@pytest.fixture
def anne_id(services, org) -> int:
    from companion.models import Person

    with services.sessions() as session:
        return session.query(Person).filter_by(username="anne").one().id


def _guarded(model, breaker=None):
    return guarded_calls.guard(model, breaker or resilience.CircuitBreaker(2, 30), POLICY, sleep=lambda s: None)


def test_a_transient_failure_is_retried_and_counts_as_success():
    model = ScriptedChatModel().enqueue(ConnectionError("reset"), "Focus: x\nExperiment: y")
    g = _guarded(model)
    assert g.invoke("hoi").content == "Focus: x\nExperiment: y"
    assert len(model.history) == 2 and g.breaker.failures == 0


def test_failures_open_the_breaker_and_then_the_model_is_not_called_at_all():
    model = ScriptedChatModel().enqueue(*[ConnectionError("down")] * 6)
    g = _guarded(model)
    for _ in range(2):
        with pytest.raises(ModelUnavailable) as caught:
            g.invoke("hoi")
        assert caught.value.code == "llm_unavailable"
    assert len(model.history) == 6 and g.breaker.state == resilience.OPEN  # 3 attempts per call, bounded
    with pytest.raises(ModelUnavailable) as caught:
        g.invoke("hoi")
    assert caught.value.code == "llm_breaker_open" and len(model.history) == 6


def test_a_refusal_is_the_callers_to_handle_and_no_mark_against_the_model():
    class Rejected(Exception):
        status_code = 400

    g = _guarded(ScriptedChatModel().enqueue(Rejected("no json schema here")))
    with pytest.raises(Rejected):
        g.invoke("hoi")
    assert g.breaker.failures == 0


def test_week_plans_and_account_wording_fall_back_to_templates_behind_an_open_breaker(services, anne_id):
    from companion.accountability import report_wording

    model = ScriptedChatModel(default_reply="Focus: Niet gebruikt\nExperiment: Niet gebruikt")
    breaker = resilience.CircuitBreaker(1, 30)
    breaker.failure()  # the chat turns found the model dead a moment ago
    g = _guarded(model, breaker)
    with services.sessions() as session:
        plan = week_plan.prepare_with_llm(session, g, anne_id, (2026, 48), "nl")
        assert plan == week_plan.prepare(session, anne_id, (2026, 48), "nl") and plan["source"] == "template"
    assert report_wording.reword(g, None, "nl", "Er waren 3 reflectiegesprekken.") is None  # the template stays
    assert model.history == []


def test_the_api_routes_hand_out_the_guarded_model(llm_services):
    g = guarded_calls.guarded(llm_services)
    assert g.breaker is llm_services.breaker and g.model_name == "scripted"

