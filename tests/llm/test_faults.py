"""Model endpoint faults over real HTTP: the message is kept, the person is told why in their language within the
time-out, retries are bounded and never repeat text, and the circuit breaker falls back and recovers."""

from __future__ import annotations

import itertools
import json
import socket
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from companion.core.config import Settings
from companion.core.error_texts import render
from companion.llm import resilience
from companion.reflection import chat_turn
from companion.services import Services, build_services
from tests.support.fake_openai import Hang, Malformed, Reply, Status
from tests.support.fakes import HashEmbeddings

TIMEOUT = 2.0
SLACK = 3.0  # the rest of a turn (retrieval, storing) on a busy 2-core machine
REPLY = "Wat deed jij precies toen de overdracht rommelig werd?"
MESSAGE = "Bij de overdracht praatte iedereen door elkaar en ging er informatie over een cliënt verloren."


class Clock:
    """A hand-moved clock for the breaker, so its cooldown costs no real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def settings(tmp_path, base_url) -> Settings:
    return Settings(data_dir=tmp_path / "data", openai_api_key="test-key", openai_base_url=base_url,
                    chat_model="fake-model", llm_timeout=TIMEOUT, llm_connect_timeout=1, llm_max_retries=2,
                    llm_retry_backoff=0.05, llm_breaker_failures=3, llm_breaker_cooldown=30)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(settings, clock) -> Iterator[Services]:
    """The real ChatOpenAI against the fake server; the breaker runs on the hand-moved clock."""
    svc = build_services(settings, embeddings=HashEmbeddings())
    svc.breaker.clock = clock
    yield svc
    svc.engine.dispose()


def start(client: TestClient, headers, language: str = "nl") -> int:
    r = client.post("/api/conversations", headers=headers, json={"language": language})
    assert r.status_code == 201, r.text
    return r.json()["id"]


SENT = itertools.count(1)


def send_sse(client: TestClient, headers, conv_id: int) -> tuple[list[tuple[str, dict]], float]:
    """The turn's events (each turn says something new) and how long the whole turn took."""
    began = time.monotonic()
    r = client.post(f"/api/conversations/{conv_id}/messages", json={"content": f"{MESSAGE} ({next(SENT)})"},
                    headers={**headers, "Accept": "text/event-stream"})
    took = time.monotonic() - began
    assert r.status_code == 200, r.text
    events = []
    for block in r.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events, took


def stored(client: TestClient, headers, conv_id: int) -> list[dict]:
    return client.get(f"/api/conversations/{conv_id}", headers=headers).json()["messages"]


def check_turn(client, headers, conv_id, events) -> dict:
    """What holds for every fault: the message kept once, the reply stored exactly as it was streamed."""
    messages = stored(client, headers, conv_id)
    user, reply = messages[-2:]
    assert user["content"].startswith(MESSAGE) and [m["content"] for m in messages].count(user["content"]) == 1
    assert user["role"] == "user" and reply["role"] == "assistant"
    streamed = "".join(d["text"] for e, d in events if e == "token")
    assert reply["content"] == streamed == events[-1][1]["content"]  # no text repeated by a retry
    return reply


def notice(events) -> str | None:
    found = [d["detail"] for e, d in events if e in ("notice", "error")]
    assert len(found) <= 1
    return found[0] if found else None


def test_slow_model_finishes_normally(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Reply(REPLY, pause=0.1))
    events, _ = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert reply["content"] == REPLY and reply["complete"] and reply["mode"] == "llm:fake-model"
    assert notice(events) is None and len(fake.requests) == 1


def test_429_waits_for_retry_after_then_answers_once(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Status(429, retry_after="1"), REPLY)
    events, took = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert reply["content"] == REPLY and reply["complete"] and notice(events) is None
    assert len(fake.requests) == 2 and 1.0 <= took < TIMEOUT + SLACK


def test_429_longer_than_the_time_budget_fails_at_once_and_says_when(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Status(429, retry_after="120"))
    events, took = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert notice(events) == render("llm_busy", "nl", {"seconds": 120})
    assert reply["mode"] == chat_turn.FALLBACK_MODE and reply["complete"] and reply["content"].endswith("?")
    assert len(fake.requests) == 1 and took < SLACK  # never waits the 120 s


def test_500_is_retried_a_bounded_number_of_times(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Status(500), Status(500), Status(500), Status(500))
    events, took = send_sse(client, anne, conv)
    check_turn(client, anne, conv, events)
    assert notice(events) == render("llm_server_error", "nl")
    assert len(fake.requests) == 3 and took < TIMEOUT + SLACK  # the first try and two retries, no more


def test_500_then_success_is_one_clean_reply(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Status(502), REPLY)
    events, _ = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert reply["content"] == REPLY and reply["complete"] and notice(events) is None


def test_hang_times_out_within_the_budget_without_retrying(client, anne, fake):
    conv = start(client, anne, language="en")
    fake.enqueue(Hang(10))
    events, took = send_sse(client, anne, conv)
    check_turn(client, anne, conv, events)
    assert notice(events) == render("llm_timeout", "nl", {"seconds": 2})  # the language of the (Dutch) message
    assert len(fake.requests) == 1 and TIMEOUT <= took < TIMEOUT + SLACK


def test_drop_after_tokens_keeps_the_partial_reply_and_never_retries(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Reply(REPLY, drop_after=3), REPLY)
    events, _ = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert reply["content"] == "Wat deed jij" and reply["complete"] is False
    assert notice(events) == chat_turn.ERRORS["nl"]["broken"]
    assert len(fake.requests) == 1  # a retry would repeat "Wat deed jij"


def test_a_stall_mid_stream_is_a_broken_reply_within_the_time_out(client, anne, fake):
    conv = start(client, anne)
    fake.enqueue(Reply("een twee drie vier vijf", stall_after=2, stall=TIMEOUT + 1))
    events, took = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert reply["content"] == "een twee" and reply["complete"] is False
    assert notice(events) == chat_turn.ERRORS["nl"]["broken"] and TIMEOUT <= took < TIMEOUT + SLACK


@pytest.mark.parametrize("kind", ["json", "html", "shape"])
def test_malformed_data_is_reported_and_not_retried(client, anne, fake, kind):
    conv = start(client, anne)
    fake.enqueue(Malformed(kind))
    events, _ = send_sse(client, anne, conv)
    reply = check_turn(client, anne, conv, events)
    assert notice(events) == render("llm_malformed", "nl")
    assert reply["mode"] == chat_turn.FALLBACK_MODE and reply["complete"] and len(fake.requests) == 1


def _closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/v1"


class TestRefused:
    @pytest.fixture
    def base_url(self) -> str:
        return _closed_port_url()

    def test_refused_connection_is_retried_briefly_then_the_guide_answers(self, client, anne):
        conv = start(client, anne, language="en")
        events, took = send_sse(client, anne, conv)
        reply = check_turn(client, anne, conv, events)
        assert notice(events) == render("llm_unavailable", "nl")  # the language of the (Dutch) message
        assert reply["mode"] == chat_turn.FALLBACK_MODE and took < TIMEOUT + SLACK


class TestBreaker:
    @pytest.fixture
    def settings(self, tmp_path, base_url) -> Settings:
        return Settings(data_dir=tmp_path / "data", openai_api_key="test-key", openai_base_url=base_url,
                        chat_model="fake-model", llm_timeout=TIMEOUT, llm_max_retries=0, llm_retry_backoff=0.05,
                        llm_breaker_failures=3, llm_breaker_cooldown=30)

    def test_opens_after_repeated_failures_and_recovers_with_a_probe(self, client, anne, fake, services, clock):
        conv = start(client, anne)
        fake.default = Status(500)
        for _ in range(3):
            events, _ = send_sse(client, anne, conv)
            assert notice(events) == render("llm_server_error", "nl")
        assert services.breaker.state == resilience.OPEN and len(fake.requests) == 3
        assert client.get("/api/health").json()["model_breaker"] == "open"  # operators see it too

        events, took = send_sse(client, anne, conv)  # open: the model is not even called
        assert notice(events) == render("llm_breaker_open", "nl", {"seconds": 30})
        assert len(fake.requests) == 3 and took < SLACK
        assert check_turn(client, anne, conv, events)["mode"] == chat_turn.FALLBACK_MODE

        clock.now += 31  # cooldown over: the next turn probes, and it fails again
        events, _ = send_sse(client, anne, conv)
        assert len(fake.requests) == 4 and services.breaker.state == resilience.OPEN

        clock.now += 31
        fake.default = Reply(REPLY)  # the endpoint is back
        events, _ = send_sse(client, anne, conv)
        reply = check_turn(client, anne, conv, events)
        assert reply["content"] == REPLY and reply["mode"] == "llm:fake-model" and notice(events) is None
        assert services.breaker.state == resilience.CLOSED
        assert client.get("/api/health").json()["model_breaker"] == "closed"

    def test_a_success_resets_the_count(self, client, anne, fake, services):
        conv = start(client, anne)
        fake.enqueue(Status(500), Status(500), REPLY, Status(500), Status(500))
        for _ in range(5):
            send_sse(client, anne, conv)
        assert services.breaker.state == resilience.CLOSED and services.breaker.failures == 2


def test_half_open_lets_one_probe_through_at_a_time():
    clock = Clock()
    breaker = resilience.CircuitBreaker(failures=2, cooldown=10, clock=clock)
    breaker.failure()
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == resilience.OPEN and not breaker.allow()
    clock.now += 10
    assert breaker.state == resilience.HALF_OPEN
    assert breaker.allow() and not breaker.allow()  # the second turn waits for the probe's verdict
    breaker.success()
    assert breaker.state == resilience.CLOSED and breaker.allow() and breaker.allow()


def test_retry_after_headers_are_read_in_seconds_ms_and_dates():
    class Fail(Exception):
        def __init__(self, headers):
            self.response = type("R", (), {"headers": headers})()

    assert resilience.retry_after(Fail({"retry-after": "3"})) == 3
    assert resilience.retry_after(Fail({"retry-after-ms": "250"})) == 0.25
    assert 50 < resilience.retry_after(Fail({"retry-after": time.strftime(
        "%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))})) <= 60
    assert resilience.retry_after(Fail({"retry-after": "soon"})) is None
    assert resilience.retry_after(Exception()) is None


def test_the_chat_turn_retries_alone_while_other_callers_keep_the_clients_retries(settings):
    from companion.llm import provider

    model = provider.chat_model(settings)
    once = provider.single_attempt(model)
    assert model.root_client.max_retries == settings.llm_max_retries == 2  # drafting, week plans, accounts
    assert once.root_client.max_retries == 0 and once.client._client.max_retries == 0
    assert once.client._client._client is once.root_client._client  # one connection pool
    assert provider.single_attempt(model) is once and once.model_name == model.model_name
