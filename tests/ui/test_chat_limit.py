"""A chat message over the limit is not lost: the limit is said and the text stays (bug 8 of issue 12)."""

from __future__ import annotations


def _messages(app) -> int:
    return len(app.chat_message)


def test_a_too_long_message_says_the_limit_and_keeps_the_text(anne_app, services):
    limit = services.settings.max_message_chars
    before = _messages(anne_app)
    text = "Bij de overdracht " + "x" * 10_000
    anne_app.chat_input[0].set_value(text).run(timeout=30)
    assert not anne_app.exception
    warning = next(w.value for w in anne_app.warning if "niet verstuurd" in w.value)
    assert str(limit) in warning and str(len(text)) in warning
    assert _messages(anne_app) == before  # nothing was sent
    field = anne_app.chat_input[0].proto
    assert field.set_value and field.value == text  # back in the field, to shorten
    assert field.max_chars == 0  # no browser cap that would silently refuse a long paste


def test_a_message_at_the_limit_is_sent(anne_app, services):
    services.settings.max_message_chars = 60
    anne_app.run(timeout=30)  # the page learns the limit from /api/me
    anne_app.chat_input[0].set_value("Bij de overdracht praatte iedereen door elkaar heen, echt.").run(timeout=30)
    assert not anne_app.exception
    assert not any("niet verstuurd" in w.value for w in anne_app.warning)
    assert any("Bij de overdracht praatte" in m.value for msg in anne_app.chat_message for m in msg.markdown)
