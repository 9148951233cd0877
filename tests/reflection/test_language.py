"""Each message's language, from its function words; too short or mixed to tell keeps the conversation's."""

import pytest

from companion.reflection import language


@pytest.mark.parametrize("text", [
    "Gisteren ging de overdracht helemaal mis.", "weet ik niet", "Wat moet ik doen?", "Dit helpt niet",
    "Kunnen we stoppen?", "Ik voelde me gefrustreerd", "Moet ik naar mijn leidinggevende?", "geen idee",
    "De klant was boos over de rekening.", "Ja, dat klopt.",
])
def test_dutch_messages(text):
    assert language.detect(text) == "nl"


@pytest.mark.parametrize("text", [
    "Yesterday the handover went completely wrong.", "I don't know", "What should I do?", "This is not helping",
    "I felt frustrated", "Should I go to my manager?", "no idea", "The client was angry about the bill.",
    "Maybe I could tell the planner which weeks I can do one extra shift at most, before she even asks.",
])
def test_english_messages(text):
    assert language.detect(text) == "en"


@pytest.mark.parametrize("text", ["ok", "ja", "skip", "sla over", "Okay", "deadline", "Marieke", "👍", ""])
def test_short_or_ambiguous_messages_say_nothing(text):
    assert language.detect(text) is None


def test_an_ambiguous_message_keeps_the_current_language_and_a_clear_one_switches():
    assert language.message_language("ok", "en") == "en"
    assert language.message_language("skip", "nl") == "nl"
    assert language.message_language("Last week my colleague took over my shift.", "nl") == "en"
    assert language.message_language("Vorige week nam mijn collega mijn dienst over.", "en") == "nl"


def test_english_loanwords_in_dutch_stay_dutch():
    text = "In de meeting met het team hadden we een deadline voor de planning van de sprint."
    assert language.detect(text) == "nl"
