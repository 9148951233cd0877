"""Passwords (argon2id) and signed access tokens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from pwdlib import PasswordHash

from companion.core.errors import Unauthorized

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
