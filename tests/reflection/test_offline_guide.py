"""The reflection state machine and the offline guide, without the API."""

import dataclasses
import re

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_state, cycles, offline_guide

PROMPTS = PROJECT_ROOT / "prompts"


def _cycle(language: str = "nl") -> cycles.Cycle:
    return cycles.load_cycle(PROMPTS, "alact", language)


@pytest.mark.parametrize(("language", "text"), [
    ("nl", "weet ik niet"), ("nl", "Ik weet het niet"), ("nl", "Dat weet ik niet meer"), ("nl", "geen idee"),
    ("nl", "Ik heb geen idee"), ("nl", "Weet ik eigenlijk niet"), ("nl", "???"), ("nl", "hmm"),
    ("en", "I don't know"), ("en", "I really don't know"), ("en", "No idea"), ("en", "I'm not sure"),
    ("en", "I can't remember"),
])
def test_non_answers_leave_the_slot_open(language, text):
    cycle = _cycle(language)
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, text)
    assert state["slots"] == {} and state["skipped"] == []
    assert state["phase"] == "action"


@pytest.mark.parametrize("text", ["Ik weet niet of het goed ging, maar ik zei er niets van.",
                                  "De cliënt wist niet meer wie zijn medicatie had gegeven."])
def test_real_answers_that_contain_not_knowing_still_count(text):
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, text)
    assert state["slots"]["action.what"] == text


def test_a_second_non_answer_lets_the_person_move_past_the_slot():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, "weet ik niet")
    state["pending"] = "action.what"  # the guide asks about the same slot again
    cycle_state.observe(cycle, state, "geen idee")
    assert "action.what" in state["skipped"] and "action.what" not in state["slots"]


def test_skip_passes_the_question_by_at_once():
    for language, text in (("nl", "pas"), ("nl", "sla over"), ("en", "skip")):
        cycle = _cycle(language)
        state = cycle_state.new_state(cycle)
        state["pending"] = "action.involved"
        cycle_state.observe(cycle, state, text)
        assert state["skipped"] == ["action.involved"] and state["intent"] == "skip"


def test_a_phase_completes_when_it_has_enough_not_when_every_slot_was_said():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    assert cycle_state.observe(cycle, state, "Bij de overdracht ging informatie verloren door de drukte.") == ["action"]
    assert state["phase"] == "looking_back" and "action.involved" not in state["slots"]
    state["pending"] = "looking_back.self_want"
    assert cycle_state.observe(cycle, state, "Dat de overdracht rustig en volledig zou zijn.") == []
    state["pending"] = "looking_back.other_want"
    assert cycle_state.observe(cycle, state, "Ze had haast, haar dienst zat erop.") == []
    state["pending"] = "looking_back.self_do"
    assert cycle_state.observe(cycle, state, "Niets, achteraf alles zelf nagelopen.") == ["looking_back"]
    assert state["phase"] == "awareness"


def test_cues_fill_slots_of_later_phases_too():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, "Gisteren zei mijn collega dat ik te laat was. Ik dacht: dat klopt niet. "
                                     "Ik voelde me boos.")
    assert {"action.what", "action.involved", "looking_back.other_do", "looking_back.self_think",
            "looking_back.self_feel"} <= set(state["slots"])
    assert state["slots"]["looking_back.self_feel"] == "Ik voelde me boos."


def test_the_guide_never_repeats_a_question_and_runs_out_gracefully():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    asked = []
    while (chosen := offline_guide.choose_question(cycle, state)) is not None:
        asked.append(chosen[1])
    slot = cycle.slot("action.what")
    involved = cycle.slot("action.involved")
    assert len(asked) == len(set(asked)) == len(slot.questions) + len(involved.questions)


def test_offline_reply_asks_exactly_one_question_even_when_quoting_one():
    cycle = dataclasses.replace(_cycle(), texts={**_cycle().texts, "reflect": ["Je schrijft: “{reflection}”."]})
    state = cycle_state.new_state(cycle)
    story = "Gisteren liep de overdracht met mijn collega mis."
    offline_guide.offline_reply(cycle, state, story, cycle_state.observe(cycle, state, story), [])
    state["turns"] += 1  # a turn on which the guide says back what it heard
    message = "Mijn collega vroeg 'waarom?' en ik wist echt niet wat ik moest zeggen."
    completed = cycle_state.observe(cycle, state, message)
    reply = offline_guide.offline_reply(cycle, state, message, completed, [])
    assert "waarom" in reply
    assert reply.count("?") == 1 and reply.endswith("?")


def test_offline_reply_moves_to_the_new_phase_in_plain_words_when_one_completes():
    cycle = _cycle("en")
    state = cycle_state.new_state(cycle)
    message = "Yesterday during the handover my colleague kept interrupting and we lost information."
    completed = cycle_state.observe(cycle, state, message)
    reply = offline_guide.offline_reply(cycle, state, message, completed, [])
    assert completed == ["action"]
    assert cycle.phase("looking_back").bridge in reply and reply.count("?") == 1
    assert "Looking back" not in reply and "phase" not in reply  # the progress is on screen, not in the sentence


def test_offline_reply_points_to_a_similar_earlier_situation():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    state.update(phase="awareness", slots={s.key: "x" for p in cycle.phases[:2] for s in p.slots})
    similar = [{"id": "situation:4", "title": "Overdracht liep uit de hand?", "created": "2026-03-12"}]
    reply = offline_guide.offline_reply(cycle, state, "Ik voelde me daarna echt heel erg moe.", [], similar)
    assert "Overdracht liep uit de hand" in reply and "maart 2026" in reply
    assert reply.count("?") == 1
    again = offline_guide.offline_reply(cycle, state, "Ja, dat zie ik wel terug in deze situatie.", [], similar)
    assert "Overdracht liep uit de hand" not in again


def test_closing_after_the_last_phase_and_a_new_round_after_that():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    state["slots"] = {s.key: "x" for p in cycle.phases for s in p.slots}
    assert cycle_state.advance(cycle, state) == [p.id for p in cycle.phases]
    assert state["completed"] and state["finished"] and state["completed_rounds"] == 1
    assert offline_guide.offline_reply(cycle, state, "dank", [], []) == cycle.texts["closing"]
    assert all(p["status"] == "done" for p in cycle_state.phases_view(cycle, state))
    asked = list(state["asked"])
    cycle_state.observe(cycle, state, "Het uitproberen ging anders dan ik dacht bij de overdracht.")
    assert state["round"] == 2 and not state["completed"] and state["phase"] == "looking_back"
    assert state["asked"] == asked and len(state["history"]) == 1


def test_phases_view_shows_progress_and_what_was_captured():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    state["pending"] = "action.what"
    cycle_state.observe(cycle, state, "Bij de overdracht ging informatie verloren door de drukte.")
    view = cycle_state.phases_view(cycle, state)
    assert [v["status"] for v in view] == ["done", "current", "todo", "todo", "todo"]
    assert view[0]["captured"] == {"Wat er gebeurde": "Bij de overdracht ging informatie verloren door de drukte."}


def test_quote_of_takes_the_first_sentence_and_clips_long_ones():
    assert cycle_state.quote_of("Het ging mis. Echt waar!") == "Het ging mis"
    long = "woord " * 40
    quote = cycle_state.quote_of(long, 30)
    assert len(quote) <= 31 and quote.endswith("…") and not re.search(r"\bwoor…", quote)


def test_next_question_moves_past_slots_whose_questions_ran_out():
    cycle = _cycle()
    state = cycle_state.new_state(cycle)
    state["asked"] = [qid for p in cycle.phases[:2] for s in p.slots for qid, _ in s.questions]
    slot, question = offline_guide.next_question(cycle, state)
    assert state["phase"] == "awareness" and slot.key.startswith("awareness.")
    assert question not in state["asked"][:-1]
    assert set(state["exhausted"]) == {s.key for p in cycle.phases[:2] for s in p.slots}
    state["finished"] = True
    assert offline_guide.next_question(cycle, state) is None
