"""Learning agreements between a professional and their organisation, versioned."""

from fastapi import APIRouter

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.rhythm import (
    AgreementCreate,
    AgreementFields,
    AgreementOut,
    AgreementVersionOut,
    ConsentIn,
    PersonRef,
)
from companion.rhythm import agreements

router = APIRouter(prefix="/agreements", tags=["agreements"])


@router.get("", response_model=list[AgreementOut])
def list_agreements(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Own agreement; an expert's coachees; all of an admin's organisation."""
    return [agreements.view(session, me, services.clock, a) for a in agreements.list_visible(session, me)]


@router.post("", response_model=AgreementOut, status_code=201)
def create_agreement(body: AgreementCreate, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    a = agreements.create(session, me, services.clock, body.model_dump(exclude={"person_id"}), body.person_id)
    return agreements.view(session, me, services.clock, a)


@router.get("/candidates", response_model=list[PersonRef])
def agreement_candidates(me: PrincipalDep, session: SessionDep):
    """Professionals you may start an agreement with on behalf of the organisation (none have one yet)."""
    return [{"id": p.id, "display_name": p.display_name} for p in agreements.candidates(session, me)]


@router.get("/mine", response_model=AgreementOut)
def my_agreement(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return agreements.view(session, me, services.clock, agreements.get_mine(session, me))


@router.get("/{agreement_id}", response_model=AgreementOut)
def read_agreement(agreement_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return agreements.view(session, me, services.clock, agreements.get(session, me, agreement_id))


@router.get("/{agreement_id}/versions", response_model=list[AgreementVersionOut])
def agreement_versions(agreement_id: int, me: PrincipalDep, session: SessionDep):
    """Every version, newest first: the history both sides can see."""
    a = agreements.get(session, me, agreement_id)
    return [agreements.version_view(session, v) for v in reversed(a.versions)]


@router.post("/{agreement_id}/versions", response_model=AgreementOut, status_code=201)
def revise_agreement(agreement_id: int, body: AgreementFields, me: PrincipalDep, services: ServicesDep,
                     session: SessionDep):
    """Change the agreement: a new version, and both sides must agree again."""
    a = agreements.revise(session, me, services.clock, agreement_id, body.model_dump(exclude_unset=True))
    return agreements.view(session, me, services.clock, a)


@router.post("/{agreement_id}/consent", response_model=AgreementOut)
def consent(agreement_id: int, body: ConsentIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Agree to the current version for your side (professional, or the organisation: admin or expert)."""
    a = agreements.consent(session, me, services.clock, agreement_id, body.version)
    return agreements.view(session, me, services.clock, a)
