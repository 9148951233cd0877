"""Throwaway servers for the scale-out tests: a PostgreSQL cluster, a Chroma server and API worker processes.

Module-scoped users start them once; each stops on exit. PostgreSQL comes from COMPANION_TEST_POSTGRES_URL or
the server binaries (initdb); where neither exists the test skips, unless COMPANION_REQUIRE_POSTGRES=1 (CI).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.servers import free_port

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
INITDB = os.path.join(BIN[-1], "initdb") if BIN else shutil.which("initdb")
CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent))


def _as_pg_user(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: use the postgres system user then
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _wait_for(check, what: str, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(f"{what} did not start within {timeout:.0f} s")


@contextmanager
def postgres() -> Iterator[str]:
    """A SQLAlchemy URL of an empty PostgreSQL database."""
    url = os.environ.get("COMPANION_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not INITDB or (os.geteuid() == 0 and shutil.which("runuser") is None):
        if os.environ.get("COMPANION_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required here but initdb was not found")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    pg_ctl = os.path.join(os.path.dirname(INITDB), "pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="companion-pg-"))  # the postgres user must be able to enter it
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = free_port()
    data = root / "data"
    subprocess.run(_as_pg_user([INITDB, "-D", str(data), "-A", "trust", "-U", "companion"]), check=True,
                   capture_output=True)
    subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-w", "-l", str(root / "log"), "-o",
                                f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://companion@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


class ChromaServer:
    """A Chroma server keeping its data in folder; started on entry, `wait()` until it answers (start other
    servers meanwhile)."""

    def __init__(self, folder: Path):
        if CHROMA is None:
            pytest.skip("the chroma command (from the chromadb package) is not installed")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder

    def __enter__(self) -> ChromaServer:
        self.proc = subprocess.Popen([CHROMA, "run", "--path", str(self.folder), "--host", "127.0.0.1", "--port",
                                      str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def wait(self) -> str:
        _wait_for(lambda: httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200, "chroma server")
        return self.url

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Worker:
    """One API worker process (uvicorn with the app factory) on its own port, with its own data folder."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "worker.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "companion.api.main:app_from_env", "--host", "127.0.0.1",
             "--port", str(self.port), "--no-access-log"],
            env={**env, "COMPANION_DATA_DIR": str(folder / "data")}, stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"))

    def wait_ready(self) -> None:
        def ready() -> bool:
            if self.proc.poll() is not None:
                pytest.fail(f"worker on {self.port} exited: {self.log.read_text()[-2000:]}")
            return httpx.get(f"{self.url}/api/health/ready", timeout=2).status_code == 200
        _wait_for(ready, f"API worker on port {self.port}", timeout=60)

    def kill(self) -> None:
        """kill -9: no shutdown code runs, as when a machine or container dies."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
