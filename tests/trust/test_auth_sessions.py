"""Accounts: tokens can be revoked (logout, everywhere, new password, deactivation), logins are throttled."""

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from companion.cli import main
from companion.core.config import DEV_SECRET, Settings
from companion.trust import people
from tests.support.app import login


def _me(client, headers):
    return client.get("/api/me", headers=headers)


def test_logout_revokes_only_this_token(client):
    first, second = login(client, "anne"), login(client, "anne")
    assert client.post("/api/auth/logout", headers=first).status_code == 204
    r = _me(client, first)
    assert r.status_code == 401 and r.json()["code"] == "token_revoked"
    assert _me(client, second).status_code == 200


def test_logout_everywhere_revokes_every_token_but_a_new_login_works(client):
    a, b = login(client, "anne"), login(client, "anne")
    bram = login(client, "bram")
    assert client.post("/api/auth/logout-all", headers=a).status_code == 204
    assert _me(client, a).status_code == 401 and _me(client, b).status_code == 401
    assert _me(client, bram).status_code == 200  # someone else's sessions are untouched
    assert _me(client, login(client, "anne")).status_code == 200


def test_changing_the_password_logs_out_other_sessions(client):
    old = login(client, "anne")
    other = login(client, "anne")
    r = client.post("/api/me/password", headers=old, json={"current_password": "wrong-one-1",
                                                            "new_password": "a-new-secret-9"})
    assert r.status_code == 422 and r.json()["code"] == "current_password_wrong"
    r = client.post("/api/me/password", headers=old, json={"current_password": "password-1",
                                                            "new_password": "12345678"})
    assert r.status_code == 422 and r.json()["code"] == "password_too_weak"
    r = client.post("/api/me/password", headers=old, json={"current_password": "password-1",
                                                            "new_password": "a-new-secret-9"})
    assert r.status_code == 200
    fresh = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert _me(client, fresh).status_code == 200
    assert _me(client, other).status_code == 401 and _me(client, old).status_code == 401
    assert client.post("/api/auth/token", data={"username": "anne", "password": "password-1"}).status_code == 401
    assert _me(client, login(client, "anne", "a-new-secret-9")).status_code == 200


def test_admin_deactivates_a_person_who_is_logged_out_at_once(client, admin):
    anne = login(client, "anne")
    people_list = client.get("/api/admin/people", headers=admin).json()
    anne_id = next(p["id"] for p in people_list if p["username"] == "anne")
    admin_id = next(p["id"] for p in people_list if p["username"] == "admin")
    r = client.patch(f"/api/admin/people/{anne_id}", headers=admin, json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert _me(client, anne).status_code == 401
    assert client.post("/api/auth/token", data={"username": "anne", "password": "password-1"}).status_code == 401
    assert client.patch(f"/api/admin/people/{admin_id}", headers=admin, json={"active": False}).status_code == 422
    assert client.patch(f"/api/admin/people/{anne_id}", headers=anne, json={"active": True}).status_code == 401
    bram = login(client, "bram")
    assert client.patch(f"/api/admin/people/{anne_id}", headers=bram, json={"active": True}).status_code == 403
    assert client.patch("/api/admin/people/99999", headers=admin, json={"active": True}).status_code == 404
    assert client.patch(f"/api/admin/people/{anne_id}", headers=admin, json={"active": True}).status_code == 200
    assert _me(client, login(client, "anne")).status_code == 200


def test_admin_of_another_organisation_cannot_touch_my_people(client, services, admin):
    with services.sessions() as session:
        other = people.get_or_create_org(session, "Otherorg")
        people.create_person(session, org_id=other.id, username="olga", password="password-1", role="admin")
        session.commit()
    anne_id = next(p["id"] for p in client.get("/api/admin/people", headers=admin).json() if p["username"] == "anne")
    olga = login(client, "olga")
    assert client.patch(f"/api/admin/people/{anne_id}", headers=olga, json={"active": False}).status_code == 404


def test_login_is_throttled_per_username_with_retry_after(client, services):
    services.settings.login_max_failures = 3
    for _ in range(3):
        r = client.post("/api/auth/token", data={"username": "anne", "password": "nope-nope"})
        assert r.status_code == 401
    r = client.post("/api/auth/token", data={"username": "anne", "password": "password-1"},
                    headers={"Accept-Language": "nl"})
    assert r.status_code == 429 and r.json()["code"] == "login_locked"
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60
    assert "probeer het over 15 minuten opnieuw" in r.json()["detail"] and "/" not in r.json()["detail"]
    assert client.post("/api/auth/token", data={"username": "bram", "password": "password-1"}).status_code == 200


@pytest.mark.parametrize(("language", "expected"), [("nl", "probeer het over een minuut opnieuw"),
                                                    ("en", "try again in a minute.")])
def test_a_lockout_of_one_minute_says_minute_not_minutes(client, services, language, expected):
    services.settings.login_max_failures, services.settings.login_lockout_minutes = 2, 1
    for _ in range(2):
        client.post("/api/auth/token", data={"username": "anne", "password": "nope-nope"})
    r = client.post("/api/auth/token", data={"username": "anne", "password": "password-1"},
                    headers={"Accept-Language": language})
    assert r.status_code == 429 and r.json()["code"] == "login_locked_one_minute"
    assert expected in r.json()["detail"] and "minuten" not in r.json()["detail"] and "(s)" not in r.json()["detail"]


def test_login_is_throttled_per_client_address(client, services):
    services.settings.login_max_failures_per_ip = 4
    for n in range(4):  # spraying many usernames from one address
        r = client.post("/api/auth/token", data={"username": f"guess{n}", "password": "x-x-x-x-x"})
        assert r.status_code == 401
    r = client.post("/api/auth/token", data={"username": "bram", "password": "password-1"})
    assert r.status_code == 429 and "retry-after" in r.headers


def test_a_successful_login_resets_the_username_count(client, services):
    services.settings.login_max_failures = 3
    for _ in range(2):
        client.post("/api/auth/token", data={"username": "anne", "password": "nope-nope"})
    login(client, "anne")
    for _ in range(2):
        client.post("/api/auth/token", data={"username": "anne", "password": "nope-nope"})
    login(client, "anne")


@pytest.mark.parametrize("password", ["short", "password", "12345678", "aaaaaaaaaa", "Wachtwoord1"])
def test_weak_passwords_are_refused(client, admin, password):
    r = client.post("/api/admin/people", headers=admin, json={"username": "weak", "password": password})
    assert r.status_code == 422 and r.json()["code"] in ("password_too_short", "password_too_weak")


def test_production_refuses_demo_secrets_and_demo_mode():
    with pytest.raises(ValidationError):
        Settings(env="production")
    with pytest.raises(ValidationError):
        Settings(env="production", secret_key=DEV_SECRET)
    with pytest.raises(ValidationError):
        Settings(env="production", secret_key="too-short")
    with pytest.raises(ValidationError):
        Settings(env="production", secret_key="x" * 40, demo=True)
    assert Settings(env="production", secret_key="x" * 40).env == "production"


def test_cli_bootstraps_the_first_admin_and_refuses_a_weak_password(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "boot"))
    runner = CliRunner()
    weak = runner.invoke(main, ["person", "add", "root", "--role", "admin", "--org", "Nieuw", "--password-stdin"],
                         input="password\n")
    assert weak.exit_code != 0 and "guess" in weak.output
    ok = runner.invoke(main, ["person", "add", "root", "--role", "admin", "--org", "Nieuw", "--password-stdin"],
                       input="lang-en-sterk-7\n")
    assert ok.exit_code == 0, ok.output
    assert "created root (admin) in Nieuw" in ok.output


def test_no_people_exist_without_demo_mode(services):
    from companion.models import Person

    with services.sessions() as session:
        assert session.query(Person).count() == 0  # nobody, so no default password, until an admin is added
