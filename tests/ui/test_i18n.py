"""UI texts: Dutch and English have the same keys and the same placeholders."""

import re
import string

from companion.ui.i18n import EN, NL, TEXTS, t


def test_both_languages_have_the_same_keys():
    assert set(NL) == set(EN)
    assert set(TEXTS) == {"nl", "en"}


def test_placeholders_match():
    fields = string.Formatter()
    for key in NL:
        nl = {f for _, f, _, _ in fields.parse(NL[key]) if f}
        en = {f for _, f, _, _ in fields.parse(EN[key]) if f}
        assert nl == en, key


def test_dutch_words_a_professional_expects():
    assert NL["login"] == "Inloggen"
    assert NL["username"] == "Gebruikersnaam" and NL["password"] == "Wachtwoord"
    assert NL["new_conversation"] == "Nieuw gesprek"
    assert NL["save_situation"] == "Bewaar situatie in portfolio"
    assert NL["sources"] == "Bronnen" and NL["phase"] == "Fase"
    assert [NL[f"entry_{k}"] for k in ("reflection", "learning_goal", "evidence", "product")] == [
        "reflectie", "leerdoel", "bewijs", "product"]
    assert NL["vis_private"] == "privé"


def test_lookup_fills_values_and_falls_back_to_dutch():
    assert t("en", "mode_llm", model="gpt-4o") == "Language model: gpt-4o"
    assert t("fr", "login") == "Inloggen"
    assert not re.search(r"\{\w+\}", t("nl", "score", score=0.5))
