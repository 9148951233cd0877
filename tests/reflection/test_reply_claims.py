"""Exactly one reply per message across workers: a claim in the database, waited on, taken over once it expires
(a worker that died mid-turn), released when a turn fails before replying. "Another worker" is a claim row with
a foreign owner; its expiry moves with the services' clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from companion.core.clock import FixedClock
from companion.models import Message, Person, ReplyClaim
from companion.reflection import chat_turn, reply_claims
from companion.trust import people

MESSAGE = "Bij de overdracht ging informatie verloren en ik zei er niets van."
ELSEWHERE = "other-host:4242:0123456789ab"  # a claim owner on another machine


@pytest.fixture
def world(services, client, anne):
    services.clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    with services.transaction() as session:
        me = people.principal_of(session.scalar(select(Person).where(Person.username == "anne")))
        # what another worker did before it died: the message stored, its answering claimed for a minute
        session.add(Message(conversation_id=conv, role="user", content=MESSAGE, phase="looking_back",
                            client_id="c1"))
        session.add(ReplyClaim(conversation_id=conv, client_id="c1", owner=ELSEWHERE,
                               expires_at=services.clock.now() + timedelta(seconds=60)))
    return services, me, conv


def _retry_in_background(services, me, conv):
    done: dict = {}

    def retry():
        done["turn"] = chat_turn.prepare_turn(services, me, conv, MESSAGE, "c1")
        done["reply"] = done["turn"].run()

    thread = threading.Thread(target=retry, daemon=True)
    thread.start()
    return thread, done


def _count(services, conv, role):
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(Message).where(
            Message.conversation_id == conv, Message.role == role))


def test_a_retry_waits_for_a_live_claim_and_takes_over_once_it_expired(world):
    services, me, conv = world
    thread, done = _retry_in_background(services, me, conv)
    thread.join(0.3)
    assert thread.is_alive() and "turn" not in done  # the claim is live: the other worker may still answer
    services.clock.advance(seconds=61)  # it died: its claim expires
    thread.join(10)
    assert not thread.is_alive() and done["reply"]["role"] == "assistant"
    assert _count(services, conv, "user") == 1 and _count(services, conv, "assistant") == 2  # greeting + reply
    with services.sessions() as session:
        assert session.scalars(select(ReplyClaim)).all() == []  # released with the stored reply


def test_a_reply_stored_by_the_claim_holder_meanwhile_is_replayed_not_answered_again(world):
    services, me, conv = world
    thread, done = _retry_in_background(services, me, conv)
    thread.join(0.2)
    assert thread.is_alive()
    with services.transaction() as session:  # the other worker finishes its turn
        reply = Message(conversation_id=conv, role="assistant", content="Wat gebeurde er precies?",
                        phase="looking_back")
        session.add(reply)
        session.execute(ReplyClaim.__table__.delete())
    thread.join(10)
    assert done["turn"].replay is not None and done["reply"]["id"] == reply.id
    assert _count(services, conv, "assistant") == 2


def test_a_turn_that_fails_before_replying_releases_its_claim(services, client, anne, monkeypatch):
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    with services.sessions() as session:
        me = people.principal_of(session.scalar(select(Person).where(Person.username == "anne")))

    def broken(*args, **kwargs):
        raise RuntimeError("index down")

    monkeypatch.setattr(services.index, "search", broken)
    with pytest.raises(RuntimeError):
        chat_turn.prepare_turn(services, me, conv, MESSAGE, "c2")
    with services.sessions() as session:
        assert session.scalars(select(ReplyClaim)).all() == []  # a retry anywhere may answer at once
    monkeypatch.undo()
    reply = chat_turn.prepare_turn(services, me, conv, MESSAGE, "c2").run()
    assert reply["role"] == "assistant" and _count(services, conv, "user") == 1


def test_a_claim_is_renewed_while_its_turn_still_answers(services, client, anne):
    services.clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    with services.sessions() as session:
        me = people.principal_of(session.scalar(select(Person).where(Person.username == "anne")))
    turn = chat_turn.prepare_turn(services, me, conv, MESSAGE, "c3")  # prepared; its reply not yet stored
    services.clock.advance(seconds=80)  # a long reply: without renewal its claim would expire soon
    assert reply_claims.renew(services) == 1
    with services.sessions() as session:
        claim = session.scalars(select(ReplyClaim)).one()
        assert claim.expires_at.replace(tzinfo=UTC) > services.clock.now() + timedelta(seconds=60)
    turn.run()
    assert reply_claims.renew(services) == 0  # stored: nothing left to hold
