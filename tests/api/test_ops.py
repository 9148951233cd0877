"""Operations endpoints: liveness, readiness with reasons, /metrics behind a token, a request id in the response
header and in every log line of the request, counted across workers (login failures)."""

from __future__ import annotations

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from pydantic import SecretStr
from sqlalchemy import text

from companion.core import observability
from companion.models import LoginThrottle
from companion.trust import limits

TOKEN = "a-metrics-token"
STORY = "Bij de overdracht ging informatie verloren en ik zei er niets van."


def test_live_and_ready_and_the_old_health_still_answer(client):
    assert client.get("/api/health/live").json()["status"] == "alive"
    r = client.get("/api/health/ready")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "checks": {"database": True, "migrations": True, "index": True},
                        "reasons": []}
    assert client.get("/api/health").json()["status"] == "ok"


def test_not_ready_with_a_reason_while_the_schema_is_behind(client, services):
    with services.engine.begin() as conn:
        head = conn.scalar(text("SELECT version_num FROM alembic_version"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0010'"))
    try:
        r = client.get("/api/health/ready")
    finally:
        with services.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert r.status_code == 503 and r.json()["checks"]["migrations"] is False
    assert "run the migrations" in r.json()["reasons"][0]
    assert client.get("/api/health/live").status_code == 200  # alive all the same: do not restart it


def test_metrics_are_off_without_a_token_and_need_it_when_set(client, services, anne):
    r = client.get("/metrics")
    assert r.status_code == 404 and r.json()["code"] == "metrics_off"
    services.settings.metrics_token = SecretStr(TOKEN)
    assert client.get("/metrics").json()["code"] == "metrics_token_invalid"
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    assert client.post(f"/api/conversations/{conv}/messages", headers=anne, json={"content": STORY}).status_code == 200
    r = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    body = r.text
    assert re.search(r'companion_turn_seconds_count\{stream="no"\} [1-9]', body)
    assert 'companion_retrieval_mode{mode="hybrid"} 1.0' in body
    assert 'companion_queue_size{queue="reply_claims",status="answering"} 0.0' in body
    assert "companion_model_breaker_state" in body and "process_resident_memory_bytes" in body


def test_a_request_id_is_kept_or_made_and_returned(client):
    assert client.get("/api/health/live", headers={"X-Request-ID": "proxy-42"}).headers["x-request-id"] == "proxy-42"
    made = client.get("/api/health/live", headers={"X-Request-ID": "not ok\nforged line"}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)  # what a client could inject into the logs is never used


@pytest.mark.scripted_model
def test_the_request_id_follows_a_turn_into_the_model_call_logs(client, anne, fake_model, caplog):
    caplog.handler.addFilter(observability.RequestIdFilter())
    fake_model.enqueue("Wat gebeurde er precies?")
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    with caplog.at_level(logging.INFO):
        r = client.post(f"/api/conversations/{conv}/messages", headers={**anne, "X-Request-ID": "turn-7"},
                        json={"content": STORY})
    assert r.status_code == 200 and r.headers["x-request-id"] == "turn-7"
    by_logger = {rec.name: rec.request_id for rec in caplog.records if rec.request_id == "turn-7"}
    assert {"companion.llm.resilience", "companion.access"} <= set(by_logger)


def test_json_log_lines_carry_the_request_id():
    token = observability.request_id.set("abc-1")
    try:
        record = logging.LogRecord("companion.x", logging.WARNING, __file__, 1, "hallo %s", ("wereld",), None)
        observability.RequestIdFilter().filter(record)
        line = json.loads(observability.JsonFormatter().format(record))
    finally:
        observability.request_id.reset(token)
    assert line["request_id"] == "abc-1" and line["msg"] == "hallo wereld" and line["level"] == "WARNING"


def test_login_failures_at_once_are_all_counted(services):
    """Workers failing the same login at the same moment: one atomic statement each, none lost."""

    def fail(_):
        with services.transaction() as session:
            limits.login_failed(session, services.settings, ["user:zelda"])

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fail, range(8)))
    with services.sessions() as session:
        row = session.get(LoginThrottle, "user:zelda")
        assert row.failures == 8 and row.locked_until is not None  # 5 allowed: locked
