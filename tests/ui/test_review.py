"""The chat's product buttons, the owner's draft (preview, edit, send with a sharing choice, withdraw),
'Voorstellen' and 'Beoordelen' through AppTest against the real API."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.uitest import button, goto, log_in, open_app


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_professional_previews_sends_and_follows_it_on_voorstellen(app):
    log_in(app, "anne")
    app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar en ging informatie verloren.")
    app.run(timeout=30)
    button(app, "Maak een adviesnotitie").click()
    app.run(timeout=30)
    assert not app.exception
    assert "Alleen jij ziet het" in app.success[0].value  # a draft: nothing was sent
    assert "Opgesteld met de offline gids" in _markdown(app) and "Gemaakt met AI" not in _markdown(app)
    assert app.radio[0].label == "Wat mag je begeleider zien?" and app.radio[0].value == "draft"
    button(app, "Verstuur naar mijn begeleider").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("Verstuurd naar je begeleider" in s.value for s in app.success)
    goto(app, "suggestions")
    assert not app.exception
    text = _markdown(app)
    assert "Adviesnotitie: Bij de overdracht" in text and "wacht op beoordeling" in text
    assert "Gedeeld met je begeleider: alleen het concept." in text and "Nog niet beoordeeld." in text
    button(app, "Terugtrekken").click()
    app.run(timeout=30)
    assert any("Teruggetrokken" in i.value for i in app.info) and "teruggetrokken" in _markdown(app)


def test_the_owner_edits_the_draft_before_sending(app):
    log_in(app, "anne")
    app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar en ging informatie verloren.")
    app.run(timeout=30)
    button(app, "Stel een leerdoel voor").click()
    app.run(timeout=30)
    app.toggle(key="chat-made-editing").set_value(True).run(timeout=30)
    app.text_area(key="chat-made-field-title").input("Leerdoel: rustig overdragen")
    button(app, "Wijzigingen bewaren").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("Nog niets is verstuurd" in s.value for s in app.success)
    assert "Leerdoel: rustig overdragen" in _markdown(app)


def test_expert_rejects_with_a_comment_and_the_professional_sees_it(app, live_api, monkeypatch):
    log_in(app, "anne")
    app.chat_input[0].set_value("Een cliënt werd boos toen ik de planning uitlegde aan de telefoon.")
    app.run(timeout=30)
    button(app, "Maak een actieplan").click()
    app.run(timeout=30)
    app.radio[0].set_value("conversation").run(timeout=30)
    button(app, "Verstuur naar mijn begeleider").click()
    app.run(timeout=30)

    expert = open_app(live_api.url, monkeypatch)
    log_in(expert, "eva")
    goto(expert, "review")
    assert not expert.exception
    assert expert.tabs[0].label == "Te beoordelen (1)"
    assert "Van Anne" in _markdown(expert)
    button(expert, "Bekijk wat Anne uit het gesprek deelde").click()
    expert.run(timeout=30)
    assert any("Een cliënt werd boos" in m.value for m in expert.markdown)
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


def test_a_draft_shared_without_its_conversation_says_so_to_the_expert(app, live_api, services):
    from companion.ui.client import ApiClient
    from tests.support.review_data import reflected_conversation

    conv_id = reflected_conversation(services)
    with ApiClient(base_url=live_api.url) as anne:
        anne.token = anne.login("anne", "password-1")
        s = anne.request("POST", "/api/products", json={"conversation_id": conv_id, "kind": "action_plan"})
        anne.request("POST", f"/api/suggestions/{s['id']}/send", json={"share": "draft"})
    log_in(app, "eva")
    goto(app, "review")
    assert "Anne deelde alleen het concept, niet het gesprek." in _markdown(app)
    assert not [b for b in app.button if b.label.startswith("Bekijk wat")]


def test_the_experts_decided_tab_says_whose_item_and_shows_the_final_title(app, live_api, services):
    """Bugs 3 and 4: 'Staat in je portfolio.' on the expert's tab, rows without their owner, the AI's title."""
    from companion.ui.client import ApiClient
    from tests.support.review_data import PAYLOADS, reflected_conversation

    conv_id = reflected_conversation(services)
    final = dict(PAYLOADS["action_plan"], title="Actieplan van Eva's hand")
    with ApiClient(base_url=live_api.url) as anne, ApiClient(base_url=live_api.url) as eva:
        anne.token, eva.token = anne.login("anne", "password-1"), eva.login("eva", "password-1")
        s = anne.request("POST", "/api/products", json={"conversation_id": conv_id, "kind": "action_plan"})
        anne.request("POST", f"/api/suggestions/{s['id']}/send", json={"share": "draft"})
        eva.request("POST", f"/api/suggestions/{s['id']}/review",
                    json={"decision": "approved", "comment": "Titel aangescherpt.", "final": final})
    log_in(app, "eva")
    goto(app, "review")
    assert not app.exception
    text = _markdown(app)
    assert "Staat in het portfolio van Anne." in text and "Staat in je portfolio." not in text
    assert "Van Anne" in text and final["title"] in text and s["title"] not in text


def test_an_edited_suggestion_shows_the_final_and_the_version_sent(app, live_api, services):
    from companion.ui.client import ApiClient
    from tests.support.review_data import PAYLOADS, reflected_conversation

    conv_id = reflected_conversation(services)
    with ApiClient(base_url=live_api.url) as anne, ApiClient(base_url=live_api.url) as eva:
        anne.token, eva.token = anne.login("anne", "password-1"), eva.login("eva", "password-1")
        s = anne.request("POST", "/api/products", json={"conversation_id": conv_id, "kind": "action_plan"})
        anne.request("POST", f"/api/suggestions/{s['id']}/send", json={"share": "draft"})
        decision = {"decision": "approved", "comment": "Leerdoel aangescherpt.", "final": PAYLOADS["action_plan"]}
        eva.request("POST", f"/api/suggestions/{s['id']}/review", json=decision)
    log_in(app, "anne")
    goto(app, "suggestions")
    assert not app.exception
    text = _markdown(app)
    assert "bewerkt en goedgekeurd" in text and "Staat in je portfolio." in text
    labels = [e.label for e in app.expander]
    assert "Versie die je verstuurde (vóór de bewerking van je begeleider)" in labels
    assert PAYLOADS["action_plan"]["learning_goal"] in text


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
        assert "Alleen jij ziet het" in app.success[0].value
        assert "Opgesteld met de offline gids" in _markdown(app)
