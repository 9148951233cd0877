"""Work situations of the caller."""

from fastapi import APIRouter, Response

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import SituationIn, SituationOut, SituationPatch
from companion.reflection import portfolio

router = APIRouter(prefix="/situations", tags=["situations"])


@router.post("", response_model=SituationOut, status_code=201)
def create_situation(body: SituationIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return portfolio.create_situation(session, services.index, me, body.model_dump())


@router.get("", response_model=list[SituationOut])
def list_situations(me: PrincipalDep, session: SessionDep):
    return portfolio.list_situations(session, me)


@router.get("/{situation_id}", response_model=SituationOut)
def read_situation(situation_id: int, me: PrincipalDep, session: SessionDep):
    return portfolio.get_situation(session, me, situation_id)


@router.patch("/{situation_id}", response_model=SituationOut)
def update_situation(situation_id: int, body: SituationPatch, me: PrincipalDep, services: ServicesDep,
                     session: SessionDep):
    return portfolio.update_situation(session, services.index, me, situation_id, body.model_dump(exclude_unset=True))


@router.delete("/{situation_id}", status_code=204)
def delete_situation(situation_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    portfolio.delete_situation(session, services.index, me, situation_id)
    return Response(status_code=204)
