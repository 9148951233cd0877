"""The LLM path end to end: the real ChatOpenAI against a fake OpenAI-compatible server, through the API."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import HumanMessage

from companion.core.config import Settings
from companion.llm import provider
from companion.reflection import chat_turn
from companion.services import Services, build_services
from tests.support.fake_openai import Reply
from tests.support.fakes import HashEmbeddings

REPLY = "Wat deed jij precies toen de overdracht rommelig werd?"
MESSAGE = "Bij de overdracht praatte iedereen door elkaar en ging er informatie over een cliënt verloren."


@pytest.fixture
def settings(tmp_path, base_url) -> Settings:
    return Settings(data_dir=tmp_path / "data", openai_api_key="test-key", openai_base_url=base_url,
                    chat_model="fake-model", llm_max_retries=0, llm_timeout=5)


@pytest.fixture
def services(settings) -> Iterator[Services]:
    """Overrides conftest's offline services: here the real ChatOpenAI is the chat model."""
    svc = build_services(settings, embeddings=HashEmbeddings())
    yield svc
    svc.engine.dispose()


def start(client: TestClient, headers: dict[str, str]) -> int:
    r = client.post("/api/conversations", headers=headers, json={})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def send(client: TestClient, headers: dict[str, str], conv_id: int, content: str = MESSAGE):
    return client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": content})


def send_sse(client: TestClient, headers: dict[str, str], conv_id: int,
             content: str = MESSAGE) -> list[tuple[str, dict]]:
    r = client.post(f"/api/conversations/{conv_id}/messages", json={"content": content},
                    headers={**headers, "Accept": "text/event-stream"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream"), r.text
    events = []
    for block in r.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def messages_of(client: TestClient, headers: dict[str, str], conv_id: int) -> list[dict]:
    return client.get(f"/api/conversations/{conv_id}", headers=headers).json()["messages"]


def test_seam_bounds_retries_and_timeout_by_settings(settings):
    model = provider.chat_model(settings)
    timeout = model.root_client.timeout
    assert model.max_retries == 0 and model.root_client.max_retries == 0
    assert timeout.read == 5 and timeout.connect == 5  # connect never waits longer than a whole request may
    assert model.streaming and provider.mode_name(model) == "llm:fake-model"
    assert model.use_responses_api is False  # a compatible server gets chat completions, whatever the model name


@pytest.mark.parametrize(("meta", "ending"), [
    ({"finish_reason": "stop"}, "stop"), ({"finish_reason": "length"}, "length"), ({}, None),
    ({"status": "completed"}, "completed"),
    ({"status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"}}, "max_output_tokens"),
])
def test_how_a_reply_ended_is_read_for_both_openai_apis(meta, ending):
    assert provider._ending(meta) == ending
    assert (ending in provider.CUT_OFF) == (ending in {"length", "max_output_tokens"})


def test_streamed_chunks_reach_langchain_as_the_dicts_they_came_as(settings, fake):
    """The plain chat path skips the SDK's typed chunks (LangChain dumps them to dicts anyway); the client that
    structured output streams through keeps them, and both share one connection pool."""
    from openai.types.chat import ChatCompletionChunk

    model = provider.chat_model(settings)
    assert model.client._client is not model.root_client
    assert model.client._client._client is model.root_client._client
    fake.enqueue(REPLY)
    with model.client.create(model="fake-model", messages=[{"role": "user", "content": "hoi"}], stream=True) as s:
        chunks = list(s)
    assert all(isinstance(c, dict) for c in chunks) and chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"]) == REPLY
    fake.enqueue(REPLY)
    with model.root_client.chat.completions.create(model="fake-model", messages=[{"role": "user", "content": "hoi"}],
                                                   stream=True) as s:
        assert all(isinstance(c, ChatCompletionChunk) for c in s)
    fake.enqueue(REPLY)
    assert "".join(provider.stream_reply(provider.single_attempt(model), [HumanMessage("hoi")])) == REPLY


def test_streamed_replies_reuse_one_connection(settings, fake, monkeypatch):
    """The SDK stops reading at [DONE]; the rest of the body is read so the connection goes back to the pool."""
    opened = []
    connect = socket.create_connection
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: opened.append(a) or connect(*a, **k))
    model = provider.single_attempt(provider.chat_model(settings))
    for _ in range(3):
        fake.enqueue(REPLY)
        assert "".join(provider.stream_reply(model, [HumanMessage("hoi")])) == REPLY
    assert len(opened) == 1


def test_json_reply_comes_from_the_model_with_phase_and_context(client, anne, fake):
    marker = "Zuurstoffles-ZX81"
    r = client.post("/api/situations", headers=anne, json={
        "title": "Rommelige overdracht", "description": f"De overdracht liep rommelig; {marker} werd vergeten."})
    assert r.status_code == 201, r.text
    conv_id = start(client, anne)
    fake.enqueue(REPLY)

    r = send(client, anne, conv_id)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mode"] == "llm:fake-model" and body["notice"] is None
    assert body["message"]["content"] == REPLY and body["message"]["complete"] is True
    assert body["message"]["mode"] == "llm:fake-model"

    sent = fake.last
    assert sent["model"] == "fake-model" and sent["stream"] is True
    roles = [m["role"] for m in sent["messages"]]
    assert roles[0] == "system" and roles[-1] == "user"
    assert sent["messages"][-1]["content"] == MESSAGE
    phase = next(p for p in body["phases"] if p["id"] == body["phase"])
    system = sent["messages"][0]["content"]
    assert "Je bent de leercompanion van Anne" in system and f"Fase: {phase['label']}" in system
    # Retrieved text travels only as data inside the context block, never elsewhere in the prompt.
    carrying = [m["content"] for m in sent["messages"] if marker in m["content"]]
    assert len(carrying) == 1
    context = carrying[0]
    assert context.startswith("<context>") and context.endswith("</context>")
    assert context.index("<context>") < context.index(marker) < context.index("</context>")


def test_sse_streams_tokens_and_stores_the_concatenation(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(REPLY)

    events = send_sse(client, anne, conv_id)
    names = [e for e, _ in events]
    assert names[0] == "meta" and names[-1] == "done"
    assert set(names[1:-1]) == {"token"} and len(names) - 2 >= 5
    streamed = "".join(d["text"] for e, d in events if e == "token")
    assert streamed == REPLY and fake.last["stream"] is True
    assert events[0][1]["mode"] == "llm:fake-model"

    done = events[-1][1]
    stored = messages_of(client, anne, conv_id)[-1]
    assert stored["id"] == done["id"] and stored["role"] == "assistant"
    assert stored["content"] == streamed and stored["complete"] is True


def test_tokens_reach_the_client_while_the_model_is_still_writing(live_api, anne, fake):
    fake.enqueue(Reply(REPLY, pause=0.15))
    arrived: list[float] = []
    with httpx.Client(base_url=live_api.url, headers=anne, timeout=10) as http:
        conv_id = http.post("/api/conversations", json={}).json()["id"]
        with http.stream("POST", f"/api/conversations/{conv_id}/messages", json={"content": MESSAGE},
                         headers={"Accept": "text/event-stream"}) as r:
            for line in r.iter_lines():
                if line == "event: token":
                    arrived.append(time.monotonic())
    # Buffered somewhere, all tokens would land at once; streamed, they keep the model's pace.
    assert len(arrived) == len(REPLY.split()) and arrived[-1] - arrived[0] > 0.15 * (len(arrived) - 1) * 0.6


def test_client_leaving_mid_stream_keeps_the_partial_reply(live_api, anne, fake):
    long_reply = " ".join([REPLY] * 4)  # takes ~10 s to write: the client leaves long before the end
    fake.enqueue(Reply(long_reply, pause=0.3))
    with httpx.Client(base_url=live_api.url, headers=anne, timeout=10) as http:
        conv_id = http.post("/api/conversations", json={}).json()["id"]
        with http.stream("POST", f"/api/conversations/{conv_id}/messages", json={"content": MESSAGE},
                         headers={"Accept": "text/event-stream"}) as r:
            tokens = 0
            for line in r.iter_lines():
                tokens += line == "event: token"
                if tokens == 2:
                    break  # the browser tab closes
        deadline = time.monotonic() + 10
        while (last := http.get(f"/api/conversations/{conv_id}").json()["messages"][-1])["role"] != "assistant":
            assert time.monotonic() < deadline, "the partial reply was never stored"
            time.sleep(0.1)
    assert last["content"].startswith("Wat deed") and long_reply.startswith(last["content"])
    assert last["complete"] is False and last["content"] != long_reply


def test_dropped_stream_keeps_the_partial_reply_marked_incomplete(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(Reply(REPLY, drop_after=3))

    events = send_sse(client, anne, conv_id)
    names = [e for e, _ in events]
    assert names == ["meta", "token", "token", "token", "error", "done"]
    error = events[-2][1]["detail"]
    assert error == chat_turn.ERRORS["nl"]["broken"] and "bewaard" in error

    partial = "".join(d["text"] for e, d in events if e == "token")
    assert partial == "Wat deed jij"
    user, reply = messages_of(client, anne, conv_id)[-2:]
    assert user["role"] == "user" and user["content"] == MESSAGE
    assert reply["content"] == partial and reply["complete"] is False
    assert reply["mode"] == "llm:fake-model" and events[-1][1]["complete"] is False


def test_dropped_stream_over_json_reports_the_error(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(Reply(REPLY, drop_after=2))

    body = send(client, anne, conv_id).json()
    assert body["notice"] == chat_turn.ERRORS["nl"]["broken"]
    assert body["message"]["content"] == "Wat deed" and body["message"]["complete"] is False


def test_stream_that_ends_without_finishing_is_incomplete(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(Reply(REPLY, end_after=4))

    events = send_sse(client, anne, conv_id)
    assert [e for e, _ in events][-2:] == ["error", "done"]
    reply = messages_of(client, anne, conv_id)[-1]
    assert reply["content"] == "Wat deed jij precies" and reply["complete"] is False


def test_cut_off_at_length_is_incomplete(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(Reply("Wat deed jij", finish_reason="length"))

    body = send(client, anne, conv_id).json()
    assert body["message"]["content"] == "Wat deed jij" and body["message"]["complete"] is False
    assert body["notice"] == chat_turn.ERRORS["nl"]["broken"]


def test_empty_reply_falls_back_to_the_guide(client, anne, fake):
    conv_id = start(client, anne)
    fake.enqueue(Reply(""))

    body = send(client, anne, conv_id).json()
    assert body["notice"] == chat_turn.ERRORS["nl"]["fallback"]
    assert body["message"]["content"].endswith("?") and body["message"]["complete"] is True


def _closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here any more: connections are refused
    return f"http://127.0.0.1:{port}/v1"


class TestUnreachable:
    @pytest.fixture
    def base_url(self) -> str:
        return _closed_port_url()

    def test_json_falls_back_to_the_guide_with_a_notice(self, client, anne):
        conv_id = start(client, anne)
        body = send(client, anne, conv_id).json()
        assert body["notice"] == chat_turn.ERRORS["nl"]["fallback"]
        assert body["mode"] == chat_turn.FALLBACK_MODE and body["message"]["mode"] == chat_turn.FALLBACK_MODE
        assert body["message"]["content"].endswith("?") and body["message"]["complete"] is True
        user, reply = messages_of(client, anne, conv_id)[-2:]
        assert user["role"] == "user" and user["content"] == MESSAGE
        assert reply["content"] == body["message"]["content"]

    def test_sse_sends_the_notice_before_the_guide_speaks(self, client, anne):
        conv_id = start(client, anne)
        events = send_sse(client, anne, conv_id)
        names = [e for e, _ in events]
        assert names[:2] == ["meta", "notice"] and names[-1] == "done"
        assert set(names[2:-1]) == {"token"}
        assert events[1][1]["detail"] == chat_turn.ERRORS["nl"]["fallback"]
        text = "".join(d["text"] for e, d in events if e == "token")
        assert events[-1][1]["content"] == text and events[-1][1]["mode"] == chat_turn.FALLBACK_MODE
        assert messages_of(client, anne, conv_id)[-2]["content"] == MESSAGE
