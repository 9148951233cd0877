"""A team's room: the methods, my teams, a team's sessions, products, portfolio and search, the expert's overview."""

from fastapi import APIRouter, Query

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.routes.team_products import product_out
from companion.api.schemas.team_products import (
    TeamOverviewOut,
    TeamProductOut,
)
from companion.api.schemas.teams import (
    MethodOut,
    SessionIn,
    SessionOut,
    SessionRow,
    TeamHit,
    TeamOut,
)
from companion.teams import finding, flow, listing, overview, sessions, team_products

router = APIRouter(tags=["teams"])


@router.get("/team-methods", response_model=list[MethodOut])
def list_methods(me: PrincipalDep, services: ServicesDep):
    """The peer-consultation methods and their phases, in the caller's language."""
    return listing.catalogue(services.settings.prompts_dir, me.language)


@router.get("/teams/mine", response_model=list[TeamOut])
def my_teams(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """The teams I am in (professional) or guide (expert), with running sessions and what they ask of me."""
    return listing.my_teams(session, me, flow.context_of(services))


@router.get("/teams/{team_id}/sessions", response_model=list[SessionRow])
def list_sessions(team_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return listing.list_for_team(session, me, flow.context_of(services), team_id)


@router.post("/teams/{team_id}/sessions", response_model=SessionOut, status_code=201)
def start_session(team_id: int, body: SessionIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """A new session of the team (members and the team's expert); a member who starts it facilitates it."""
    ctx = flow.context_of(services)
    ts = sessions.create(session, me, ctx, team_id=team_id, **body.model_dump())
    return sessions.view(session, me, ctx, ts.id)


@router.get("/teams/{team_id}/products", response_model=list[TeamProductOut])
def list_products(team_id: int, me: PrincipalDep, session: SessionDep):
    """Every team product: drafts the team comments on, pending, approved and rejected ones."""
    return [product_out(session, me, p) for p in team_products.list_for_team(session, me, team_id)]


@router.get("/teams/{team_id}/portfolio", response_model=list[TeamProductOut])
def team_portfolio(team_id: int, me: PrincipalDep, session: SessionDep):
    """The team portfolio: the products the team's expert approved."""
    return [product_out(session, me, p) for p in team_products.list_for_team(session, me, team_id, portfolio=True)]


@router.get("/teams/{team_id}/search", response_model=list[TeamHit])
def search_team(team_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep,
                q: str = Query(min_length=1, max_length=500), k: int = Query(8, ge=1, le=20)):
    """The team's finished sessions and approved products that match (its members and expert only)."""
    return finding.search(session, services.index, me, team_id, q, k)


@router.get("/teams/{team_id}/overview", response_model=TeamOverviewOut)
def team_overview(team_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """For the team's expert: where each session stands, planned sessions, open agreements, participation."""
    return overview.team_overview(session, me, flow.context_of(services), team_id)
