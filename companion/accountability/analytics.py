"""The organisation dashboard: aggregates only, per organisation, team and trajectory cohort, never per person.

Every number is a cell computed over a set of people; `suppression` hides cells about fewer than K people and
cells that would let such a group be computed by subtraction. The dashboard covers the last 52 complete weeks
(a fixed window: letting admins pick two overlapping windows would allow subtraction over time). The same cells
feed the JSON, the charts and the CSV export.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.accountability.report_facts import cycles_of, day_bounds, iso_weeks
from companion.accountability.suppression import K, suppressed_cells
from companion.core.principal import Principal
from companion.models import Conversation, Message, Organisation, Person, Suggestion, Team, Trajectory, TrajectoryTeam
from companion.models.accountability import SurveyResponse
from companion.models.rhythm import QuickCapture, WeekCycle

WEEKS = 52
CONTINUATION_WEEKS = (4, 13, 26, 52)
WINDOW = 4  # "continued after W weeks" = active in the rhythm in the 4 weeks up to week W after the end
BENCHMARKS = {"satisfied_share": 0.97, "applied_as_intended": 0.70, "continuation_52": 0.55}  # the published study
SUMMARY_METRICS = ("active_learners_avg", "rhythm_completion", "products_approved", "review_turnaround_days",
                   "satisfaction", "satisfied_share", "applied_survey", "fits_week", "applied_as_intended",
                   *(f"continuation_{w}" for w in CONTINUATION_WEEKS))
SERIES_METRICS = ("active_learners", "rhythm_completion")
CSV_COLUMNS = ("metric", "group", "group_label", "period", "value", "n", "status")


@dataclass
class Cell:
    """One number of the dashboard; `status` is shown, too_small, differencing, no_data or not_yet."""

    metric: str
    group: str
    period: str  # "" for the whole 52 weeks, "2026-W05" for one week
    value: float | None
    n: int | None
    status: str


@dataclass
class Group:
    key: str
    kind: str  # organisation, team, trajectory
    label: str
    members: frozenset[int]


def week_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def _week_of(moment: datetime) -> tuple[int, int]:
    iso = moment.isocalendar()
    return iso.year, iso.week


class _Data:
    """Everything the cells are computed from, read once for the organisation."""

    def __init__(self, session: Session, org_id: int, today: date):
        this_monday = today - timedelta(days=today.weekday())
        self.start = this_monday - timedelta(weeks=WEEKS)
        self.end = this_monday - timedelta(days=1)
        self.today = today
        self.weeks = iso_weeks(self.start, self.end)
        lo, hi = day_bounds(self.start, self.end)
        rows = session.execute(select(Person.id, Person.team_id).where(
            Person.org_id == org_id, Person.role == "professional", Person.active.is_(True))).all()
        self.people = {pid for pid, _ in rows}
        self.team_of = {pid: team for pid, team in rows}
        ids = list(self.people) or [-1]
        captured = set(session.scalars(select(QuickCapture.week_id).where(QuickCapture.person_id.in_(ids))))
        # a week counts once something happened in it: a plan, a reflection or a capture
        self.cycles = [row[1:] for row in session.execute(
            select(WeekCycle.id, WeekCycle.person_id, WeekCycle.iso_year, WeekCycle.iso_week, WeekCycle.planned_at,
                   WeekCycle.reflected_at).where(WeekCycle.person_id.in_(ids)))
            if row[4] or row[5] or row[0] in captured]
        self.rhythm_weeks: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for pid, year, week, *_ in self.cycles:
            self.rhythm_weeks[pid].add((year, week))
        self.active: dict[tuple[int, int], set[int]] = defaultdict(set)
        for pid, weeks in self.rhythm_weeks.items():
            for wk in weeks:
                self.active[wk].add(pid)
        chats = session.execute(select(Conversation.owner_id, Message.created_at)
                                .join(Message, Message.conversation_id == Conversation.id)
                                .where(Conversation.owner_id.in_(ids), Message.role == "user",
                                       Message.created_at >= lo, Message.created_at < hi)).all()
        for pid, when in chats:
            self.active[_week_of(when)].add(pid)
        self.conversations = session.execute(select(Conversation.owner_id, Conversation.state).where(
            Conversation.owner_id.in_(ids), Conversation.created_at >= lo, Conversation.created_at < hi)).all()
        self.suggestions = session.execute(select(Suggestion.owner_id, Suggestion.kind, Suggestion.status,
                                                  Suggestion.created_at, Suggestion.reviewed_at)
                                           .where(Suggestion.owner_id.in_(ids), Suggestion.reviewed_at >= lo,
                                                  Suggestion.reviewed_at < hi)).all()
        self.surveys = session.execute(select(SurveyResponse.person_id, SurveyResponse.satisfaction,
                                              SurveyResponse.applied, SurveyResponse.fits_week,
                                              SurveyResponse.comment)
                                       .where(SurveyResponse.org_id == org_id, SurveyResponse.person_id.in_(ids),
                                              SurveyResponse.period_start >= self.start,
                                              SurveyResponse.period_start <= self.end)).all()
        self.trajectories = list(session.scalars(select(Trajectory).where(Trajectory.org_id == org_id)
                                                 .order_by(Trajectory.starts_on, Trajectory.id)))
        links = session.execute(select(TrajectoryTeam.trajectory_id, TrajectoryTeam.team_id).where(
            TrajectoryTeam.trajectory_id.in_([t.id for t in self.trajectories] or [-1]))).all()
        self.trajectory_teams: dict[int, set[int]] = defaultdict(set)
        for tid, team in links:
            self.trajectory_teams[tid].add(team)
        self.teams = list(session.scalars(select(Team).where(Team.org_id == org_id).order_by(Team.name)))

    def cohort(self, trajectory: Trajectory) -> frozenset[int]:
        teams = self.trajectory_teams.get(trajectory.id, set())
        return frozenset(pid for pid in self.people if self.team_of.get(pid) in teams)


def _groups(data: _Data, org_name: str) -> list[Group]:
    groups = [Group("org", "organisation", org_name, frozenset(data.people))]
    for team in data.teams:
        groups.append(Group(f"team:{team.id}", "team", team.name,
                            frozenset(p for p in data.people if data.team_of.get(p) == team.id)))
    for trajectory in data.trajectories:
        groups.append(Group(f"trajectory:{trajectory.id}", "trajectory", trajectory.name, data.cohort(trajectory)))
    return groups


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _summary_values(data: _Data, members: frozenset[int]) -> dict[str, tuple[float | None, set[int], str]]:
    """metric → (value, contributors, status if not computable) for one group over the whole window."""
    out: dict[str, tuple[float | None, set[int], str]] = {}
    weeks = set(data.weeks)
    counts = [len(data.active.get(wk, set()) & members) for wk in data.weeks]
    out["active_learners_avg"] = (round(statistics.fmean(counts), 2) if counts else None, set(members), "")
    rows = [r for r in data.cycles if r[0] in members and (r[1], r[2]) in weeks]
    out["rhythm_completion"] = (_ratio(sum(1 for r in rows if r[3] and r[4]), len(rows)), {r[0] for r in rows}, "")
    approved = [s for s in data.suggestions if s[0] in members and s[2] == "approved" and s[1] != "account"]
    out["products_approved"] = (float(len(approved)), set(members), "")
    decided = [s for s in data.suggestions if s[0] in members and s[4] is not None and s[3] is not None]
    days = [(s[4] - s[3]).total_seconds() / 86400 for s in decided]
    out["review_turnaround_days"] = (round(statistics.median(days), 1) if days else None, {s[0] for s in decided}, "")
    answers = [a for a in data.surveys if a[0] in members]
    who = {a[0] for a in answers}
    out["satisfaction"] = (round(statistics.fmean(a[1] for a in answers), 2) if answers else None, who, "")
    out["satisfied_share"] = (_ratio(sum(1 for a in answers if a[1] >= 4), len(answers)), who, "")
    out["applied_survey"] = (round(statistics.fmean(a[2] for a in answers), 2) if answers else None, who, "")
    out["fits_week"] = (round(statistics.fmean(a[3] for a in answers), 2) if answers else None, who, "")
    started = completed = 0
    reflecting: set[int] = set()
    for owner, state in data.conversations:
        if owner in members:
            s, c = cycles_of(state)
            started, completed = started + s, completed + c
            if s:
                reflecting.add(owner)
    out["applied_as_intended"] = (_ratio(completed, started), reflecting, "")
    for w in CONTINUATION_WEEKS:
        out[f"continuation_{w}"] = _continuation(data, members, w)
    return out


def _continuation(data: _Data, members: frozenset[int], w: int) -> tuple[float | None, set[int], str]:
    """Share of the people whose trajectory ended at least `w` weeks ago who were active in the rhythm in the
    four weeks up to week `w` after its end (their latest such trajectory counts)."""
    window_of: dict[int, set[tuple[int, int]]] = {}
    pending = False
    for trajectory in data.trajectories:  # ordered by start: a later trajectory overrides an earlier one
        if trajectory.ends_on is None or trajectory.ends_on >= data.today:
            continue
        last_day = trajectory.ends_on + timedelta(weeks=w)
        if last_day >= data.today:
            pending = pending or bool(data.cohort(trajectory) & members)
            continue
        weeks = set(iso_weeks(last_day - timedelta(weeks=WINDOW) + timedelta(days=1), last_day))
        for pid in data.cohort(trajectory) & members:
            window_of[pid] = weeks
    if not window_of:
        return None, set(), "not_yet" if pending else "no_data"
    continued = sum(1 for pid, weeks in window_of.items() if data.rhythm_weeks.get(pid, set()) & weeks)
    return _ratio(continued, len(window_of)), set(window_of), ""


def _series_values(data: _Data, members: frozenset[int], wk: tuple[int, int]) -> dict[str, tuple]:
    rows = [r for r in data.cycles if r[0] in members and (r[1], r[2]) == wk]
    return {
        "active_learners": (float(len(data.active.get(wk, set()) & members)), set(members), ""),
        "rhythm_completion": (_ratio(sum(1 for r in rows if r[3] and r[4]), len(rows)), {r[0] for r in rows}, ""),
    }


def _suppress(metric: str, period: str, values: dict[str, tuple]) -> list[Cell]:
    """The cells of one metric and period for every group, small and subtractable groups hidden."""
    hidden = suppressed_cells({key: frozenset(v[1]) for key, v in values.items()})
    cells = []
    for key, (value, who, status) in values.items():
        if status:
            cells.append(Cell(metric, key, period, None, None, status))
        elif key in hidden:
            cells.append(Cell(metric, key, period, None, None, hidden[key]))
        elif not who or value is None:
            cells.append(Cell(metric, key, period, None, len(who), "no_data"))
        else:
            cells.append(Cell(metric, key, period, value, len(who), "shown"))
    return cells


def dashboard(session: Session, me: Principal, now: datetime) -> dict[str, Any]:
    """The caller's organisation's dashboard (admins only): groups, cells and the research figures."""
    me.require_role("admin")
    org = session.get(Organisation, me.org_id)
    data = _Data(session, me.org_id, now.date())
    groups = _groups(data, org.name if org else "")
    cells: list[Cell] = []
    per_group = {g.key: _summary_values(data, g.members) for g in groups}
    for metric in SUMMARY_METRICS:
        cells += _suppress(metric, "", {key: values[metric] for key, values in per_group.items()})
    for wk in data.weeks:
        per_week = {g.key: _series_values(data, g.members, wk) for g in groups}
        for metric in SERIES_METRICS:
            cells += _suppress(metric, week_label(*wk), {key: v[metric] for key, v in per_week.items()})
    return {
        "organisation": org.name if org else "",
        "generated_at": now,
        "k": K,
        "period_start": data.start,
        "period_end": data.end,
        "weeks": [week_label(*wk) for wk in data.weeks],
        "groups": [{"key": g.key, "kind": g.kind, "label": g.label, "size": len(g.members)} for g in groups],
        "cells": [asdict(c) for c in cells],
        "benchmarks": [{"metric": m, "research": v} for m, v in BENCHMARKS.items()],
        "comments": _comments(data),
    }


def _comments(data: _Data) -> dict[str, Any]:
    """The survey's comments for the whole organisation: only when at least K people wrote one, sorted
    alphabetically (so no order gives away who or when), never with a name, team or date."""
    written = [(pid, comment.strip()) for pid, *_, comment in data.surveys if comment and comment.strip()]
    if len({pid for pid, _ in written}) < K:
        return {"status": "too_small" if written else "no_data", "items": []}
    return {"status": "shown", "items": sorted(comment for _, comment in written)}


def to_csv(board: dict[str, Any]) -> str:
    """The dashboard's cells as CSV, one row a cell, suppressed cells without value or n (same as the JSON)."""
    labels = {g["key"]: g["label"] for g in board["groups"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in board["cells"]:
        writer.writerow([c["metric"], c["group"], _csv_safe(labels.get(c["group"], "")), c["period"],
                         "" if c["value"] is None else c["value"], "" if c["n"] is None else c["n"], c["status"]])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """A name typed by an admin must not run as a formula when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
