"""`companion bench concurrency`: many people chat and write at once against one live API server.

Each client logs in, opens a conversation and sends messages with a client message id; some sends are
repeated (the reply "got lost") and some are sent twice at the same moment. Afterwards the database must hold
every acknowledged message exactly once, with one reply each. Optionally the run ends with kill tests
(`--kills`): a writer and an ingester are SIGKILLed and the store is checked (see crash.py).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import click
import httpx

from companion.benchmarks.measure import free_port, run_together, wait_healthy

RETRYABLE = {409, 429, 500, 502, 503, 504}


class Client:
    """One person: sends `messages` chat messages and a situation every fifth message."""

    def __init__(self, base_url: str, username: str, password: str, messages: int, duplicate_rate: float,
                 seed: int):
        self.http = httpx.Client(base_url=base_url, timeout=60)
        self.username, self.password, self.messages = username, password, messages
        self.duplicate_rate = duplicate_rate
        self.random = random.Random(seed)
        self.acked: dict[str, int] = {}  # client id → user message id the server acknowledged
        self.situations: list[int] = []
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.retries = 0
        self.errors: list[str] = []
        self.conversation_id = 0

    def _post(self, path: str, **kwargs) -> httpx.Response | None:
        """POST with bounded retries on busy/conflict/transport errors; None when it never succeeded."""
        for attempt in range(6):
            try:
                started = time.perf_counter()
                r = self.http.post(path, **kwargs)
                self.latencies.append(time.perf_counter() - started)
                self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
                if r.status_code not in RETRYABLE:
                    return r
            except httpx.TransportError as exc:
                self.errors.append(repr(exc))
            self.retries += 1
            time.sleep(0.05 * (attempt + 1))
        return None

    def run(self) -> None:
        r = self.http.post("/api/auth/token", data={"username": self.username, "password": self.password})
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        self.conversation_id = self._post("/api/conversations", json={}).json()["id"]
        for n in range(self.messages):
            client_id = uuid.uuid4().hex
            body = {"content": f"{self.username} bericht {n}: de overdracht liep uit en ik zei niets",
                    "client_id": client_id}
            path = f"/api/conversations/{self.conversation_id}/messages"
            if self.random.random() < self.duplicate_rate / 2:  # the same message twice at the same moment
                twin = threading.Thread(target=self._post, args=(path,), kwargs={"json": body})
                twin.start()
                r = self._post(path, json=body)
                twin.join()
            else:
                r = self._post(path, json=body)
            if r is not None and r.status_code == 200:
                self.acked[client_id] = r.json()["user_message_id"]
            if self.random.random() < self.duplicate_rate / 2:  # the reply got lost: send it again
                again = self._post(path, json=body)
                if again is not None and again.status_code == 200 and client_id in self.acked:
                    if again.json()["user_message_id"] != self.acked[client_id]:
                        self.errors.append(f"retry of {client_id} got another message id")
            if n % 5 == 4:
                s = self._post("/api/situations", json={"title": f"Situatie {n}", "description": body["content"]})
                if s is not None and s.status_code == 201:
                    self.situations.append(s.json()["id"])


def verify(db_path: Path, clients: list[Client]) -> dict[str, int]:
    """Count acknowledged messages that are missing or stored more than once, and replies per message."""
    import sqlite3

    con = sqlite3.connect(str(db_path))
    lost = duplicates = replies_missing = replies_duplicated = situations_lost = 0
    try:
        for c in clients:
            for client_id, message_id in c.acked.items():
                rows = con.execute("SELECT id FROM messages WHERE conversation_id = ? AND client_id = ?",
                                   (c.conversation_id, client_id)).fetchall()
                lost += not rows or rows[0][0] != message_id
            users = [r[0] for r in con.execute("SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' "
                                               "ORDER BY id", (c.conversation_id,))]
            duplicates += con.execute("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM messages "
                                      "WHERE conversation_id = ? AND role = 'user' GROUP BY client_id)",
                                      (c.conversation_id,)).fetchone()[0]
            for n, uid in enumerate(users):
                upper = users[n + 1] if n + 1 < len(users) else 2**62
                k = con.execute("SELECT count(*) FROM messages WHERE conversation_id = ? AND role = 'assistant' "
                                "AND id > ? AND id < ?", (c.conversation_id, uid, upper)).fetchone()[0]
                replies_missing += k == 0
                replies_duplicated += max(0, k - 1)
            for sid in c.situations:
                situations_lost += con.execute("SELECT count(*) FROM work_situations WHERE id = ?",
                                               (sid,)).fetchone()[0] != 1
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    return {"acked_messages": sum(len(c.acked) for c in clients), "lost": lost, "duplicates": duplicates,
            "replies_missing": replies_missing, "replies_duplicated": replies_duplicated,
            "acked_situations": sum(len(c.situations) for c in clients), "situations_lost": situations_lost,
            "integrity_ok": integrity}


def run_load(base_url: str, credentials: list[tuple[str, str]], messages: int, duplicate_rate: float = 0.3,
             seed: int = 7) -> tuple[list[Client], dict[str, Any]]:
    clients = [Client(base_url, u, p, messages, duplicate_rate, seed + n) for n, (u, p) in enumerate(credentials)]
    elapsed = run_together(c.run for c in clients)
    latencies = sorted(x for c in clients for x in c.latencies)
    statuses: dict[str, int] = {}
    for c in clients:
        for code, n in c.statuses.items():
            statuses[str(code)] = statuses.get(str(code), 0) + n
    summary = {
        "clients": len(clients), "messages_per_client": messages, "seconds": round(elapsed, 2),
        "requests": len(latencies), "requests_per_second": round(len(latencies) / elapsed, 1),
        "acked_messages_per_second": round(sum(len(c.acked) for c in clients) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1) if latencies else None,
        "statuses": statuses, "client_retries": sum(c.retries for c in clients),
        "transport_errors": sum(len(c.errors) for c in clients),
    }
    return clients, summary


def seed_people(data_dir: Path, count: int) -> list[tuple[str, str]]:
    from companion.benchmarks.crash import HashingEmbeddings
    from companion.core.config import Settings
    from companion.services import build_services
    from companion.trust import people

    services = build_services(Settings(data_dir=data_dir), embeddings=HashingEmbeddings(), model=None)
    credentials = []
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Loadorg")
        for n in range(count):
            people.create_person(session, org_id=org.id, username=f"user{n}", password=f"load-pass-{n}",
                                 role="professional", team="Team")
            credentials.append((f"user{n}", f"load-pass-{n}"))
        session.commit()
    services.engine.dispose()
    return credentials



@click.command("concurrency")
@click.option("--clients", default=20, show_default=True, help="People chatting at the same time.")
@click.option("--messages", default=30, show_default=True, help="Messages each person sends.")
@click.option("--duplicates", default=0.3, show_default=True, help="Share of messages sent twice (retry or race).")
@click.option("--kills", default=5, show_default=True, help="SIGKILL tests per mode (writes, ingest) afterwards.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-concurrency.json"), show_default=True)
def concurrency(clients: int, messages: int, duplicates: float, kills: int, out: Path) -> None:
    """Concurrent chat against a live server (exactly-once check), then kill -9 tests; writes JSON."""
    from companion.benchmarks.crash import kill_once

    work = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    data_dir = work / "data"
    credentials = seed_people(data_dir, clients)
    port = free_port()
    env = dict(os.environ, COMPANION_DATA_DIR=str(data_dir), COMPANION_CHAT_MESSAGES_PER_MINUTE="0",
               COMPANION_LOGIN_MAX_FAILURES_PER_IP="0", COMPANION_DEMO="false", HF_HUB_OFFLINE="1")
    env.pop("OPENAI_API_KEY", None)  # the offline guide: this measures storage and the API, not a model
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "companion.api.main:app_from_env",
                               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, 180)
        click.echo(f"{clients} clients × {messages} messages against {base} …")
        load_clients, summary = run_load(base, credentials, messages, duplicates)
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary["exactly_once"] = verify(data_dir / "companion.db", load_clients)
    click.echo(json.dumps(summary, indent=2))
    out.write_text(json.dumps(summary, indent=2))
    kill_results = []
    for mode in ("writes", "ingest"):
        for n in range(kills):
            click.echo(f"kill -9 during {mode} #{n + 1}")
            kill_results.append(kill_once(work / f"kill-{mode}", mode))
    summary["kills"] = {
        "runs": len(kill_results),
        "integrity_ok": sum(r["integrity_ok"] for r in kill_results),
        "acked_writes": sum(r["acked"] for r in kill_results),
        "acked_lost": sum(r["acked_lost"] for r in kill_results),
        "orphan_rows": sum(r["orphan_rows"] for r in kill_results),
        "half_stored_documents": sum(r["half_stored_documents"] for r in kill_results),
        "index_needed_repair": sum(not r["index_ok_before_repair"] for r in kill_results),
        "ok_after_repair": sum(r["ok_after_repair"] for r in kill_results),
    }
    out.write_text(json.dumps(summary, indent=2))
    click.echo(json.dumps(summary, indent=2))
    click.echo(f"written to {out}")
