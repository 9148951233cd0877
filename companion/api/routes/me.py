"""GET|PATCH /api/me: who am I, and my language; my password and my model budget."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import Me, MeUpdate, Token
from companion.models import Organisation, Person
from companion.trust import auth, limits, people

router = APIRouter(tags=["me"])


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=400)
    new_password: str = Field(max_length=400)


class Usage(BaseModel):
    tokens_used_today: int
    daily_token_budget: int = Field(description="0: no budget")
    tokens_left_today: int = Field(description="-1 when there is no budget")
    chat_messages_per_minute: int = Field(description="0: no limit")


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


@router.post("/me/password", response_model=Token)
def change_password(body: PasswordChange, me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Token:
    """Change my password: every other session is logged out; the returned token keeps this one going."""
    people.change_password(session, me, body.current_password, body.new_password)
    generation = people.token_generation(session, me.person_id)
    session.commit()
    minutes = services.settings.token_minutes
    token = auth.create_token(me.person_id, services.settings.secret_key.get_secret_value(), minutes, generation)
    return Token(access_token=token, expires_in=minutes * 60)


@router.get("/me/usage", response_model=Usage)
def read_usage(me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Usage:
    """My language-model use today against my daily budget."""
    return Usage(**limits.usage(session, services.settings, me.person_id))
