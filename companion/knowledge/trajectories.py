"""Trajectories (learning programmes) and the teams that follow them; admins manage, members see their own."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Conflict, Invalid, NotFound
from companion.core.principal import Principal
from companion.knowledge.curation import reindex_trajectory_documents
from companion.models import Team, Trajectory, TrajectoryTeam
from companion.retrieval.scoped_index import Index


def team_ids_of(session: Session, trajectory_id: int) -> list[int]:
    return sorted(session.scalars(select(TrajectoryTeam.team_id).where(TrajectoryTeam.trajectory_id == trajectory_id)))


def list_teams(session: Session, me: Principal) -> list[Team]:
    """The teams of the caller's organisation."""
    return list(session.scalars(select(Team).where(Team.org_id == me.org_id).order_by(func.lower(Team.name))))


def list_trajectories(session: Session, me: Principal) -> list[Trajectory]:
    """Admins: every trajectory of the organisation; others: the ones their own team follows."""
    stmt = select(Trajectory).where(Trajectory.org_id == me.org_id)
    if not me.is_admin:
        stmt = stmt.join(TrajectoryTeam).where(TrajectoryTeam.team_id == me.team_id)
    return list(session.scalars(stmt.order_by(Trajectory.starts_on.desc(), Trajectory.name)))


def get_trajectory(session: Session, me: Principal, trajectory_id: int) -> Trajectory:
    t = db.get(session, Trajectory, trajectory_id)
    if t is None or t.org_id != me.org_id or (not me.is_admin and me.team_id not in team_ids_of(session, t.id)):
        raise NotFound("trajectory_not_found")
    return t


def _check(session: Session, me: Principal, values: dict[str, Any], current: Trajectory | None) -> None:
    name = values.get("name", current.name if current else "")
    if not str(name or "").strip():
        raise Invalid("trajectory_name_empty")
    starts = values.get("starts_on", current.starts_on if current else None)
    ends = values.get("ends_on", current.ends_on if current else None)
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        raise Invalid("trajectory_dates_invalid")
    clash = session.scalar(select(Trajectory.id).where(Trajectory.org_id == me.org_id,
                                                       func.lower(Trajectory.name) == str(name).strip().lower()))
    if clash is not None and (current is None or clash != current.id):
        raise Conflict("trajectory_name_taken", name=str(name).strip())


def _set_teams(session: Session, me: Principal, trajectory: Trajectory, team_ids: list[int]) -> bool:
    """Link exactly these teams; True when that changed anything."""
    wanted = sorted({int(i) for i in team_ids})
    known = set(session.scalars(select(Team.id).where(Team.org_id == me.org_id, Team.id.in_(wanted)))) \
        if wanted else set()
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise Invalid("knowledge_unknown_team", ids=", ".join(map(str, unknown)))
    if team_ids_of(session, trajectory.id) == wanted:
        return False
    session.execute(delete(TrajectoryTeam).where(TrajectoryTeam.trajectory_id == trajectory.id))
    session.add_all(TrajectoryTeam(trajectory_id=trajectory.id, team_id=t) for t in wanted)
    session.flush()
    return True


def create_trajectory(session: Session, me: Principal, values: dict[str, Any]) -> Trajectory:
    me.require_role("admin")
    _check(session, me, values, None)
    t = Trajectory(org_id=me.org_id, name=str(values["name"]).strip()[:200],
                   description=str(values.get("description") or "").strip(),
                   starts_on=values.get("starts_on") or date.today(), ends_on=values.get("ends_on"))
    session.add(t)
    session.flush()
    _set_teams(session, me, t, values.get("team_ids") or [])
    session.commit()
    return t


def update_trajectory(session: Session, index: Index, me: Principal, trajectory_id: int,
                      values: dict[str, Any]) -> Trajectory:
    """Change a trajectory; when its teams change, the documents assigned to it are re-indexed for them."""
    me.require_role("admin")
    t = get_trajectory(session, me, trajectory_id)
    _check(session, me, values, t)
    for field in ("name", "description"):
        if values.get(field) is not None:
            setattr(t, field, str(values[field]).strip()[:200 if field == "name" else 10_000])
    if "starts_on" in values and values["starts_on"] is not None:
        t.starts_on = values["starts_on"]
    if "ends_on" in values:
        t.ends_on = values["ends_on"]
    teams_changed = values.get("team_ids") is not None and _set_teams(session, me, t, values["team_ids"])
    session.commit()
    if teams_changed:
        reindex_trajectory_documents(session, index, t.id)
    return t

