"""The cycle follows the person: every message is read for every phase, and the guide jumps ahead with them."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_state, cycles, offline_guide

PROMPTS = PROJECT_ROOT / "prompts"
EARLIER = [{"id": "situation:4", "title": "Overdracht liep uit de hand", "created": "2026-03-12"}]


def _turn(cycle, state, message, similar=(), hold=None):
    completed = cycle_state.observe(cycle, state, message, hold=hold)
    return offline_guide.offline_reply(cycle, state, message, completed, list(similar))


def test_a_person_who_jumps_ahead_is_followed_and_the_question_asked_stays_open():
    cycle = cycles.load_cycle(PROMPTS, "alact", "en")
    state = cycle_state.new_state(cycle)
    _turn(cycle, state, "Last week the planner asked me again to take an extra shift and I said yes.")
    asked = state["pending"]
    assert state["phase"] == "looking_back"
    reply = _turn(cycle, state, "Maybe I could tell the planner which weeks I can do one extra shift at most, "
                                "before she even asks.")
    assert asked not in state["slots"]  # an idea is not stored as the answer to a looking-back question
    assert state["slots"]["alternatives.options"].startswith("Maybe I could tell the planner")
    assert state["phase"] == "alternatives" and cycle.phase("alternatives").bridge in reply  # followed, in one sentence
    assert reply.count("?") == 1


def test_the_guide_never_asks_for_what_was_already_said():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    story = ("Gisteren tijdens de overdracht zei mijn collega dat ik te laat was. Ik voelde me gepasseerd. "
             "Ik dacht dat ze geen idee had hoe druk het was.")
    _turn(cycle, state, story)
    said = set(state["slots"])
    assert {"looking_back.other_do", "looking_back.self_feel", "looking_back.self_think"} <= said
    for _ in range(6):
        if state["finished"]:
            break
        _turn(cycle, state, "Dat weet ik nu eigenlijk niet meer zo precies, helaas.")
        assert state["pending"] is None or state["pending"] not in said


def test_a_typical_conversation_reaches_awareness_and_alternatives_within_six_turns():
    for language, story in (
        ("nl", ["Vorige week vroeg de planner me weer om een extra dienst en ik zei ja, terwijl ik doodop was.",
                "Ik voelde me moe en ook boos op mezelf.",
                "Ze wilde vooral dat het rooster rond was.",
                "Ik merk dat ik bijna altijd ja zeg als iemand om hulp vraagt.",
                "Ik zou de planner vooraf kunnen laten weten welke weken ik extra kan.",
                "Maandag stuur ik haar een mail met de weken die ik kan."]),
        ("en", ["Last week the planner asked me again for an extra shift and I said yes although I was exhausted.",
                "I felt tired and angry with myself.",
                "She mainly wanted the roster to be complete.",
                "I notice that I almost always say yes when someone asks for help.",
                "I could tell the planner in advance which weeks I can do an extra shift.",
                "On Monday I'll send her an email with the weeks I can do."]),
    ):
        cycle = cycles.load_cycle(PROMPTS, "alact", language)
        state = cycle_state.new_state(cycle)
        seen = []
        for message in story:
            _turn(cycle, state, message)
            seen.append(state["phase"])
        assert {"awareness", "alternatives", "trial"} <= set(seen), seen


@pytest.mark.parametrize("cycle_id", ["alact", "starr", "gibbs"])
def test_an_earlier_situation_holds_the_conversation_at_the_pattern_phase_once(cycle_id):
    cycle = cycles.load_cycle(PROMPTS, cycle_id, "nl")
    state = cycle_state.new_state(cycle)
    pattern_phase = cycle.pattern_slot.split(".")[0]
    state["slots"] = {s.key: "Antwoord." for p in cycle.phases for s in p.slots if p.id != cycle.phases[-1].id}
    reply = _turn(cycle, state, "Antwoord dat alles tot het eind al beschrijft.", EARLIER, hold=pattern_phase)
    assert state["phase"] == pattern_phase  # held there, although the phases after it have enough
    assert "Overdracht liep uit de hand" in reply and "maart 2026" in reply and reply.count("?") == 1
    assert "hetzelfde" in reply
    _turn(cycle, state, "Toen ging het ook om tijdsdruk, nu meer om de toon.", EARLIER, hold=None)
    assert state["phase"] != pattern_phase


def test_switching_cycle_and_going_back_still_work_with_the_new_reading():
    alact = cycles.load_cycle(PROMPTS, "alact", "nl")
    starr = cycles.load_cycle(PROMPTS, "starr", "nl")
    state = cycle_state.new_state(alact)
    first = "Ik moest als coördinator de verhuizing van ons team naar de nieuwe locatie regelen."
    _turn(alact, state, first)
    new = cycle_state.switch(starr, state, [first])
    assert new["slots"]["situation.what"] == first and "task.task" in new["slots"]
    assert new["phase"] == "action"


def test_a_person_who_jumps_past_the_pattern_phase_is_followed_and_hears_the_earlier_situation_next():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    hold = cycle.pattern_slot.split(".")[0]
    _turn(cycle, state, "Gisteren bij de overdracht praatte mijn collega steeds door mij heen.", EARLIER, hold)
    reply = _turn(cycle, state, "Misschien kan ik haar vragen om mij eerst mijn punten te laten afmaken.",
                  EARLIER, hold)
    assert state["phase"] == "alternatives"  # followed past awareness, where the earlier situation was due
    assert "Overdracht liep uit de hand" in reply and reply.count("?") == 1
