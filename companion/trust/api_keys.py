"""Personal API keys: what an OpenAI-compatible chat client or an MCP client signs in with, on the person's behalf.

A key is made by its owner in *Mijn gegevens*, shown once, and from then on known only by its hash, a short
prefix and its name. It expires (90 days unless chosen otherwise, a year at most), can be revoked at any time,
and stops working when the person is deactivated or erased. A key acts as its owner with the owner's scope and
limits, like a login; it cannot manage keys itself, so a leaked key cannot make itself a successor.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.core.clock import Clock
from companion.core.errors import Conflict, Invalid, NotFound, Unauthorized
from companion.core.principal import Principal
from companion.models import ApiKey, ApiKeyEvent, Person
from companion.trust import people

log = logging.getLogger(__name__)

KEY_MARK = "cmp_"  # recognisable in a config file or a leaked-secret scanner, and tells a key from a JWT
PREFIX_CHARS = 12  # "cmp_" and 8 random characters: enough to tell one's keys apart, far too few to guess the rest
DEFAULT_DAYS = 90
MAX_DAYS = 366  # "a year" includes a leap year
MAX_NAME = 100
MAX_ACTIVE_KEYS = 20
MAX_KEY_CHARS = 200  # anything longer is not one of ours; refused before hashing
LAST_USE_STEP = timedelta(minutes=1)  # last use is written at most once a minute: no write per request


def _hash(raw_key: str) -> str:
    # A plain SHA-256 suffices (and is what GitHub and Stripe do for tokens): the key holds 256 random bits, so a
    # leaked hash can be neither reversed nor brute-forced, unlike a password. A slow hash (argon2) would add tens
    # of milliseconds to every API request for no gain; an HMAC with the server secret would make a routine secret
    # rotation silently break every integration. The lookup by hash is an indexed equality on a value the caller
    # cannot steer, so it leaks nothing through timing.
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def looks_like_key(token: str | None) -> bool:
    """Whether a bearer token is meant as an API key (rather than a login token)."""
    return bool(token) and token.startswith(KEY_MARK)


def status(key: ApiKey, now: datetime) -> str:
    if key.revoked_at is not None:
        return "revoked"
    return "expired" if _aware(key.expires_at) <= now else "active"


def view(key: ApiKey, now: datetime) -> dict[str, Any]:
    """What the owner sees of a key: never the key, nor its hash."""
    return {"id": key.id, "name": key.name, "prefix": key.prefix, "created_at": _aware(key.created_at),
            "expires_at": _aware(key.expires_at), "last_used_at": _aware(key.last_used_at),
            "revoked_at": _aware(key.revoked_at), "status": status(key, now)}


def _record(session: Session, key: ApiKey, action: str, at: datetime, client: str | None) -> None:
    session.add(ApiKeyEvent(key_id=key.id, action=action, at=at, detail={"client": client} if client else {}))
    log.info("api key %s of person %s %s", key.prefix, key.person_id, action)


def create(session: Session, me: Principal, *, name: str, clock: Clock, days: int = DEFAULT_DAYS,
           client: str | None = None) -> tuple[ApiKey, str]:
    """A new key for the caller: the row and the raw key, which is returned here once and never again."""
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise Invalid("api_key_name_invalid", max_chars=MAX_NAME)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise Invalid("api_key_expiry_invalid", max_days=MAX_DAYS)
    now = clock.now()
    active = session.scalar(select(func.count()).select_from(ApiKey).where(
        ApiKey.person_id == me.person_id, ApiKey.revoked_at.is_(None), ApiKey.expires_at > now))
    if active >= MAX_ACTIVE_KEYS:
        raise Conflict("api_key_limit", max_keys=MAX_ACTIVE_KEYS)
    raw = KEY_MARK + secrets.token_urlsafe(32)
    key = ApiKey(person_id=me.person_id, name=name, prefix=raw[:PREFIX_CHARS], key_hash=_hash(raw),
                 created_at=now, expires_at=now + timedelta(days=days))
    session.add(key)
    session.flush()
    _record(session, key, "created", now, client)
    session.flush()
    return key, raw


def list_keys(session: Session, me: Principal, *, clock: Clock) -> list[dict[str, Any]]:
    """The caller's keys, newest first, active and ended alike, without any secret."""
    now = clock.now()
    keys = session.scalars(select(ApiKey).where(ApiKey.person_id == me.person_id)
                           .order_by(ApiKey.created_at.desc(), ApiKey.id.desc()))
    return [view(k, now) for k in keys]


def revoke(session: Session, me: Principal, *, key_id: int, clock: Clock, client: str | None = None) -> ApiKey:
    """Revoke one of the caller's keys at once; revoking it again changes nothing. Someone else's key is 404."""
    key = session.get(ApiKey, key_id) if isinstance(key_id, int) and 0 < key_id < 2**63 else None
    if key is None or key.person_id != me.person_id:
        raise NotFound("api_key_not_found")
    if key.revoked_at is None:
        now = clock.now()
        key.revoked_at = now
        _record(session, key, "revoked", now, client)
        session.flush()
    return key


def principal_for_api_key(services, raw_key: str) -> Principal:
    """The person a key acts for; Unauthorized for an unknown, revoked or expired key or an inactive person.

    Records the key's last use (at most once a minute, by `services.clock`), in its own transaction."""
    if not looks_like_key(raw_key) or len(raw_key) > MAX_KEY_CHARS:
        raise Unauthorized("api_key_invalid")
    now = services.clock.now()
    with services.transaction() as session:
        key = session.scalar(select(ApiKey).where(ApiKey.key_hash == _hash(raw_key)))
        if key is None:
            raise Unauthorized("api_key_invalid")
        if key.revoked_at is not None:
            raise Unauthorized("api_key_revoked")
        if _aware(key.expires_at) <= now:
            raise Unauthorized("api_key_expired")
        person = session.get(Person, key.person_id)
        if person is None or not person.active:
            raise Unauthorized("api_key_invalid")
        last = _aware(key.last_used_at)
        if last is None or now - last >= LAST_USE_STEP or now < last:
            key.last_used_at = now
        return people.principal_of(person)
