"""The chat's product buttons, 'Voorstellen' and 'Beoordelen' through AppTest against the real API."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.uitest import button, goto, log_in, open_app


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_professional_drafts_in_chat_and_follows_it_on_voorstellen(app):
    log_in(app, "anne")
    app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar en ging informatie verloren.")
    app.run(timeout=30)
    button(app, "Maak een adviesnotitie").click()
    app.run(timeout=30)
    assert not app.exception
    assert "naar je begeleider gestuurd" in app.success[0].value
    assert "Gemaakt met AI" in _markdown(app)
    goto(app, "suggestions")
    assert not app.exception
    text = _markdown(app)
    assert "Adviesnotitie: Bij de overdracht" in text and "wacht op beoordeling" in text
    assert "Nog niet beoordeeld." in text


def test_expert_rejects_with_a_comment_and_the_professional_sees_it(app, live_api, monkeypatch):
    log_in(app, "anne")
    app.chat_input[0].set_value("Een cliënt werd boos toen ik de planning uitlegde aan de telefoon.")
    app.run(timeout=30)
    button(app, "Maak een actieplan").click()
    app.run(timeout=30)

    expert = open_app(live_api.url, monkeypatch)
    log_in(expert, "eva")
    goto(expert, "review")
    assert not expert.exception
    assert expert.tabs[0].label == "Te beoordelen (1)"
    assert "Van Anne" in _markdown(expert)
    button(expert, "Afwijzen").click()
    expert.run(timeout=30)
    assert expert.warning[0].value == "Schrijf eerst een toelichting bij je besluit."
    expert.text_area(key="comment-1").input("Praat eerst verder over wat je wilt uitproberen.")
    button(expert, "Afwijzen").click()
    expert.run(timeout=30)
    assert not expert.exception
    assert expert.success[0].value.startswith("Afgewezen:")
    assert expert.tabs[0].label == "Te beoordelen (0)"

    goto(app, "suggestions")
    text = _markdown(app)
    assert "afgewezen" in text and "Praat eerst verder" in "\n".join(i.value for i in app.info)


def test_an_edited_suggestion_shows_the_final_and_the_original_ai_draft(app, live_api, services):
    from companion.ui.client import ApiClient
    from tests.support.review_data import PAYLOADS, reflected_conversation

    conv_id = reflected_conversation(services)
    with ApiClient(base_url=live_api.url) as anne, ApiClient(base_url=live_api.url) as eva:
        anne.token, eva.token = anne.login("anne", "password-1"), eva.login("eva", "password-1")
        s = anne.request("POST", "/api/products", json={"conversation_id": conv_id, "kind": "action_plan"})
        decision = {"decision": "approved", "comment": "Leerdoel aangescherpt.", "final": PAYLOADS["action_plan"]}
        eva.request("POST", f"/api/suggestions/{s['id']}/review", json=decision)
    log_in(app, "anne")
    goto(app, "suggestions")
    assert not app.exception
    assert "bewerkt en goedgekeurd" in _markdown(app)
    labels = [e.label for e in app.expander]
    assert "Oorspronkelijk AI-concept (vóór de bewerking van je begeleider)" in labels
    assert PAYLOADS["action_plan"]["learning_goal"] in _markdown(app)


@pytest.mark.scripted_model
class TestWithAModel:
    def test_a_failed_model_draft_offers_the_offline_guide(self, app, fake_model):
        log_in(app, "anne")
        fake_model.enqueue("Bij de overdracht: wat deed jij toen?")  # the chat reply
        app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar en ging informatie verloren.")
        app.run(timeout=30)
        fake_model.enqueue("geen json", "nog steeds niet", "{}")
        button(app, "Maak een actieplan").click()
        app.run(timeout=30)
        assert not app.exception
        assert "3 pogingen" in app.warning[0].value and "niets bewaard" in app.warning[0].value
        button(app, "Maak het met de offline gids").click()
        app.run(timeout=30)
        assert "naar je begeleider gestuurd" in app.success[0].value
        assert "de offline gids" in _markdown(app)
