"""Trajectories (learning programmes) and the teams of the organisation, for assigning knowledge."""

from fastapi import APIRouter

from companion.api.deps import AdminDep, PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.knowledge import TeamOut, TrajectoryIn, TrajectoryOut, TrajectoryUpdate
from companion.knowledge import trajectories

router = APIRouter(tags=["trajectories"])


def _out(session, t) -> TrajectoryOut:
    return TrajectoryOut(id=t.id, name=t.name, description=t.description, starts_on=t.starts_on, ends_on=t.ends_on,
                         team_ids=trajectories.team_ids_of(session, t.id))


@router.get("/teams", response_model=list[TeamOut])
def list_teams(me: PrincipalDep, session: SessionDep):
    """The teams of the caller's organisation."""
    return trajectories.list_teams(session, me)


@router.get("/trajectories", response_model=list[TrajectoryOut])
def list_trajectories(me: PrincipalDep, session: SessionDep) -> list[TrajectoryOut]:
    """Admins: every trajectory of the organisation; others: the ones their team follows."""
    return [_out(session, t) for t in trajectories.list_trajectories(session, me)]


@router.post("/trajectories", response_model=TrajectoryOut, status_code=201)
def create_trajectory(body: TrajectoryIn, me: AdminDep, session: SessionDep) -> TrajectoryOut:
    return _out(session, trajectories.create_trajectory(session, me, body.model_dump()))


@router.get("/trajectories/{trajectory_id}", response_model=TrajectoryOut)
def read_trajectory(trajectory_id: int, me: PrincipalDep, session: SessionDep) -> TrajectoryOut:
    return _out(session, trajectories.get_trajectory(session, me, trajectory_id))


@router.patch("/trajectories/{trajectory_id}", response_model=TrajectoryOut)
def update_trajectory(trajectory_id: int, body: TrajectoryUpdate, me: AdminDep, services: ServicesDep,
                      session: SessionDep) -> TrajectoryOut:
    """Rename, re-date or link other teams (documents assigned to the trajectory follow its teams)."""
    t = trajectories.update_trajectory(session, services.index, me, trajectory_id, body.model_dump(exclude_unset=True))
    return _out(session, t)
