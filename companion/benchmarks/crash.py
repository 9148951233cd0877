"""Kill tests: a worker process writes (chat turns, situations) or ingests documents and is SIGKILLed mid-way.

`python -m companion.benchmarks.crash <writes|ingest> <data_dir>` is the worker: it prints "ack <kind> <id>"
after each commit. `kill_once` runs it, kills it after a random delay and checks what is left: SQLite
integrity, no orphan rows, no half-stored document, every acknowledged write present, and the index
reconciled by `doctor --repair`.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from companion.core.config import Settings
from companion.registry import register_review_kinds


class HashingEmbeddings(Embeddings):
    """Cheap deterministic vectors (word hashes): the kill tests measure storage, not retrieval."""

    model_id = "crashhash"

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * 64
        for word in text.lower().split():
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0  # noqa: S324 - not security
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def _services(data_dir: str):
    from companion.services import build_services

    settings = Settings(data_dir=Path(data_dir), chat_messages_per_minute=0)  # a writer as fast as it can go
    return build_services(settings, embeddings=HashingEmbeddings(), model=None)


def _person(services):
    from sqlalchemy import select

    from companion.models import Person
    from companion.trust import people

    with services.sessions() as session:
        person = session.scalar(select(Person).where(Person.username == "crash"))
        if person is None:
            org = people.get_or_create_org(session, "Crashorg")
            person = people.create_person(session, org_id=org.id, username="crash", password="crash-test-pw",
                                          role="admin")
            session.commit()
        return people.principal_of(person)


def worker_writes(data_dir: str) -> None:
    from companion.reflection import chat_turn, conversations, portfolio

    services = _services(data_dir)
    me = _person(services)
    n = 0
    while True:
        with services.sessions() as session:
            conv = conversations.start(session, services.settings.prompts_dir, me, "nl")
            conv_id = conv.id
        for _ in range(3):
            n += 1
            client_id = uuid.uuid4().hex
            turn = chat_turn.prepare_turn(services, me, conv_id, f"Bericht {n}: de overdracht liep weer uit", client_id)
            print(f"ack message {turn.user_message_id} {client_id}", flush=True)
            turn.run()
        with services.sessions() as session:
            s = portfolio.create_situation(session, services.index, me, {
                "title": f"Situatie {n}", "description": f"Bij de overdracht {n} viel informatie weg."})
            print(f"ack situation {s.id}", flush=True)


def worker_ingest(data_dir: str) -> None:
    from companion.knowledge import documents

    services = _services(data_dir)
    me = _person(services)
    n = 0
    while True:
        n += 1
        sections = "\n\n".join(f"## Deel {k}\n\n" + " ".join(f"woord{n}x{k}x{w}" for w in range(120))
                               for k in range(8))
        with services.sessions() as session:
            doc, _status = documents.ingest_text(session, services.index, me.org_id, f"doc-{n}.md",
                                                 f"# Document {n}\n\n{sections}\n")
            print(f"ack document {doc.id} {len(doc.chunks)}", flush=True)


def check_after_kill(data_dir: Path, acks: list[list[str]]) -> dict[str, Any]:
    """What a kill left: integrity, orphans, acknowledged writes present, index reconcilable."""
    import sqlite3

    from companion import doctor

    con = sqlite3.connect(str(data_dir / "companion.db"))
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = len(con.execute("PRAGMA foreign_key_check").fetchall())
        lost = 0
        for ack in acks:
            table = {"message": "messages", "situation": "work_situations", "document": "knowledge_documents"}[ack[1]]
            lost += con.execute(f"SELECT count(*) FROM {table} WHERE id = ?", (int(ack[2]),)).fetchone()[0] != 1  # noqa: S608
        half = con.execute("SELECT count(*) FROM knowledge_documents d WHERE d.active AND NOT EXISTS "
                           "(SELECT 1 FROM knowledge_chunks c WHERE c.document_id = d.id)").fetchone()[0]
        bad_chunks = con.execute(
            "SELECT count(*) FROM knowledge_documents d JOIN knowledge_versions v ON v.document_id = d.id "
            "AND v.version = d.version WHERE v.chunk_count != (SELECT count(*) FROM knowledge_chunks c "
            "WHERE c.document_id = d.id)").fetchone()[0] if _has_table(con, "knowledge_versions") else 0
    finally:
        con.close()
    services = _services(str(data_dir))
    settings = services.settings
    before = doctor.run(settings, services=services)
    after = doctor.run(settings, repair=True, services=services)
    services.engine.dispose()
    return {"integrity_ok": integrity, "orphan_rows": orphans, "acked": len(acks), "acked_lost": lost,
            "half_stored_documents": half + bad_chunks, "index_ok_before_repair": before.ok,
            "repaired": after.repaired, "ok_after_repair": after.ok}


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def kill_once(data_dir: Path, mode: str, min_s: float = 0.3, max_s: float = 2.0, warmup: int = 1) -> dict[str, Any]:
    """Run a worker, SIGKILL it after `warmup` acks plus a random delay, and check the store."""
    proc = subprocess.Popen([sys.executable, "-m", "companion.benchmarks.crash", mode, str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, HF_HUB_OFFLINE="1"))
    acks: list[list[str]] = []
    try:
        while len(acks) < warmup:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"worker stopped: {proc.stderr.read()[-2000:]}")
            acks.append(line.split())
        time.sleep(random.uniform(min_s, max_s))
    finally:
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
    acks += [line.split() for line in out.splitlines() if line.startswith("ack ")]
    return {"mode": mode, **check_after_kill(data_dir, acks)}


if __name__ == "__main__":
    register_review_kinds()
    {"writes": worker_writes, "ingest": worker_ingest}[sys.argv[1]](sys.argv[2])
