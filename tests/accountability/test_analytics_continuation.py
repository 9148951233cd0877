"""Continuation 4, 13, 26 and 52 weeks after a trajectory ended, with an injected clock."""

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.accountability import analytics
from companion.core.clock import FixedClock
from companion.models import Person
from companion.trust import people
from tests.support.analytics_data import add_team, add_trajectory, add_week, cell, team_key

ENDED = date(2025, 11, 20)  # a Thursday, a year before the dashboard is looked at


@pytest.fixture
def cohort(services):
    """A team of six that followed a trajectory ending on ENDED: four kept going for a year, two stopped after
    six weeks; and a team of five whose trajectory ended only recently."""
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Org C")
        people.create_person(session, org_id=org.id, username="boss", password="password-1", role="admin")
        keep = add_team(session, org.id, "Team Blijft", 6, "blijft")
        late = add_team(session, org.id, "Team Later", 5, "later")
        team_id = session.get(Person, keep[0]).team_id
        late_team = session.get(Person, late[0]).team_id
        add_trajectory(session, org.id, "Leren in de wijk 2025", [team_id], date(2025, 3, 1), ENDED)
        add_trajectory(session, org.id, "Leren in de wijk 2026", [late_team], date(2026, 3, 1), date(2026, 10, 1))
        for n, pid in enumerate(keep):
            weeks = 56 if n < 4 else 6
            for w in range(1, weeks + 1):
                add_week(session, pid, ENDED + timedelta(weeks=w))
        session.commit()
    return services


def _board(services, moment: datetime):
    services.clock = FixedClock(moment)
    with services.sessions() as session:
        boss = people.load_principal(session, session.query(Person).filter_by(username="boss").one().id)
        return analytics.dashboard(session, boss, services.clock.now())


def test_continuation_after_a_year(cohort):
    board = _board(cohort, datetime(2026, 11, 27, 9, tzinfo=UTC))
    team = team_key(board, "Team Blijft")
    assert cell(board, "continuation_4", team)["value"] == 1.0
    assert cell(board, "continuation_13", team)["value"] == pytest.approx(4 / 6, abs=1e-3)
    assert cell(board, "continuation_52", team)["value"] == pytest.approx(4 / 6, abs=1e-3)
    assert cell(board, "continuation_52", team)["n"] == 6
    # the other trajectory ended eight weeks ago: its 13-week window has not passed yet
    assert cell(board, "continuation_13", team_key(board, "Team Later"))["status"] == "not_yet"


def test_windows_open_as_the_clock_moves(cohort):
    early = _board(cohort, datetime(2026, 1, 10, 9, tzinfo=UTC))  # seven weeks after the end
    team = team_key(early, "Team Blijft")
    assert cell(early, "continuation_4", team)["value"] == 1.0
    for w in (13, 26, 52):
        assert cell(early, f"continuation_{w}", team)["status"] == "not_yet"
    later = _board(cohort, datetime(2026, 6, 1, 9, tzinfo=UTC))  # 27 weeks after
    assert cell(later, "continuation_26", team)["value"] == pytest.approx(4 / 6, abs=1e-3)
    assert cell(later, "continuation_52", team)["status"] == "not_yet"


def test_the_organisation_figure_stands_next_to_the_published_one(cohort):
    board = _board(cohort, datetime(2026, 11, 27, 9, tzinfo=UTC))
    assert {"metric": "continuation_52", "research": 0.55} in board["benchmarks"]
    assert cell(board, "continuation_52", "org")["value"] == pytest.approx(4 / 6, abs=1e-3)
