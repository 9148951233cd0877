"""What the benchmarks that drive a live API share: a free port, waiting for health, running clients at once,
and percentiles."""

from __future__ import annotations

import math
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterable

import click
import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, seconds: float = 240) -> None:
    """Until `base`/api/health answers 200; a clear error when it never does."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise click.ClickException(f"the API at {base} did not become healthy")


def run_together(runs: Iterable[Callable[[], object]]) -> float:
    """Start every run in its own thread at once; the seconds until the last one is done."""
    threads = [threading.Thread(target=run) for run in runs]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def pcts(values: list[float]) -> dict[str, float | int | None]:
    """Median and nearest-rank 95th percentile (rounded), and how many values."""
    if not values:
        return {"p50_ms": None, "p95_ms": None, "n": 0}
    v = sorted(values)
    return {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(v[max(0, math.ceil(len(v) * 0.95) - 1)], 2),
            "n": len(v)}
