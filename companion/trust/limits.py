"""Per-person and per-client limits: login throttling, chat rate, daily model tokens, request size.

Counters live in the database (not in process memory) so they hold across API workers and restarts.
Every refusal is a `TooManyRequests` (429 + Retry-After) or a `TooLarge` (413) with a reason in the
caller's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from fastapi import HTTPException
from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from companion.core.config import Settings
from companion.core.error_texts import language_from_header
from companion.core.errors import TooLarge, TooManyRequests
from companion.llm import token_count
from companion.models import Conversation, LoginThrottle, UsageCounter


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _refuse(exc: TooManyRequests, seconds: float) -> TooManyRequests:
    exc.retry_after = max(1, int(seconds + 0.999))
    return exc


# --- logging in -----------------------------------------------------------------------------------------------
def login_keys(username: str, client_ip: str | None) -> list[str]:
    keys = [f"user:{username.strip().lower()[:150]}"]
    if client_ip:
        keys.append(f"ip:{client_ip[:150]}")
    return keys


def check_login(session: Session, keys: Iterable[str]) -> None:
    """Refuse a login attempt while its username or its client address is locked out."""
    now = datetime.now(UTC)
    for key in keys:
        row = session.get(LoginThrottle, key)
        locked_until = _aware(row.locked_until) if row else None
        if locked_until is not None and locked_until > now:
            seconds = (locked_until - now).total_seconds()
            minutes = max(1, round(seconds / 60))
            locked = (TooManyRequests("login_locked_one_minute") if minutes == 1  # one minute, not "1 minuten"
                      else TooManyRequests("login_locked", minutes=minutes))
            raise _refuse(locked, seconds)


def login_failed(session: Session, settings: Settings, keys: list[str]) -> None:
    """Count a failure; after too many within the window the key is locked for the lockout time."""
    now = datetime.now(UTC)
    window = timedelta(minutes=settings.login_lockout_minutes)
    # forget stale counters (the table would otherwise keep every address that ever mistyped)
    stale = now - max(window, timedelta(days=1))
    session.execute(delete(LoginThrottle).where(
        LoginThrottle.window_start < stale,
        LoginThrottle.locked_until.is_(None) | (LoginThrottle.locked_until < now)))
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for key in keys:
        limit = settings.login_max_failures if key.startswith("user:") else settings.login_max_failures_per_ip
        # one statement per key, so failures on several workers at once are all counted (no read-modify-write)
        stmt = dialect.insert(LoginThrottle).values(key=key, failures=1, window_start=now, locked_until=None)
        expired = LoginThrottle.window_start < now - window
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
            "failures": case((expired, 1), else_=LoginThrottle.failures + 1),
            "window_start": case((expired, now), else_=LoginThrottle.window_start),
            "locked_until": case((expired, None), else_=LoginThrottle.locked_until)})
        failures = session.execute(stmt.returning(LoginThrottle.failures)).scalar_one()
        if limit > 0 and failures >= limit:
            session.execute(update(LoginThrottle).where(LoginThrottle.key == key).values(locked_until=now + window))
    session.flush()


def login_succeeded(session: Session, username: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == login_keys(username, None)[0]))


# --- chat rate and model tokens -------------------------------------------------------------------------------
def _add(session: Session, person_id: int, kind: str, window: str, amount: int) -> int:
    """Atomically add to a counter and return its new value (one statement: safe across workers)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(UsageCounter).values(person_id=person_id, kind=kind, window=window, amount=amount)
    stmt = stmt.on_conflict_do_update(index_elements=["person_id", "kind", "window"],
                                      set_={"amount": UsageCounter.amount + amount})
    return session.execute(stmt.returning(UsageCounter.amount)).scalar_one()


def _used(session: Session, person_id: int, kind: str, window: str) -> int:
    row = session.get(UsageCounter, (person_id, kind, window))
    return row.amount if row else 0


def _seconds_to(end: datetime, now: datetime) -> float:
    return (end - now).total_seconds()


def check_chat(session: Session, settings: Settings, person_id: int, *, now: datetime | None = None) -> None:
    """Count one chat message; refuse it over the per-minute rate or once today's token budget is spent.

    `now` comes from the services' clock, so a window never splits because a slow turn crossed a minute."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    budget = settings.daily_token_budget
    if budget > 0 and _used(session, person_id, "tokens", now.date().isoformat()) >= budget:
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
        raise _refuse(TooManyRequests("token_budget_spent", budget=budget), _seconds_to(midnight, now))
    per_minute = settings.chat_messages_per_minute
    if per_minute > 0:
        minute = now.replace(second=0, microsecond=0)
        if _add(session, person_id, "chat", minute.strftime("%Y-%m-%dT%H:%M"), 1) > per_minute:
            session.commit()  # the refused attempt still counts: hammering does not reset the window
            raise _refuse(TooManyRequests("chat_rate", per_minute=per_minute),
                          _seconds_to(minute + timedelta(minutes=1), now))


def record_model_use(session: Session, conversation_id: int, prompt: list | None, reply: str, *,
                     now: datetime | None = None) -> int:
    """Add a model turn's tokens (prompt + reply) to the owner's daily count; offline turns cost nothing.

    `now` comes from the services' clock, the same one `check_chat` reads."""
    if prompt is None:
        return 0
    owner_id = session.scalar(select(Conversation.owner_id).where(Conversation.id == conversation_id))
    if owner_id is None:
        return 0
    used = sum(token_count.count(str(m.content)) for m in prompt) + token_count.count(reply)
    today = (now or datetime.now(UTC)).astimezone(UTC).date().isoformat()
    # yesterday's counters are no longer needed ("2026-11-26…" sorts before "2026-11-27")
    session.execute(delete(UsageCounter).where(UsageCounter.person_id == owner_id, UsageCounter.window < today))
    _add(session, owner_id, "tokens", today, used)
    return used


def usage(session: Session, settings: Settings, person_id: int) -> dict[str, int]:
    """Today's model tokens used and left (left is -1 when there is no budget)."""
    used = _used(session, person_id, "tokens", datetime.now(UTC).date().isoformat())
    budget = settings.daily_token_budget
    return {"tokens_used_today": used, "daily_token_budget": budget,
            "tokens_left_today": max(0, budget - used) if budget > 0 else -1,
            "chat_messages_per_minute": settings.chat_messages_per_minute}


# --- request size ---------------------------------------------------------------------------------------------
class BodyTooLarge(HTTPException):
    """Raised while a request body streams in; an HTTPException so FastAPI's body parsing passes it on, carrying
    the domain error so the API answers it with a code like any other refusal."""

    def __init__(self, error: TooLarge):
        super().__init__(413, detail=error.message)
        self.error = error


MULTIPART_OVERHEAD = 100_000  # the form's boundaries and other fields around an uploaded file


class RequestSizeLimit:
    """ASGI middleware: refuse request bodies over `max_request_bytes` with 413, before they are read."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        services = getattr(scope["app"].state, "services", None)
        limit = services.settings.max_request_bytes if services is not None else 0
        if limit <= 0:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-type", b"").startswith(b"multipart/form-data"):  # a file upload has its own limit
            limit = max(limit, services.settings.max_upload_bytes + MULTIPART_OVERHEAD)
        language = language_from_header(headers.get(b"accept-language", b"").decode("latin-1"))
        error = TooLarge("request_too_large", max_mb=f"{limit / 1_000_000:g}")
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            return await _send_json(send, 413, {"detail": error.text(language), "code": error.code}, language)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(error)
            return message

        return await self.app(scope, limited_receive, send)


async def _send_json(send, status: int, body: dict, language: str) -> None:
    import json

    payload = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            (b"content-language", language.encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})
