"""Products drafted offline from the answers per phase, and by a scripted model through validated output."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from sqlalchemy import func, select

from companion.core.errors import Invalid
from companion.models import AuditEvent, Suggestion
from companion.review import drafting, products
from tests.support.fakes import ScriptedChatModel
from tests.support.review_data import ANSWERS, PAYLOADS, principal, reflected_conversation, scripted_json

KINDS = list(products.PRODUCT_KINDS)


def _count(services, model=Suggestion) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("kind", KINDS)
def test_offline_draft_fills_the_template_from_the_answers_per_phase(services, org, kind):
    conv_id = reflected_conversation(services)
    s = drafting.draft(services, principal(services, "anne"), conv_id, kind)
    assert s.status == "draft" and s.drafted_by == "offline guide"  # its owner's alone until sent
    assert s.prompt_version.startswith(f"{kind}.nl@")
    model = products.PRODUCT_TYPES[kind].model_validate(s.draft)  # a valid typed product
    text = scripted_json(s.draft)
    assert "In het teamoverleg onderbrak een collega" in text  # the situation, in the person's words
    if kind in ("action_plan", "learning_goal"):
        assert ANSWERS["trial.plan"] in text  # what they will try
        assert ANSWERS["trial.success"] in text  # how they will know it worked
    if kind == "advice_note":
        assert ANSWERS["awareness.essence"] in model.analysis
    if kind == "annual_plan":
        assert model.team == "Team A" and [q.quarter for q in model.quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert s.conversation_id == conv_id


def test_action_plan_has_every_part_the_issue_names(services, org):
    conv_id = reflected_conversation(services)
    plan = products.ActionPlan.model_validate(
        drafting.draft(services, principal(services, "anne"), conv_id, "action_plan").draft)
    assert plan.learning_goal and plan.first_step and plan.support_needed and plan.success_criteria
    assert all(a.what and a.who and a.by_when for a in plan.actions)


def test_offline_draft_in_english_uses_the_english_template(services, org):
    conv_id = reflected_conversation(services, language="en")
    s = drafting.draft(services, principal(services, "anne"), conv_id, "action_plan")
    assert s.title.startswith("Action plan:") and s.language == "en"
    assert "## SMART learning goal" in products.render("action_plan", s.draft, "en")


def test_missing_answers_are_marked_for_the_expert_not_invented(services, org):
    conv_id = reflected_conversation(services, answers={"action.what": ANSWERS["action.what"]})
    s = drafting.draft(services, principal(services, "anne"), conv_id, "action_plan")
    assert "nog niet besproken" in s.draft["first_step"]
    assert not any("{" in c for c in s.draft["success_criteria"])  # items needing an unsaid role are left out


def test_nothing_to_draft_before_a_situation_was_told(services, org):
    conv_id = reflected_conversation(services, answers={})
    with pytest.raises(Invalid) as exc:
        drafting.draft(services, principal(services, "anne"), conv_id, "action_plan")
    assert exc.value.code == "product_nothing_to_draft"
    assert _count(services) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_scripted_model_drafts_each_product(settings, org, llm_services, fake_model, kind):
    conv_id = reflected_conversation(llm_services)
    fake_model.enqueue(f"```json\n{scripted_json(PAYLOADS[kind])}\n```")  # a code fence around it is fine
    s = drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, kind)
    assert s.drafted_by == "model:scripted" and s.prompt_version.startswith(f"{kind}.draft.nl@")
    assert s.draft == products.PRODUCT_TYPES[kind].model_validate(PAYLOADS[kind]).model_dump(mode="json")
    prompt = fake_model.history[0][0].content
    assert ANSWERS["awareness.essence"] in prompt and '"properties"' in prompt  # the answers and the schema
    assert "<gegevens>" in prompt  # what the person said is marked as data, not instructions


def test_invalid_output_is_retried_with_the_reason(org, llm_services, fake_model):
    conv_id = reflected_conversation(llm_services)
    broken = dict(PAYLOADS["action_plan"], actions=[])  # fails min_length
    fake_model.enqueue("Hier is je plan!", scripted_json(broken), scripted_json(PAYLOADS["action_plan"]))
    s = drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "action_plan")
    assert s.draft["title"] == PAYLOADS["action_plan"]["title"]
    assert len(fake_model.history) == 3
    assert "actions" in fake_model.history[2][-1].content  # told what was wrong


def test_invalid_output_every_time_gives_a_clear_error_and_saves_nothing(org, llm_services, fake_model):
    conv_id = reflected_conversation(llm_services)
    fake_model.enqueue(*["{\"title\": \"half\"}"] * drafting.MAX_ATTEMPTS)
    with pytest.raises(drafting.DraftFailed) as exc:
        drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "action_plan")
    assert exc.value.status == 502 and exc.value.code == "product_draft_failed"  # BadModelOutput
    assert "3" in exc.value.text("nl") and "niets bewaard" in exc.value.text("nl")
    assert len(fake_model.history) == drafting.MAX_ATTEMPTS
    assert _count(llm_services) == 0 and _count(llm_services, AuditEvent) == 0


def test_unreachable_model_is_a_clear_error_when_the_model_was_asked_for(org, llm_services, fake_model):
    conv_id = reflected_conversation(llm_services)
    llm_services.settings.llm_retry_backoff = 0.0  # the bounded retries, without waiting between them
    fake_model.enqueue(*[ConnectionError("refused")] * (llm_services.settings.llm_max_retries + 1))
    with pytest.raises(drafting.DraftFailed) as exc:
        drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "advice_note", mode="model")
    assert exc.value.code == "product_model_unreachable" and exc.value.status == 503
    assert len(fake_model.history) == llm_services.settings.llm_max_retries + 1  # retried, then gave up
    assert _count(llm_services) == 0


def test_unreachable_model_in_auto_mode_gives_the_offline_draft(org, llm_services, fake_model):
    conv_id = reflected_conversation(llm_services)
    llm_services.settings.llm_retry_backoff = 0.0
    fake_model.enqueue(*[ConnectionError("refused")] * (llm_services.settings.llm_max_retries + 1))
    s = drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "advice_note")
    assert s.drafted_by == "offline guide" and llm_services.breaker.failures == 1


def test_offline_mode_can_be_chosen_when_a_model_is_configured(org, llm_services, fake_model):
    conv_id = reflected_conversation(llm_services)
    s = drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "action_plan", mode="offline")
    assert s.drafted_by == "offline guide" and fake_model.history == []


class StructuredModel(ScriptedChatModel):
    """A fake with native structured output: each queued item is what the provider would parse (or not)."""

    def with_structured_output(self, schema, *, include_raw=False, **kwargs):
        def run(messages):
            self._history.append(list(messages))
            item = self._queue.pop(0)
            if isinstance(item, Exception):
                return {"raw": AIMessage("?"), "parsed": None, "parsing_error": item}
            return {"raw": AIMessage(scripted_json(item)), "parsed": schema.model_validate(item),
                    "parsing_error": None}
        return RunnableLambda(run)


def test_native_structured_output_is_used_when_the_model_has_it(settings, org):
    from tests.support.app import make_services

    model = StructuredModel()
    svc = make_services(settings, model=model)
    try:
        conv_id = reflected_conversation(svc)
        model.enqueue(ValueError("not json"), PAYLOADS["learning_goal"])
        s = drafting.draft(svc, principal(svc, "anne"), conv_id, "learning_goal")
        assert s.draft["goal"] == PAYLOADS["learning_goal"]["goal"] and len(model.history) == 2
    finally:
        svc.engine.dispose()


def test_every_product_has_templates_and_prompts_in_both_languages(settings):
    for kind in KINDS:
        for language in ("nl", "en"):
            tpl = products.template(settings.prompts_dir, kind, language)
            assert tpl["version"].startswith(f"{kind}.{language}@")
            assert set(tpl["offline"]) == set(products.PRODUCT_TYPES[kind].model_fields) - {"year"}
            assert (settings.prompts_dir / "products" / f"{kind}.draft.{language}.md").exists()
        nl, en = (products.template(settings.prompts_dir, kind, lang)["labels"] for lang in ("nl", "en"))
        assert set(nl) == set(en)


def test_every_field_is_documented():
    for model in (*products.PRODUCT_TYPES.values(), products.Action, products.Activity, products.QuarterGoals):
        assert model.__doc__
        assert all(field.description for field in model.model_fields.values()), model


@pytest.mark.parametrize("cycle, answers", [
    ("starr", {"situation.what": "Ik moest de roosterplanning voor de zomer maken.",
               "transfer.next": "Volgende keer vraag ik de voorkeuren eerder op."}),
    ("gibbs", {"description.what": "Een cliënt viel tijdens mijn dienst.",
               "action_plan.next": "Ik loop voortaan elke ochtend de looproutes na."}),
])
def test_other_cycles_feed_the_same_templates(services, org, cycle, answers):
    from companion.models import Conversation
    from companion.reflection import conversations

    me = principal(services, "anne")
    with services.sessions() as session:
        conv = conversations.start(session, services.settings.prompts_dir, me, "nl", cycle)
        conv_id = conv.id
        state = dict(conv.state, slots=answers)
        session.get(Conversation, conv_id).state = state
        session.commit()
    s = drafting.draft(services, me, conv_id, "action_plan")
    first, last = answers.values()
    assert first[:30] in s.title and last in s.draft["first_step"]
