"""The same schema and chat turn on PostgreSQL, in a throwaway cluster on a loopback port."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from tests.support.app import make_services

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
INITDB = os.path.join(BIN[-1], "initdb") if BIN else shutil.which("initdb")


def _as_pg_user(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: use the postgres system user then
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture
def postgres_url():
    url = os.environ.get("COMPANION_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not INITDB or (os.geteuid() == 0 and shutil.which("runuser") is None):
        if os.environ.get("COMPANION_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required here but initdb was not found")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    pg_ctl = os.path.join(os.path.dirname(INITDB), "pg_ctl")
    # pytest's tmp_path is private to root, so the cluster gets its own folder the postgres user can enter
    root = Path(tempfile.mkdtemp(prefix="companion-pg-"))
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    subprocess.run(_as_pg_user([INITDB, "-D", str(data), "-A", "trust", "-U", "companion"]), check=True,
                   capture_output=True)
    subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-w", "-l", str(root / "log"), "-o",
                                f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"]),
                   check=True, capture_output=True)
    try:
        time.sleep(0.5)
        yield f"postgresql+psycopg://companion@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_chat_turn_on_postgres(postgres_url, tmp_path):
    from companion.trust import people

    services = make_services(Settings(data_dir=tmp_path / "data", database_url=postgres_url))
    assert services.engine.dialect.name == "postgresql"
    with services.sessions() as session:
        org = people.get_or_create_org(session, "PG org")
        people.create_person(session, org_id=org.id, username="anne", password="password-1", role="professional")
        session.commit()
    with TestClient(create_app(services)) as client:
        token = client.post("/api/auth/token", data={"username": "anne", "password": "password-1"}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        conv = client.post("/api/conversations", headers=headers, json={}).json()
        r = client.post(f"/api/conversations/{conv['id']}/messages", headers=headers,
                        json={"content": "Bij de overdracht ging informatie verloren, iedereen praatte door elkaar."})
        assert r.status_code == 200, r.text
        stored = client.get(f"/api/conversations/{conv['id']}", headers=headers).json()
        assert [m["role"] for m in stored["messages"]] == ["assistant", "user", "assistant"]

        # the message count of the list, and a deleted conversation leaving its saved situation behind
        assert client.get("/api/conversations", headers=headers).json()[0]["message_count"] == 3
        sit = client.post(f"/api/conversations/{conv['id']}/situation", headers=headers).json()
        assert client.delete(f"/api/conversations/{conv['id']}", headers=headers).status_code == 204
        assert client.get(f"/api/situations/{sit['id']}", headers=headers).json()["conversation_id"] is None
    services.engine.dispose()
