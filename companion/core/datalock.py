"""One process at a time writes an embedded data folder: the embedded Chroma store is not multi-process safe.

The API holds `<data_dir>/companion.lock` while it runs; `ingest`, `reindex` and `doctor --repair` take it for
their run and refuse with a clear message while another process has it. The lock is an OS file lock, so a
killed process never leaves a stale lock behind. With a Chroma server (COMPANION_CHROMA_URL) nothing is locked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.core.config import Settings

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, run one process yourself
    fcntl = None

LOCK_NAME = "companion.lock"
_held: dict[Path, list] = {}  # path → [file, count]: the API and CLI code in one process share the lock
_guard = threading.Lock()


class DataDirBusy(RuntimeError):
    """Another process holds the data folder."""

    def __init__(self, path: Path, holder: str):
        self.holder = holder
        super().__init__(
            f"the data folder {path.parent} is in use by another process ({holder or 'unknown'}); stop it first "
            f"(for example the API of `companion run`), or use a Chroma server via COMPANION_CHROMA_URL")


def lock_path(settings: Settings) -> Path:
    return (settings.data_dir / LOCK_NAME).resolve()


def holder(settings: Settings) -> str:
    """Who wrote the lock file last ('pid 123 api'), or '' if nobody did."""
    try:
        return lock_path(settings).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def acquire(settings: Settings, purpose: str) -> Path | None:
    """Take the data-folder lock (re-entrant within this process); DataDirBusy if another process has it."""
    if settings.chroma_url or fcntl is None:
        return None
    path = lock_path(settings)
    with _guard:
        if path in _held:
            _held[path][1] += 1
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        file = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while the lock is held
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.seek(0)
            who = file.read().strip()
            file.close()
            raise DataDirBusy(path, who) from None
        file.seek(0)
        file.truncate()
        file.write(f"pid {os.getpid()} {purpose}\n")
        file.flush()
        _held[path] = [file, 1]
        return path


def release(path: Path | None) -> None:
    if path is None:
        return
    with _guard:
        entry = _held.get(path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            file = _held.pop(path)[0]
            file.seek(0)
            file.truncate()
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)
            file.close()


@contextmanager
def holding(settings: Settings, purpose: str) -> Iterator[None]:
    path = acquire(settings, purpose)
    try:
        yield
    finally:
        release(path)
