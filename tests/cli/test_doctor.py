"""`companion doctor`: finds what is wrong in the database and the index, and repairs the index."""

import json
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from companion import doctor
from companion.cli import main


@pytest.fixture(autouse=True)
def _same_services(request, monkeypatch):
    """The CLI builds its own services; give it the test's, with the same (fake) embedding space."""
    if "services" in request.fixturenames:
        svc = request.getfixturevalue("services")
        monkeypatch.setattr("companion.services.build_services", lambda settings, **kw: svc)


def _seed(client, anne):
    for n in range(3):
        r = client.post("/api/situations", headers=anne, json={"title": f"Situatie {n}",
                                                               "description": f"Iets gebeurde bij overdracht {n}"})
        assert r.status_code == 201


def _doctor(*args):
    return CliRunner().invoke(main, ["doctor", *args])


def test_a_healthy_store_passes(client, anne, services):
    _seed(client, anne)
    r = _doctor("--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["ok"] and {c["check"] for c in report["checks"]} >= {
        "database integrity", "no orphan rows", "migrations at head", "index matches the database"}
    assert sum(u["sql"] for u in report["index"].values()) >= 3


def test_lost_and_stray_index_entries_are_found_and_repaired(client, anne, services):
    _seed(client, anne)
    anne_id = client.get("/api/me", headers=anne).json()["id"]
    index = services.index
    victim = index.lexical.ids(f"p{anne_id}")[0]
    index._delete(f"p{anne_id}", [victim])  # a crash between the SQL commit and the index write
    index.upsert_personal(4242, [doctor.IndexItem(id="situation:999", kind="situation", title="spook", text="x")])
    r = _doctor()
    assert r.exit_code == 1 and "FAIL" in r.output and "missing" in r.output
    r = _doctor("--repair")
    assert r.exit_code == 0, r.output
    assert "repaired p" in r.output
    assert victim in index.lexical.ids(f"p{anne_id}") and index.lexical.ids("p4242") == []
    assert _doctor().exit_code == 0


def test_orphan_rows_and_half_stored_documents_are_reported(client, anne, services):
    _seed(client, anne)
    with services.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("INSERT INTO messages (conversation_id, role, content, phase, sources, complete, mode,"
                             " created_at) VALUES (9999, 'user', 'wees', 'x', '[]', 1, '', '2026-01-01')")
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    report = doctor.run(services.settings)
    failed = {c["check"] for c in report.checks if not c["ok"]}
    assert "no orphan rows" in failed


def test_writers_refuse_while_another_process_holds_the_data_folder(tmp_path, monkeypatch):
    data = tmp_path / "held"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from companion.core import datalock; from companion.core.config import Settings; "
        f"datalock.acquire(Settings(data_dir={str(data)!r}), 'api'); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for args in (["doctor", "--repair"], ["reindex"], ["ingest", str(tmp_path)]):
            r = CliRunner().invoke(main, args)
            assert r.exit_code != 0 and "in use by another process" in r.output and "api" in r.output, args
        assert CliRunner().invoke(main, ["doctor"]).exit_code in (0, 1)  # checking only is allowed
        from fastapi.testclient import TestClient

        from companion.api.main import create_app
        from companion.core.config import Settings
        from companion.core.datalock import DataDirBusy

        with pytest.raises(DataDirBusy), TestClient(create_app(settings=Settings(data_dir=data))):
            pass  # a second API process on the same embedded store refuses to start
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    r = CliRunner().invoke(main, ["reindex"])  # a killed holder leaves no stale lock
    assert r.exit_code == 0, r.output
