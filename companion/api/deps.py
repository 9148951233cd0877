"""Request dependencies as named types: services, a session, and the authenticated principal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from companion.core.errors import Unauthorized
from companion.core.principal import Principal
from companion.services import Services
from companion.trust import auth, people

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_session(services: ServicesDep) -> Iterator[Session]:
    session = services.sessions()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def get_claims(services: ServicesDep, token: Annotated[str | None, Depends(oauth2)]) -> auth.TokenClaims:
    if not token:
        raise Unauthorized("not_authenticated")
    return auth.read_claims(token, services.settings.secret_key.get_secret_value())


ClaimsDep = Annotated[auth.TokenClaims, Depends(get_claims)]


def get_principal(services: ServicesDep, claims: ClaimsDep) -> Principal:
    """The caller, checked on every request: active, token not logged out, not from before 'log out everywhere'."""
    with services.sessions() as session:
        return people.load_principal(session, claims.person_id, claims)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_admin(me: PrincipalDep) -> Principal:
    me.require_role("admin")
    return me


AdminDep = Annotated[Principal, Depends(get_admin)]
