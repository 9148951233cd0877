"""What `companion run` prints while the API starts: a line per step, Dutch / English like the rest of `run`.

On a terminal the step's line counts up in place with a bar; elsewhere (a CI log, a pipe) each step is one line,
its count is printed at every quarter, and a quiet step says every half minute that the start goes on.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

LABELS = {
    ("loading", ""): "API laden / loading the API",
    ("starting", ""): "API starten / starting the API",
    ("migrating", ""): "database bijwerken, modellen laden / migrating, loading models",
    ("seeding", "organisation"): "demo: mensen en situaties / people and situations",
    ("seeding", "knowledge"): "demo: kennisdocumenten / knowledge documents",
    ("seeding", "reviews"): "demo: voorstel ter beoordeling / a draft to review",
    ("seeding", "year"): "demo: gesimuleerd jaar, per persoon / simulated year, per person",
    ("seeding", "teams"): "demo: intervisie van het team / the team's peer consultation",
    ("indexing", "year"): "indexeren: gesimuleerd jaar / indexing the simulated year",
    ("indexing", "index"): "index aanvullen / completing the index",
    ("ready", ""): "klaar / ready",
}
HEARTBEAT = 30.0  # seconds without news before a log that is not a terminal hears the start goes on
BAR = 20


def label(state: dict[str, Any]) -> str:
    key = (state.get("phase", ""), state.get("step", ""))
    return LABELS.get(key) or LABELS.get((key[0], "")) or " ".join(k for k in key if k)


class StartDisplay:
    """Shows the API's start status as `wait_until_ready` reads it, poll by poll."""

    def __init__(self, out: TextIO | None = None, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.out = out or sys.stdout
        self.tty = self.out.isatty() if tty is None else tty
        self.clock = clock
        self.started = self.said = clock()
        self.key: tuple[str, str] | None = None
        self.quarter = 0
        self.width = 0  # of the line a terminal shows in place; 0 when no line is open
        self.last = ""

    def show(self, state: dict[str, Any] | None) -> None:
        state = state or {"phase": "loading"}  # before the API wrote anything: Python is still importing it
        if state.get("phase") == "ready":
            return  # said by ready(), once the API also answers
        key = (state.get("phase", ""), state.get("step", ""))
        done, total = int(state.get("done", 0)), int(state.get("total", 0))
        now = self.clock()
        if self.key is None:
            self._print("companion starten / starting companion (Ctrl+C stopt / stops)")
        if key != self.key:
            self._close()
            self.key, self.quarter = key, 0
            self._step(now, label(state), done, total)
        elif self.tty:
            self._step(now, label(state), done, total)
        elif total and 0 < done < total and done * 4 // total > self.quarter:
            self.quarter = done * 4 // total
            self._step(now, label(state), done, total)
        elif now - self.said >= HEARTBEAT:
            self._print(f"{self._stamp(now)} … nog bezig / still working")

    def ready(self) -> None:
        self._close()
        self._print(f"{self._stamp(self.clock())} {LABELS[('ready', '')]}")

    def interrupted(self) -> None:
        self._close()

    def _step(self, now: float, text: str, done: int, total: int) -> None:
        count = ""
        if total and self.tty:
            filled = BAR * min(done, total) // total
            count = f"  [{'#' * filled}{'.' * (BAR - filled)}] {done}/{total}"
        elif total:
            count = f": {done}/{total}"
        line = f"{self._stamp(now)} {text}{count}"
        if self.tty:
            room = shutil.get_terminal_size((100, 24)).columns - 1  # a wrapped line cannot be rewritten in place
            if len(line) > room:
                line = f"{self._stamp(now)} {text[: max(10, room - len(line) + len(text) - 1)]}…{count}"
            if line != self.last:  # the seconds tick, so a quiet step still shows it is alive
                self.out.write("\r" + line.ljust(self.width))
                self.out.flush()
                self.width, self.last = len(line), line
        else:
            self._print(line)

    def _stamp(self, now: float) -> str:
        return f"  [{now - self.started:4.0f} s]"

    def _close(self) -> None:
        if self.width:
            self.out.write("\n")
            self.width, self.last = 0, ""

    def _print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()
        self.said = self.clock()
