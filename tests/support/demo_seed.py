"""Seeding the demo in tests: fast services on a data folder, what a seed left behind, and a seeding process to
kill -9 at a chosen point (`python -m tests.support.demo_seed DATA_DIR PHASE STEP DONE`)."""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from langchain_core.embeddings import Embeddings
from sqlalchemy import func, select

from companion.core import startup
from companion.core.clock import FixedClock
from companion.core.config import Settings
from companion.models import Base
from companion.services import Services, build_services

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # the simulated year is relative to the clock: fix it


class TinyEmbeddings(Embeddings):
    """Deterministic 16-number vectors from a hash: no model, the same in every process."""

    model_id = "tiny16"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [b / 255 + 0.01 for b in hashlib.sha256(text.encode()).digest()[:16]]


def make(data_dir: Path) -> Services:
    return build_services(Settings(data_dir=data_dir), embeddings=TinyEmbeddings(), model=None, clock=FixedClock(NOW))


def row_counts(services: Services) -> dict[str, int]:
    """How many rows every table holds."""
    with services.sessions() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


class StopAt(startup.Reporter):
    """Stops the seeding when it reports `done` >= `at` in the given phase and step (at=0: when the step starts)."""

    def __init__(self, phase: str, step: str, at: int, stop):
        self.point, self.at, self.stop, self.now = (phase, step), at, stop, ("", "")

    def stage(self, phase: str, step: str = "", total: int = 0) -> None:
        self.now = (phase, step)
        if self.now == self.point and self.at == 0:
            self.stop()

    def advance(self, done: int) -> None:
        if self.now == self.point and done >= self.at:
            self.stop()


def _kill() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> None:
    """Seed the demo into argv[0] and kill -9 this process at (phase, step, done)."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.demo.organisation import seed_demo
    from companion.registry import register_review_kinds
    from companion.trust import auth

    auth._hasher = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))  # as conftest does
    register_review_kinds()
    data_dir, phase, step, done = Path(argv[0]), argv[1], argv[2], int(argv[3])
    services = make(data_dir)
    with startup.reporting(StopAt(phase, step, done, _kill)):
        seed_demo(services)
    print("not killed: the point was never reached")


if __name__ == "__main__":
    main(sys.argv[1:])
