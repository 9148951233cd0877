"""The admin's LRS setting and dead letters, and each person's choice, over the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core import events
from companion.models import XapiSettings
from tests.support.app import login
from tests.support.fake_lrs import FakeLRS
from tests.support.xapi_world import build_world, clear_outbox, outbox, principal

SECRET = "s3cr3t-never-shown"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    services = build_world(tmp_path_factory.mktemp("xapi-api"), max_attempts=1)
    with FakeLRS(key="org-key-1234", secret=SECRET) as lrs, TestClient(create_app(services)) as client:
        yield services, client, lrs
    services.engine.dispose()


@pytest.fixture(scope="module")
def admin(world):
    return login(world[1], "admin")


@pytest.fixture(scope="module")
def anne(world):
    return login(world[1], "anne")


def test_the_secret_is_stored_encrypted_and_never_returned(world, admin):
    services, client, lrs = world
    r = client.put("/api/admin/xapi", headers=admin, json={"enabled": True, "endpoint": lrs.url + "/",
                                                          "base_url": "https://zorg-x.example", "key": "org-key-1234",
                                                          "secret": SECRET})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == {"enabled": True, "endpoint": lrs.url, "base_url": "https://zorg-x.example", "key_hint": "…1234",
                    "secret_set": True, "counts": {"pending": 0, "sent": 0, "dead": 0}}
    assert SECRET not in client.get("/api/admin/xapi", headers=admin).text
    with services.sessions() as session:
        stored = session.get(XapiSettings, principal(services, "admin").org_id).secret
    assert stored and SECRET not in stored
    r = client.put("/api/admin/xapi", headers=admin, json={"base_url": "https://zorg-x.example/"})  # secret kept
    assert r.json()["secret_set"] is True


def test_settings_are_checked(world, admin):
    client = world[1]
    r = client.put("/api/admin/xapi", headers={**admin, "Accept-Language": "nl"},
                   json={"endpoint": "https://user:pw@lrs.example.org"})
    assert r.status_code == 422 and r.json()["code"] == "xapi_url_invalid" and "webadres" in r.json()["detail"]
    r = client.put("/api/admin/xapi", headers=admin, json={"enabled": True, "secret": ""})
    assert r.status_code == 422 and r.json()["code"] == "xapi_incomplete"


def test_a_person_opts_in_and_chooses_a_pseudonym_by_default(world, anne):
    client = world[1]
    mine = client.get("/api/me/xapi", headers=anne).json()
    assert mine["share"] is False and mine["named"] is False
    r = client.patch("/api/me/xapi", headers=anne, json={"share": True})
    assert r.status_code == 200 and r.json()["share"] is True and r.json()["named"] is False
    pseudonym = r.json()["pseudonym"]
    assert pseudonym and "anne" not in pseudonym
    assert client.patch("/api/me/xapi", headers=anne, json={"named": True}).json()["pseudonym"] == pseudonym  # stable
    r = client.patch("/api/me/xapi", headers=anne, json={"email": "geen adres"})
    assert r.status_code == 422 and r.json()["code"] == "xapi_email_invalid"
    client.patch("/api/me/xapi", headers=anne, json={"named": False})


def test_dead_letters_are_listed_and_sent_again(world, admin, anne):
    services, client, lrs = world
    clear_outbox(services)
    client.put("/api/admin/xapi", headers=admin, json={"enabled": True, "endpoint": lrs.url, "key": "org-key-1234",
                                                      "secret": SECRET, "base_url": "https://zorg-x.example"})
    client.patch("/api/me/xapi", headers=anne, json={"share": True})
    me = principal(services, "anne")
    with services.transaction() as session:
        events.emit(session, events.SITUATION_CAPTURED, person_id=me.person_id, subject="situation:41")
    [row] = outbox(services)
    lrs.poison = {row.statement_id}
    assert client.post("/api/admin/xapi/send", headers=admin).json()["dead"] == 1
    dead = client.get("/api/admin/xapi/outbox", headers=admin, params={"status": "dead"}).json()
    assert [d["id"] for d in dead] == [row.id] and "HTTP 400" in dead[0]["last_error"]
    assert client.get("/api/admin/xapi", headers=admin).json()["counts"]["dead"] == 1
    lrs.poison = set()
    r = client.post(f"/api/admin/xapi/outbox/{row.id}/retry", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "pending" and r.json()["attempts"] == 0
    assert client.post(f"/api/admin/xapi/outbox/{row.id}/retry", headers=admin).json()["code"] == "xapi_not_dead"
    assert client.post("/api/admin/xapi/send", headers=admin).json()["sent"] == 1
    assert client.get("/api/admin/xapi/outbox", headers=admin, params={"status": "bogus"}).status_code == 422
