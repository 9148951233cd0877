"""The learning agreement: versions, consent of both sides, history and who may see it."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock
from companion.trust import people
from tests.support.app import login

BODY = {"goals": "- De overdracht structureren\n- Feedback vragen", "rhythm": "Maandag plannen, vrijdag afsluiten",
        "time_minutes_per_week": 60, "support": "Maandelijks coachgesprek", "resources": "Scholingsbudget",
        "review_date": "2027-03-01", "change_note": "Eerste versie"}


@pytest.fixture
def clock(services) -> FixedClock:
    services.clock = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    return services.clock


@pytest.fixture
def eva(client):
    return login(client, "eva")


@pytest.fixture
def agreement(client, anne, clock) -> dict:
    r = client.post("/api/agreements", json=BODY, headers=anne)
    assert r.status_code == 201, r.text
    return r.json()


def test_both_sides_must_agree_and_a_change_resets_consent(client, anne, admin, eva, agreement, clock):
    aid = agreement["id"]
    assert agreement["status"] == "draft" and agreement["agreed_version"] is None
    a = client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=anne).json()
    assert (a["status"], a["agreed_version"], a["can_consent"]) == ("proposed", None, False)
    a = client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=admin).json()
    assert (a["status"], a["agreed_version"]) == ("agreed", 1)
    assert a["in_force"]["organisation_agreed_by"] == "Admin"
    clock.advance(days=7)
    r = client.post(f"/api/agreements/{aid}/versions",
                    json={"time_minutes_per_week": 90, "change_note": "Meer tijd"}, headers=eva)
    a = r.json()
    assert r.status_code == 201 and (a["status"], a["current_version"], a["agreed_version"]) == ("draft", 2, 1)
    assert a["current"]["goals"] == BODY["goals"] and a["current"]["professional_agreed_at"] is None
    assert a["in_force"]["time_minutes_per_week"] == 60  # only agreed versions count
    stale = client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=anne)
    assert stale.status_code == 409 and stale.json()["code"] == "agreement_version_stale"
    client.post(f"/api/agreements/{aid}/consent", json={"version": 2}, headers=eva)  # the expert speaks for the org
    a = client.post(f"/api/agreements/{aid}/consent", json={"version": 2}, headers=anne).json()
    assert (a["status"], a["agreed_version"], a["in_force"]["time_minutes_per_week"]) == ("agreed", 2, 90)
    versions = client.get(f"/api/agreements/{aid}/versions", headers=anne).json()
    assert [v["number"] for v in versions] == [2, 1] and all(v["agreed"] for v in versions)
    assert versions[0]["changed_by"] == "Eva" and versions[0]["change_note"] == "Meer tijd"


def test_a_professional_cannot_agree_for_the_organisation(client, anne, agreement):
    aid = agreement["id"]
    client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=anne)
    a = client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=anne).json()
    assert a["status"] == "proposed" and a["current"]["organisation_agreed_at"] is None


def test_who_may_see_an_agreement(client, services, anne, bram, admin, eva, agreement):
    aid = agreement["id"]
    for who in (anne, admin, eva):
        assert client.get(f"/api/agreements/{aid}", headers=who).status_code == 200
    assert [a["id"] for a in client.get("/api/agreements", headers=eva).json()] == [aid]
    assert client.get(f"/api/agreements/{aid}", headers=bram).status_code == 404
    assert client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=bram).status_code == 404
    assert client.get("/api/agreements", headers=bram).json() == []
    assert client.get("/api/agreements/mine", headers=bram).status_code == 404
    with services.sessions() as session:  # an expert of another team, and an admin of another organisation
        other = people.get_or_create_org(session, "Andere org")
        people.create_person(session, org_id=other.id, username="olga", password="password-1", role="admin")
        org_id = session.get(people.Person, 1).org_id
        people.create_person(session, org_id=org_id, username="kees", password="password-1", role="expert",
                             team="Team B")
        session.commit()
    for name in ("olga", "kees"):
        headers = login(client, name)
        assert client.get(f"/api/agreements/{aid}", headers=headers).status_code == 404
        assert client.post(f"/api/agreements/{aid}/versions", json={"goals": "x"}, headers=headers).status_code == 404


def test_creating_for_someone_else(client, anne, bram, admin, eva, clock):
    bram_id = client.get("/api/me", headers=bram).json()["id"]
    assert client.post("/api/agreements", json={**BODY, "person_id": bram_id}, headers=anne).status_code == 404
    names = [p["display_name"] for p in client.get("/api/agreements/candidates", headers=eva).json()]
    assert names == ["Anne", "Bram"] and client.get("/api/agreements/candidates", headers=anne).json() == []
    r = client.post("/api/agreements", json={**BODY, "person_id": bram_id}, headers=eva)
    assert r.status_code == 201 and r.json()["my_side"] == "organisation"
    assert client.post("/api/agreements", json=BODY, headers=bram).status_code == 409
    assert [p["display_name"] for p in client.get("/api/agreements/candidates", headers=admin).json()] == ["Anne"]
    assert client.get("/api/agreements/mine", headers=bram).json()["person_name"] == "Bram"
    eva_id = client.get("/api/me", headers=eva).json()["id"]
    assert client.post("/api/agreements", json={**BODY, "person_id": eva_id}, headers=admin).status_code == 403


@pytest.mark.parametrize(("change", "code"), [
    ({"goals": "  "}, "agreement_goals_empty"),
    ({"review_date": "2026-11-01"}, "agreement_review_date_past"),
    ({"review_date": None}, "agreement_review_date_missing"),
])
def test_invalid_agreements_are_refused_with_a_reason(client, anne, clock, change, code):
    r = client.post("/api/agreements", json={**BODY, **change}, headers=anne)
    assert r.status_code == 422 and r.json()["code"] == code


def test_a_change_that_changes_nothing_makes_no_version(client, anne, agreement):
    r = client.post(f"/api/agreements/{agreement['id']}/versions", json={"goals": BODY["goals"]}, headers=anne)
    assert r.status_code == 422 and r.json()["code"] == "agreement_unchanged"
    assert client.post(f"/api/agreements/{agreement['id']}/versions", json={"time_minutes_per_week": -5},
                       headers=anne).status_code == 422


def test_agreed_goal_prepares_the_week_plan(client, anne, admin, agreement):
    aid = agreement["id"]
    assert client.get("/api/weeks/current", headers=anne).json()["suggestion"]["based_on"] == ["fresh"]
    for who in (anne, admin):
        client.post(f"/api/agreements/{aid}/consent", json={"version": 1}, headers=who)
    suggestion = client.get("/api/weeks/current", headers=anne).json()["suggestion"]
    assert suggestion["based_on"] == ["agreement"] and "De overdracht structureren" in suggestion["focus"]
