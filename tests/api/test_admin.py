"""Admins add people to their own organisation, in a team they choose or create on purpose; clashes and nonsense
are refused with a reason."""

from tests.support.app import login


def _add(client, admin, **body):
    return client.post("/api/admin/people", headers=admin, json={"password": "password-9", **body})


def _usernames(client, admin) -> list[str]:
    return [p["username"] for p in client.get("/api/admin/people", headers=admin).json()]


def test_admin_adds_a_person_who_can_log_in(client, admin):
    r = _add(client, admin, username="Fleur", display_name="Fleur Smit", team="Team A", language="en")
    assert r.status_code == 201, r.text
    assert r.json() == {"id": r.json()["id"], "username": "fleur", "display_name": "Fleur Smit",
                        "role": "professional", "team": "Team A", "language": "en",
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


def _teams(client, admin) -> dict[str, dict]:
    return {t["name"]: t for t in client.get("/api/admin/teams", headers=admin).json()}


def test_teams_are_listed_with_their_experts(client, admin):
    assert _teams(client, admin) == {"Team A": {"id": _teams(client, admin)["Team A"]["id"], "name": "Team A",
                                                "experts": ["Eva"], "members": 4}}


def test_a_typo_in_the_team_is_refused_and_creates_no_team(client, admin):
    """Bug 10: a typo silently created a new team with no expert, so that person's drafts had no reviewer."""
    r = client.post("/api/admin/people", headers={**admin, "Accept-Language": "nl"},
                    json={"username": "kim", "password": "password-9", "team": "Taem A"})
    assert r.status_code == 422 and r.json()["code"] == "team_unknown"
    assert "Team A" in r.json()["detail"] and "nieuw team" in r.json()["detail"]
    assert set(_teams(client, admin)) == {"Team A"} and "kim" not in _usernames(client, admin)


def test_the_same_team_in_other_letters_is_that_team(client, admin):
    assert _add(client, admin, username="kim", team="  team   a ").json()["team"] == "Team A"


def test_a_new_team_is_made_on_purpose_and_needs_its_expert_before_professionals(client, admin):
    r = _add(client, admin, username="kim", team="Team C", new_team=True)
    assert r.status_code == 409 and r.json()["code"] == "team_without_expert"
    assert "Team C" not in _teams(client, admin)
    r = _add(client, admin, username="ella", role="expert", display_name="Ella", team="Team C", new_team=True)
    assert r.status_code == 201 and _teams(client, admin)["Team C"]["experts"] == ["Ella"]
    assert _add(client, admin, username="kim", team="Team C").status_code == 201
    again = _add(client, admin, username="kees", role="expert", team="team c", new_team=True)
    assert again.status_code == 409 and again.json()["code"] == "team_exists"


def test_a_professional_in_a_team_without_an_expert_is_refused(client, admin, services):
    from companion.trust import people

    with services.sessions() as session:  # a team left without an expert (made before this rule, or emptied)
        people.get_or_create_team(session, people.get_or_create_org(session, "Testorg").id, "Team Leeg")
        session.commit()
    r = client.post("/api/admin/people", headers={**admin, "Accept-Language": "en"},
                    json={"username": "kim", "password": "password-9", "team": "Team Leeg"})
    assert r.status_code == 409 and "no expert" in r.json()["detail"]
    assert _add(client, admin, username="otto", role="expert", team="Team Leeg").status_code == 201
    assert _add(client, admin, username="kim", team="Team Leeg").status_code == 201
