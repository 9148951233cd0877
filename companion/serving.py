"""`companion serve`: the API alone, for a reverse proxy in front, as one or more uvicorn worker processes.

Several workers need state no process or disk owns alone: PostgreSQL (COMPANION_DATABASE_URL) and a Chroma
server (COMPANION_CHROMA_URL). The embedded default (SQLite and Chroma in the data folder) is one process.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from companion.core.config import Settings

APP = "companion.api.main:app_from_env"


def refuse_reason(settings: Settings, workers: int) -> str | None:
    """Why these settings cannot run this many workers, or None when they can."""
    if workers <= 1:
        return None
    missing = []
    if settings.sqlalchemy_url.startswith("sqlite"):
        missing.append("COMPANION_DATABASE_URL (PostgreSQL; SQLite in the data folder is one process's)")
    if not settings.chroma_url:
        missing.append("COMPANION_CHROMA_URL (a Chroma server; the embedded store is one process's)")
    if not missing:
        return None
    return (f"--workers {workers} needs state every worker shares; set " + " and ".join(missing)
            + ". Or run one worker (--workers 1) on the embedded default.")


def metrics_dir() -> str:
    """A fresh folder where the workers' counters meet (prometheus_client multiprocess mode)."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path:
        os.makedirs(path, exist_ok=True)
        for name in os.listdir(path):  # left by an earlier run: would count twice
            if name.endswith(".db"):
                os.remove(os.path.join(path, name))
        return path
    return tempfile.mkdtemp(prefix="companion-metrics-")


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run uvicorn with the app factory; blocks until stopped (Ctrl+C or SIGTERM)."""
    import uvicorn

    made = None
    if workers > 1:
        given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir()  # inherited by the workers before they import it
        made = None if given else os.environ["PROMETHEUS_MULTIPROC_DIR"]
    try:  # companion.access logs each request with its id: uvicorn's own access lines would repeat it
        uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, proxy_headers=True,
                    log_config=None, access_log=False, timeout_graceful_shutdown=30)
    finally:
        if made:
            shutil.rmtree(made, ignore_errors=True)
