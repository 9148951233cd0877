"""POST /api/auth/token: log in with the OAuth2 password form."""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from ... import auth, people
from ...schemas import Token
from ..deps import ServicesDep, SessionDep

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=Token)
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], services: ServicesDep,
          session: SessionDep) -> Token:
    person = people.authenticate(session, form.username, form.password)
    minutes = services.settings.token_minutes
    token = auth.create_token(person.id, services.settings.secret_key.get_secret_value(), minutes)
    return Token(access_token=token, expires_in=minutes * 60)
