"""Run the product's first start in a network namespace without network: nothing may need to download."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    from fastapi.testclient import TestClient
    from companion.api.main import create_app
    with TestClient(create_app()) as c:  # demo mode: real e5 embeddings, tiktoken, knowledge ingest
        token = c.post("/api/auth/token", data={"username": "anne", "password": "anne-demo"}).json()
        h = {"Authorization": "Bearer " + token["access_token"]}
        conv = c.post("/api/conversations", headers=h, json={}).json()
        r = c.post(f"/api/conversations/{conv['id']}/messages", headers=h,
                   json={"content": "Bij de overdracht ging informatie verloren, iedereen praatte door elkaar."})
        assert r.status_code == 200, r.text
        assert c.get("/api/search", headers=h, params={"q": "feedback geven"}).json()
        print("OFFLINE-OK", r.json()["mode"])
""")


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -n` (root or user namespaces) to cut the network")
def test_first_start_and_a_chat_turn_work_without_any_network(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "HF_", "COMPANION_"))}
    env.update(COMPANION_DATA_DIR=str(tmp_path / "data"), COMPANION_DEMO="true")
    # `ip link set lo up` may be unavailable; loopback is not needed for an in-process TestClient
    result = subprocess.run(["unshare", "-n", "--", sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert "OFFLINE-OK offline" in result.stdout, result.stderr[-3000:]
