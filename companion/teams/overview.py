"""Trajectories for several teams: the schedule of sessions an expert or admin plans for a trajectory, the expert's
overview per team (where each session stands, open follow-up agreements, participation per member), and the
admin's aggregates per team, shown only where a team has at least K members (accountability.suppression).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from companion.accountability.suppression import K, suppressed_cells
from companion.core import db
from companion.core.errors import Invalid, NotFound
from companion.core.principal import Principal
from companion.models import Team, TeamContribution, TeamSession, Trajectory, TrajectorySession, TrajectoryTeam
from companion.teams import access, facilitator, flow, methods
from companion.teams.sessions import MAX_TITLE

MAX_PLANNED = 100


def _trajectory(session: Session, me: Principal, trajectory_id: int, *, manage: bool) -> Trajectory:
    """The trajectory, for its organisation's admin, an expert coaching one of its teams, or (reading) a member."""
    t = db.get(session, Trajectory, trajectory_id)
    if t is None or t.org_id != me.org_id:
        raise NotFound("trajectory_not_found")
    teams = set(session.scalars(select(TrajectoryTeam.team_id).where(TrajectoryTeam.trajectory_id == t.id)))
    if me.is_admin or (me.role == "expert" and teams & set(access.my_team_ids(session, me))):
        return t
    if not manage and me.team_id in teams:
        return t
    raise NotFound("trajectory_not_found")


def plan_session(session: Session, me: Principal, trajectory_id: int, *, title: str, method: str,
                 planned_on: date) -> TrajectorySession:
    """Add a session to the trajectory's schedule; every team that follows the trajectory holds it."""
    t = _trajectory(session, me, trajectory_id, manage=True)
    title = " ".join((title or "").split())[:MAX_TITLE]
    if (not title or method not in methods.METHODS or planned_on < t.starts_on
            or (t.ends_on is not None and planned_on > t.ends_on)):
        raise Invalid("trajectory_session_invalid")
    if session.scalar(select(func.count()).where(TrajectorySession.trajectory_id == t.id)) >= MAX_PLANNED:
        raise Invalid("trajectory_session_invalid")
    planned = TrajectorySession(trajectory_id=t.id, title=title, method=method, planned_on=planned_on)
    session.add(planned)
    session.commit()
    return planned


def schedule(session: Session, me: Principal, trajectory_id: int) -> list[TrajectorySession]:
    t = _trajectory(session, me, trajectory_id, manage=False)
    return list(session.scalars(select(TrajectorySession).where(TrajectorySession.trajectory_id == t.id)
                                .order_by(TrajectorySession.planned_on, TrajectorySession.id)))


def participation(session: Session, team_id: int) -> list[dict[str, Any]]:
    """Per current member: how many contributions they made in the team's sessions, and their share of them."""
    members = access.member_ids(session, team_id)
    counts = dict(session.execute(
        select(TeamContribution.author_id, func.count())
        .join(TeamSession, TeamSession.id == TeamContribution.session_id)
        .where(TeamSession.team_id == team_id, TeamContribution.author_id.in_(members) if members else false())
        .group_by(TeamContribution.author_id)).all())
    total = sum(counts.values())
    names = access.names(session, members)
    return [{"person_id": m, "name": names.get(m, ""), "contributions": counts.get(m, 0),
             "share": round(counts.get(m, 0) / total, 3) if total else 0.0} for m in members]


def team_overview(session: Session, me: Principal, ctx: flow.Context, team_id: int) -> dict[str, Any]:
    """The expert's view of one team they coach: sessions and phases, planned ones, open agreements, participation."""
    team = access.team_access(session, me, team_id)
    if not team.is_expert:
        raise NotFound("team_not_found")  # members see their sessions; this per-person view is the expert's
    rows = list(session.scalars(select(TeamSession).where(TeamSession.team_id == team_id)
                                .order_by(TeamSession.created_at.desc(), TeamSession.id.desc())))
    if any(flow.tick(session, ts, ctx) for ts in rows if ts.finished_at is None):
        session.commit()
    held = {ts.schedule_id for ts in rows if ts.schedule_id}
    planned = session.scalars(select(TrajectorySession).join(
        TrajectoryTeam, TrajectoryTeam.trajectory_id == TrajectorySession.trajectory_id)
        .where(TrajectoryTeam.team_id == team_id).order_by(TrajectorySession.planned_on))
    lang = me.language
    return {
        "team_id": team_id, "team_name": team.team.name,
        "sessions": [{"id": ts.id, "title": ts.title, "method": ts.method, "mode": ts.mode, "phase": ts.phase,
                      "phase_label": facilitator.phase_words(ctx.prompts_dir, lang, ts.method, ts.phase)["label"],
                      "phase_deadline": flow.utc(ts.phase_deadline), "schedule_id": ts.schedule_id,
                      "finished_at": flow.utc(ts.finished_at)} for ts in rows],
        "planned": [{"id": p.id, "title": p.title, "method": p.method, "planned_on": p.planned_on,
                     "started": p.id in held} for p in planned],
        "open_agreements": [{"session_id": ts.id, "title": ts.title, "agreement": ts.agreement,
                             "since": flow.utc(ts.finished_at)} for ts in rows
                            if ts.agreement and not ts.agreement_outcome],
        "participation": participation(session, team_id),
    }


def trajectory_overview(session: Session, me: Principal, trajectory_id: int) -> dict[str, Any]:
    """For admins: per team of the trajectory, aggregates only, and only for teams of at least K members."""
    me.require_role("admin")
    t = _trajectory(session, me, trajectory_id, manage=True)
    teams = list(session.scalars(select(Team).join(TrajectoryTeam, TrajectoryTeam.team_id == Team.id)
                                 .where(TrajectoryTeam.trajectory_id == t.id).order_by(Team.name)))
    groups = {str(team.id): frozenset(access.member_ids(session, team.id)) for team in teams}
    hidden = suppressed_cells(groups)
    cells = []
    for team in teams:
        key = str(team.id)
        if key in hidden:
            cells.append({"team_id": team.id, "team_name": team.name, "suppressed": hidden[key]})
            continue
        rows = list(session.scalars(select(TeamSession).where(TeamSession.team_id == team.id)))
        shares = participation(session, team.id)
        cells.append({"team_id": team.id, "team_name": team.name, "suppressed": None, "members": len(groups[key]),
                      "sessions": len(rows), "finished": sum(1 for r in rows if r.finished_at),
                      "open_agreements": sum(1 for r in rows if r.agreement and not r.agreement_outcome),
                      "members_contributing": round(sum(1 for s in shares if s["contributions"]) / len(shares), 2)
                      if shares else 0.0})
    return {"trajectory_id": t.id, "k": K, "teams": cells,
            "planned": len(list(session.scalars(select(TrajectorySession.id)
                                                .where(TrajectorySession.trajectory_id == t.id))))}
