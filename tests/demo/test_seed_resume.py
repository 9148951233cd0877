"""A first start interrupted while seeding the demo (an error, or kill -9) is completed by the next start: every
person, document, situation and the whole index, exactly as a start that was never interrupted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import delete

from companion import doctor
from companion.core import startup
from companion.core.config import PROJECT_ROOT
from companion.demo import organisation
from companion.demo.organisation import seed_demo
from companion.models import SeedStep
from companion.trust import people
from tests.support import demo_seed


class Interrupted(Exception):
    pass


def _interrupt() -> None:
    raise Interrupted


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The rows of a demo seeded in one go."""
    svc = demo_seed.make(tmp_path_factory.mktemp("reference") / "data")
    assert seed_demo(svc) is True
    yield demo_seed.row_counts(svc)
    svc.engine.dispose()


def _assert_complete(svc, reference) -> None:
    assert demo_seed.row_counts(svc) == reference
    report = doctor.run(svc.settings, services=svc)
    assert report.ok, doctor.render(report)
    units = report.index.values()
    sql = sum(u["sql"] for u in units)
    assert sql > 200 and sql == sum(u["lexical"] for u in units) == sum(u["vectors"] for u in units)
    with svc.sessions() as session:
        for username, password, _name, _role in organisation.DEMO_PEOPLE:
            assert people.authenticate(session, username, password).username == username
    assert seed_demo(svc) is False  # complete: the start after adds nothing


@pytest.mark.parametrize("point", [("seeding", "knowledge", 5), ("indexing", "year", 100),
                                   ("indexing", "index", 0)])
def test_a_seed_stopped_half_way_is_completed_by_the_next_start(point, reference, tmp_path):
    svc = demo_seed.make(tmp_path / "data")
    with pytest.raises(Interrupted), startup.reporting(demo_seed.StopAt(*point, _interrupt)):
        seed_demo(svc)
    assert demo_seed.row_counts(svc) != reference
    assert seed_demo(svc) is True
    _assert_complete(svc, reference)
    svc.engine.dispose()


def test_an_organisation_step_that_fails_leaves_nothing_and_starts_over(reference, tmp_path, monkeypatch):
    svc = demo_seed.make(tmp_path / "data")
    monkeypatch.setattr(organisation, "seed_rhythm", lambda *a: _interrupt())  # people added, not yet committed
    with pytest.raises(Interrupted):
        seed_demo(svc)
    assert not any(demo_seed.row_counts(svc).values())
    monkeypatch.undo()
    assert seed_demo(svc) is True
    _assert_complete(svc, reference)
    svc.engine.dispose()


def test_vectors_written_without_their_lexical_items_are_completed(reference, tmp_path, monkeypatch):
    svc = demo_seed.make(tmp_path / "data")
    writes = {"n": 0}
    upsert = svc.index.lexical.upsert

    def lost_after_ten(unit, items):  # the process died between a unit's vectors and its lexical items
        writes["n"] += 1
        if writes["n"] > 10:
            raise Interrupted
        return upsert(unit, items)

    monkeypatch.setattr(svc.index.lexical, "upsert", lost_after_ten)
    with pytest.raises(Interrupted):
        seed_demo(svc)
    monkeypatch.undo()
    assert seed_demo(svc) is True
    _assert_complete(svc, reference)
    svc.engine.dispose()


def test_a_half_seeded_folder_of_an_older_version_is_completed(reference, tmp_path):
    """Before seeding had steps, a start that gave up mid-seed left e.g. 4 people and 11 documents for good."""
    svc = demo_seed.make(tmp_path / "data")
    with pytest.raises(Interrupted), startup.reporting(demo_seed.StopAt("seeding", "year", 10, _interrupt)):
        seed_demo(svc)
    with svc.sessions() as session:
        session.execute(delete(SeedStep))  # an older version recorded no steps
        session.commit()
    assert seed_demo(svc) is True
    _assert_complete(svc, reference)
    svc.engine.dispose()


def test_a_complete_demo_of_an_older_version_gets_nothing_twice(reference, tmp_path):
    svc = demo_seed.make(tmp_path / "data")
    seed_demo(svc)
    with svc.sessions() as session:
        session.execute(delete(SeedStep))
        session.commit()
    assert seed_demo(svc) is True  # it checks every step once, and finds each one done
    _assert_complete(svc, reference)
    svc.engine.dispose()


def test_no_demo_is_added_to_a_database_with_another_organisation(tmp_path):
    svc = demo_seed.make(tmp_path / "data")
    with svc.sessions() as session:
        people.get_or_create_org(session, "Echte organisatie")
        session.commit()
    assert seed_demo(svc) is False
    assert demo_seed.row_counts(svc)["people"] == 0
    svc.engine.dispose()


def test_a_seeding_process_killed_with_sigkill_is_completed_by_the_next_start(reference, tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    killed = subprocess.run([sys.executable, "-m", "tests.support.demo_seed", str(data), "indexing", "year", "100"],
                            env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stdout + killed.stderr
    svc = demo_seed.make(data)
    assert demo_seed.row_counts(svc) != reference
    assert seed_demo(svc) is True
    _assert_complete(svc, reference)
    svc.engine.dispose()
