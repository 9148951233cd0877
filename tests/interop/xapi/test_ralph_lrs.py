"""End to end against a real LRS: ralph (ralph-malph from PyPI) with its file-system backend and basic auth.

ralph pins an older FastAPI, so it lives in its own virtualenv (COMPANION_RALPH_VENV, default /tmp/ralph-venv;
.ci/run creates it). Without it the test is skipped, unless COMPANION_REQUIRE_LRS=1 (CI) makes that a failure.
ralph's file backend takes one write per fresh directory, so the whole test is one batch POST into a new
folder, then reading the statements back over ralph's own GET.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from companion.core import events
from companion.interop import xapi
from tests.support.servers import free_port
from tests.support.xapi_world import BASE_URL, build_world, configure, opt_in, outbox, principal

VENV = Path(os.environ.get("COMPANION_RALPH_VENV", "/tmp/ralph-venv"))
RALPH = VENV / "bin" / "ralph"
KEY, SECRET = "companion", "lrs-secret-for-tests"


def _need_ralph() -> None:
    if RALPH.exists():
        return
    if os.environ.get("COMPANION_REQUIRE_LRS"):
        pytest.fail(f"a real LRS is required here but {RALPH} is missing (see .ci/run)")
    pytest.skip(f"ralph is not installed in {VENV} (python3 -m venv {VENV} && "
                f"{VENV}/bin/pip install 'ralph-malph[cli,lrs]' requests)")


@pytest.fixture
def ralph(tmp_path):
    """ralph on a free loopback port, with a fresh statements folder and one user (basic auth)."""
    _need_ralph()
    env = {**os.environ, "RALPH_AUTH_FILE": str(tmp_path / "auth.json"), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(tmp_path / "lrs")}
    subprocess.run([str(RALPH), "auth", "-u", KEY, "-p", SECRET, "-s", "all", "-M", "mailto:lrs@zorg-x.example",
                    "-w"], env=env, check=True, capture_output=True, timeout=60)
    port = free_port()
    log = (tmp_path / "ralph.log").open("w")
    proc = subprocess.Popen([str(RALPH), "runserver", "-b", "fs", "--fs-default-directory-path", str(tmp_path / "lrs"),
                             "-h", "127.0.0.1", "-p", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 40  # a subprocess has no event to wait on: poll its heartbeat
        while True:
            try:
                if httpx.get(f"{url}/__heartbeat__", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("ralph did not start:\n" + (tmp_path / "ralph.log").read_text())
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_statements_reach_a_real_lrs_once_and_pseudonymous(ralph, tmp_path):
    services = build_world(tmp_path / "companion", timeout=15)
    configure(services, f"{ralph}/xAPI", key=KEY, secret=SECRET)
    opt_in(services, "anne")
    opt_in(services, "bram", named=True)
    anne, bram = principal(services, "anne"), principal(services, "bram")
    with services.transaction() as session:
        events.emit(session, events.SITUATION_CAPTURED, person_id=anne.person_id, subject="situation:1",
                    context="conversation:1")
        events.emit(session, events.PHASE_COMPLETED, person_id=anne.person_id, subject="conversation:1",
                    context="conversation:1", cycle="alact", phase="action", round=1)
        events.emit(session, events.CYCLE_COMPLETED, person_id=anne.person_id, subject="conversation:1",
                    context="conversation:1", cycle="alact", round=1)
        for kind in (events.PRODUCT_DRAFTED, events.PRODUCT_SUBMITTED, events.PRODUCT_APPROVED):
            events.emit(session, kind, person_id=anne.person_id, subject="suggestion:4", context="conversation:1",
                        kind="action_plan")
        events.emit(session, events.WEEK_REFLECTED, person_id=bram.person_id, subject="week:2026-W48",
                    week="2026-W48")
        events.record_team_contribution(session, person_id=bram.person_id, team_session_id=2, contribution_id=9,
                                        phase="advice_round")

    report = xapi.send_due(services)
    assert (report.sent, report.dead, report.retrying, report.requests) == (8, 0, 0, 1)  # one batch, one write

    got = httpx.get(f"{ralph}/xAPI/statements", auth=(KEY, SECRET), params={"limit": 100},
                    headers={"X-Experience-API-Version": "1.0.3"}, timeout=15)
    assert got.status_code == 200, got.text
    stored = {s["id"]: s for s in got.json()["statements"]}
    rows = outbox(services)
    assert set(stored) == {r.statement_id for r in rows}
    assert {r.event for r in rows} == set(events.KINDS)  # every verb and activity type, accepted by a real LRS
    for row in rows:
        assert stored[row.statement_id]["verb"]["id"] == row.statement["verb"]["id"]
        assert stored[row.statement_id]["object"]["id"] == row.statement["object"]["id"]
    anne_actors = [stored[r.statement_id]["actor"] for r in rows if r.person_id == anne.person_id]
    assert all(a.get("account", {}).get("homePage") == BASE_URL and "name" not in a for a in anne_actors)
    assert {a["account"]["name"] for a in anne_actors} == {xapi.preferences.person_view(
        services.sessions(), anne)["pseudonym"]}
    assert "anne" not in got.text.lower()
    bram_actors = [stored[r.statement_id]["actor"] for r in rows if r.person_id == bram.person_id]
    assert all(a.get("name") == "Bram" for a in bram_actors)  # bram chose to be named

    # the answer got lost, say, and everything goes again: ralph drops equal duplicates, nothing is stored twice
    with services.transaction() as session:
        for row in rows:
            again = session.get(type(row), row.id)
            again.status, again.next_attempt_at = "pending", services.clock.now()
    assert xapi.send_due(services).sent == 8
    again = httpx.get(f"{ralph}/xAPI/statements", auth=(KEY, SECRET), params={"limit": 100},
                      headers={"X-Experience-API-Version": "1.0.3"}, timeout=15).json()["statements"]
    assert sorted(s["id"] for s in again) == sorted(stored)
    services.engine.dispose()
