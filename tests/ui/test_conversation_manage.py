"""The chat page's conversation menu: rename the open conversation, and delete it after confirming."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(anne_app) -> AppTest:
    """Anne's chat page with one conversation started."""
    anne_app.chat_input[0].set_value("Tijdens de overdracht werd ik steeds onderbroken.")
    return anne_app.run(timeout=30)


def _sidebar_labels(app: AppTest) -> list[str]:
    return [b.label for b in app.sidebar.button]


def _click(app: AppTest, label: str) -> AppTest:
    next(b for b in app.main.button if b.label == label).click()
    return app.run(timeout=30)


def _rename_field(app: AppTest):
    return next(t for t in app.text_input if t.label == "Naam van het gesprek")


def test_rename_shows_the_new_title(app):
    conv = app.session_state["conversation_id"]
    assert _rename_field(app).value.startswith("Tijdens de overdracht")
    _rename_field(app).input("Overdracht met onderbrekingen")
    _click(app, "Naam wijzigen")
    assert not app.exception
    assert app.session_state["conversation_id"] == conv
    assert "Overdracht met onderbrekingen" in [c.value for c in app.caption]
    assert "Overdracht met onderbrekingen" in _sidebar_labels(app)
    assert app.success[0].value == 'Het gesprek heet nu "Overdracht met onderbrekingen".'


def test_an_empty_name_is_refused(app):
    _rename_field(app).input("   ")
    _click(app, "Naam wijzigen")
    assert app.warning[0].value == "Geef een titel op."
    assert any(label.startswith("Tijdens de overdracht") for label in _sidebar_labels(app))


def test_delete_asks_first_then_removes_it_from_the_sidebar(app):
    first = app.session_state["conversation_id"]
    next(b for b in app.sidebar.button if b.label == "Nieuw gesprek").click()
    app.run(timeout=30)
    app.chat_input[0].set_value("Een tweede situatie over het teamoverleg van gisteren.")
    app.run(timeout=30)
    second = app.session_state["conversation_id"]
    assert second != first
    assert any(label.startswith("Een tweede situatie") for label in _sidebar_labels(app))

    _click(app, "Gesprek verwijderen")
    assert app.warning[0].value.startswith("Weet je het zeker?")
    assert "blijft staan" in app.warning[0].value
    _click(app, "Annuleren")  # cancelling keeps it
    assert app.session_state["conversation_id"] == second and not app.warning

    _click(app, "Gesprek verwijderen")
    _click(app, "Ja, verwijderen")
    assert not app.exception
    assert app.success[0].value.startswith('Het gesprek "Een tweede situatie')
    assert not any(label.startswith("Een tweede situatie") for label in _sidebar_labels(app))
    assert app.session_state["conversation_id"] == first  # the most recent remaining conversation opens
    assert any("onderbroken" in m.markdown[0].value for m in app.chat_message)


def test_deleting_the_only_conversation_starts_a_fresh_one(app):
    _click(app, "Gesprek verwijderen")
    _click(app, "Ja, verwijderen")
    assert _rename_field(app).value == ""  # nothing of the deleted conversation lingers, even if its id is reused
    assert len(app.chat_message) == 1  # a new conversation: only the welcome question (SQLite may reuse the id)
    assert not any(label.startswith("Tijdens de overdracht") for label in _sidebar_labels(app))


def test_an_empty_conversation_is_labelled_and_reused_by_new_conversation(app):
    first = app.session_state["conversation_id"]
    next(b for b in app.sidebar.button if b.label == "Nieuw gesprek").click()
    app.run(timeout=30)
    empty = app.session_state["conversation_id"]
    assert any(label.startswith("Leeg gesprek van") for label in _sidebar_labels(app))
    next(b for b in app.sidebar.button if b.label.startswith("Tijdens de overdracht")).click()
    app.run(timeout=30)
    assert app.session_state["conversation_id"] == first
    next(b for b in app.sidebar.button if b.label == "Nieuw gesprek").click()
    app.run(timeout=30)
    assert app.session_state["conversation_id"] == empty  # no second empty conversation
    assert sum(label.startswith("Leeg gesprek van") for label in _sidebar_labels(app)) == 1
