"""The UI's API client: SSE parsing, error details, and a streamed reply from the real API."""

import ast

import pytest

from companion.core.config import PROJECT_ROOT
from companion.ui.client import ApiClient, ApiError, parse_sse
from companion.ui.common import safe_markdown, safe_stream


def test_parse_sse_events():
    lines = ["event: meta", 'data: {"phase": "action"}', "", ": keep-alive", "", "event: token",
             'data: {"text": "Hoi"}', "", "event: done", 'data: {"id": 3}']
    assert list(parse_sse(lines)) == [("meta", {"phase": "action"}), ("token", {"text": "Hoi"}),
                                      ("done", {"id": 3})]


def test_api_error_carries_the_reason_and_code(live_api):
    with ApiClient(live_api.url) as api, pytest.raises(ApiError) as err:
        api.login("anne", "wrong-password")
    assert (err.value.status, err.value.code) == (401, "wrong_credentials")
    assert err.value.detail == "Wrong username or password."


def test_api_error_comes_in_the_clients_language(live_api):
    with ApiClient(live_api.url, language="nl") as api:
        with pytest.raises(ApiError) as err:
            api.login("anne", "wrong-password")
        assert (err.value.code, err.value.detail) == ("wrong_credentials", "Gebruikersnaam of wachtwoord klopt niet.")
        api.login("anne", "password-1")
        conv = api.new_conversation("nl")
        with pytest.raises(ApiError) as err:  # the streamed path sends the language too
            list(api.stream_message(conv["id"], "   "))
        assert (err.value.status, err.value.code, err.value.detail) == (422, "message_empty", "Je bericht is leeg.")
        api.language = "en"
        with pytest.raises(ApiError) as err:
            api.save_situation(conv["id"])
        assert err.value.code == "situation_not_described"
        assert err.value.detail == "Describe the situation in the conversation first."


def test_validation_errors_are_readable(live_api):
    with ApiClient(live_api.url) as api:
        api.login("admin", "password-1")
        with pytest.raises(ApiError) as err:
            api.create_person({"username": "x", "password": "short", "role": "boss"})
    assert err.value.status == 422 and "‘role’" in err.value.detail and "professional" in err.value.detail
    assert err.value.code == "request_field_choice"  # FastAPI's own validation errors carry a code too


def test_unreachable_api_is_status_0():
    with ApiClient("http://127.0.0.1:9", timeout=2) as api, pytest.raises(ApiError) as err:
        api.me()
    assert err.value.status == 0


def test_streamed_reply(live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        conv = api.new_conversation("nl")
        events = list(api.stream_message(conv["id"], "Een cliënt werd boos tijdens de overdracht."))
    names = [e for e, _ in events]
    assert names[0] == "meta" and names[-1] == "done" and "token" in names
    text = "".join(d["text"] for e, d in events if e == "token")
    assert events[-1][1]["content"] == text and text.strip().endswith("?")


def test_stream_error_before_reply(live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        with pytest.raises(ApiError) as err:
            list(api.stream_message(999999, "hallo"))
    assert err.value.status == 404


def test_model_text_is_made_safe():
    text = 'Zie ![x](https://evil.example/p.png) <img src="https://evil.example/q.png"> <b>vet</b> en $5'
    safe = safe_markdown(text)
    assert "evil" not in safe and "<" not in safe and "\\$5" in safe
    chunks = [text[i:i + 3] for i in range(0, len(text), 3)]
    streamed = list(safe_stream(chunks))
    assert all("evil" not in "".join(streamed[:n]) for n in range(1, len(streamed) + 1))


def test_ui_is_a_pure_api_client():
    for path in [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "companion" / "ui").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text, path
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith("companion.") or name.startswith("companion.ui"), (path, name)
