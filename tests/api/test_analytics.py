"""The aggregates over HTTP: admins of the organisation only, and the CSV says exactly what the dashboard says."""

import csv
import io
from datetime import UTC, date, datetime

from companion.core.clock import FixedClock
from companion.models import Person
from companion.trust import people
from tests.support.analytics_data import add_answer, add_team, add_week
from tests.support.app import login

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _data(services, org):
    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        ids = add_team(session, org, "Team B", 6, "b") + add_team(session, org, "Team C", 3, "c")
        for n, pid in enumerate(ids):
            team_id = session.get(Person, pid).team_id
            add_answer(session, pid, org, team_id, date(2026, 10, 12), satisfaction=3 + n % 3)
            add_week(session, pid, date(2026, 11, 2), reflected=n % 2 == 0)
        session.commit()


def test_only_admins_see_aggregates(client, services, org, anne):
    for path in ("/api/analytics/dashboard", "/api/analytics/export.csv"):
        r = client.get(path, headers=anne)
        assert r.status_code == 403 and r.json()["code"] == "role_required"
        assert client.get(path, headers=login(client, "eva")).status_code == 403
        assert client.get(path).status_code == 401


def test_an_admin_sees_only_their_own_organisation(client, services, org):
    _data(services, org)
    with services.sessions() as session:
        other = people.get_or_create_org(session, "Andere organisatie")
        people.create_person(session, org_id=other.id, username="other-admin", password="password-1", role="admin")
        session.commit()
    board = client.get("/api/analytics/dashboard", headers=login(client, "other-admin")).json()
    assert board["organisation"] == "Andere organisatie"
    assert [g["size"] for g in board["groups"]] == [0]
    assert all(c["status"] in ("no_data", "not_yet") for c in board["cells"])


def test_the_csv_matches_the_dashboard(client, services, org, admin):
    _data(services, org)
    board = client.get("/api/analytics/dashboard", headers=admin).json()
    r = client.get("/api/analytics/export.csv", headers=admin)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(board["cells"])
    for row, c in zip(rows, board["cells"], strict=True):
        assert (row["metric"], row["group"], row["period"], row["status"]) == (c["metric"], c["group"], c["period"],
                                                                               c["status"])
        assert row["value"] == ("" if c["value"] is None else str(c["value"]))
        assert row["n"] == ("" if c["n"] is None else str(c["n"]))
    hidden = [row for row in rows if row["status"] in ("too_small", "differencing")]
    assert hidden and all(row["value"] == "" and row["n"] == "" for row in hidden)
    team_c = next(g["key"] for g in board["groups"] if g["label"] == "Team C")
    assert {row["status"] for row in rows if row["group"] == team_c} <= {"too_small", "no_data", "not_yet"}


def test_a_group_name_cannot_become_a_spreadsheet_formula(client, services, org, admin):
    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        add_team(session, org, "=HYPERLINK(\"http://x\")", 5, "f")
        session.commit()
    rows = list(csv.DictReader(io.StringIO(client.get("/api/analytics/export.csv", headers=admin).text)))
    labels = {row["group_label"] for row in rows}
    assert "'=HYPERLINK(\"http://x\")" in labels and not any(label.startswith("=") for label in labels)
