"""Personal API keys: stored hashed, shown once, expiring, revocable, last use recorded, managed only by a login."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from companion.core.clock import FixedClock
from companion.core.errors import Invalid, Unauthorized
from companion.models import ApiKey, ApiKeyEvent, Person
from companion.trust import api_keys, people, principal_for_api_key
from tests.support.app import login

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock(services) -> FixedClock:
    services.clock = FixedClock(NOW)
    return services.clock


def _anne(session):
    return people.principal_of(session.scalar(select(Person).where(Person.username == "anne")))


def _new_key(services, clock, **kw) -> tuple[int, str]:
    with services.transaction() as session:
        key, raw = api_keys.create(session, _anne(session), name=kw.pop("name", "Open WebUI"), clock=clock, **kw)
        return key.id, raw


def test_only_a_hash_of_the_key_is_stored_and_the_list_shows_no_secret(services, org, clock):
    key_id, raw = _new_key(services, clock)
    assert raw.startswith("cmp_") and len(raw) > 40
    with services.sessions() as session:
        row = session.get(ApiKey, key_id)
        stored = [str(v) for v in (row.key_hash, row.prefix, row.name)]
        assert raw not in " ".join(stored) and row.key_hash != raw and raw.startswith(row.prefix)
        (listed,) = api_keys.list_keys(session, _anne(session), clock=clock)
        assert raw not in str(listed) and "key_hash" not in listed
        assert listed["status"] == "active" and listed["expires_at"] == NOW + timedelta(days=90)
        assert [e.action for e in session.scalars(select(ApiKeyEvent))] == ["created"]
    assert principal_for_api_key(services, raw).username == "anne"


def test_a_key_expires_by_the_services_clock(services, org, clock):
    _, raw = _new_key(services, clock, days=1)
    clock.advance(hours=23, minutes=59)
    assert principal_for_api_key(services, raw).username == "anne"
    clock.advance(minutes=1)
    with pytest.raises(Unauthorized) as caught:
        principal_for_api_key(services, raw)
    assert caught.value.code == "api_key_expired"


def test_last_use_is_written_at_most_once_a_minute(services, org, clock):
    key_id, raw = _new_key(services, clock)

    def last_used():
        with services.sessions() as session:
            return api_keys.view(session.get(ApiKey, key_id), clock.now())["last_used_at"]

    assert last_used() is None
    principal_for_api_key(services, raw)
    assert last_used() == NOW
    clock.advance(seconds=40)
    principal_for_api_key(services, raw)
    assert last_used() == NOW  # within the minute: no write
    clock.advance(seconds=20)
    principal_for_api_key(services, raw)
    assert last_used() == NOW + timedelta(minutes=1)


def test_revoked_unknown_and_inactive_keys_are_refused(services, org, clock):
    key_id, raw = _new_key(services, clock)
    for bad in ("cmp_" + "x" * 43, raw[:-1], "cmp_" + "x" * 500, "", "not-a-key"):
        with pytest.raises(Unauthorized) as caught:
            principal_for_api_key(services, bad)
        assert caught.value.code == "api_key_invalid"
    with services.transaction() as session:
        person = session.scalar(select(Person).where(Person.username == "anne"))
        person.active = False
    with pytest.raises(Unauthorized):
        principal_for_api_key(services, raw)
    with services.transaction() as session:
        session.scalar(select(Person).where(Person.username == "anne")).active = True
        api_keys.revoke(session, _anne(session), key_id=key_id, clock=clock)
        api_keys.revoke(session, _anne(session), key_id=key_id, clock=clock)  # twice: still one event
    with pytest.raises(Unauthorized) as caught:
        principal_for_api_key(services, raw)
    assert caught.value.code == "api_key_revoked"
    with services.sessions() as session:
        assert [e.action for e in session.scalars(select(ApiKeyEvent).order_by(ApiKeyEvent.id))] == [
            "created", "revoked"]


def test_names_and_expiry_are_checked(services, org, clock):
    for kw, code in [({"name": "  "}, "api_key_name_invalid"), ({"name": "x" * 101}, "api_key_name_invalid"),
                     ({"days": 0}, "api_key_expiry_invalid"), ({"days": 367}, "api_key_expiry_invalid")]:
        with pytest.raises(Invalid) as caught:
            _new_key(services, clock, **kw)
        assert caught.value.code == code
    _, raw = _new_key(services, clock, days=366)
    assert principal_for_api_key(services, raw).username == "anne"


def test_api_keys_over_http_shown_once_usable_revocable_and_not_self_managing(client, services, org, clock):
    anne, bram = login(client, "anne"), login(client, "bram")
    r = client.post("/api/me/api-keys", headers=anne, json={"name": "Open WebUI", "expires_in_days": 30})
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"
    created = r.json()
    raw = created["key"]
    with_key = {"Authorization": f"Bearer {raw}"}
    me = client.get("/api/me", headers=with_key)
    assert me.status_code == 200 and me.json()["username"] == "anne"
    listed = client.get("/api/me/api-keys", headers=anne).json()
    assert [k["prefix"] for k in listed] == [created["prefix"]] and "key" not in listed[0]
    assert listed[0]["last_used_at"] is not None and listed[0]["status"] == "active"
    # a key cannot manage keys (a leaked key cannot make its own successor), and nobody else sees or revokes mine
    r = client.post("/api/me/api-keys", headers=with_key, json={"name": "more"})
    assert r.status_code == 403 and r.json()["code"] == "api_key_not_allowed"
    assert client.get("/api/me/api-keys", headers=bram).json() == []
    assert client.delete(f"/api/me/api-keys/{created['id']}", headers=bram).status_code == 404
    assert client.delete(f"/api/me/api-keys/{created['id']}", headers=anne).status_code == 204
    r = client.get("/api/me", headers=with_key)
    assert r.status_code == 401 and r.json()["code"] == "api_key_revoked"
    assert client.get("/api/me/api-keys", headers=anne).json()[0]["status"] == "revoked"
    export = client.get("/api/privacy/export", headers=anne).text
    assert "api_keys" in export and raw not in export and "key_hash" not in export
