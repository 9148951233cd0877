"""Offline drafts read as written: whole sentences of the person's own words, every idea they named, and
labelled as made by the offline guide (a template), not by AI."""

from __future__ import annotations

from datetime import date

import pytest

from companion.core.config import PROJECT_ROOT
from companion.review import drafting, products, suggestions
from companion.review.offline_wording import ideas, sentences, theme
from tests.support.review_data import principal, reflected_conversation, scripted_json, send

PROMPTS = PROJECT_ROOT / "prompts"
ROLES = {
    "situation": "Gisteren had ik een lastige overdracht met mijn collega van de avonddienst. Ze liep weg.",
    "involved": "Mijn collega en de teamleider.",
    "reflection": "Ik wilde dat ze de punten hoorde. Ik ging sneller praten.",
    "insight": "ik wil te veel tegelijk vertellen",
    "options": "Ik kan de overdracht op papier zetten. Of ik kan vragen of ze vijf minuten heeft. Wat moet ik doen?",
    "trial": "Ik vraag eerst of ze vijf minuten heeft, en daarna gebruik ik een kort lijstje.",
    "success": "Als ze de punten herhaalt en niets mist.",
}
SECOND_IDEA = "Ik kan de overdracht op papier zetten."


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _draft(kind: str, language: str = "nl", roles=None) -> dict:
    model = products.offline_draft(PROMPTS, kind, language, roles or ROLES, team="Team A", today=date(2026, 12, 4))
    return model.model_dump(mode="json")


def test_the_action_plan_keeps_every_idea_as_an_action():
    plan = _draft("action_plan")
    actions = [a["what"] for a in plan["actions"]]
    assert actions[0] == ROLES["trial"]  # what they chose to try comes first, due in a week
    assert SECOND_IDEA in actions  # the second idea is not dropped
    assert "Ik kan vragen of ze vijf minuten heeft." not in actions  # the same idea as the trial, said once
    assert plan["actions"][0]["by_when"] == "11 december 2026"


def test_no_raw_fragments_are_pasted_into_template_sentences():
    plan = _draft("action_plan")
    text = scripted_json(plan)
    assert "situaties zoals ‘" not in text and "…’" not in text  # no clipped quote inside a sentence
    assert "Wat moet ik doen?" not in text  # a question to the companion is no idea
    assert "“Ik wil te veel tegelijk vertellen.”" in plan["learning_goal"]  # a whole sentence, in quotes
    assert plan["first_step"].endswith(f"“{ROLES['trial']}”")
    for value in [plan["learning_goal"], plan["first_step"], *plan["success_criteria"]]:
        assert value[0].isupper() and value.rstrip("”")[-1] in ".!", value


@pytest.mark.parametrize("kind", list(products.PRODUCT_KINDS))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_product_keeps_both_ideas_in_both_languages(kind, language):
    draft = _draft(kind, language)
    text = scripted_json(draft)
    assert SECOND_IDEA in text and ROLES["trial"] in text
    assert not [s for s in _strings(draft) if "{" in s or "[[" in s]  # every placeholder filled


def test_what_nobody_said_is_marked_not_quoted():
    plan = _draft("action_plan", roles={"situation": ROLES["situation"]})
    assert plan["first_step"].endswith("(nog niet besproken – vul dit samen met je begeleider aan)")
    assert "“(" not in scripted_json(plan)
    assert "Waar het voor mij om draait" not in plan["learning_goal"]  # an optional part without an answer


def test_the_wording_helpers():
    assert sentences("ok. ja. Wat nu? ik wil eerst luisteren") == ["Ik wil eerst luisteren."]
    assert ideas("Eerst luisteren naar haar.", "Eerst goed luisteren naar haar. Of iets anders proberen.") == [
        "Eerst luisteren naar haar.", "Iets anders proberen."]
    assert theme("Korte zin. Lang verhaal daarna.") == "Korte zin"
    assert theme("woord " * 40).endswith("…") and len(theme("woord " * 40)) <= 91


def test_an_offline_draft_is_labelled_as_the_offline_guides_not_ai(client, services, org):
    from tests.support.app import login

    conv_id = reflected_conversation(services)
    anne, eva = login(client, "anne"), login(client, "eva")
    s = client.post("/api/products", headers=anne, json={"conversation_id": conv_id, "kind": "action_plan",
                                                           "mode": "offline"}).json()
    assert s["ai_made"] is False and s["drafted_by"] == suggestions.OFFLINE_DRAFTER
    send(services, s["id"], share="draft")
    md = client.get(f"/api/suggestions/{s['id']}/download", headers=anne).text
    assert "Opgesteld met de offline gids" in md and "Gemaakt met AI" not in md
    done = client.post(f"/api/suggestions/{s['id']}/review", headers=eva,
                       json={"decision": "approved", "comment": "Goed."}).json()
    body = client.get(f"/api/portfolio/{done['entry_id']}", headers=anne).json()["body"]
    assert "Opgesteld met de offline gids" in body and "AI-concept" not in body


def test_a_model_draft_is_still_labelled_as_ai(llm_services, org, fake_model):
    from tests.support.review_data import PAYLOADS

    conv_id = reflected_conversation(llm_services)
    fake_model.enqueue(scripted_json(PAYLOADS["action_plan"]))
    s = drafting.draft(llm_services, principal(llm_services, "anne"), conv_id, "action_plan")
    assert suggestions.made_with_ai(s)
