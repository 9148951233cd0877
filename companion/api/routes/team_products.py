"""Team products: read, edit the draft, comment, send to the team's expert; trajectory schedules and overviews."""

from fastapi import APIRouter
from sqlalchemy.orm import Session

from companion.api.deps import PrincipalDep, SessionDep
from companion.api.schemas.team_products import (
    CommentIn,
    CommentOut,
    PlannedIn,
    PlannedOut,
    ProductEdit,
    TeamProductOut,
    TrajectoryOverviewOut,
)
from companion.core.principal import Principal
from companion.teams import overview, team_products

router = APIRouter(tags=["teams"])


def product_out(session: Session, me: Principal, product) -> dict:
    return team_products.product_dict(session, me, product)


@router.get("/team-products/{product_id}", response_model=TeamProductOut)
def read_product(product_id: int, me: PrincipalDep, session: SessionDep):
    return product_out(session, me, team_products.get(session, me, product_id))


@router.patch("/team-products/{product_id}", response_model=TeamProductOut)
def edit_product(product_id: int, body: ProductEdit, me: PrincipalDep, session: SessionDep):
    """A member edits the draft (or a rejected one) before sending it."""
    product = team_products.edit(session, me, product_id, **body.model_dump(exclude_unset=True))
    return product_out(session, me, product)


@router.post("/team-products/{product_id}/comments", response_model=CommentOut, status_code=201)
def comment_product(product_id: int, body: CommentIn, me: PrincipalDep, session: SessionDep):
    row = team_products.comment(session, me, product_id, body.text)
    product = team_products.get(session, me, product_id)
    return next(c for c in team_products.comments(session, me, product) if c["id"] == row.id)


@router.post("/team-products/{product_id}/send", response_model=TeamProductOut)
def send_product(product_id: int, me: PrincipalDep, session: SessionDep):
    """Send to the team's expert (the review queue, kind "team_product"); approved, it enters the team portfolio."""
    return product_out(session, me, team_products.send(session, me, product_id))


@router.get("/trajectories/{trajectory_id}/schedule", response_model=list[PlannedOut])
def trajectory_schedule(trajectory_id: int, me: PrincipalDep, session: SessionDep):
    """The planned sessions of a trajectory (its admin, the experts of its teams, their members)."""
    return overview.schedule(session, me, trajectory_id)


@router.post("/trajectories/{trajectory_id}/schedule", response_model=PlannedOut, status_code=201)
def plan_session(trajectory_id: int, body: PlannedIn, me: PrincipalDep, session: SessionDep):
    """An admin, or an expert coaching one of its teams, plans a session every team of the trajectory holds."""
    return overview.plan_session(session, me, trajectory_id, **body.model_dump())


@router.get("/trajectories/{trajectory_id}/team-overview", response_model=TrajectoryOverviewOut)
def trajectory_overview(trajectory_id: int, me: PrincipalDep, session: SessionDep):
    """For admins: aggregates per team of the trajectory, hidden for teams under five members."""
    return overview.trajectory_overview(session, me, trajectory_id)
