"""Helpers for the analytics, account and survey tests: people in teams, weeks in the rhythm, answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from companion.accountability.surveys import window_of
from companion.models import Trajectory, TrajectoryTeam
from companion.models.accountability import SurveyResponse
from companion.models.rhythm import WeekCycle
from companion.trust import people


def add_team(session, org_id: int, team: str, count: int, prefix: str) -> list[int]:
    """`count` professionals in `team` (password 'password-1'); their ids."""
    ids = []
    for n in range(count):
        person = people.create_person(session, org_id=org_id, username=f"{prefix}{n}", password="password-1",
                                      role="professional", display_name=f"{prefix} {n}", team=team)
        ids.append(person.id)
    session.flush()
    return ids


def add_week(session, person_id: int, day: date, *, reflected: bool = True, outcome: str | None = "tried") -> None:
    """A week of the rhythm in the ISO week of `day`: planned, and reflected on unless told otherwise."""
    iso = day.isocalendar()
    when = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
    session.add(WeekCycle(person_id=person_id, iso_year=iso.year, iso_week=iso.week, focus="focus",
                          experiment="experiment", planned_at=when, experiment_outcome=outcome if reflected else None,
                          reflected_at=when + timedelta(days=4) if reflected else None,
                          next_step="next step" if reflected else ""))


def add_answer(session, person_id: int, org_id: int, team_id: int | None, day: date, satisfaction: int,
               applied: int = 4, fits_week: int = 3, comment: str = "") -> None:
    session.add(SurveyResponse(person_id=person_id, org_id=org_id, team_id=team_id, period_start=window_of(day)[0],
                               satisfaction=satisfaction, applied=applied, fits_week=fits_week, comment=comment,
                               created_at=datetime.combine(day, datetime.min.time(), UTC)))


def add_trajectory(session, org_id: int, name: str, team_ids: list[int], starts_on: date, ends_on: date | None) -> int:
    trajectory = Trajectory(org_id=org_id, name=name, starts_on=starts_on, ends_on=ends_on)
    session.add(trajectory)
    session.flush()
    for team_id in team_ids:
        session.add(TrajectoryTeam(trajectory_id=trajectory.id, team_id=team_id))
    return trajectory.id


def cell(board: dict, metric: str, group: str, period: str = "") -> dict:
    return next(c for c in board["cells"] if c["metric"] == metric and c["group"] == group and c["period"] == period)


def team_key(board: dict, label: str) -> str:
    return next(g["key"] for g in board["groups"] if g["label"] == label)
