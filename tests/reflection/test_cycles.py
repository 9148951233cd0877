"""ALACT, STARR(T) and Gibbs as explicit state, walked offline: enough per phase, going back, switching, no repeats."""

import re

import pytest

from companion.core.config import PROJECT_ROOT
from companion.core.errors import Conflict, Invalid
from companion.reflection import cycle_state, cycles, offline_guide

PROMPTS = PROJECT_ROOT / "prompts"
ALL = [(c, lang) for c in cycles.CYCLES for lang in ("nl", "en")]


def _answer(n: int, language: str) -> str:
    """A real answer that no cue recognises: only the slot asked about can take it."""
    return f"Antwoord {n}: zo zat het voor mij in elkaar." if language == "nl" else f"Answer {n}: that is how it was."


def _questions(reply: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", reply) if s.endswith("?")]


def _need(cycle, phase) -> int:
    return max(phase.enough or len(phase.slots), len(phase.required))


def _walk(cycle, state, answers, first: str = "") -> list[str]:
    """Answer the guide's questions until it closes; returns every reply."""
    replies = []
    message = first or next(answers)
    while True:
        completed = cycle_state.observe(cycle, state, message)
        for view in cycle_state.phases_view(cycle, state):  # a phase is done only when it has enough
            if view["status"] == "done":
                assert cycle_state.phase_complete(cycle, state, view["id"]), view
        replies.append(offline_guide.offline_reply(cycle, state, message, completed, []))
        if state["finished"]:
            return replies
        message = next(answers)


@pytest.mark.parametrize(("cycle_id", "language"), ALL)
def test_every_cycle_walks_end_to_end_and_completes_when_every_phase_has_enough(cycle_id, language):
    cycle = cycles.load_cycle(PROMPTS, cycle_id, language)
    state = cycle_state.new_state(cycle, seed=3)
    answers = (_answer(n, language) for n in range(1, 200))
    replies = _walk(cycle, state, answers)
    assert state["turns"] == sum(_need(cycle, p) for p in cycle.phases)  # enough per phase, not every question
    assert state["completed"] and state["completed_rounds"] == 1
    assert all(v["status"] == "done" for v in cycle_state.phases_view(cycle, state))
    for reply in replies[:-1]:
        assert len(_questions(reply)) == 1 and reply.endswith("?"), reply
    assert replies[-1].startswith(cycle.texts["closing"])
    asked = [q for r in replies for q in _questions(r)]
    assert len(asked) == len(set(asked))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_looking_back_stays_current_until_it_has_enough(language):
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    state = cycle_state.new_state(cycle)
    assert cycle_state.observe(cycle, state, _answer(1, language)) == ["action"]  # one answer is enough here
    for n in (2, 3):  # looking back needs three of its eight slots: a menu, not a list to work through
        offline_guide.offline_reply(cycle, state, _answer(n - 1, language), [], [])
        assert cycle_state.observe(cycle, state, _answer(n, language)) == []
        assert state["phase"] == "looking_back"
    offline_guide.offline_reply(cycle, state, _answer(3, language), [], [])
    assert cycle_state.observe(cycle, state, _answer(4, language)) == ["looking_back"]
    said = [k for k in state["slots"] if k.startswith("looking_back.")]
    assert len(said) == 3 and {cycle.slot(k).group for k in said} == {"self", "other"}  # both sides heard


def test_a_skipped_slot_lets_the_person_move_on_but_the_cycle_is_not_completed():
    cycle = cycles.load_cycle(PROMPTS, "gibbs", "nl")
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, "Antwoord: het voorval op de afdeling, zo ging het.")
    offline_guide.offline_reply(cycle, state, "", [], [])
    assert state["phase"] == "feelings"
    for _ in range(2):  # twice no answer: another angle first, then the phase is passed by
        cycle_state.observe(cycle, state, "weet ik niet")
        offline_guide.offline_reply(cycle, state, "weet ik niet", [], [])
    assert state["phase"] == "evaluation" and state["skipped"]
    answers = (_answer(n, "nl") for n in range(10, 99))
    _walk(cycle, state, answers)
    assert state["finished"] and not state["completed"] and state["completed_rounds"] == 0
    view = cycle_state.phases_view(cycle, state)
    assert view[1]["status"] == "incomplete" and all(v["status"] == "done" for v in view[:1] + view[2:])
    assert "skipped" in [s["status"] for s in view[1]["slots"]]


def test_a_long_conversation_never_repeats_a_question_and_says_when_a_slot_ran_out():
    cycle = cycles.load_cycle(PROMPTS, "starr", "nl")
    state = cycle_state.new_state(cycle)
    answers = (_answer(n, "nl") for n in range(1, 1000))
    replies = []
    for _ in range(16):  # sixteen rounds of the whole cycle in one conversation: more than the bank holds
        replies += _walk(cycle, state, answers)
    asked = [q for r in replies for q in _questions(r) if q not in cycle.texts["closing"]]
    assert len(asked) == len(set(asked)) > 50
    assert any(cycle.texts["exhausted"].split("{slot}")[0] in r for r in replies)  # said plainly, not repeated
    assert cycle.texts["closing_exhausted"] in replies[-1]  # and at the end: start a new conversation
    assert state["exhausted"]


def test_going_back_reopens_the_phase_and_keeps_what_later_phases_captured():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    answers = (_answer(n, "nl") for n in range(1, 99))
    message = next(answers)
    while state["phase"] != "alternatives":
        completed = cycle_state.observe(cycle, state, message)
        offline_guide.offline_reply(cycle, state, message, completed, [])
        message = next(answers)
    captured = dict(state["slots"])
    assert cycle_state.back_targets(cycle, state) == ["action", "looking_back", "awareness"]

    cycle_state.go_back(cycle, state, "looking_back")
    text = offline_guide.back_message(cycle, state)
    assert state["phase"] == "looking_back" and state["reopened"] == "looking_back"
    assert state["slots"] == captured and not state["finished"]
    assert text.count("?") == 1 and "Terugblikken" in text
    view = {v["id"]: v["status"] for v in cycle_state.phases_view(cycle, state)}
    assert view == {"action": "done", "looking_back": "current", "awareness": "done", "alternatives": "todo",
                    "trial": "todo"}
    pending = state["pending"]
    moved = cycle_state.observe(cycle, state, "Ik wil toevoegen dat ik ook moe was die dag.")
    assert state["slots"][pending].endswith("Ik wil toevoegen dat ik ook moe was die dag.")
    assert moved == ["looking_back", "awareness"] and state["phase"] == "alternatives"  # back where it was


def test_going_back_only_to_an_earlier_phase_of_the_cycle():
    cycle = cycles.load_cycle(PROMPTS, "gibbs", "en")
    state = cycle_state.new_state(cycle)
    with pytest.raises(Conflict):
        cycle_state.go_back(cycle, state, "analysis")  # not behind you yet
    with pytest.raises(Invalid):
        cycle_state.go_back(cycle, state, "looking_back")  # an ALACT phase, not a Gibbs one
    state.update(slots={k: "x" for k in cycle.slot_keys()})
    cycle_state.advance(cycle, state)
    assert state["completed"] and cycle_state.back_targets(cycle, state) == cycle.phase_ids()
    cycle_state.go_back(cycle, state, "action_plan")  # once walked through, any phase re-opens
    assert not state["completed"] and not state["finished"] and state["phase"] == "action_plan"


def test_switching_cycle_early_keeps_the_situation_and_the_questions_asked():
    alact = cycles.load_cycle(PROMPTS, "alact", "nl")
    gibbs = cycles.load_cycle(PROMPTS, "gibbs", "nl")
    state = cycle_state.new_state(alact)
    first = "Tijdens de nachtdienst werd een bewoner agressief en ik schrok enorm."
    cycle_state.observe(alact, state, first)
    offline_guide.offline_reply(alact, state, first, [], [])
    asked = list(state["asked"])
    new = cycle_state.switch(gibbs, state, [first])
    assert new["cycle"] == "gibbs" and new["slots"]["description.what"] == first
    assert new["slots"]["feelings.during"] == first  # "ik schrok" is recognised as a feeling
    assert new["asked"] == asked and new["turns"] == 1
    for text in ("Antwoord een is dit.", "Antwoord twee is dat."):
        cycle_state.observe(gibbs, new, text)
    with pytest.raises(Conflict):
        cycle_state.switch(alact, new, [first, "a", "b"])


def test_answers_by_phase_lists_what_was_said_in_cycle_order():
    cycle = cycles.load_cycle(PROMPTS, "starr", "en")
    state = cycle_state.new_state(cycle)
    state["slots"] = {"task.goal": "Be on time.", "situation.what": "A late delivery."}
    answers = cycle_state.answers_by_phase(cycle, state)
    assert [a[0] for a in answers] == cycle.phase_ids()
    assert answers[0] == ("situation", "Situation", [("What was going on", "A late delivery.")])
    assert answers[1][2] == [("What was expected of you", "Be on time.")]


@pytest.mark.parametrize(("cycle_id", "pattern_phase"), [("alact", "awareness"), ("starr", "reflection"),
                                                         ("gibbs", "analysis")])
def test_an_earlier_similar_situation_is_brought_up_at_the_right_phase_of_every_cycle(cycle_id, pattern_phase):
    cycle = cycles.load_cycle(PROMPTS, cycle_id, "nl")
    state = cycle_state.new_state(cycle)
    similar = [{"id": "situation:4", "title": "Overdracht liep uit de hand", "created": "2026-03-12"}]
    answers = (_answer(n, "nl") for n in range(1, 99))
    seen_at = []
    while not state["finished"]:
        message = next(answers)
        completed = cycle_state.observe(cycle, state, message)
        reply = offline_guide.offline_reply(cycle, state, message, completed, similar)
        if "Overdracht liep uit de hand" in reply:
            seen_at.append(state["phase"])
            assert "maart 2026" in reply and reply.count("?") == 1
    assert seen_at == [pattern_phase]  # once, at the phase where a pattern matters
