"""The chat page: new and earlier conversations, and opening the sources a reply used."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from companion.ui.client import ApiClient
from tests.uitest import log_in, open_app


@pytest.fixture
def app(live_api, monkeypatch) -> AppTest:
    return log_in(open_app(live_api.url, monkeypatch), "anne")


def test_new_conversation_and_back_to_an_earlier_one(app):
    app.chat_input[0].set_value("Tijdens de overdracht werd ik steeds onderbroken.")
    app.run(timeout=30)
    first = app.session_state["conversation_id"]
    new = next(b for b in app.sidebar.button if b.label == "Nieuw gesprek")
    new.click()
    app.run(timeout=30)
    assert app.session_state["conversation_id"] != first
    assert len(app.chat_message) == 1  # only the welcome question
    earlier = next(b for b in app.sidebar.button if b.label.startswith("Tijdens de overdracht"))
    earlier.click()
    app.run(timeout=30)
    assert app.session_state["conversation_id"] == first
    assert any("onderbroken" in m.markdown[0].value for m in app.chat_message)


def test_empty_conversation_is_reused(app):
    before = app.session_state["conversation_id"]
    next(b for b in app.sidebar.button if b.label == "Nieuw gesprek").click()
    app.run(timeout=30)
    assert app.session_state["conversation_id"] == before
    assert app.toast[0].value.startswith("Dit gesprek is nog leeg")


def test_sources_are_listed_and_open(app, live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        api.create_entry({"kind": "reflection", "title": "Onrustige overdracht",
                          "body": "Bij de overdracht praatte iedereen door elkaar; ik wil een vaste volgorde."})
    app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar.")
    app.run(timeout=30)
    reply = app.chat_message[-1]
    sources = reply.expander[0]
    assert sources.label.startswith("Bronnen (")
    titles = [m.value for m in sources.markdown if m.value.startswith("**")]
    n = titles.index("**Onrustige overdracht**")
    assert sources.button[n].label == "Openen"
    sources.button[n].click()
    app.run(timeout=30)
    assert not app.exception
    assert "Onrustige overdracht" in [h.value for h in app.subheader]  # the entry, opened in a dialog
