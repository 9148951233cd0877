"""The chat page's cycle: choosing one before the first answer, the companion's proposal, the stepper, going back."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from companion.ui.client import ApiClient

INCIDENT = "Tijdens de nachtdienst werd een bewoner agressief en ik schrok enorm."


def _conv(live_api, conv_id: int) -> dict:
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        return api.conversation(conv_id)


def _say(anne_app: AppTest, text: str) -> None:
    anne_app.chat_input[0].set_value(text)
    anne_app.run(timeout=30)


def test_a_new_conversation_offers_the_cycles_and_lets_the_companion_propose_by_default(anne_app, live_api):
    chooser = anne_app.radio[0]
    assert chooser.label == "Hoe wil je reflecteren?"
    assert chooser.options == ["Laat de companion voorstellen", "ALACT-cyclus (Korthagen)", "STARR(T)-methode",
                               "reflectiecyclus van Gibbs"]
    assert chooser.value == "propose"
    chooser.set_value("starr").run(timeout=30)
    conv = _conv(live_api, anne_app.session_state["conversation_id"])
    assert conv["cycle"] == "starr" and conv["chosen_by"] == "person" and len(conv["messages"]) == 1
    assert "STARR(T)-methode" in anne_app.chat_message[0].markdown[0].value  # the opening question is STARR's own
    stepper = next(m.value for m in anne_app.markdown if m.value.startswith("**STARR(T)-methode**"))
    assert "Situatie" in stepper and "Transfer" in stepper


def test_the_proposal_shows_why_and_another_cycle_can_be_taken(anne_app, live_api):
    _say(anne_app, INCIDENT)
    assert not anne_app.exception
    assert any("Voorstel van de companion: reflectiecyclus van Gibbs" in m.value for m in anne_app.markdown)
    rather = next(b for b in anne_app.button if b.label == "Liever STARR(T)")
    rather.click().run(timeout=30)
    conv = _conv(live_api, anne_app.session_state["conversation_id"])
    assert conv["cycle"] == "starr" and conv["phases"][0]["captured"]["Wat er speelde"] == INCIDENT
    assert anne_app.chat_message[-1].markdown[0].value.startswith("Prima, we gaan verder met de STARR(T)-methode.")


def test_the_stepper_shows_what_was_said_per_phase_and_goes_back(anne_app, live_api):
    anne_app.radio[0].set_value("starr").run(timeout=30)
    for text in ("Bij het werkoverleg liep de planning volledig uit de hand.", "Het hele team en de manager.",
                 "Ik moest het overleg voorzitten en leiden."):
        _say(anne_app, text)
    tabs = anne_app.expander[0].tabs
    assert [t.label for t in tabs][:3] == ["✓ Situatie", "✓ Taak", "→ Actie"]  # a phase is done when it has enough
    assert any("Ik moest het overleg voorzitten" in m.value for m in tabs[1].markdown)
    back = next(b for b in tabs[0].button if b.label == "Terug naar ‘Situatie’")
    back.click().run(timeout=30)
    conv = _conv(live_api, anne_app.session_state["conversation_id"])
    assert conv["phase"] == "situation"
    assert conv["messages"][-1]["content"].startswith("We gaan terug naar de fase ‘Situatie’.")
    assert not anne_app.exception
