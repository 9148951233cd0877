"""With a (scripted) model, the prompt carries the message's language, the phase with what is captured and
missing, the rules for direct requests, and what this turn must do."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.scripted_model, pytest.mark.usefixtures("no_chat_rate")]

STORY_NL = "Gisteren tijdens de overdracht praatte mijn collega steeds door mij heen."


def _start(client, headers) -> int:
    return client.post("/api/conversations", headers=headers, json={}).json()["id"]


def _say(client, headers, conv_id: int, text: str) -> dict:
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": text})
    assert r.status_code == 200, r.text
    return r.json()


def _system(fake_model) -> str:
    return fake_model.history[-1][0].content


def test_the_prompt_is_in_the_language_of_each_message(client, anne, fake_model):
    conv_id = _start(client, anne)  # a Dutch profile
    _say(client, anne, conv_id, "Yesterday during the handover my colleague kept talking over me.")
    assert "wrote the last message in English. Answer in English" in _system(fake_model)
    assert "# Phase: Looking back" in _system(fake_model)
    _say(client, anne, conv_id, "Ik voelde me gepasseerd en ik zei er niets van.")
    assert "schreef het laatste bericht in het Nederlands" in _system(fake_model)


def test_the_prompt_carries_the_phase_what_was_captured_and_what_is_missing(client, anne, fake_model):
    conv_id = _start(client, anne)
    _say(client, anne, conv_id, STORY_NL)
    system = _system(fake_model)
    assert "# Fase: Terugblikken" in system
    assert "Handelen / Wat er gebeurde: " + STORY_NL in system  # captured, in the person's words
    missing = system.split("Wat nog ontbreekt in deze fase: ")[1].split("\n")[0]
    assert "Wat jij voelde" in missing and "Wat de ander deed" not in missing  # "praatte door mij heen" is said
    assert "Het gesprek gaat nu naar de fase ‘Terugblikken’" in system  # say the move in one sentence ...
    assert "zonder de naam van de fase" in system and "“Laten we nog even terugkijken" in system  # ... plain words
    assert "Vat daarbij eerst kort samen" not in system  # one message: nothing to condense, no echo


def test_a_direct_request_brings_the_request_rules_and_the_persons_words(client, anne, fake_model):
    conv_id = _start(client, anne)
    _say(client, anne, conv_id, STORY_NL)
    _say(client, anne, conv_id, "Moet ik naar mijn leidinggevende of het zelf met haar uitpraten?")
    system = _system(fake_model)
    assert "Een directe vraag" in system  # the standing rule
    turn = system.split("Deze beurt:")[1]
    assert "vraagt direct om advies: “Moet ik naar mijn leidinggevende of het zelf met haar uitpraten?”" in turn
    assert "waarom de eigen mogelijkheden" in turn
    assert "Vraag nu naar: Andere mogelijkheden" in system  # the next question is about their own options


@pytest.mark.parametrize(("text", "rule"), [
    ("weet ik niet", "andere, eenvoudiger invalshoek"), ("sla over", "overslaan"),
    ("dit helpt niet", "niet helpt"), ("kunnen we stoppen?", "wil stoppen"),
])
def test_meta_remarks_reach_the_model_as_what_to_do_this_turn(client, anne, fake_model, text, rule):
    conv_id = _start(client, anne)
    _say(client, anne, conv_id, STORY_NL)
    _say(client, anne, conv_id, text)
    assert rule in _system(fake_model).split("Deze beurt:")[1]


def test_an_earlier_similar_situation_is_named_in_the_prompt_at_the_pattern_phase(client, anne, fake_model):
    r = client.post("/api/situations", headers=anne, json={
        "title": "Overdracht met collega liep uit de hand",
        "description": "Tijdens de overdracht praatte mijn collega steeds door mij heen en ik zei niets."})
    assert r.status_code == 201, r.text
    conv_id = _start(client, anne)
    reply = _say(client, anne, conv_id, STORY_NL + " Ik voelde me gepasseerd en ik dacht dat ze mij niet "
                                        "serieus nam.")
    assert reply["phase"] == "awareness"
    turn = _system(fake_model).split("Deze beurt:")[1]
    assert "‘Overdracht met collega liep uit de hand’" in turn and "wat nu hetzelfde is en wat anders" in turn
