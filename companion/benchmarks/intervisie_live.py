"""The live-room part of `companion bench intervisie`: M members in one incidentmethode session over real HTTP.

Every member polls `GET /api/team-sessions/{id}?after=<latest id>` every two seconds, as the session room does
(companion/ui/team_room.py), each starting at a random moment within the first interval like browsers opened
at different times; meanwhile the members other than the case owner post questions at random moments. For every
post: the time from its POST returning to its contribution showing up in the poll of every other member (the
slowest of them), and for every poll the API's time. The API runs as its own uvicorn process on a temporary data
folder, offline (no model) and without demo data, as `companion bench turns` starts it.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from companion.benchmarks.measure import free_port, pcts, wait_healthy

POLL_SECONDS = 2.0
QUESTIONS = ("Wat gebeurde er precies op dat moment?", "Hoe reageerde je collega?", "Was je boos?",
             "Wat maakte het voor jou lastig?", "Heb je al overwogen om het te melden?", "Wie waren er nog meer bij?",
             "Wat had je op dat moment nodig?", "Hoe kijk je er nu op terug?")


def seed_teams(data_dir: Path, sizes: list[int]) -> dict[int, list[tuple[str, str]]]:
    """One team per session size, `size` professionals each (usernames t<size>m<n>)."""
    from companion.benchmarks.crash import HashingEmbeddings
    from companion.core.config import Settings
    from companion.services import build_services
    from companion.trust import people

    services = build_services(Settings(data_dir=data_dir), embeddings=HashingEmbeddings(), model=None)
    teams: dict[int, list[tuple[str, str]]] = {}
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Live room bench")
        for size in sizes:
            teams[size] = []
            for n in range(size):
                people.create_person(session, org_id=org.id, username=f"t{size}m{n}", password=f"live-pass-{n}",
                                     role="professional", display_name=f"Lid {n + 1}", team=f"Team {size}")
                teams[size].append((f"t{size}m{n}", f"live-pass-{n}"))
        session.commit()
    services.engine.dispose()
    return teams


def start_api(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COMPANION_CHAT_MODEL"))}
    env.update(COMPANION_DATA_DIR=str(data_dir), COMPANION_LOGIN_MAX_FAILURES_PER_IP="0", COMPANION_DEMO="false",
               HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "companion.api.main:app_from_env", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning"]
    log = (data_dir.parent / "api.log").open("ab")
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT), f"http://127.0.0.1:{port}"


class Member:
    """One member's browser: a client of their own, polling the room and, now and then, posting a question."""

    def __init__(self, base_url: str, username: str, password: str):
        self.http = httpx.Client(base_url=base_url, timeout=30)
        r = self.http.post("/api/auth/token", data={"username": username, "password": password})
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        self.me_id: int | None = None
        self.seen_at: dict[int, float] = {}  # contribution id -> when this member's poll first showed it
        self.polls: list[float] = []
        self.errors: list[str] = []

    def call(self, method: str, url: str, **kwargs) -> Any:
        r = self.http.request(method, url, **kwargs)
        r.raise_for_status()
        return r.json() if r.content else None

    def poll(self, sid: int, until: float, rng: random.Random) -> None:
        latest = self.call("GET", f"/api/team-sessions/{sid}")["latest_id"]
        next_at = time.perf_counter() + rng.uniform(0, POLL_SECONDS)
        while next_at < until:
            time.sleep(max(0.0, next_at - time.perf_counter()))
            started = time.perf_counter()
            try:
                r = self.http.get(f"/api/team-sessions/{sid}", params={"after": latest})
                done = time.perf_counter()
                r.raise_for_status()
                view = r.json()
                self.polls.append((done - started) * 1000)
                for c in view["contributions"]:
                    self.seen_at.setdefault(c["id"], done)
                latest = view["latest_id"]
            except httpx.HTTPError as exc:
                self.errors.append(repr(exc))
            next_at += POLL_SECONDS  # a fixed rhythm, like the room's fragment timer


def _prepare(members: list[Member]) -> tuple[int, Member]:
    """Member 1 starts the session, member 2 brings the one case in, member 1 moves on to the question round."""
    lead, owner = members[0], members[1]
    team_id = lead.call("GET", "/api/teams/mine")[0]["id"]
    sid = lead.call("POST", f"/api/teams/{team_id}/sessions", json={"title": "Live room bench", "mode": "live"})["id"]
    owner.call("POST", f"/api/team-sessions/{sid}/cases",
               json={"title": "Overdracht", "text": "De overdracht loopt steeds uit en er wordt door elkaar gepraat."})
    for _ in range(2):  # cases -> choose -> questions (one case: no vote needed)
        lead.call("POST", f"/api/team-sessions/{sid}/advance", json={})
    return sid, owner


def room(base_url: str, credentials: list[tuple[str, str]], seconds: float, seed: int) -> dict[str, Any]:
    """One session with len(credentials) members polling and posting for `seconds`; latencies of both."""
    members = [Member(base_url, u, p) for u, p in credentials]
    sid, owner = _prepare(members)
    askers = [m for m in members if m is not owner]
    rng = random.Random(seed)
    posts: list[tuple[int, Member, float]] = []  # (contribution id, author, when the POST returned)
    started = time.perf_counter()
    until = started + seconds
    pollers = [threading.Thread(target=m.poll, args=(sid, until, random.Random(seed + n)))
               for n, m in enumerate(members)]
    for t in pollers:
        t.start()
    time.sleep(POLL_SECONDS)  # everyone has the room open before the first question
    post_errors = []
    while time.perf_counter() < until - 2 * POLL_SECONDS - 1:  # the last post still gets two polls everywhere
        asker = rng.choice(askers)
        try:
            out = asker.call("POST", f"/api/team-sessions/{sid}/contributions",
                             json={"kind": "question", "text": f"{rng.choice(QUESTIONS)} ({len(posts) + 1})"})
            posts.append((out["contribution"]["id"], asker, time.perf_counter()))
        except httpx.HTTPError as exc:
            post_errors.append(repr(exc))
        time.sleep(rng.uniform(0.3, 1.7))
    for t in pollers:
        t.join()
    visible, each, missed = [], [], 0
    for cid, author, returned in posts:
        seen = [m.seen_at.get(cid) for m in members if m is not author]
        if any(s is None for s in seen):
            missed += 1
            continue
        # a poll racing the POST's reply (the row is committed before the reply is sent) counts as 0
        each += [max(0.0, s - returned) * 1000 for s in seen]
        visible.append(max(0.0, max(seen) - returned) * 1000)
    polls = [p for m in members for p in m.polls]
    for m in members:
        m.http.close()
    return {"members": len(members), "posts": len(posts), "visible": pcts(visible), "visible_each": pcts(each),
            "not_seen_by_all": missed,
            "poll": pcts(polls), "polls_per_s": round(len(polls) / seconds, 2),
            "errors": len(post_errors) + sum(len(m.errors) for m in members),
            "first_errors": (post_errors + [e for m in members for e in m.errors])[:3]}


def live(sizes: list[int], seconds: float) -> dict[str, Any]:
    """The API started on a fresh data folder; one room per size, one after the other."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="companion-bench-intervisie-"))
    teams = seed_teams(work / "data", sizes)
    server, base = start_api(work / "data")
    try:
        wait_healthy(base)
        report: dict[str, Any] = {"setup": {"poll_seconds": POLL_SECONDS, "seconds_per_room": seconds,
                                            "cpus": os.cpu_count(), "deployment": "embedded SQLite + Chroma, "
                                            "1 API process (uvicorn), offline facilitator"}, "levels": {}}
        for size in sizes:
            report["levels"][str(size)] = room(base, teams[size], seconds, seed=size)
        return report
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
