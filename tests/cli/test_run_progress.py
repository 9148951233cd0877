"""`companion run` waits as long as the API is starting, shows what it does, and when the API stops says why.

The API is a stub process here that reports its start through the status file like the real one, and becomes
ready only when the test lets it: long after any fixed timeout would have given up.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import textwrap

import pytest
from click.testing import CliRunner

from companion import cli, launcher
from companion.launch_display import StartDisplay

STUB = textwrap.dedent('''
    import json, os, signal, sys, time
    path = os.environ["COMPANION_STARTUP_STATUS"]

    def say(**state):
        with open(path + ".tmp", "w") as f:
            json.dump({"pid": os.getpid(), "step": "", "done": 0, "total": 0, **state}, f)
        os.replace(path + ".tmp", path)

    mode = sys.argv[1]
    print("INFO:     Started server process", flush=True)
    say(phase="migrating")
    for n in range(13):
        say(phase="seeding", step="knowledge", done=n, total=12)
    if mode == "slow":
        go = sys.argv[2]
        for n in range(0, 788, 50):
            say(phase="indexing", step="year", done=n, total=787)
        for _ in range(2400):  # bounded: a test that never lets it finish fails instead of hanging
            if os.path.exists(go):
                break
            time.sleep(0.05)
        say(phase="ready")
        time.sleep(120)
    elif mode == "fail":
        say(phase="failed", during="seeding", step="knowledge", done=3, total=12, error="RuntimeError: disk full")
        print("Traceback (most recent call last):", flush=True)
        print("RuntimeError: disk full", flush=True)
        sys.exit(3)
    elif mode == "killed":
        say(phase="seeding", step="year", done=10, total=31)
        os.kill(os.getpid(), signal.SIGKILL)
''')


@pytest.fixture
def stub(tmp_path):
    path = tmp_path / "api_stub.py"
    path.write_text(STUB, encoding="utf-8")
    return path


@pytest.fixture
def status(tmp_path):
    return tmp_path / "status.json"


def _child(stub, status, *args, name="API"):
    env = dict(os.environ, COMPANION_STARTUP_STATUS=str(status))
    return launcher.Child(name, [sys.executable, str(stub), *args], env)


class _Display(StartDisplay):
    """Not a terminal, every look at the clock is a minute later, and after `go_after` polls it lets the API
    finish starting (touching `go`)."""

    def __init__(self, go=None, go_after=0):
        minutes = itertools.count(0, 60)
        super().__init__(out=io.StringIO(), tty=False, clock=lambda: float(next(minutes)))
        self.go, self.go_after, self.polls = go, go_after, 0

    def show(self, state):
        self.polls += 1
        if self.go and self.polls == self.go_after:
            self.go.touch()
        super().show(state)


def test_run_keeps_waiting_while_the_api_starts_slowly(stub, status, tmp_path):
    go = tmp_path / "go"
    api = _child(stub, status, "slow", str(go))
    display = _Display(go, go_after=50)
    probes = []
    try:
        launcher.wait_until_ready(api, "http://127.0.0.1:1/api/health", status, display=display,
                                  probe=lambda url: probes.append(url) or True, poll=0.01)
    finally:
        api.stop()
        api.wait()
    shown = display.out.getvalue()
    assert display.polls > 50 and probes  # it waited for the API to say it was ready, then asked it
    assert re.search(r"indexeren: gesimuleerd jaar / indexing the simulated year: \d+/787", shown)
    assert shown.rstrip().endswith("klaar / ready")
    assert max(int(s) for s in re.findall(r"\[\s*(\d+) s\]", shown)) > 180  # longer than the old fixed wait
    assert "\r" not in shown  # not a terminal: whole lines only


def test_when_the_api_fails_run_says_why(stub, status):
    api = _child(stub, status, "fail")
    with pytest.raises(launcher.Stopped) as stopped:
        launcher.wait_until_ready(api, "http://127.0.0.1:1/api/health", status, display=_Display(),
                                  probe=lambda url: False, poll=0.01)
    why = str(stopped.value)
    assert "the API stopped" in why and "exit code 3" in why
    assert "fout / error: RuntimeError: disk full" in why
    assert "bij / during: demo: kennisdocumenten / knowledge documents" in why
    assert why.rstrip().endswith("RuntimeError: disk full")  # its last lines


def test_an_api_killed_while_seeding_is_reported_with_the_step_it_was_at(stub, status):
    api = _child(stub, status, "killed")
    with pytest.raises(launcher.Stopped) as stopped:
        launcher.wait_until_ready(api, "http://127.0.0.1:1/api/health", status, display=_Display(),
                                  probe=lambda url: False, poll=0.01)
    why = str(stopped.value)
    assert "SIGKILL" in why and "demo: gesimuleerd jaar" in why


def test_the_run_command_exits_with_the_reason(stub, monkeypatch):
    monkeypatch.setattr(launcher, "api_command", lambda host, port: [sys.executable, str(stub), "fail"])
    monkeypatch.setattr(launcher, "ui_command", lambda host, port: [sys.executable, "-c",
                                                                     "import time; time.sleep(120)"])
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)  # keep pytest's own handlers
    result = CliRunner().invoke(cli.main, ["run", "--no-demo", "--api-port", "1", "--ui-port", "2"])
    assert result.exit_code == 1
    assert "the API stopped, tijdens het starten / while starting (exit code 3)" in result.output
    assert "RuntimeError: disk full" in result.output


def test_a_terminal_sees_one_line_per_step_counting_up_in_place():
    out = io.StringIO()
    display = StartDisplay(out=out, tty=True, clock=lambda: 0.0)
    for done in range(0, 13, 4):
        display.show({"phase": "seeding", "step": "knowledge", "done": done, "total": 12})
    display.show({"phase": "indexing", "step": "index", "done": 5, "total": 10})
    display.ready()
    lines = out.getvalue().split("\n")
    assert lines[0].startswith("companion starten / starting companion")
    assert lines[1].count("\r") == 4 and lines[1].endswith("12/12")  # rewritten in place
    assert "[##########..........] 5/10" in lines[2] and "klaar / ready" in lines[3]


def test_a_log_gets_the_count_at_every_quarter_and_a_sign_of_life():
    out = io.StringIO()
    ticks = itertools.count(0, 10)
    display = StartDisplay(out=out, tty=False, clock=lambda: float(next(ticks)))
    for done in range(0, 101):
        display.show({"phase": "indexing", "step": "year", "done": done, "total": 100})
    for _ in range(10):
        display.show({"phase": "indexing", "step": "year", "done": 100, "total": 100})
    counts = re.findall(r"indexing the simulated year: (\d+)/100", out.getvalue())
    assert counts == ["0", "25", "50", "75"]
    assert "nog bezig / still working" in out.getvalue()


def test_a_narrow_terminal_gets_lines_that_fit_so_they_can_be_rewritten(monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((60, 24)))
    out = io.StringIO()
    display = StartDisplay(out=out, tty=True, clock=lambda: 0.0)
    display.show({"phase": "indexing", "step": "year", "done": 300, "total": 787})
    line = out.getvalue().split("\n")[1]
    assert line.startswith("\r") and len(line) <= 60 and line.endswith("300/787")
