"""The guide speaks like a coach: the person's words turned to "je"/"you", feelings named, no echo of non-content."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_state, cycles, offline_guide, second_person, wording

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.mark.parametrize(("said", "back"), [
    ("Ik voelde me gefrustreerd en een beetje schuldig.", "Je voelde je gefrustreerd en een beetje schuldig."),
    ("Ik heb niets gezegd en later alles zelf nagelopen.", "Je hebt niets gezegd en later alles zelf nagelopen."),
    ("Ik dacht dat het niet aan mij was om het te leiden.", "Je dacht dat het niet aan jou was om het te leiden."),
    ("Mijn collega wilde snel naar huis, denk ik.", "Je collega wilde snel naar huis, denk je."),
    ("Misschien kan ik zeggen dat ik ook drie punten heb.", "Misschien kun je zeggen dat je ook drie punten hebt."),
    ("Ik vind het lastig om nee te zeggen tegen mijn leidinggevende.",
     "Je vindt het lastig om nee te zeggen tegen je leidinggevende."),
])
def test_dutch_is_turned_to_the_second_person(said, back):
    assert second_person.convert(said, "nl") == back


@pytest.mark.parametrize(("said", "back"), [
    ("I was angry and I felt ignored by my manager.", "You were angry and you felt ignored by your manager."),
    ("Maybe I could tell the planner which weeks I can do.",
     "Maybe you could tell the planner which weeks you can do."),
    ("I'm not sure I said it well.", "You're not sure you said it well."),
])
def test_english_is_turned_to_the_second_person(said, back):
    assert second_person.convert(said, "en") == back


def test_own_feelings_are_named_and_the_others_are_not_taken_for_the_persons():
    nl = cycles.load_cycle(PROMPTS, "alact", "nl")
    assert wording.own_feelings(nl, "Ik voelde me gefrustreerd en schuldig.") == ["gefrustreerd", "schuldig"]
    assert wording.own_feelings(nl, "Ik schrok en ik ergerde me aan haar toon.") == ["geschrokken", "geïrriteerd"]
    assert wording.own_feelings(nl, "Ik zag dat mijn collega boos was.") == []
    en = cycles.load_cycle(PROMPTS, "alact", "en")
    assert wording.own_feelings(en, "I was exhausted and a bit angry with myself.") == ["tired", "angry"]
    assert wording.own_feelings(en, "She was upset and left the room.") == []


def _reply(language: str, message: str, turns: int = 0) -> str:
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, "Gisteren liep de overdracht met mijn collega mis." if language == "nl"
                        else "Yesterday the handover with my colleague went wrong.")
    offline_guide.offline_reply(cycle, state, "", [], [])
    state["turns"] += turns
    completed = cycle_state.observe(cycle, state, message)
    return offline_guide.offline_reply(cycle, state, message, completed, [])


@pytest.mark.parametrize(("language", "message"), [
    ("nl", "weet ik niet"), ("nl", "ja"), ("nl", "nee"), ("nl", "Weet ik niet"), ("en", "I don't know"), ("en", "yes"),
])
def test_non_content_is_never_quoted(language, message):
    reply = _reply(language, message)
    assert message.lower() not in reply.lower() and "“" not in reply
    assert reply.count("?") == 1 and reply.endswith("?")


def test_a_named_feeling_gets_another_acknowledgement_than_a_fact():
    feeling = _reply("nl", "Ik voelde me echt gefrustreerd tijdens die overdracht.")
    fact = _reply("nl", "Ze zei dat de overdracht om half drie moest beginnen.")
    assert "gefrustreerd" in feeling.split("?")[0]
    assert "gefrustreerd" not in fact
    first = lambda text: text.split(". ")[0]  # noqa: E731
    assert first(feeling) != first(fact)


def test_acknowledgements_vary_from_turn_to_turn():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle, seed=2)
    said = ["Bij de overdracht praatte iedereen door elkaar.", "Twee collega's en de teamleider waren er.",
            "Ik wilde dat iedereen zijn punten kon noemen.", "Ik heb toen uiteindelijk niets meer gezegd.",
            "Mijn collega wilde snel naar huis na de dienst."]
    openings = []
    for message in said:
        completed = cycle_state.observe(cycle, state, message)
        openings.append(offline_guide.offline_reply(cycle, state, message, completed, []).split(". ")[0])
    assert all(a != b for a, b in zip(openings, openings[1:], strict=False)), openings


def test_the_phase_move_summarises_in_the_persons_own_words_in_one_sentence():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle)
    message = "Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren."
    completed = cycle_state.observe(cycle, state, message)
    reply = offline_guide.offline_reply(cycle, state, message, completed, [])
    move = reply.split(". ")[0]
    assert "praatte iedereen door elkaar" in move and "Terugblikken" in move
    assert "“" not in reply and "…" not in reply  # said back, not a clipped quote
    assert len(reply.split()) <= 45
