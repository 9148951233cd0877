"""Admins add people to their own organisation; clashes and nonsense are refused with a reason."""

from tests.support.app import login


def _add(client, admin, **body):
    return client.post("/api/admin/people", headers=admin, json={"password": "password-9", **body})


def _usernames(client, admin) -> list[str]:
    return [p["username"] for p in client.get("/api/admin/people", headers=admin).json()]


def test_admin_adds_a_person_who_can_log_in(client, admin):
    r = _add(client, admin, username="Fleur", display_name="Fleur Smit", team="Team B", language="en")
    assert r.status_code == 201, r.text
    assert r.json() == {"id": r.json()["id"], "username": "fleur", "display_name": "Fleur Smit",
                        "role": "professional", "team": "Team B", "language": "en",
                        "active": True}
    me = client.get("/api/me", headers=login(client, "fleur", "password-9")).json()
    assert me["organisation"] == "Testorg" and me["language"] == "en"


def test_duplicate_username_is_409(client, admin):
    before = _usernames(client, admin)
    for username in ("anne", "ANNE", " anne "):
        r = _add(client, admin, username=username)
        assert r.status_code == 409, username
        assert r.json()["code"] == "username_taken" and "taken" in r.json()["detail"]
    assert _usernames(client, admin) == before


INVALID = [
    {"username": "x1", "role": "superuser"},
    {"username": "x2", "role": ""},
    {"username": "x3", "password": "short"},
    {"username": "has space"},
    {"username": ""},
    {"username": "x4", "language": "de"},
    {"username": 12},
]


def test_invalid_person_is_422(client, admin):
    before = _usernames(client, admin)
    for body in INVALID:
        r = _add(client, admin, **body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"]
    assert _usernames(client, admin) == before


def test_admin_lists_only_own_organisation(client, admin, services):
    from companion.trust import people

    with services.sessions() as session:
        other = people.get_or_create_org(session, "Andere org")
        people.create_person(session, org_id=other.id, username="olga", password="password-1", role="admin")
        session.commit()
    assert sorted(_usernames(client, admin)) == ["admin", "anne", "bram", "eva"]
    assert _usernames(client, login(client, "olga")) == ["olga"]
