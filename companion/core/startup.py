"""What a starting API is doing (migrating, seeding the demo, indexing N of M, ready), for `companion run` to show.

The API cannot answer HTTP before its startup has finished, so it reports through a small JSON file whose path
`companion run` hands over in COMPANION_STARTUP_STATUS. Code deep in a long step (the demo's seeding) reports to
`current()`, which says nothing unless a start is being watched.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

ENV = "COMPANION_STARTUP_STATUS"
PHASES = ("starting", "migrating", "seeding", "indexing", "ready", "failed")
MIN_INTERVAL = 0.2  # seconds between two writes of a count; a new phase or step is written at once


class Reporter:
    """Says nothing: the default when no one watches the start (tests, uvicorn started by hand)."""

    def stage(self, phase: str, step: str = "", total: int = 0) -> None:
        """A new phase (and step within it); `total` > 0 when it counts up to a known number."""

    def advance(self, done: int) -> None:
        """How many of the stage's `total` are done."""

    def ready(self) -> None:
        self.stage("ready")

    def failed(self, error: str) -> None:
        """The start failed with this error."""


class StatusFile(Reporter):
    """Writes {"pid", "phase", "step", "done", "total"} (and on failure "error" and "during") to a file, replacing
    it whole each time."""

    def __init__(self, path: Path):
        self.path = path
        self.state: dict[str, Any] = {"pid": os.getpid(), "phase": "starting", "step": "", "done": 0, "total": 0}
        self._written = 0.0

    def stage(self, phase: str, step: str = "", total: int = 0) -> None:
        self.state.update(phase=phase, step=step, done=0, total=max(0, total))
        self._write()

    def advance(self, done: int) -> None:
        self.state["done"] = min(done, self.state["total"]) if self.state["total"] else done
        if done >= self.state["total"] or time.monotonic() - self._written >= MIN_INTERVAL:
            self._write()

    def failed(self, error: str) -> None:
        self.state.update(during=self.state["phase"], phase="failed", error=error[:2000])
        self._write()

    def _write(self) -> None:
        try:
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(self.state), encoding="utf-8")
            os.replace(tmp, self.path)  # a reader never sees half a file
        except OSError:
            pass  # reporting progress must never stop the start itself
        self._written = time.monotonic()


def from_env() -> Reporter:
    """A StatusFile at the path `companion run` gave, or a silent Reporter."""
    path = os.environ.get(ENV)
    return StatusFile(Path(path)) if path else Reporter()


def read(path: Path) -> dict[str, Any] | None:
    """The last status written, or None when there is none (yet) or it cannot be read."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("phase") in PHASES else None


_SILENT = Reporter()
_current: ContextVar[Reporter | None] = ContextVar("startup_reporter", default=None)


def current() -> Reporter:
    return _current.get() or _SILENT


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Make `reporter` the one `current()` returns while the block runs."""
    token = _current.set(reporter)
    try:
        yield reporter
    finally:
        _current.reset(token)
