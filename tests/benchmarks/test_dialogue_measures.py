"""The yardstick of `companion bench dialogue` judges replies the way a reader of the transcript would."""

import yaml

from companion.benchmarks import dialogue_measures as m
from companion.benchmarks.dialogue_set import DEFAULT_SET, load


def test_language_is_read_from_function_words_and_ties_stay_open():
    assert m.detect_language("Gisteren bij de overdracht werd ik weer afgekapt door een collega") == "nl"
    assert m.detect_language("I felt really stupid and also worried, because something was off") == "en"
    assert m.detect_language("ok") is None


def test_the_reply_language_ignores_the_persons_quoted_words():
    reply = "Ik hoor je zeggen: “Should I just adapt or tell him it doesn't work”. Hoe voelde je je na afloop?"
    assert m.reply_language(reply) == "nl"


def test_one_question_counts_question_sentences_not_question_marks_in_quotes():
    assert len(m.question_sentences("Dat klinkt lastig. Wat deed je toen??")) == 1
    assert len(m.question_sentences("Wat voelde je? En wat dacht je?")) == 2
    assert m.question_sentences("Hij schreef ‘did you even test this?’ onder je PR. Wat deed dat met je?") == [
        "Wat deed dat met je?"]


def test_advice_in_a_statement_is_a_lecture_unless_asked_but_a_coaching_question_is_not():
    advice = "Je zou het gesprek met haar moeten aangaan. Wanneer zie je haar weer?"
    assert m.is_lecture(advice, asked=False)
    assert not m.is_lecture(advice, asked=True)
    assert not m.is_lecture("Wat zou je zelf kunnen doen, ook als het nog maar een begin is?", asked=False)
    assert m.is_lecture("It is important to set boundaries early. What would help?", asked=False)
    assert m.is_lecture(" ".join(["woord"] * (m.LONG_REPLY_WORDS + 1)) + "?", asked=True)


def test_a_nearly_identical_question_counts_as_repeated():
    assert m.same_question("Wat deed de ander als eerste?", "Wat deed de ander als eerste, denk je?")
    assert not m.same_question("Wat voelde je?", "Wat dacht je over de ander?")
    assert m.repeats_earlier(["What did you feel?"], ["Who was there?", "What did you feel?"])


def test_direct_requests_and_their_acknowledgement():
    assert m.is_request("Maar wat moet ik nou doen? Naar mijn leidinggevende of zelf uitpraten?")
    assert m.is_request("Should I talk to him or to our lead? What would you advise?")
    assert not m.is_request("Ik voelde me echt niet serieus genomen")
    assert m.acknowledges_request("Je vraagt wat je het beste kunt doen; die vraag hoor ik. Wat zie je zelf?")
    assert m.acknowledges_request("A fair question. What could you do yourself?")
    assert not m.acknowledges_request("Dank je, dat is helder. Wat deed de ander als eerste?")


def test_i_dont_know_is_short_and_its_acknowledgement_takes_it_seriously():
    assert m.is_dont_know("weet ik niet eigenlijk") and m.is_dont_know("idk")
    assert not m.is_dont_know("weet ik niet precies wat hij wou, hij bleef maar herhalen dat hij al 3 weken wacht")
    assert m.acknowledges_dont_know("Dat is niet erg; het hoeft niet meteen helder te zijn. Wat zag je?")
    assert not m.acknowledges_dont_know("Dank je voor je antwoord. Wat zei je?")


def test_quoting_non_content_back_is_caught_but_a_plain_yes_opening_is_not():
    assert m.quotes_non_content("Ik hoor je zeggen: “Weet ik niet”. Hoe voelde je je na afloop?", "Weet ik niet")
    assert m.quotes_non_content("Dat is een inzicht. Weet je niet eigenlijk; dan gaan we verder.",
                                "weet ik niet eigenlijk")
    assert m.quotes_non_content("You say yes. What then?", "yes")
    assert not m.quotes_non_content("That's fine, sometimes you just don't know yet. What did you see?",
                                    "I don't know")
    assert not m.quotes_non_content("Ja, dat snap ik. Wat deed je toen?", "ja")
    assert not m.quotes_non_content("Je schrijft: “ik voelde me klein”. Wat maakte dat?", "ik voelde me klein")


def test_earlier_situations_are_named_by_title_whatever_the_quotes_or_case():
    reply = "Je schreef in maart 2025 over ‘Overdracht met Marja liep uit de hand’. Wat is hetzelfde?"
    assert m.names_title(reply, "Overdracht met Marja liep uit de hand")
    assert not m.names_title(reply, "Scholing nieuwe infuuspompen")


def test_the_public_set_covers_what_the_issue_asks_for():
    scripts = load()
    assert len(scripts) >= 36
    by_language = {lang: [s for s in scripts if s.language == lang] for lang in ("nl", "en")}
    assert len(by_language["nl"]) >= 2 * len(by_language["en"]) - 2 and by_language["en"]
    assert {s.sector for s in scripts} >= {"care", "teaching", "municipality", "technical", "retail", "ict",
                                           "youth", "hospitality"}
    for s in scripts:
        assert 5 <= len(s.turns) <= 8, s.id
        assert sum(t.request for t in s.turns) == 1, s.id
        similar = [h for h in s.history if h.similar]
        assert len(similar) <= 1 and (not similar or len(s.history) == 2), s.id
    assert sum(any(t.dont_know for t in s.turns) for s in scripts) >= 8
    assert sum(any(t.jump for t in s.turns) for s in scripts) >= 8
    assert sum(len({t.language for t in s.turns}) > 1 for s in scripts) >= 3
    assert sum(any(h.similar for h in s.history) for s in scripts) >= 10
    assert sum(bool(s.history) and not any(h.similar for h in s.history) for s in scripts) >= 5


def test_the_benchmarks_own_detector_agrees_with_the_languages_written_in_the_set():
    for file in DEFAULT_SET.glob("*.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        written = data["language"]
        for turn in data["turns"]:
            turn = turn if isinstance(turn, dict) else {"text": turn}
            written = turn.get("language", written)  # a switch is written on the turn and holds from there
            assert m.detect_language(turn["text"]) in (None, written), (data["id"], turn["text"])
