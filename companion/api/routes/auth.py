"""Logging in (OAuth2 password form, throttled) and out (this token, or every session)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from companion.api.deps import ClaimsDep, PrincipalDep, ServicesDep
from companion.api.schemas.general import Token
from companion.core.errors import Unauthorized
from companion.trust import auth, limits, people

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=Token,
             responses={429: {"description": "too many failed attempts; see Retry-After"}})
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request,
          services: ServicesDep) -> Token:
    """Log in; after repeated failures for a username or from one address, 429 with Retry-After."""
    keys = limits.login_keys(form.username, request.client.host if request.client else None)
    with services.transaction() as session:
        limits.check_login(session, keys)
        try:
            person = people.authenticate(session, form.username, form.password)
        except Unauthorized:
            limits.login_failed(session, services.settings, keys)
            session.commit()  # the failure counts even though this request fails
            raise
        limits.login_succeeded(session, form.username)
        generation = people.token_generation(session, person.id)
    minutes = services.settings.token_minutes
    token = auth.create_token(person.id, services.settings.secret_key.get_secret_value(), minutes, generation)
    return Token(access_token=token, expires_in=minutes * 60)


@router.post("/auth/logout", status_code=204)
def logout(claims: ClaimsDep, me: PrincipalDep, services: ServicesDep) -> Response:
    """Log out this token: it stops working at once."""
    with services.transaction() as session:
        people.revoke_token(session, claims)
    return Response(status_code=204)


@router.post("/auth/logout-all", status_code=204)
def logout_everywhere(me: PrincipalDep, services: ServicesDep) -> Response:
    """Log out every session of mine, on every device (this one too)."""
    with services.transaction() as session:
        people.revoke_all_tokens(session, me.person_id)
    return Response(status_code=204)
