"""Request dependencies as named types: services, a session, and the authenticated principal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from companion.core.errors import Forbidden, Unauthorized
from companion.core.principal import Principal
from companion.services import Services
from companion.trust import api_keys, auth, people

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


def get_principal(request: Request, services: ServicesDep,
                  token: Annotated[str | None, Depends(oauth2)]) -> Principal:
    """The caller, checked on every request: active, token not logged out, not from before 'log out everywhere'.

    A personal API key (`Bearer cmp_...`) is accepted too: it acts as its owner, with the same scope and limits;
    `request.state.api_key` then says so, for the few routes a key may not use (managing keys)."""
    request.state.api_key = api_keys.looks_like_key(token)
    if request.state.api_key:
        return api_keys.principal_for_api_key(services, token)
    claims = get_claims(services, token)
    with services.sessions() as session:
        return people.load_principal(session, claims.person_id, claims)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_login_principal(request: Request, me: PrincipalDep) -> Principal:
    """The caller signed in with a login token, not an API key (a leaked key cannot mint its successors)."""
    if getattr(request.state, "api_key", False):
        raise Forbidden("api_key_not_allowed")
    return me


LoginPrincipalDep = Annotated[Principal, Depends(get_login_principal)]


def get_admin(me: PrincipalDep) -> Principal:
    me.require_role("admin")
    return me


AdminDep = Annotated[Principal, Depends(get_admin)]
