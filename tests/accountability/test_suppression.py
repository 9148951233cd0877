"""The k >= 5 rule: no aggregate about fewer than five people, and none reachable by subtraction."""

from datetime import UTC, date, datetime

from companion.accountability import analytics
from companion.accountability.suppression import DIFFERENCING, TOO_SMALL, suppressed_cells
from companion.core.clock import FixedClock
from companion.models import Person
from companion.trust import people
from tests.support.analytics_data import add_answer, add_team, cell, team_key

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LAST_MONTH = date(2026, 10, 20)


def test_four_people_are_suppressed_and_five_are_shown():
    assert suppressed_cells({"a": {1, 2, 3, 4}}) == {"a": TOO_SMALL}
    assert suppressed_cells({"a": {1, 2, 3, 4, 5}}) == {}
    assert suppressed_cells({"empty": set()}) == {}  # nobody: says nothing about anyone


def test_a_team_subtracted_from_the_organisation_cannot_reveal_a_small_rest():
    org = set(range(1, 9))  # 8 people: team A has 5, team B 3
    hidden = suppressed_cells({"org": org, "A": {1, 2, 3, 4, 5}, "B": {6, 7, 8}})
    assert hidden["B"] == TOO_SMALL
    assert hidden["A"] == DIFFERENCING  # org minus A would be team B's three people
    assert "org" not in hidden


def test_nested_groups_that_differ_by_five_or_more_are_all_shown():
    org = set(range(1, 21))
    hidden = suppressed_cells({"org": org, "A": set(range(1, 11)), "B": set(range(11, 21)),
                               "cohort": set(range(1, 16))})
    assert hidden == {}


def test_people_without_a_team_are_protected_against_the_sum_of_the_teams():
    org = set(range(1, 14))  # two teams of 5 and 3 people without a team
    hidden = suppressed_cells({"org": org, "A": {1, 2, 3, 4, 5}, "B": {6, 7, 8, 9, 10}})
    assert len(hidden) == 1 and set(hidden.values()) == {DIFFERENCING}


def _org_with_teams(services, sizes: dict[str, int]) -> tuple[int, dict[str, list[int]]]:
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Org K")
        people.create_person(session, org_id=org.id, username="boss", password="password-1", role="admin")
        teams = {name: add_team(session, org.id, name, size, name.lower().replace(" ", "")) for name, size in
                 sizes.items()}
        for ids in teams.values():
            for n, pid in enumerate(ids):
                team_id = session.get(Person, pid).team_id
                add_answer(session, pid, org.id, team_id, LAST_MONTH, satisfaction=2 + n % 4)
        session.commit()
        return org.id, teams


def _board(services):
    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        boss = people.load_principal(session, session.query(Person).filter_by(username="boss").one().id)
        return analytics.dashboard(session, boss, services.clock.now())


def test_dashboard_shows_a_team_of_five(services):
    _org_with_teams(services, {"Team Vijf": 5, "Team Zes": 6})
    board = _board(services)
    shown = cell(board, "satisfaction", team_key(board, "Team Vijf"))
    assert shown["status"] == "shown" and shown["n"] == 5 and shown["value"] == 3.2  # 2,3,4,5,2
    assert cell(board, "satisfaction", "org")["n"] == 11


def test_dashboard_hides_a_team_of_four_and_the_team_that_would_reveal_it(services):
    _org_with_teams(services, {"Team Vijf": 5, "Team Vier": 4, "Team Zes": 6})
    board = _board(services)
    small = cell(board, "satisfaction", team_key(board, "Team Vier"))
    assert small["status"] == "too_small" and small["value"] is None and small["n"] is None
    # the organisation (15) minus teams Vijf and Zes (11) would be team Vier: the smaller of the two is hidden too
    assert cell(board, "satisfaction", team_key(board, "Team Vijf"))["status"] == "differencing"
    assert cell(board, "satisfaction", team_key(board, "Team Zes"))["status"] == "shown"
    assert cell(board, "satisfaction", "org")["status"] == "shown"


def test_dashboard_has_no_per_person_rows(services):
    _org_with_teams(services, {"Team Vijf": 5, "Team Zes": 6})
    board = _board(services)
    assert {g["kind"] for g in board["groups"]} <= {"organisation", "team", "trajectory"}
    assert all(c["status"] != "shown" or c["n"] >= 5 for c in board["cells"])
