"""The chat page with a (scripted) language model behind the API: mode, safe rendering, broken streams."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.scripted_model  # the API talks to the scripted chat model


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text)
    return at.run(timeout=30)


def test_model_mode_is_shown_and_its_text_rendered_safely(anne_app, fake_model):
    assert any("Taalmodel: scripted" in c.value for c in anne_app.sidebar.caption)
    fake_model.enqueue('Kijk ![logo](https://evil.example/a.png) <img src="https://evil.example/b.png"> '
                       "naar <b>dit</b>. Wat deed jij?")
    say(anne_app, "Een collega reageerde fel op mijn voorstel in het overleg.")
    assert not anne_app.exception
    reply = anne_app.chat_message[-1]
    text = reply.markdown[0].value
    assert "evil" not in text and "<" not in text and text.endswith("Wat deed jij?")
    assert any("Geschreven door AI" in c.value for c in reply.caption)


def test_broken_stream_is_marked_incomplete(anne_app, fake_model):
    fake_model.fail_after_chunks = 3
    say(anne_app, "Bij de overdracht ging informatie verloren.")
    assert not anne_app.exception
    assert any("onvolledig" in w.value for w in anne_app.chat_message[-1].warning)
    assert any("stopte halverwege" in w.value for w in anne_app.warning)


def test_unreachable_model_falls_back_to_the_offline_guide(anne_app, fake_model):
    fake_model.enqueue(*[ConnectionError("down")] * 3)  # the first try and both (bounded) retries
    say(anne_app, "Bij de overdracht ging informatie verloren.")
    assert not anne_app.exception
    reply = anne_app.chat_message[-1]
    assert reply.markdown[0].value.strip().endswith("?")
    assert any("offline reflectiegids nam deze beurt over" in c.value for c in reply.caption)
    assert any("niet bereikbaar" in i.value for i in anne_app.info)
