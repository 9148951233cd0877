"""`companion run`'s children: the API and the UI started, the API's start shown until it is ready (however long
that takes), and, when a child stops, why: its exit code, its error and the last lines it printed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.core import startup
from companion.core.config import PROJECT_ROOT
from companion.launch_display import StartDisplay, label

TAIL = 15  # lines of a stopped child's output shown with the reason
WARNING = ("WARNING", "ERROR", "CRITICAL", "Traceback")


def api_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "--factory", "companion.api.main:app_from_env", "--host", host,
            "--port", str(port)]


def ui_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), "--server.address", host,
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "minimal"]


def status_file() -> Path:
    """A fresh file the API writes its start's progress to (COMPANION_STARTUP_STATUS)."""
    fd, name = tempfile.mkstemp(prefix="companion-start-", suffix=".json")
    os.close(fd)
    return Path(name)


class Child:
    """A child process whose output is kept (the last lines) and held back while the start is shown: only its
    warnings and errors are passed on then, the rest once it is live."""

    def __init__(self, name: str, args: Sequence[str], env: dict[str, str]):
        self.name = name
        self.proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     encoding="utf-8", errors="replace", bufsize=1)
        self.tail: deque[str] = deque(maxlen=TAIL)
        self.held: deque[str] = deque(maxlen=50)
        self.live = False
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._pump, name=f"{name}-output", daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            with self._lock:
                self.tail.append(line)
                if self.live:
                    _echo_err(line)
                elif line.lstrip().startswith(WARNING):
                    self.held.append(line)

    def go_live(self) -> None:
        """Pass its output on from now on, after the warnings it printed while starting."""
        with self._lock:
            for line in self.held:
                _echo_err(line)
            self.held.clear()
            self.live = True

    def exited(self) -> int | None:
        return self.proc.poll()

    def last_lines(self) -> list[str]:
        self._reader.join(timeout=5)  # a stopped child's last lines may still be on their way
        with self._lock:
            return list(self.tail)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, grace: float = 15) -> None:
        """Wait `grace` seconds for it to stop, then kill it."""
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _echo_err(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


class Stopped(Exception):  # noqa: N818 - a child that stopped, not an error of ours
    """A child stopped; the message says which, how, during what, and its last lines."""

    def __init__(self, child: Child, state: dict | None, starting: bool):
        self.child = child
        super().__init__(why_stopped(child, state, starting))


def why_stopped(child: Child, state: dict | None, starting: bool) -> str:
    """Which child stopped, how (exit code or signal), at what point of the start, its error and last lines."""
    when = "tijdens het starten / while starting" if starting else "onverwacht / unexpectedly"
    lines = [f"de {child.name} is gestopt / the {child.name} stopped, {when} ({_how(child.exited())})"]
    if state and state.get("phase") == "failed":
        lines.append(f"  bij / during: {label({'phase': state.get('during', ''), 'step': state.get('step', '')})}")
        lines.append(f"  fout / error: {state.get('error', '')}")
    elif state and state.get("phase") != "ready":
        lines.append(f"  bij / during: {label(state)}")
    tail = child.last_lines()
    if tail:
        lines.append("  laatste regels / last lines:")
        lines += [f"    {line}" for line in tail]
    return "\n".join(lines)


def _how(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"signaal / signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signaal / signal {-code}"
    return f"exit code {code}"


def healthy(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until_ready(api: Child, health_url: str, status: Path, others: Sequence[Child] = (),
                     display: StartDisplay | None = None, probe: Callable[[str], bool] = healthy,
                     poll: float = 0.25) -> None:
    """Wait as long as the API lives, showing what it does; raise Stopped when it (or another child) exits.

    Ready means the API said so in its status file and answers its health check: another server answering on
    the same port does not make ours ready.
    """
    display = display or StartDisplay()
    state = None
    while True:
        state = startup.read(status) or state
        for child in (api, *others):
            if child.exited() is not None:
                display.interrupted()
                raise Stopped(child, state if child is api else None, starting=True)
        display.show(state)
        if state is not None and state["phase"] == "ready" and probe(health_url):
            display.ready()
            return
        time.sleep(poll)


def wait_while_running(children: Sequence[Child], poll: float = 0.5) -> Child:
    """Block until one of the children exits; returns it."""
    while True:
        for child in children:
            if child.exited() is not None:
                return child
        time.sleep(poll)
