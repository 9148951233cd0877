"""Direct requests and remarks get an honest answer: heard, why, and an adapted question; never stored as content."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_state, cycles, offline_guide

PROMPTS = PROJECT_ROOT / "prompts"
GUIDE = {"id": "chunk:9", "kind": "knowledge", "title": "Richtlijn overdracht", "ref_id": 3}


def _at_alternatives(language: str = "nl"):
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    state = cycle_state.new_state(cycle)
    state["slots"] = {"action.what": "De overdracht liep mis.", "looking_back.self_feel": "Ik was boos.",
                      "looking_back.other_do": "Ze praatte door.", "looking_back.self_do": "Ik zweeg.",
                      "awareness.essence": "Ik neem geen ruimte."}
    cycle_state.advance(cycle, state)
    offline_guide.offline_reply(cycle, state, "", [], [])
    assert state["phase"] == "alternatives" and state["pending"] == "alternatives.options"
    return cycle, state


def _turn(cycle, state, message, knowledge=None):
    completed = cycle_state.observe(cycle, state, message)
    return offline_guide.offline_reply(cycle, state, message, completed, [], knowledge)


@pytest.mark.parametrize("request_text", ["Wat moet ik doen?", "Maar wat moet ik nou doen? Naar mijn "
                                          "leidinggevende of het zelf met haar uitpraten?"])
def test_a_request_in_the_alternatives_phase_is_not_stored_as_the_options(request_text):
    cycle, state = _at_alternatives()
    reply = _turn(cycle, state, request_text)
    assert "alternatives.options" not in state["slots"]  # issue 12, bug 2
    assert state["pending"] == "alternatives.options"  # their own options are what comes next
    assert "vraag" in reply.split(".")[0].lower()  # it says it heard the question
    assert "eigen" in reply or "zelf" in reply  # and why their own options come first
    assert reply.count("?") == 1 and reply.endswith("?")


def test_a_request_offers_what_the_knowledge_base_holds_with_its_title():
    cycle, state = _at_alternatives()
    reply = _turn(cycle, state, "Wat moet ik doen?", knowledge=GUIDE)
    assert "‘Richtlijn overdracht’" in reply and "bronnen" in reply and reply.count("?") == 1


def test_once_there_are_options_a_request_offers_an_action_plan():
    cycle, state = _at_alternatives("en")
    _turn(cycle, state, "I could ask her to let me go first with my three points.")
    reply = _turn(cycle, state, "But what should I do?")
    assert "you could ask her to let you go first" in reply.lower()
    assert "action plan" in reply.lower() and reply.count("?") == 1


def test_i_dont_know_is_acknowledged_and_followed_by_another_easier_angle():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    _turn(cycle, state, "Gisteren liep de overdracht met mijn collega mis.")
    before = state["pending"]
    reply = _turn(cycle, state, "weet ik niet")
    assert state["pending"] != before  # another angle, not the same slot again
    assert "bijvoorbeeld" not in reply and reply.count("?") == 1
    assert reply.split(".")[0] in [t.rstrip(".") for t in cycle.texts["dont_know"]] or "niet erg" in reply


@pytest.mark.parametrize(("language", "text"), [("nl", "sla over"), ("en", "skip this")])
def test_skip_is_acknowledged_and_the_question_is_passed_by(language, text):
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    state = cycle_state.new_state(cycle)
    _turn(cycle, state, "Gisteren liep de overdracht mis." if language == "nl" else "Yesterday the handover failed.")
    skipped = state["pending"]
    reply = _turn(cycle, state, text)
    assert skipped in state["skipped"] and any(reply.startswith(t) for t in cycle.texts["skip"])
    assert reply.count("?") == 1


def test_this_is_not_helping_changes_the_approach():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    _turn(cycle, state, "Gisteren liep de overdracht met mijn collega mis.")
    reply = _turn(cycle, state, "Dit helpt me niet.")
    assert any(reply.startswith(t) for t in cycle.texts["not_helping"])
    assert state["phase"] == "alternatives" and state["pending"] == "alternatives.options"  # straight to options
    assert reply.count("?") == 1


def test_can_we_stop_offers_to_stop_and_save():
    cycle = cycles.load_cycle(PROMPTS, "gibbs", "en")
    state = cycle_state.new_state(cycle)
    _turn(cycle, state, "Yesterday a resident became aggressive during the evening round.")
    reply = _turn(cycle, state, "Can we stop?")
    assert reply.startswith(cycle.texts["stop"]) and "portfolio" in reply
    assert reply.endswith(cycle.texts["stop_question"]) and reply.count("?") == 1
    assert state["pending"] is None and state["round"] == 1
