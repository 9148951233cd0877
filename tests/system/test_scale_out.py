"""Two API workers on PostgreSQL and a Chroma server, sharing no disk: every accepted message stored once with
exactly one reply under concurrent retries spread over both, no canary leaks through either, a change made on
one worker found on the other, and a `kill -9` of one worker mid-turn loses nothing while the other serves on.

Real processes (uvicorn with the app factory), the real embedder the product uses, the offline guide.
"""

from __future__ import annotations

import json
import os
import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from companion.core import db
from companion.core.config import Settings
from companion.models import Message, ReplyClaim
from companion.trust import people
from tests.support.canaries import PEOPLE, TOPIC, Seeded
from tests.support.cluster import ChromaServer, Worker, postgres

SECRET = "scale-out-test-secret-" + "x" * 20
METRICS_TOKEN = "metrics-test-token"
CANARY_PEOPLE = ("a1", "a4", "b1")  # two teams of organisation A, and organisation B


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth

    root: Path = tmp_path_factory.mktemp("scale")
    with ChromaServer(root / "chroma") as chroma, postgres() as url:  # the two start side by side
        chroma_url = chroma.wait()
        settings = Settings(data_dir=root / "seed", database_url=url, chroma_url=chroma_url)
        engine = db.make_engine(settings)
        db.migrate(engine)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "OPENAI_", "PROMETHEUS_"))}
        env.update(COMPANION_DATABASE_URL=url, COMPANION_CHROMA_URL=chroma_url, COMPANION_SECRET_KEY=SECRET,
                   COMPANION_DEMO="false", COMPANION_CHAT_MESSAGES_PER_MINUTE="0", COMPANION_DAILY_TOKEN_BUDGET="0",
                   COMPANION_REPLY_CLAIM_SECONDS="3", COMPANION_METRICS_TOKEN=METRICS_TOKEN,
                   COMPANION_LOG_FORMAT="json", OMP_NUM_THREADS="1")
        workers = [Worker(env, root / f"worker{n}") for n in (1, 2)]  # each its own data folder: no shared disk
        try:
            with pytest.MonkeyPatch.context() as mp, db.session_factory(engine)() as session:
                # cheap hashes: the workers verify with the parameters stored in each hash
                mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024,
                                                                       parallelism=1),)))
                for org, team, username, role in PEOPLE:
                    o = people.get_or_create_org(session, org)
                    people.create_person(session, org_id=o.id, username=username, password="password-1",
                                         role=role, team=team)
                session.commit()
            for w in workers:
                w.wait_ready()
            yield workers, db.session_factory(engine)
        finally:
            for w in workers:
                w.stop()
            engine.dispose()


def _login(url: str, username: str) -> dict[str, str]:
    r = httpx.post(f"{url}/api/auth/token", data={"username": username, "password": "password-1"}, timeout=30)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _send(url: str, headers, conv: int, content: str, client_id: str) -> dict | None:
    """POST a message; the stored reply, or None when the worker failed (the client would retry)."""
    try:
        r = httpx.post(f"{url}/api/conversations/{conv}/messages", headers=headers, timeout=30,
                       json={"content": content, "client_id": client_id})
    except httpx.HTTPError:
        return None
    assert r.status_code == 200, r.text
    return r.json()["message"]


def _once_each(sessions, conv_ids: list[int], client_ids: set[str]) -> None:
    """Every message stored once, each followed by exactly one reply; no claim left behind."""
    with sessions() as session:
        for conv in conv_ids:
            rows = session.scalars(select(Message).where(Message.conversation_id == conv).order_by(Message.id)).all()
            roles = [m.role for m in rows]
            assert roles[0] == "assistant" and roles[1:] == ["user", "assistant"] * ((len(roles) - 1) // 2), roles
            ids = [m.client_id for m in rows if m.role == "user"]
            assert len(ids) == len(set(ids)), f"a message stored twice in conversation {conv}"
            client_ids -= set(ids)
        assert not client_ids, f"accepted but not stored: {client_ids}"
        assert session.scalars(select(ReplyClaim)).all() == []


def test_retries_spread_over_two_workers_store_each_message_once_with_one_reply(cluster):
    workers, sessions = cluster
    urls = [w.url for w in workers]
    users = ("a1", "a2", "a3", "b1", "b2")
    headers = {u: _login(urls[n % 2], u) for n, u in enumerate(users)}  # a token from one worker works on both
    sent: set[str] = set()
    replies: dict[str, set[int]] = {}
    lock = threading.Lock()
    convs = []

    def person(username: str) -> None:
        rng = random.Random(username)
        conv = httpx.post(f"{rng.choice(urls)}/api/conversations", headers=headers[username], json={},
                          timeout=30).json()["id"]
        convs.append(conv)
        for n in range(4):
            client_id = uuid.uuid4().hex
            content = f"{TOPIC}: bericht {n} van {username}, ik bleef stil in het overleg."
            # the same message at once to both workers (a double click), then a retry on a random one
            with ThreadPoolExecutor(2) as pool:
                got = list(pool.map(lambda url, c=content, i=client_id: _send(url, headers[username], conv, c, i),
                                    urls))
            got.append(_send(rng.choice(urls), headers[username], conv, content, client_id))
            with lock:
                sent.add(client_id)
                replies[client_id] = {m["id"] for m in got if m}

    with ThreadPoolExecutor(len(users)) as pool:
        list(pool.map(person, users))
    assert all(len(ids) == 1 for ids in replies.values()), "a retry was answered a second time"
    print(f"retries: {len(sent)} messages sent 3 times each over two workers, each stored once with one reply")
    _once_each(sessions, convs, set(sent))


def test_no_canary_leaks_through_either_worker_and_writes_are_seen_by_the_other(cluster):
    workers, _ = cluster
    one, two = (httpx.Client(base_url=w.url, timeout=30) for w in workers)
    w = Seeded(one, services=None)
    for username in CANARY_PEOPLE:
        w.headers[username] = _login(workers[0].url, username)
    for n, username in enumerate(CANARY_PEOPLE):
        writer = (one, two)[n % 2]
        writer.post("/api/situations", headers=w.headers[username], json={
            "title": "Nachtdienst", "description": f"{TOPIC}. {w.canary(username, 'situation')}"}).raise_for_status()
        writer.post("/api/portfolio", headers=w.headers[username], json={
            "kind": "learning_goal", "title": "Leerdoel", "body": f"{TOPIC}. {w.canary(username, 'entry')}"},
        ).raise_for_status()
        conv = writer.post("/api/conversations", headers=w.headers[username], json={}).json()["id"]
        writer.post(f"/api/conversations/{conv}/messages", headers=w.headers[username],
                    json={"content": f"{TOPIC}, en toen zei ik {w.canary(username, 'message')}."}).raise_for_status()
    leaks, own_found = [], 0
    for viewer in CANARY_PEOPLE:
        for client in (one, two):
            pages = [client.get(p, headers=w.headers[viewer]).text for p in
                     ("/api/situations", "/api/portfolio", "/api/conversations", "/api/search?q=nachtdienst&k=50",
                      "/api/search?q=overleg planning&k=50")]
            for conv in client.get("/api/conversations", headers=w.headers[viewer]).json():
                pages.append(client.get(f"/api/conversations/{conv['id']}", headers=w.headers[viewer]).text)
            for page in pages:
                leaks += w.leaks(viewer, page)
            found = client.get("/api/search?q=nachtdienst&k=50", headers=w.headers[viewer]).text
            own_found += sum(c.text in found for c in w.canaries if c.owner == viewer and c.kind == "situation")
    assert not leaks, leaks
    assert own_found == 2 * len(CANARY_PEOPLE)  # each person's situation found through BOTH workers

    # a unit's cached index on one worker notices a write made on the other (cache version per unit)
    a1 = w.headers["a1"]
    assert "grutto" not in two.get("/api/search?q=grutto", headers=a1).text
    one.post("/api/situations", headers=a1, json={"title": "Grutto", "description": "de grutto in de vroege dienst"}
             ).raise_for_status()
    assert "Grutto" in two.get("/api/search?q=grutto", headers=a1).text


def test_operations_endpoints_and_a_request_id_through_the_logs(cluster):
    workers, _ = cluster
    url = workers[1].url
    assert httpx.get(f"{url}/api/health/live").json()["status"] == "alive"
    ready = httpx.get(f"{url}/api/health/ready").json()
    assert ready == {"status": "ready", "checks": {"database": True, "migrations": True, "index": True},
                     "reasons": []}
    assert httpx.get(f"{url}/metrics").status_code == 401
    rid = "trace-" + uuid.uuid4().hex[:8]
    headers = {**_login(url, "a3"), "X-Request-ID": rid}
    conv = httpx.post(f"{url}/api/conversations", headers=headers, json={}, timeout=30)
    assert conv.headers["x-request-id"] == rid
    r = httpx.post(f"{url}/api/conversations/{conv.json()['id']}/messages", headers=headers, timeout=30,
                   json={"content": f"{TOPIC}, met een request id."})
    assert r.headers["x-request-id"] == rid
    text = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).text
    assert 'companion_retrieval_mode{mode="hybrid"} 1.0' in text
    assert "companion_turn_seconds_count" in text and "companion_queue_size" in text
    lines = [json.loads(line) for line in workers[1].log.read_text().splitlines() if line.startswith("{")]
    assert any(line["request_id"] == rid and "messages 200" in line["msg"] for line in lines)


def test_kill_minus_nine_of_one_worker_mid_turn_loses_nothing_and_the_other_serves_on(cluster):
    workers, sessions = cluster
    doomed, survivor = workers
    users = ("a1", "a2", "a3", "a4", "b1", "b2")
    headers = {u: _login(survivor.url, u) for u in users}
    convs = {u: httpx.post(f"{survivor.url}/api/conversations", headers=headers[u], json={}).json()["id"]
             for u in users}
    sent: dict[str, tuple[str, str]] = {}  # client id → (user, content)
    accepted: set[str] = set()  # the worker said it stored the message (its first event)
    started = threading.Event()
    lock = threading.Lock()

    def stream(username: str) -> None:
        client_id, content = uuid.uuid4().hex, f"{TOPIC}: bericht van {username} vlak voor de storing."
        with lock:
            sent[client_id] = (username, content)
        try:
            with httpx.stream("POST", f"{doomed.url}/api/conversations/{convs[username]}/messages", timeout=30,
                              headers={**headers[username], "Accept": "text/event-stream"},
                              json={"content": content, "client_id": client_id}) as r:
                for line in r.iter_lines():
                    if line == "event: meta":  # the message is committed before the first event
                        with lock:
                            accepted.add(client_id)
                        started.set()
        except httpx.HTTPError:
            pass
        finally:
            started.set()

    with ThreadPoolExecutor(len(users)) as pool:
        for username in users:  # six conversations, one turn each, at once
            pool.submit(stream, username)
        started.wait(30)
        doomed.kill()
    assert accepted, "no turn had started before the kill"
    with sessions() as session:  # what the dead worker accepted is stored
        stored = set(session.scalars(select(Message.client_id).where(Message.client_id.in_(sent))))
    assert accepted <= stored
    with sessions() as session:
        mid_turn = [m.id for m in session.scalars(select(Message).where(Message.client_id.in_(accepted)))
                    if session.scalar(select(func.count()).select_from(Message).where(
                        Message.conversation_id == m.conversation_id, Message.id > m.id)) == 0]
    print(f"kill -9: {len(sent)} turns sent, {len(accepted)} accepted, {len(mid_turn)} without a reply yet")
    # the other worker serves on: the clients retry what did not finish there, each gets exactly one reply
    for client_id, (username, content) in sent.items():
        assert _send(survivor.url, headers[username], convs[username], content, client_id) is not None
    fresh = _send(survivor.url, headers["a4"], convs["a4"], f"{TOPIC}: na de storing.", uuid.uuid4().hex)
    assert fresh is not None and fresh["role"] == "assistant"
    assert httpx.get(f"{survivor.url}/api/health/ready").status_code == 200
    _once_each(sessions, list(convs.values()), set(sent))
