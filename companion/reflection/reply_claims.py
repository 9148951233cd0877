"""Exactly one reply per message sent with a client id, across API workers: a claim row in the database.

The request that stores the message claims its answering in the same transaction (owner, expires_at). A retry
that finds the message without a reply waits while the claim is live (the original is still answering, on this
worker or another), then replays the stored reply; once the claim expired (its worker died mid-turn) or was
released (the turn failed before replying), the retry takes the claim over and answers itself. Expiry is read
from the services' clock, so tests move it instead of sleeping.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete, or_, update
from sqlalchemy.exc import IntegrityError

from companion.models import ReplyClaim
from companion.services import Services

T = TypeVar("T")
log = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()[:40]}:{os.getpid()}"
POLL = 0.05  # seconds between looks at the database while another worker answers
# (conversation id, client id) → the event of the turn of THIS worker that holds the claim, set once its reply
# is stored; held by the turn, so the entry goes away with it. A claim of this worker without a live entry was
# abandoned (its request went away before answering): a retry takes it over at once instead of at expiry.
_local: weakref.WeakValueDictionary[tuple[int, str], threading.Event] = weakref.WeakValueDictionary()
_guard = threading.Lock()
# owner → the event of its turn: while the turn lives and has not stored its reply, the claim is renewed, so a
# reply streaming for longer than the claim's length is never taken over (only a dead worker's claims expire)
_held: weakref.WeakValueDictionary[str, threading.Event] = weakref.WeakValueDictionary()
_renewer: threading.Thread | None = None
_starting = threading.Lock()  # not _guard: stake() runs while its transaction may hold the write lock


def new_owner() -> str:
    """A claim owner: this worker and one turn (a retry on the same worker is another owner)."""
    return f"{WORKER}:{uuid.uuid4().hex[:12]}"


def claim_seconds(services: Services) -> float:
    settings = services.settings
    return settings.reply_claim_seconds if settings.reply_claim_seconds is not None else settings.llm_timeout + 30


def _now(services: Services) -> datetime:
    now = services.clock.now()
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def stake(session, services: Services, conversation_id: int, client_id: str, owner: str,
          answered: threading.Event | None = None) -> None:
    """Claim a new message's answering, in the transaction that stores the message."""
    if answered is not None:  # registered before the commit makes the claim visible (no lock: it may hold the
        _local[(conversation_id, client_id)] = answered  # database's write lock, which a retry under _guard awaits)
        _hold(services, owner, answered)
    session.add(ReplyClaim(conversation_id=conversation_id, client_id=client_id, owner=owner,
                           expires_at=_now(services) + timedelta(seconds=claim_seconds(services))))


def _take(services: Services, conversation_id: int, client_id: str, owner: str, force: bool,
          orphaned_here: bool) -> bool:
    """Take the claim if nobody holds a live one (an expired, released, abandoned or missing claim)."""
    now = _now(services)
    expires = now + timedelta(seconds=claim_seconds(services))
    with services.transaction() as session:
        stmt = update(ReplyClaim).where(ReplyClaim.conversation_id == conversation_id,
                                        ReplyClaim.client_id == client_id)
        if orphaned_here:
            stmt = stmt.where(or_(ReplyClaim.expires_at < now, ReplyClaim.owner.startswith(f"{WORKER}:")))
        elif not force:
            stmt = stmt.where(ReplyClaim.expires_at < now)
        if session.execute(stmt.values(owner=owner, expires_at=expires)).rowcount:
            return True
    try:  # no row at all: released after a failure, or a message stored before claims existed
        with services.transaction() as session:
            stake(session, services, conversation_id, client_id, owner)
        return True
    except IntegrityError:  # another retry staked it first, or a live claim exists
        return False


def release(services: Services, conversation_id: int, client_id: str, owner: str, session=None) -> None:
    """Give the claim up (the reply is stored, or the turn failed before replying); only its owner can."""
    stmt = delete(ReplyClaim).where(ReplyClaim.conversation_id == conversation_id,
                                    ReplyClaim.client_id == client_id, ReplyClaim.owner == owner)
    if session is not None:
        session.execute(stmt)
        return
    with services.transaction() as own:
        own.execute(stmt)


def await_or_claim(services: Services, conversation_id: int, client_id: str, owner: str,
                   find_reply: Callable[[], T | None], answered: threading.Event) -> T | None:
    """The reply another request stored for this message, or None once `owner` holds the claim and must answer.

    `find_reply` looks in a fresh snapshot; `answered` is this request's event, registered when it takes the
    claim. A holder on this worker wakes the wait when it stores its reply; one elsewhere is polled. However
    the clock is set, the wait ends after the claim's length in real time: the holder is presumed dead then.
    """
    key = (conversation_id, client_id)
    deadline = time.monotonic() + claim_seconds(services) + 5
    while True:
        reply = find_reply()
        if reply is not None:
            return reply
        late = time.monotonic() > deadline
        with _guard:  # the look at this worker's live turns and the take are one step for this worker's retries
            holder = _local.get(key)
            taken = _take(services, conversation_id, client_id, owner, force=late, orphaned_here=holder is None)
            if taken:
                _local[key] = answered
                _hold(services, owner, answered)
        if taken:
            reply = find_reply()  # stored between the look and the take: replay it, answer nothing
            if reply is not None:
                release(services, conversation_id, client_id, owner)
            return reply
        if late:  # not even a forced take: the conversation is gone; answering finds that out
            return None
        if holder is not None:
            holder.wait(POLL)
        else:
            time.sleep(POLL)


def renew(services: Services) -> int:
    """Move the expiry of this worker's claims forward while their turns are still answering; how many."""
    owners = [owner for owner, answered in list(_held.items()) if not answered.is_set()]
    if not owners:
        return 0
    expires = _now(services) + timedelta(seconds=claim_seconds(services))
    with services.transaction() as session:
        return session.execute(update(ReplyClaim).where(ReplyClaim.owner.in_(owners))
                               .values(expires_at=expires)).rowcount


def _hold(services: Services, owner: str, answered: threading.Event) -> None:
    """Keep this claim alive while its turn answers (one renewing thread per worker, gone when idle)."""
    global _renewer
    _held[owner] = answered
    with _starting:
        if _renewer is None or not _renewer.is_alive():
            _renewer = threading.Thread(target=_keep_renewing, args=(weakref.ref(services),), daemon=True,
                                        name="reply-claims")
            _renewer.start()


def _keep_renewing(services_ref) -> None:
    while True:
        services = services_ref()
        if services is None:
            return
        interval = claim_seconds(services) / 3
        del services
        time.sleep(interval)  # a real-time rhythm: the claims' expiry itself is on the services' clock
        services = services_ref()
        if services is None or not any(not e.is_set() for e in list(_held.values())):
            return  # idle: the next claim starts a new thread
        try:
            renew(services)
        except Exception:  # the database is away for a moment: the claims still hold until they expire
            log.warning("renewing reply claims failed", exc_info=True)
