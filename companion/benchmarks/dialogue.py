"""`companion bench dialogue`: scripted conversations through the HTTP API, judged turn by turn.

Every conversation gets a fresh person (Dutch profile, as a new user has) in one temporary data folder with the
real services: the offline guide, the e5 embeddings and the starter knowledge. Their earlier work situations
are seeded first, then each message is sent over the API and the reply and the conversation's phase are read.
The judging lives in dialogue_measures.py (the heuristics) and dialogue_report.py (the summary).
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

import click

from companion.benchmarks import dialogue_report as report
from companion.benchmarks.dialogue_set import DEFAULT_SET, Script, load

# A fixed "now" after every earlier situation in the public set: runs are comparable whatever the date.
BENCH_NOW = datetime(2025, 11, 17, 9, 30, tzinfo=UTC)
PASSWORD = "dialogue-bench-1"


def make_embeddings():
    """The offline e5 embeddings (the test swaps this for fast fake ones)."""
    from companion.retrieval.embeddings import E5Embeddings

    return E5Embeddings()


def _services(data_dir: Path, knowledge: bool):
    from companion.core.clock import FixedClock
    from companion.core.config import Settings
    from companion.services import build_services

    empty = data_dir.parent / "no-knowledge"
    empty.mkdir(parents=True, exist_ok=True)
    overrides = {} if knowledge else {"knowledge_dir": empty}
    settings = Settings(data_dir=data_dir, demo=False, chat_messages_per_minute=0,
                        **overrides)
    return build_services(settings, embeddings=make_embeddings(), model=None, clock=FixedClock(BENCH_NOW))


def _seed_person(services, org_id: int, script: Script, n: int) -> str:
    """A fresh professional with the script's earlier work situations, dated as written."""
    from companion.models import WorkSituation
    from companion.retrieval.index_sync import situation_item
    from companion.trust import people

    username = f"bench{n}"
    with services.sessions() as session:
        person = people.create_person(session, org_id=org_id, username=username, password=PASSWORD,
                                      role="professional", team="Team")
        session.flush()
        rows = []
        for earlier in script.history:
            when = datetime.combine(earlier.day, day_time(12, 0), tzinfo=UTC)
            rows.append(WorkSituation(owner_id=person.id, title=earlier.title, description=earlier.description,
                                      created_at=when, updated_at=when))
        session.add_all(rows)
        session.commit()
        if rows:
            services.index.upsert_personal(person.id, [situation_item(s) for s in rows])
    return username


def drive(client, username: str, script: Script) -> dict[str, Any]:
    """Log in, open a conversation and send the script's messages one by one; the raw transcript."""
    token = client.post("/api/auth/token", data={"username": username, "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    conv = client.post("/api/conversations", json={}, headers=headers).json()
    turns = []
    for turn in script.turns:
        r = client.post(f"/api/conversations/{conv['id']}/messages", json={"content": turn.text}, headers=headers)
        body = r.json() if r.status_code == 200 else {}
        message = body.get("message") or {}
        turns.append({"message": turn.text, "language": turn.language, "request": turn.request,
                      "dont_know": turn.dont_know, "jump": turn.jump, "status": r.status_code,
                      "reply": message.get("content", ""), "phase": body.get("phase"),
                      "sources": len(message.get("sources") or []), "mode": body.get("mode")})
    return {"id": script.id, "language": script.language, "sector": script.sector,
            "initial_phase": conv["phase"], "phase_order": [p["id"] for p in conv["phases"]],
            "history": [(h.title, h.similar) for h in script.history], "turns": turns}


def run(scripts: list[Script], knowledge: bool = True, progress=lambda text: None) -> dict[str, Any]:
    """Run every script through a fresh API over fresh services; the judged report."""
    from fastapi.testclient import TestClient

    from companion.api.main import create_app
    from companion.demo.organisation import seed_knowledge
    from companion.retrieval.embeddings import model_id
    from companion.trust import people

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="companion-dialogue-") as tmp:
        services = _services(Path(tmp) / "data", knowledge)
        try:
            with services.sessions() as session:
                org_id = people.get_or_create_org(session, "Dialoogbank").id
                session.commit()
            if knowledge:
                seed_knowledge(services, org_id)
            transcripts = []
            with TestClient(create_app(services)) as client:
                for n, script in enumerate(scripts):
                    username = _seed_person(services, org_id, script, n)
                    transcripts.append(report.judge(drive(client, username, script)))
                    progress(f"{n + 1}/{len(scripts)} {script.id}")
            embeddings = model_id(services.index.embeddings) if services.index.embeddings else "none"
        finally:
            services.engine.dispose()
    languages = sorted({t["language"] for t in transcripts})
    overall = report.summarize(transcripts)
    return {
        "engine": "offline guide", "embeddings": embeddings, "knowledge": knowledge,
        "seconds": round(time.perf_counter() - started, 1), "overall": overall,
        "languages": {lang: report.summarize([t for t in transcripts if t["language"] == lang])
                      for lang in languages},
        "targets_met": report.targets_met(overall), "conversations": transcripts,
    }


@click.command("dialogue")
@click.option("--set", "set_path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_SET,
              show_default="eval/dialogue", help="A folder of conversation files, or one file.")
@click.option("--only", multiple=True, help="Run only these conversation ids (repeatable).")
@click.option("--knowledge/--no-knowledge", default=True, show_default=True,
              help="Ingest the starter knowledge for the organisation first.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("bench-dialogue.json"),
              show_default=True, help="Write the JSON report (with every transcript) here.")
def dialogue_command(set_path: Path, only: tuple[str, ...], knowledge: bool, out: Path) -> None:
    """Scripted conversations through the API: questions, lectures, language, phases, requests, earlier work."""
    scripts = load(set_path)
    if only:
        unknown = sorted(set(only) - {s.id for s in scripts})
        if unknown:
            raise click.BadParameter(f"unknown conversation id(s): {', '.join(unknown)}", param_hint="--only")
        scripts = [s for s in scripts if s.id in only]
    result = run(scripts, knowledge, progress=lambda text: click.echo(text, err=True))
    result["set"] = str(set_path)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    click.echo(report.table(result))
    click.echo(f"\n{len(scripts)} conversations in {result['seconds']} s ({result['embeddings']}); wrote {out}")


if __name__ == "__main__":
    dialogue_command()
