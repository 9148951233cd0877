"""One team session: the room's view, cases, votes, contributions under the phase rules, moving on, products."""

from fastapi import APIRouter, Query, Response

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.routes.team_products import product_out
from companion.api.schemas.team_products import (
    PersonalPlanOut,
    ProductIn,
    TeamProductOut,
)
from companion.api.schemas.teams import (
    AdvanceIn,
    CaseIn,
    CaseOut,
    ContributionIn,
    PostedOut,
    SessionOut,
    VoteIn,
)
from companion.teams import flow, sessions, taking_part, team_products

router = APIRouter(prefix="/team-sessions", tags=["teams"])


@router.get("/{session_id}", response_model=SessionOut)
def read_session(session_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep,
                 after: int = Query(0, ge=0, le=2**62, description="only contributions newer than this id")):
    """What the room shows me now; poll it with `after` = the last `latest_id` for what is new."""
    return sessions.view(session, me, flow.context_of(services), session_id, after=after)


@router.post("/{session_id}/seen", status_code=204)
def mark_seen(session_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """I have seen everything up to now ("since your last visit" starts again from here)."""
    sessions.mark_seen(session, me, flow.context_of(services), session_id)
    return Response(status_code=204)


@router.post("/{session_id}/cases", response_model=CaseOut, status_code=201)
def bring_case(session_id: int, body: CaseIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    ctx = flow.context_of(services)
    case = taking_part.bring_case(session, me, ctx, session_id, **body.model_dump())
    view = sessions.view(session, me, ctx, session_id)
    return next(c for c in view["cases"] if c["id"] == case.id)


@router.delete("/{session_id}/cases/{case_id}", status_code=204)
def withdraw_case(session_id: int, case_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """The owner withdraws their case (and so the share) before the session starts."""
    taking_part.withdraw_case(session, me, flow.context_of(services), session_id, case_id)
    return Response(status_code=204)


@router.post("/{session_id}/votes", response_model=SessionOut)
def vote(session_id: int, body: VoteIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    ctx = flow.context_of(services)
    taking_part.vote(session, me, ctx, session_id, body.case_id)
    return sessions.view(session, me, ctx, session_id)


@router.post("/{session_id}/contributions", response_model=PostedOut, status_code=201)
def contribute(session_id: int, body: ContributionIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Post in the current phase; 409 with a stable code when the phase does not take this from me."""
    ctx = flow.context_of(services)
    out = taking_part.post(session, me, ctx, session_id, kind=body.kind, text=body.text, refs=body.refs)
    ts = out["session"]
    current = sessions.current_people(session, ts)
    names = {me.person_id: me.display_name}

    def as_dict(p):
        return sessions.post_dict(session, ts, p, names, me.language, current) if p is not None else None

    return {"contribution": as_dict(out["contribution"]), "nudge": as_dict(out["nudge"]), "phase": ts.phase}


@router.post("/{session_id}/advance", response_model=SessionOut)
def advance(session_id: int, body: AdvanceIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """The facilitator or the team's expert moves the session to its next phase."""
    ctx = flow.context_of(services)
    ts, team = sessions.load(session, me, session_id, ctx)
    flow.advance_by(session, ts, ctx, is_lead=sessions.is_lead(ts, me, team), expected=body.expected_phase)
    session.commit()
    return sessions.view(session, me, ctx, session_id)


@router.post("/{session_id}/products", response_model=TeamProductOut, status_code=201)
def draft_product(session_id: int, body: ProductIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """A team product drafted from the session, crediting who contributed what; the team comments, then sends."""
    product = team_products.draft(session, me, flow.context_of(services), session_id, body.kind)
    return product_out(session, me, product)


@router.post("/{session_id}/personal-plan", response_model=PersonalPlanOut, status_code=201)
def personal_plan(session_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """The case owner's chosen actions as their own action-plan draft (in /api/suggestions; they send it)."""
    s = team_products.personal_plan(session, me, flow.context_of(services), session_id)
    return {"suggestion_id": s.id, "kind": s.kind, "title": s.title, "status": s.status}
