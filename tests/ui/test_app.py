"""The Streamlit app driven with AppTest against the real API (live_api): login, chat, language, admin."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from companion.ui.client import ApiClient
from tests.support.uitest import log_in


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "error", "warning", "success")
             for e in getattr(at, kind)]
    parts += [e.value for kind in ("markdown", "caption", "info") for e in getattr(at.sidebar, kind)]
    return "\n".join(str(p) for p in parts)


def test_login_page_is_dutch(app):
    assert not app.exception
    assert app.title[0].value == "Inloggen"
    assert [t.label for t in app.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert app.button[0].label == "Inloggen"


def test_wrong_password_shows_the_api_error_in_dutch(app):
    log_in(app, "anne", "wrong-password")
    assert not app.exception
    assert app.error[0].value == "Gebruikersnaam of wachtwoord klopt niet."
    assert app.title[0].value == "Inloggen"


def test_wrong_password_in_english_after_switching(app):
    app.sidebar.selectbox(key="lang_select").select("en")
    app.run(timeout=30)
    log_in(app, "anne", "wrong-password")
    assert not app.exception
    assert app.title[0].value == "Log in"
    assert app.error[0].value == "Wrong username or password."


def test_login_shows_chat_page_and_mode(app):
    log_in(app, "anne")
    assert not app.exception
    assert app.title[0].value == "Gesprek"
    assert "Offline reflectiegids (geen taalmodel ingesteld)" in texts(app)
    assert "Anne" in texts(app)
    assert app.chat_message[0].avatar == "assistant"  # the guide's welcome question
    assert any(b.label == "Nieuw gesprek" for b in app.sidebar.button)


def test_chat_message_gets_a_reply_with_a_question(app):
    log_in(app, "anne")
    app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar en ging informatie verloren.")
    app.run(timeout=30)
    assert not app.exception
    messages = app.chat_message
    assert [m.avatar for m in messages][-2:] == ["user", "assistant"]
    reply = messages[-1].markdown[0].value
    assert reply.strip().endswith("?")
    assert "overdracht" in messages[-2].markdown[0].value
    assert any(b.label == "Bewaar situatie in portfolio" for b in app.button)
    stepper = next(m.value for m in app.markdown if "Handelen" in m.value)  # the cycle's phases above the chat
    assert stepper.startswith("**ALACT-cyclus (Korthagen)**")


def test_switching_to_english_changes_labels(app, live_api):
    log_in(app, "anne")
    app.sidebar.selectbox(key="lang_select").select("en")
    app.run(timeout=30)
    assert not app.exception
    assert app.title[0].value == "Conversation"
    assert "Offline reflection guide (no language model configured)" in texts(app)
    assert any(b.label == "New conversation" for b in app.sidebar.button)
    assert any(b.label == "Log out" for b in app.sidebar.button)
    with ApiClient(live_api.url) as api:  # remembered for the person
        api.login("anne", "password-1")
        assert api.me()["language"] == "en"


def test_admin_page_hidden_for_a_professional(app):
    log_in(app, "anne")
    with pytest.raises(ValueError, match="navigation page"):  # not among the registered pages
        app.switch_page("companion/ui/admin.py")
    app.switch_page("companion/ui/portfolio.py")
    app.run(timeout=30)
    assert not app.exception
    assert app.title[0].value == "Portfolio"


def test_admin_page_visible_to_admin(app):
    log_in(app, "admin")
    app.switch_page("companion/ui/admin.py")
    app.run(timeout=30)
    assert not app.exception
    assert app.title[0].value == "Beheer"
    assert "anne" in app.dataframe[0].value.to_string()


def test_expired_token_returns_to_login(app):
    log_in(app, "anne")
    app.session_state["token"] = "not-a-valid-token"
    app.run(timeout=30)
    assert not app.exception
    assert app.title[0].value == "Inloggen"
    assert "Je sessie is verlopen" in texts(app)
