"""`companion bench turns`: chat turns over HTTP against a zero-latency model, next to their raw parts.

A stub OpenAI-compatible model (stub_model.py) answers every request at once with 64 chunks, so what is
measured is the companion: turns/s and end-to-end p50/p95 at 1, 4 and 16 concurrent clients (each its own
person and conversation, streaming every reply), and the companion's own time before the model is called
(the `prepare` and `embed` parts of the Server-Timing header), also at the start and the end of a long
conversation. In the same run the raw parts are measured on their own: a query embedding, a Chroma query,
one SQL insert and commit, tiktoken on a prompt, and the raw `openai` SDK streaming from the same stub at
the same concurrencies (the peer of turns/s).

By default the bench starts everything itself (embedded SQLite + Chroma, one API process). `--api-url`
points it at a running deployment instead (PostgreSQL, a Chroma server, several workers), whose
OPENAI_BASE_URL must point at a stub: start one with `python -m companion.benchmarks.stub_model --port N`
and pass `--stub-url`.
"""

from __future__ import annotations

import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click
import httpx

from companion.benchmarks.measure import free_port, pcts, run_together, wait_healthy
from companion.benchmarks.stub_model import StubModel
from companion.benchmarks.turns_raw import message, raw_chroma, raw_embedding, raw_sdk, raw_sql, raw_tiktoken

LEVELS = (1, 4, 16)
def parse_timing(header: str) -> dict[str, float]:
    """{"prepare": ms, "embed": ms} from a Server-Timing header."""
    out = {}
    for part in header.split(","):
        name, _, rest = part.strip().partition(";dur=")
        if name and rest:
            out[name] = float(rest)
    return out


class ChatClient:
    """One person in one conversation, sending `turns` messages one after the other, each reply streamed."""

    def __init__(self, base_url: str, username: str, password: str, turns: int, seed: int):
        self.http = httpx.Client(base_url=base_url, timeout=120)
        self.username, self.password, self.turns = username, password, turns
        self.rng, self.seed = random.Random(seed), seed
        self.results: list[dict[str, Any]] = []
        self.errors: list[str] = []

    def login(self) -> None:
        r = self.http.post("/api/auth/token", data={"username": self.username, "password": self.password})
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        self.conversation = self.http.post("/api/conversations", json={}).raise_for_status().json()["id"]

    def run(self) -> None:
        for n in range(self.turns):
            body = {"content": message(self.rng, self.seed * 1000 + n)}  # unique across clients and runs
            started = time.perf_counter()
            try:
                with self.http.stream("POST", f"/api/conversations/{self.conversation}/messages", json=body,
                                      headers={"Accept": "text/event-stream"}) as r:
                    text = "".join(r.iter_text())
                took = (time.perf_counter() - started) * 1000
                if r.status_code != 200 or "event: done" not in text:
                    self.errors.append(f"{r.status_code}: {text[-200:]}")
                    continue
                timing = parse_timing(r.headers.get("server-timing", ""))
                self.results.append({"position": n + 1, "e2e_ms": took, **timing,
                                     "model": "event: notice" not in text})
            except httpx.HTTPError as exc:
                self.errors.append(repr(exc))


def drive(base_url: str, credentials: list[tuple[str, str]], clients: int, turns: int, seed: int) -> dict:
    """`clients` people at once, `turns` each; turns/s, end-to-end and own-time percentiles."""
    chatters = [ChatClient(base_url, u, p, turns, seed + n) for n, (u, p) in enumerate(credentials[:clients])]
    for c in chatters:
        c.login()
    elapsed = run_together(c.run for c in chatters)
    rows = [r for c in chatters for r in c.results]
    return {"clients": clients, "turns": len(rows), "seconds": round(elapsed, 2),
            "turns_per_s": round(len(rows) / elapsed, 2), "e2e": pcts([r["e2e_ms"] for r in rows]),
            "own_before_model": pcts([r["prepare"] for r in rows if "prepare" in r]),
            "embed": pcts([r["embed"] for r in rows if "embed" in r]),
            "answered_by_model": sum(r["model"] for r in rows),
            "errors": sum(len(c.errors) for c in chatters), "first_errors": [e for c in chatters for e in c.errors][:3],
            "_rows": rows}


def long_conversation(rows: list[dict], first: int = 5, last: int = 5) -> dict:
    """Own time in a conversation's first turns against its last ones (turn 1 vs turn 50)."""
    turns = max((r["position"] for r in rows), default=0)
    early = [r["prepare"] for r in rows if r["position"] <= first and "prepare" in r]
    late = [r["prepare"] for r in rows if r["position"] > turns - last and "prepare" in r]
    out = {"turns": turns, f"turns_1_{first}": pcts(early), f"turns_{turns - last + 1}_{turns}": pcts(late)}
    if early and late:
        out["late_vs_early_p50"] = round(statistics.median(late) / statistics.median(early), 2)
    early_e2e = [r["e2e_ms"] for r in rows if r["position"] <= first]
    late_e2e = [r["e2e_ms"] for r in rows if r["position"] > turns - last]
    out["e2e"] = {f"turns_1_{first}": pcts(early_e2e), f"turns_{turns - last + 1}_{turns}": pcts(late_e2e)}
    if early_e2e and late_e2e:
        out["e2e"]["late_vs_early_p50"] = round(statistics.median(late_e2e) / statistics.median(early_e2e), 2)
    return out


# --- running it --------------------------------------------------------------------------------------------


def start_api(data_dir: Path, stub_url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, COMPANION_DATA_DIR=str(data_dir), COMPANION_CHAT_MESSAGES_PER_MINUTE="0",
               COMPANION_DAILY_TOKEN_BUDGET="0", COMPANION_LOGIN_MAX_FAILURES_PER_IP="0", COMPANION_DEMO="false",
               HF_HUB_OFFLINE="1", OPENAI_BASE_URL=stub_url, OPENAI_API_KEY="stub", COMPANION_CHAT_MODEL="stub")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "companion.api.main:app_from_env", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    log = (data_dir.parent / "api.log").open("ab")  # the API's own log lines stay out of the report
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT), f"http://127.0.0.1:{port}"


def run(api_url: str | None, stub_url: str | None, users: list[tuple[str, str]], levels: tuple[int, ...],
        turns: int, long_turns: int, samples: int, database_url: str | None, workers: int) -> dict:
    for name in ("httpx", "httpx2", "openai"):  # one line per request would drown the report
        logging.getLogger(name).setLevel(logging.WARNING)
    stub = None
    if stub_url is None:
        stub = StubModel().start()
        stub_url = stub.url
    server = None
    report: dict[str, Any] = {"setup": {"cpus": os.cpu_count(), "stub_chunks": 64, "levels": list(levels),
                                        "turns_per_client": turns, "long_conversation_turns": long_turns}}
    try:
        if api_url is None:
            from companion.benchmarks.concurrency import seed_people

            work = Path(tempfile.mkdtemp(prefix="companion-bench-turns-"))
            users = seed_people(work / "data", max(levels) + 1)
            server, api_url = start_api(work / "data", stub_url, workers)
            stores = ("PostgreSQL + Chroma server" if os.environ.get("COMPANION_CHROMA_URL")
                      else "embedded SQLite + Chroma")
            report["setup"]["deployment"] = f"{stores}, {workers} API process(es), started by the bench"
        else:
            report["setup"]["deployment"] = f"given: {api_url}"
        wait_healthy(api_url)
        click.echo(f"API {api_url}, stub model {stub_url}")
        if len(users) < max(levels) + 1:
            raise click.ClickException(f"need {max(levels) + 1} users (--users), got {len(users)}")
        drive(api_url, users[-1:], 1, 3, seed=9999)  # warm-up: models loaded, connections open
        report["companion"] = {}
        for level in levels:
            result = drive(api_url, users[:level], level, turns, seed=100 * level)
            result.pop("_rows")
            report["companion"][str(level)] = result
            click.echo(f"{level:>3} clients: {result['turns_per_s']} turns/s, e2e p50/p95 "
                       f"{result['e2e']['p50_ms']}/{result['e2e']['p95_ms']} ms, own time before the model "
                       f"p50/p95 {result['own_before_model']['p50_ms']}/{result['own_before_model']['p95_ms']} ms"
                       f"{'' if not result['errors'] else ', errors ' + str(result['errors'])}")
        long = drive(api_url, users[-1:], 1, long_turns, seed=9000)
        report["long_conversation"] = long_conversation(long.pop("_rows"))
        click.echo(f"long conversation: {json.dumps(report['long_conversation'])}")
        raw: dict[str, Any] = {"query_embedding": raw_embedding(samples), "chroma_query": raw_chroma(samples),
                               "sql_insert_commit": raw_sql(samples, database_url),
                               "tiktoken_prompt": raw_tiktoken(samples)}
        raw["sum_p50_ms"] = round(sum(raw[k].get("p50_ms", 0.0) for k in ("query_embedding", "chroma_query",
                                                                 "sql_insert_commit", "tiktoken_prompt")), 2)
        raw["openai_sdk"] = {str(level): raw_sdk(stub_url, level, max(2, turns)) for level in levels}
        report["raw_parts"] = raw
        report["ratios"] = ratios(report)
        click.echo(f"raw parts: {json.dumps({k: v for k, v in raw.items() if k != 'openai_sdk'})}")
        click.echo(f"raw SDK: {json.dumps({k: v['completions_per_s'] for k, v in raw['openai_sdk'].items()})} "
                   f"completions/s; ratios {json.dumps(report['ratios'])}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return report


def ratios(report: dict) -> dict:
    out = {}
    raw = report["raw_parts"]
    for level, result in report["companion"].items():
        sdk = raw["openai_sdk"].get(level, {}).get("completions_per_s")
        if sdk:
            out[f"turns_per_s_vs_sdk_at_{level}"] = round(result["turns_per_s"] / sdk, 2)
    one = report["companion"].get("1", {}).get("own_before_model", {}).get("p50_ms")
    if one and raw.get("sum_p50_ms"):
        out["own_time_vs_raw_parts_p50_at_1"] = round(one / raw["sum_p50_ms"], 2)
    if "late_vs_early_p50" in report.get("long_conversation", {}):
        out["own_time_late_vs_early_p50"] = report["long_conversation"]["late_vs_early_p50"]
    return out


@click.command("turns")
@click.option("--api-url", default=None, help="A running deployment to measure (its model must be a stub).")
@click.option("--stub-url", default=None, help="The stub model's base URL (…/v1) the deployment uses.")
@click.option("--users", default="", help="With --api-url: user:password,… (one more than the most clients).")
@click.option("--levels", default="1,4,16", show_default=True, help="Concurrent clients, comma-separated.")
@click.option("--turns", default=12, show_default=True, help="Turns per client at each level.")
@click.option("--long-turns", default=50, show_default=True, help="Turns of the long conversation.")
@click.option("--samples", default=60, show_default=True, help="Samples of each raw part.")
@click.option("--workers", default=1, show_default=True, help="API processes the bench starts itself.")
@click.option("--database-url", default=None, help="Measure the raw SQL insert on this database instead.")
@click.option("--quick", is_flag=True, help="A tiny run (1 and 2 clients, 2 turns, 6 long) to check the bench works.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("bench-turns.json"),
              show_default=True)
def turns_command(api_url: str | None, stub_url: str | None, users: str, levels: str, turns: int, long_turns: int,
                  samples: int, workers: int, database_url: str | None, quick: bool, out: Path) -> None:
    """Chat turns/s and latency at 1/4/16 clients against a stub model, next to the raw parts; writes JSON."""
    if workers > 1 and api_url is None and not (os.environ.get("COMPANION_DATABASE_URL")
                                                and os.environ.get("COMPANION_CHROMA_URL")):
        # embedded Chroma is not process-safe: several workers need PostgreSQL and a Chroma server
        raise click.UsageError("--workers > 1 needs COMPANION_DATABASE_URL and COMPANION_CHROMA_URL")
    chosen = tuple(int(x) for x in levels.split(",") if x.strip())
    if quick:
        chosen, turns, long_turns, samples = (1, 2), 2, 6, 5
    credentials = [tuple(u.split(":", 1)) for u in users.split(",") if ":" in u]
    report = run(api_url, stub_url, credentials, chosen, turns, long_turns, samples, database_url, workers)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    click.echo(f"wrote {out}")
