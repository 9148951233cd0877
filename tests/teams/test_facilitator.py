"""The offline facilitator: its bank (both languages alike), the question checks, summaries in the members' own
words, who has not spoken; the model only words an opening, through the breaker, with the bank as fallback."""

from __future__ import annotations

import pytest
import yaml

from companion.core.config import PROJECT_ROOT
from companion.llm import prompt_files
from companion.llm.resilience import CircuitBreaker
from companion.teams import facilitator, methods
from companion.teams.facilitator import ADVICE_AS_QUESTION, CLOSED_QUESTION
from tests.support.fakes import ScriptedChatModel

PROMPTS = PROJECT_ROOT / "prompts"
OPENING_FILLS = {"case_title", "case_owner", "agreement"}


def _bank(language: str) -> dict:
    return yaml.safe_load((PROMPTS / "questions" / f"intervisie.{language}.yaml").read_text(encoding="utf-8"))


def test_the_bank_has_every_phase_of_every_method_in_both_languages():
    nl, en = _bank("nl"), _bank("en")
    assert set(nl) == set(en) and set(nl["nudges"]) == set(en["nudges"])
    for method_id, m in methods.METHODS.items():
        for bank in (nl, en):
            phases = bank["methods"][method_id]["phases"]
            assert list(phases) == m.phase_ids(), method_id
            for words in phases.values():
                assert words["label"] and words["asks"] and "?" not in words["asks"]
                assert prompt_files.placeholders(words["opening"]) <= OPENING_FILLS
    for language in ("nl", "en"):
        text = prompt_files.text(PROMPTS, "facilitator", language)
        assert prompt_files.placeholders(text) == {"method", "phase", "asks"}
        assert all(q.endswith("?") for q in _bank(language)["open_questions"])


@pytest.mark.parametrize(("text", "flags"), [
    ("Heb je al overwogen om het met je leidinggevende te bespreken?", [ADVICE_AS_QUESTION]),
    ("Waarom vraag je niet gewoon om hulp?", [ADVICE_AS_QUESTION]),
    ("Why don't you talk to your manager?", [ADVICE_AS_QUESTION]),
    ("Have you considered asking for help?", [ADVICE_AS_QUESTION]),
    ("Heb je het gemeld?", [CLOSED_QUESTION]),
    ("Was je boos?", [CLOSED_QUESTION]),
    ("Did you tell her?", [CLOSED_QUESTION]),
    ("Wat maakte het lastig om er iets van te zeggen?", []),
    ("Hoe reageerde je collega?", []),
    ("What did you want to achieve?", []),
    # from `companion bench intervisie`'s set: the forms the first patterns got wrong
    ("Wat heb je al geprobeerd?", []),
    ("Kun je vertellen wat er daarna gebeurde?", []),
    ("Zou het helpen als je de ouders eerst belt?", [ADVICE_AS_QUESTION]),
    ("Heeft de leerling zijn excuses aangeboden?", [CLOSED_QUESTION]),
    ("En toen je terugkwam, was ze er nog?", [CLOSED_QUESTION]),
    ("What have you considered so far?", []),
    ("Has the pupil apologised?", [CLOSED_QUESTION]),
    ("Shouldn't you have called the parents first?", [ADVICE_AS_QUESTION]),
])
def test_questions_are_checked_for_advice_in_disguise_and_closedness(text, flags):
    assert facilitator.check_question(PROMPTS, text) == flags


def test_a_nudge_names_the_asker_and_offers_an_open_question():
    text = facilitator.nudge(PROMPTS, "nl", CLOSED_QUESTION, "Dina", 0)
    assert text.startswith("Dina,") and "gesloten vraag" in text and _bank("nl")["open_questions"][0] in text


def test_a_summary_quotes_each_member_and_names_who_was_silent():
    long = "Ik denk dat het om grenzen gaat. " * 10
    text = facilitator.summary(PROMPTS, "nl", "Analyse", [("Anne", "Het gaat om grenzen."), ("Chris", long)],
                               ["Dina", "Eva"])
    lines = text.splitlines()
    assert lines[0] == "Samenvatting van de fase 'Analyse', in jullie eigen woorden:"
    assert lines[1] == '- Anne: "Het gaat om grenzen."'
    assert lines[2].startswith('- Chris: "Ik denk dat het om grenzen gaat.') and lines[2].endswith('…"')
    assert lines[3] == "Nog niet aan het woord geweest: Dina en Eva."
    assert facilitator.not_spoken(PROMPTS, "en", ["Bram", "Chris", "Dina"]) == \
        "We have not heard from Bram, Chris and Dina in this round yet."
    assert facilitator.not_spoken(PROMPTS, "nl", []) == ""


def test_openings_fill_in_the_case_and_the_previous_agreement():
    text = facilitator.opening_text(PROMPTS, "nl", "incident", "questions", case_title="Nachtdienst",
                                    case_owner="Bram")
    assert "'Nachtdienst' van Bram" in text and "vragenronde" in text
    first = facilitator.opening_text(PROMPTS, "en", "action_learning", "report")
    assert "no agreement was recorded" in first
    later = facilitator.opening_text(PROMPTS, "en", "action_learning", "report", agreement="Call the family.")
    assert '"Call the family."' in later


def test_the_model_words_an_opening_and_the_bank_takes_over_when_it_fails():
    model = ScriptedChatModel().enqueue("Welkom allemaal: we stellen nu open vragen aan Bram.",
                                        ConnectionError("down"), "Heb je al overwogen om ontslag te nemen?")
    breaker = CircuitBreaker(failures=3, cooldown=60)
    wording = facilitator.Wording(prompts_dir=PROMPTS, model=model, breaker=breaker)
    offline = facilitator.opening_text(PROMPTS, "nl", "incident", "questions", case_title="X", case_owner="Bram")
    assert wording.opening("nl", "incident", "questions", offline) == (
        "Welkom allemaal: we stellen nu open vragen aan Bram.", "model")
    assert "nooit" in model.history[0][0].content and offline == model.history[0][1].content
    assert wording.opening("nl", "incident", "questions", offline) == (offline, "offline")  # the model failed
    assert breaker.failures == 1
    assert wording.opening("nl", "incident", "questions", offline) == (offline, "offline")  # it advised
    breaker.failure(), breaker.failure(), breaker.failure()  # the breaker opens: the model is not asked
    assert wording.opening("nl", "incident", "questions", offline) == (offline, "offline")
    assert len(model.history) == 3
    assert facilitator.Wording(prompts_dir=PROMPTS).opening("nl", "incident", "questions", offline)[1] == "offline"
