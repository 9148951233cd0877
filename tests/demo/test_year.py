"""The simulated year: seeded quickly, deterministic, and the demo dashboard is alive but still anonymous."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.accountability import analytics
from companion.core.clock import FixedClock
from companion.demo import year
from companion.demo.organisation import seed_demo
from companion.models import Person, Trajectory, WorkSituation
from companion.models.accountability import SurveyResponse
from companion.models.rhythm import QuickCapture, WeekCycle
from companion.trust import people
from tests.support.app import make_services
from tests.support.fakes import HashEmbeddings

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


class CountingEmbeddings(HashEmbeddings):
    """Hashed vectors that count how many texts were embedded (a year of text must not be)."""

    def __init__(self):
        super().__init__()
        self.texts = 0

    def embed_documents(self, texts):
        self.texts += len(texts)
        return super().embed_documents(texts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo organisation with its simulated year, seeded once for this module."""
    from companion.core.config import Settings

    embeddings = CountingEmbeddings()
    svc = make_services(Settings(data_dir=tmp_path_factory.mktemp("demo") / "data"), embeddings=embeddings)
    svc.clock = FixedClock(NOW)
    seeded = {}
    original = year.seed_demo_year

    def counted(services):
        before = embeddings.texts
        result = original(services)
        seeded.update(embedded=embeddings.texts - before, result=result)
        return result

    year.seed_demo_year = counted
    try:
        seed_demo(svc)
    finally:
        year.seed_demo_year = original
    yield svc, seeded
    svc.engine.dispose()


def _board(svc):
    with svc.sessions() as session:
        admin = people.load_principal(session, session.query(Person).filter_by(username="admin").one().id)
        return analytics.dashboard(session, admin, NOW)


def test_the_year_is_seeded_and_every_capture_indexed_once(demo):
    svc, seeded = demo
    assert seeded["result"] is True
    with svc.sessions() as session:
        captures = session.query(QuickCapture).count()
        professionals = session.query(Person).filter_by(role="professional").count()
        teams = {p.team_id for p in session.query(Person).filter_by(role="professional")}
        trajectories = session.query(Trajectory).all()
    assert 0 < seeded["embedded"] <= captures  # every capture is indexed (SQL and index agree), each text once
    assert professionals >= 25 and len(teams) >= 3
    assert any(t.ends_on and 50 <= (NOW.date() - t.ends_on).days / 7 <= 58 for t in trajectories)


def test_no_two_situations_of_the_year_read_the_same(demo):
    """A real team does not write the same sentence sixty times (bug 1 of issue 12: sources and search repeated
    one situation)."""
    svc, _ = demo
    with svc.sessions() as session:
        texts = [d for (d,) in session.query(WorkSituation.description)]
        anne = session.query(Person).filter_by(username="anne").one()
        annes = session.query(WorkSituation).filter_by(owner_id=anne.id).all()
        reflections = [h for (h,) in session.query(WeekCycle.happened).filter(WeekCycle.happened != "")]
    assert len(texts) > 150 and len(set(texts)) == len(texts)
    assert len(annes) >= 30 and len({s.title for s in annes}) == len(annes)  # no title twice either
    assert len(set(reflections)) == len(reflections)
    with svc.sessions() as session:
        comments = [c for (c,) in session.query(SurveyResponse.comment).filter(SurveyResponse.comment != "")]
    assert len(comments) >= 5 and len(set(comments)) == len(comments)  # pooled on the dashboard: all different


def test_the_dashboard_of_the_demo_is_alive(demo):
    svc, _ = demo
    board = _board(svc)
    org = {c["metric"]: c for c in board["cells"] if c["group"] == "org" and c["period"] == ""}
    for metric in ("active_learners_avg", "rhythm_completion", "products_approved", "review_turnaround_days",
                   "satisfaction", "satisfied_share", "applied_as_intended", "continuation_4", "continuation_52"):
        assert org[metric]["status"] == "shown" and org[metric]["value"], metric
    weekly = [c for c in board["cells"] if c["metric"] == "active_learners" and c["group"] == "org"]
    assert len(weekly) == 52 and sum(c["value"] for c in weekly) > 100
    small = next(g for g in board["groups"] if g["size"] < 5)  # the night team shows what suppression looks like
    assert {c["status"] for c in board["cells"] if c["group"] == small["key"]} <= {"too_small", "not_yet", "no_data"}


def test_the_demo_logins_still_work(demo):
    svc, _ = demo
    with svc.sessions() as session:
        for username, password in (("anne", "anne-demo"), ("bram", "bram-demo"), ("eva", "eva-demo1"),
                                   ("admin", "admin-demo")):
            assert people.authenticate(session, username, password).username == username


def test_the_year_is_the_same_every_time(demo, tmp_path):
    from companion.core.config import Settings

    svc, _ = demo
    other = make_services(Settings(data_dir=tmp_path / "again"))
    other.clock = FixedClock(NOW)
    try:
        seed_demo(other)
        first, second = _board(svc), _board(other)
        assert first["cells"] == second["cells"]
    finally:
        other.engine.dispose()
