"""Drafting with the real ChatOpenAI against the fake OpenAI-compatible server: JSON-schema structured output."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from companion.core.config import Settings
from companion.review import drafting
from companion.services import Services, build_services
from tests.support.fakes import HashEmbeddings
from tests.support.review_data import PAYLOADS, principal, reflected_conversation, scripted_json


@pytest.fixture
def services(tmp_path, fake) -> Iterator[Services]:
    settings = Settings(data_dir=tmp_path / "data", openai_api_key="test-key", openai_base_url=f"{fake.url}/v1",
                        chat_model="fake-model", llm_max_retries=0, llm_timeout=5)
    svc = build_services(settings, embeddings=HashEmbeddings())
    yield svc
    svc.engine.dispose()


def test_openai_model_is_asked_for_the_products_json_schema(services, org, fake):
    conv_id = reflected_conversation(services)
    fake.enqueue(scripted_json(PAYLOADS["advice_note"]))
    s = drafting.draft(services, principal(services, "anne"), conv_id, "advice_note")
    assert s.drafted_by == "model:fake-model" and s.draft["advice"] == PAYLOADS["advice_note"]["advice"]
    body = fake.requests[0]
    assert body["response_format"]["type"] == "json_schema"
    assert "expected_effect" in str(body["response_format"]["json_schema"])


def test_openai_invalid_json_is_retried_then_refused(services, org, fake):
    conv_id = reflected_conversation(services)
    fake.enqueue("Natuurlijk! Hier komt het plan.", "{\"title\": 3}", "[]")
    with pytest.raises(drafting.DraftFailed) as exc:
        drafting.draft(services, principal(services, "anne"), conv_id, "action_plan")
    assert exc.value.code == "product_draft_failed" and len(fake.requests) == drafting.MAX_ATTEMPTS
    with services.sessions() as session:
        from companion.models import Suggestion

        assert session.query(Suggestion).count() == 0


def test_a_server_without_structured_output_is_asked_for_plain_json(services, org, fake):
    from tests.support.fake_openai import Status

    conv_id = reflected_conversation(services)
    fake.enqueue(Status(400), scripted_json(PAYLOADS["learning_goal"]))
    s = drafting.draft(services, principal(services, "anne"), conv_id, "learning_goal")
    assert s.draft["by_when"] == PAYLOADS["learning_goal"]["by_when"]
    assert "response_format" in fake.requests[0] and "response_format" not in fake.requests[1]


def test_an_unreachable_server_is_a_clear_503(services, org, fake):
    from tests.support.fake_openai import Status

    conv_id = reflected_conversation(services)
    fake.enqueue(Status(500))
    with pytest.raises(drafting.DraftFailed) as exc:
        drafting.draft(services, principal(services, "anne"), conv_id, "annual_plan", mode="model")
    assert exc.value.code == "product_model_unreachable" and exc.value.status == 503
