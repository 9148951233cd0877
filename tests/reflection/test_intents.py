"""What a message asks of the companion: advice, skipping, stopping, that it does not help, or nothing at all."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycles, intents

PROMPTS = PROJECT_ROOT / "prompts"


def _read(text: str, language: str = "nl") -> intents.Reading:
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    return intents.read(text, cycle.intents, cycle.non_answers)


@pytest.mark.parametrize("text", [
    "Wat moet ik doen?", "Maar wat moet ik nou doen? Naar mijn leidinggevende of het zelf met haar uitpraten?",
    "Moet ik naar mijn leidinggevende?", "Wat zou jij doen?", "Heb je tips?", "Geef me gewoon advies.",
    "Hoe pak ik dit aan?", "What should I do?", "Should I go to my manager?", "Any advice?",
    "What would you do in my place?", "How should I handle this?", "Kun je me vertellen wat ik moet doen?",
])
def test_requests_for_advice_are_recognised_in_both_languages(text):
    assert _read(text).intent == "request"
    assert _read(text, "en").intent == "request"  # people switch: both lists count


def test_a_request_is_never_content_but_what_else_was_said_is():
    reading = _read("Ze praatte steeds door mij heen. Wat moet ik doen? Naar mijn leidinggevende of zelf praten?")
    assert reading.intent == "request"
    assert reading.content == "Ze praatte steeds door mij heen."
    assert "Wat moet ik doen?" in reading.request and "leidinggevende" in reading.request
    assert _read("Weet ik niet. Wat moet ik doen?").content == ""  # and no non-answer either


@pytest.mark.parametrize("text", [
    "Ik dacht: wat moet ik nu doen?", "Ik vroeg me af wat ik moest doen.", "I wondered what I should do.",
    "Ik wist niet wat ik moest zeggen.", "I didn't know what to say.",
])
def test_a_question_someone_asked_themselves_back_then_is_part_of_the_story(text):
    assert _read(text).intent is None


@pytest.mark.parametrize(("text", "intent"), [
    ("weet ik niet", "dont_know"), ("I don't know", "dont_know"), ("geen idee", "dont_know"),
    ("sla over", "skip"), ("skip", "skip"), ("volgende vraag", "skip"),
    ("Daar wil ik liever niet over praten.", "skip"), ("dit helpt niet", "not_helping"),
    ("Hier heb ik niks aan.", "not_helping"), ("This is not helping.", "not_helping"),
    ("kunnen we stoppen?", "stop"), ("Ik wil nu stoppen.", "stop"), ("Can we stop?", "stop"),
    ("Enough for today.", "stop"),
])
def test_meta_remarks_are_recognised(text, intent):
    assert _read(text).intent == intent


@pytest.mark.parametrize("text", [
    "Ik sla de lunch vaak over als het druk is.", "Het medicijn helpt niet bij deze bewoner, zei de arts.",
    "De bus stopt niet meer bij de locatie.", "We stopped the meeting early because the fire alarm went off.",
])
def test_the_same_words_inside_a_story_are_content(text):
    reading = _read(text)
    assert reading.intent is None and reading.content == text
