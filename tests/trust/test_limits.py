"""Limits: one person cannot exhaust the model budget or the server (429/413 with a reason and Retry-After)."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock
from tests.support.app import login

pytestmark = pytest.mark.scripted_model  # the API talks to the scripted chat model


def _start(client, headers) -> int:
    return client.post("/api/conversations", headers=headers, json={}).json()["id"]


def _say(client, headers, conv_id, text="Bij de overdracht ging het mis.", **extra):
    return client.post(f"/api/conversations/{conv_id}/messages", headers={**headers, **extra},
                       json={"content": text})


def test_chat_rate_per_person_is_429_with_retry_after_in_the_callers_language(client, services, anne, bram):
    services.settings.chat_messages_per_minute = 3
    services.clock = clock = FixedClock(datetime(2026, 3, 2, 9, 0, 10, tzinfo=UTC))  # every turn in one minute
    conv = _start(client, anne)
    for _ in range(3):
        assert _say(client, anne, conv).status_code == 200
        clock.advance(seconds=1)
    r = _say(client, anne, conv, **{"Accept-Language": "nl"})
    assert r.status_code == 429 and r.json()["code"] == "chat_rate"
    assert "per minuut" in r.json()["detail"] and int(r.headers["retry-after"]) == 47
    r = _say(client, anne, conv, **{"Accept-Language": "en"})
    assert r.status_code == 429 and "a minute" in r.json()["detail"]
    assert _say(client, bram, _start(client, bram)).status_code == 200  # others are not slowed down
    stored = client.get(f"/api/conversations/{conv}", headers=anne).json()["messages"]
    assert sum(m["role"] == "user" for m in stored) == 3  # a refused message is not stored


def test_daily_token_budget_stops_one_person_only(client, services, anne, bram):
    services.settings.daily_token_budget = 400
    conv = _start(client, anne)
    used = []
    for _ in range(10):
        r = _say(client, anne, conv)
        if r.status_code == 429:
            break
        assert r.status_code == 200
        used.append(client.get("/api/me/usage", headers=anne).json()["tokens_used_today"])
    assert r.status_code == 429 and r.json()["code"] == "token_budget_spent"
    assert int(r.headers["retry-after"]) <= 24 * 3600
    assert used == sorted(used) and used[-1] >= 400 and len(used) >= 1
    usage = client.get("/api/me/usage", headers=anne).json()
    assert usage["tokens_left_today"] == 0 and usage["daily_token_budget"] == 400
    assert _say(client, bram, _start(client, bram)).status_code == 200


def test_offline_turns_do_not_spend_the_budget(settings, tmp_path):
    from fastapi.testclient import TestClient

    from companion.api.main import create_app
    from companion.trust import people
    from tests.support.app import make_services

    svc = make_services(settings)  # no model: the offline guide
    with svc.sessions() as session:
        o = people.get_or_create_org(session, "Org")
        people.create_person(session, org_id=o.id, username="kim", password="password-1", role="professional")
        session.commit()
    with TestClient(create_app(svc)) as client:
        kim = login(client, "kim")
        conv = _start(client, kim)
        assert _say(client, kim, conv).status_code == 200
        assert client.get("/api/me/usage", headers=kim).json()["tokens_used_today"] == 0
    svc.engine.dispose()


def test_message_and_request_size_limits_are_413_with_a_reason(client, services, anne):
    conv = _start(client, anne)
    r = _say(client, anne, conv, text="woord " * 2000, **{"Accept-Language": "nl"})
    assert r.status_code == 413 and "tekens" in r.json()["detail"]
    services.settings.max_request_bytes = 10_000
    r = client.post(f"/api/conversations/{conv}/messages", headers={**anne, "Accept-Language": "nl"},
                    content=b'{"content": "' + b"x" * 20_000 + b'"}')
    assert r.status_code == 413 and r.json()["code"] == "request_too_large" and "MB" in r.json()["detail"]


def test_a_streamed_body_without_length_is_cut_off_at_the_limit(client, services, anne):
    services.settings.max_request_bytes = 10_000
    conv = _start(client, anne)

    def body():
        yield b'{"content": "'
        for _ in range(40):
            yield b"x" * 1000
        yield b'"}'

    r = client.post(f"/api/conversations/{conv}/messages",
                    headers={**anne, "Content-Type": "application/json", "Accept-Language": "nl"}, content=body())
    assert r.status_code == 413 and r.json()["code"] == "request_too_large" and "MB" in r.json()["detail"]
    assert r.headers["content-language"] == "nl"
