"""GET|PATCH /api/me: who am I, and my language."""

from fastapi import APIRouter

from ...models import Organisation, Person
from ...schemas import Me, MeUpdate
from ..deps import PrincipalDep, ServicesDep, SessionDep

router = APIRouter(tags=["me"])


def _me(session, services, person_id: int) -> Me:
    person = session.get(Person, person_id)
    org = session.get(Organisation, person.org_id)
    return Me(id=person.id, username=person.username, display_name=person.display_name, role=person.role,
              org_id=person.org_id, organisation=org.name, team=person.team.name if person.team else None,
              language=person.language, mode=services.mode,
              max_message_chars=services.settings.max_message_chars,
              max_upload_bytes=services.settings.max_upload_bytes)


@router.get("/me", response_model=Me)
def read_me(me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Me:
    return _me(session, services, me.person_id)


@router.patch("/me", response_model=Me)
def update_me(body: MeUpdate, me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Me:
    person = session.get(Person, me.person_id)
    person.language = body.language
    session.commit()
    return _me(session, services, me.person_id)
