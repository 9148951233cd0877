"""Admin only: people, teams and knowledge uploads for the admin's own organisation."""

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from companion.api.deps import AdminDep, ServicesDep, SessionDep
from companion.api.routes import knowledge as knowledge_routes
from companion.api.schemas.general import PersonCreate, PersonOut
from companion.api.schemas.knowledge import IngestOut
from companion.models import Person
from companion.trust import people

router = APIRouter(prefix="/admin", tags=["admin"])


def _person_out(p: Person) -> PersonOut:
    return PersonOut(id=p.id, username=p.username, display_name=p.display_name, role=p.role,
                     team=p.team.name if p.team else None, language=p.language, active=p.active)


class PersonActive(BaseModel):
    active: bool


class TeamOut(BaseModel):
    id: int
    name: str
    experts: list[str] = Field(description="who coaches the team (reviews its members' drafts)")
    members: int


@router.post("/people", response_model=PersonOut, status_code=201)
def create_person(body: PersonCreate, me: AdminDep, session: SessionDep) -> PersonOut:
    person = people.add_person(session, me, username=body.username, password=body.password, role=body.role,
                               display_name=body.display_name, team=body.team, new_team=body.new_team,
                               language=body.language)
    session.commit()
    return _person_out(person)


@router.get("/teams", response_model=list[TeamOut])
def list_teams(me: AdminDep, session: SessionDep) -> list[TeamOut]:
    """The organisation's teams with their experts: choose one when adding a person."""
    return [TeamOut(**t) for t in people.list_teams(session, me)]


@router.get("/people", response_model=list[PersonOut])
def list_people(me: AdminDep, session: SessionDep) -> list[PersonOut]:
    rows = session.scalars(select(Person).where(Person.org_id == me.org_id).order_by(Person.username))
    return [_person_out(p) for p in rows]


@router.patch("/people/{person_id}", response_model=PersonOut)
def set_person_active(person_id: int, body: PersonActive, me: AdminDep, session: SessionDep) -> PersonOut:
    """Deactivate (log out everywhere, no login) or reactivate a person of my organisation."""
    person = people.set_active(session, me, person_id, body.active)
    session.commit()
    return _person_out(person)


@router.post("/knowledge", response_model=IngestOut, status_code=201, deprecated=True)
def upload_knowledge(me: AdminDep, services: ServicesDep, session: SessionDep, response: Response,
                     file: knowledge_routes.FileField, tags: knowledge_routes.TagsField = "") -> IngestOut:
    """The same as POST /api/knowledge, kept for older clients."""
    return knowledge_routes.upload(me, services, session, response, file, tags)
