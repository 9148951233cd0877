"""The admin's trajectory page through AppTest against the real API: the schedule, planning a session, and totals
per team with a team under five members shown as 'te klein'; the expert then sees the planned session for their
team and starts it from the overview."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from companion.models import Team, TeamSession, Trajectory, TrajectoryTeam
from tests.support.analytics_data import add_team
from tests.support.uitest import button, goto, log_in, open_app


def _trajectory(services, org) -> None:
    """'Samen leren 2026' for Team A (four people: too small to count) and Team Groot (six)."""
    with services.sessions() as session:
        add_team(session, org, "Team Groot", 6, "g")
        t = Trajectory(org_id=org, name="Samen leren 2026", description="", starts_on=date(2026, 1, 1))
        session.add(t)
        session.flush()
        for team_id in session.scalars(select(Team.id).where(Team.name.in_(("Team A", "Team Groot")))):
            session.add(TrajectoryTeam(trajectory_id=t.id, team_id=team_id))
        session.commit()


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "success", "info") for e in getattr(at, kind))


def test_the_admin_plans_a_session_and_sees_totals_per_team_and_the_expert_starts_it(live_api, monkeypatch,
                                                                                      services, org):
    _trajectory(services, org)
    at = goto(log_in(open_app(live_api.url, monkeypatch), "admin"), "curation")
    assert not at.exception and [t.value for t in at.title] == ["Kennisbeheer"]  # that page only
    assert next(s for s in at.selectbox if s.label == "Traject").value is not None
    assert "Nog geen sessies gepland" in _texts(at)
    table = next(d.value for d in at.dataframe if "Leden die bijdroegen" in d.value.columns)
    rows = {r["Team"]: r for r in table.to_dict("records")}
    assert rows["Team A"]["Leden"] == "te klein" and rows["Team A"]["Sessies"] == "te klein"  # k >= 5
    assert rows["Team Groot"]["Leden"] == "6" and rows["Team Groot"]["Leden die bijdroegen"] == "0%"
    assert "minder dan 5 leden" in _texts(at)

    next(t for t in at.text_input if t.label == "Titel").input("Intervisie januari")
    button(at, "Plannen").click()
    at.run(timeout=30)
    assert not at.exception
    assert "Gepland: Intervisie januari" in _texts(at) and "Intervisie januari (Incidentmethode)" in _texts(at)

    at = goto(log_in(open_app(live_api.url, monkeypatch), "eva"), "team")  # Team A's expert: the overview tab
    assert not at.exception
    assert "Gepland in het traject" in _texts(at) and "**Intervisie januari**" in _texts(at)
    assert "nog niet gestart" in _texts(at)
    button(at, "Nu starten").click()
    at.run(timeout=30)
    assert not at.exception
    with services.sessions() as session:
        held = session.scalar(select(TeamSession).where(TeamSession.title == "Intervisie januari"))
        assert held is not None and held.schedule_id is not None
    assert at.query_params["session"] == str(held.id)


def test_the_trajectory_page_in_english(live_api, monkeypatch, services, org):
    _trajectory(services, org)
    at = log_in(open_app(live_api.url, monkeypatch), "admin")
    at.session_state["language"] = "en"
    at = goto(at, "curation")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Members who contributed" in d.value.columns)
    assert {r["Team"]: r["Members"] for r in table.to_dict("records")} == {"Team A": "too small", "Team Groot": "6"}
    assert "fewer than 5 members" in _texts(at)
