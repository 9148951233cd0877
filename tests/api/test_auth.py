"""Logging in and tokens: every failure is a clear 401 (or 403 for a wrong role), never a 500."""

from companion.trust.auth import create_token
from tests.support.app import login

PROTECTED = ["/api/me", "/api/conversations", "/api/situations", "/api/portfolio", "/api/knowledge",
             "/api/search?q=overdracht"]


def _token_headers(services, person_id: int, minutes: int = 5, secret: str | None = None) -> dict[str, str]:
    secret = secret or services.settings.secret_key.get_secret_value()
    return {"Authorization": f"Bearer {create_token(person_id, secret, minutes)}"}


def _anne_id(client, anne) -> int:
    return client.get("/api/me", headers=anne).json()["id"]


def test_no_token_is_401(client):
    for path in PROTECTED:
        r = client.get(path)
        assert r.status_code == 401, path
        assert r.json()["detail"] and r.json()["code"] == "not_authenticated"
        assert r.headers["www-authenticate"] == "Bearer"


def test_bad_token_is_401(client):
    for header in ("Bearer not-a-token", "Bearer ", "Basic YW5uZTpwYXNzd29yZC0x", "bearer x.y.z"):
        r = client.get("/api/me", headers={"Authorization": header})
        assert r.status_code == 401 and r.json()["detail"], header
        assert r.json()["code"] in ("not_authenticated", "token_invalid"), header


def test_expired_token_is_401(client, services, anne):
    r = client.get("/api/me", headers=_token_headers(services, _anne_id(client, anne), minutes=-1))
    assert r.status_code == 401
    assert r.json()["code"] == "token_expired" and "expired" in r.json()["detail"]


def test_token_signed_with_another_secret_is_401(client, services, anne):
    headers = _token_headers(services, _anne_id(client, anne), secret="someone-elses-secret-0123456789abcdef")
    r = client.get("/api/me", headers=headers)
    assert r.status_code == 401 and r.json()["detail"] and r.json()["code"] == "token_invalid"


def test_token_of_unknown_person_is_401(client, services):
    for person_id in (99999, 0, -3, 2**80):
        r = client.get("/api/me", headers=_token_headers(services, person_id))
        assert r.status_code == 401 and r.json()["code"] == "token_invalid", person_id


def test_valid_token_works(client, anne):
    assert client.get("/api/me", headers=anne).json()["username"] == "anne"


def test_wrong_password_and_unknown_user_get_the_same_401(client):
    wrong = client.post("/api/auth/token", data={"username": "anne", "password": "wrong-password"})
    unknown = client.post("/api/auth/token", data={"username": "nobody", "password": "password-1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["detail"] and wrong.json()["code"] == "wrong_credentials"


def test_login_ignores_case_and_spaces_in_username(client):
    assert login(client, " ANNE ")


def test_login_without_password_is_422(client):
    r = client.post("/api/auth/token", data={"username": "anne"})
    assert r.status_code == 422 and r.json()["detail"]


def test_very_long_username_is_a_plain_401(client):
    r = client.post("/api/auth/token", data={"username": "x" * 10_000, "password": "password-1"})
    assert r.status_code == 401


def test_professional_gets_403_on_admin_routes_and_nothing_changes(client, anne, admin):
    before = client.get("/api/admin/people", headers=admin).json()
    r1 = client.get("/api/admin/people", headers=anne)
    r2 = client.post("/api/admin/people", headers=anne, json={"username": "sneaky", "password": "password-9"})
    r3 = client.post("/api/admin/knowledge", headers=anne, files={"file": ("x.md", b"# Kop\n\nEen tekst.")})
    for r in (r1, r2, r3):
        assert r.status_code == 403, r.text
        assert r.json()["code"] == "role_required" and "admin" in r.json()["detail"]
    assert client.get("/api/admin/people", headers=admin).json() == before
    assert client.get("/api/knowledge", headers=admin).json() == []


def test_expert_gets_403_on_admin_routes(client):
    eva = login(client, "eva")
    assert client.get("/api/admin/people", headers=eva).status_code == 403
