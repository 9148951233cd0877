"""Passwords, access tokens, the authenticated principal and the retrieval scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from pwdlib import PasswordHash

from .errors import Forbidden, Unauthorized

_hasher = PasswordHash.recommended()  # argon2id with current parameters
_DUMMY_HASH = _hasher.hash("timing-equaliser")
ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; hashes a dummy when there is no user so timing reveals nothing."""
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, password_hash)


def create_token(person_id: int, secret: str, minutes: int) -> str:
    now = datetime.now(UTC)
    claims = {"sub": str(person_id), "iat": now, "exp": now + timedelta(minutes=minutes)}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, secret: str) -> int:
    """The person id in a valid token; Unauthorized for a bad or expired one."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        return int(claims["sub"])
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("token_expired") from exc
    except (jwt.InvalidTokenError, ValueError) as exc:
        raise Unauthorized("token_invalid") from exc


@dataclass(frozen=True)
class Principal:
    """Who is calling: the only input authorisation decisions are made from."""

    person_id: int
    org_id: int
    team_id: int | None
    role: str
    username: str
    display_name: str
    language: str = "nl"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            raise Forbidden("role_required", roles=" / ".join(roles))

    def scope(self) -> Scope:
        return Scope(person_id=self.person_id, org_id=self.org_id)


@dataclass(frozen=True)
class Scope:
    """What a read may see: one person's own items plus their organisation's shared knowledge."""

    person_id: int
    org_id: int

    def __post_init__(self) -> None:
        if not isinstance(self.person_id, int) or not isinstance(self.org_id, int):
            raise TypeError("Scope needs an int person_id and org_id")
