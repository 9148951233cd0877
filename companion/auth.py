"""Passwords, access tokens, the authenticated principal and the retrieval scope."""

from __future__ import annotations

import uuid
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


def create_token(person_id: int, secret: str, minutes: int, generation: int = 0) -> str:
    """A signed token; `jti` names it (to log it out), `gen` ties it to the person's token generation."""
    now = datetime.now(UTC)
    claims = {"sub": str(person_id), "iat": now, "exp": now + timedelta(minutes=minutes),
              "jti": uuid.uuid4().hex, "gen": generation}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


@dataclass(frozen=True)
class TokenClaims:
    person_id: int
    jti: str | None
    generation: int
    expires_at: datetime


def read_claims(token: str, secret: str) -> TokenClaims:
    """The claims of a valid token; Unauthorized for a bad or expired one."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        generation = claims.get("gen", 0)
        if not isinstance(generation, int) or isinstance(generation, bool):
            raise ValueError("gen must be an int")
        return TokenClaims(person_id=int(claims["sub"]), jti=str(claims["jti"]) if claims.get("jti") else None,
                           generation=generation, expires_at=datetime.fromtimestamp(claims["exp"], UTC))
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("token_expired") from exc
    except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError) as exc:
        raise Unauthorized("token_invalid") from exc


def read_token(token: str, secret: str) -> int:
    """The person id in a valid token; Unauthorized for a bad or expired one."""
    return read_claims(token, secret).person_id


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
        """Own items, org-wide knowledge, their team's knowledge; an admin curates, so sees every team's."""
        teams = frozenset({self.team_id}) if self.team_id is not None else frozenset()
        return Scope(person_id=self.person_id, org_id=self.org_id, team_ids=teams, all_teams=self.is_admin)


@dataclass(frozen=True)
class Scope:
    """What a read may see: one person's own items, their organisation's org-wide knowledge, and the knowledge
    assigned to `team_ids` (or to any team when `all_teams`, for admins who curate it)."""

    person_id: int
    org_id: int
    team_ids: frozenset[int] = frozenset()
    all_teams: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.person_id, int) or not isinstance(self.org_id, int):
            raise TypeError("Scope needs an int person_id and org_id")
        if not isinstance(self.team_ids, frozenset) or not all(isinstance(t, int) for t in self.team_ids):
            raise TypeError("Scope needs team_ids as a frozenset of ints")
