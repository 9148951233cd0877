"""The chat page: new and earlier conversations, and opening the sources a reply used."""

from __future__ import annotations

from companion.ui.client import ApiClient


def test_new_conversation_and_back_to_an_earlier_one(anne_app):
    anne_app.chat_input[0].set_value("Tijdens de overdracht werd ik steeds onderbroken.")
    anne_app.run(timeout=30)
    first = anne_app.session_state["conversation_id"]
    new = next(b for b in anne_app.sidebar.button if b.label == "Nieuw gesprek")
    new.click()
    anne_app.run(timeout=30)
    assert anne_app.session_state["conversation_id"] != first
    assert len(anne_app.chat_message) == 1  # only the welcome question
    earlier = next(b for b in anne_app.sidebar.button if b.label.startswith("Tijdens de overdracht"))
    earlier.click()
    anne_app.run(timeout=30)
    assert anne_app.session_state["conversation_id"] == first
    assert any("onderbroken" in m.markdown[0].value for m in anne_app.chat_message)


def test_empty_conversation_is_reused(anne_app):
    before = anne_app.session_state["conversation_id"]
    next(b for b in anne_app.sidebar.button if b.label == "Nieuw gesprek").click()
    anne_app.run(timeout=30)
    assert anne_app.session_state["conversation_id"] == before
    assert anne_app.toast[0].value.startswith("Dit gesprek is nog leeg")


def test_sources_are_listed_and_open(anne_app, live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        api.create_entry({"kind": "reflection", "title": "Onrustige overdracht",
                          "body": "Bij de overdracht praatte iedereen door elkaar; ik wil een vaste volgorde."})
    anne_app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar.")
    anne_app.run(timeout=30)
    reply = anne_app.chat_message[-1]
    sources = reply.expander[0]
    assert sources.label.startswith("Bronnen (")
    titles = [m.value for m in sources.markdown if m.value.startswith("**")]
    n = titles.index("**Onrustige overdracht**")
    assert sources.button[n].label == "Openen"
    sources.button[n].click()
    anne_app.run(timeout=30)
    assert not anne_app.exception
    assert "Onrustige overdracht" in [h.value for h in anne_app.subheader]  # the entry, opened in a dialog
