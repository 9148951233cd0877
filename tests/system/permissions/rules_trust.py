"""Rules for accounts and privacy: logging out, password, usage, export and erasure, admins (de)activating people."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, admin_only, any_user, expect


def person_of_org_a(w: World) -> dict:
    """A professional of organisation A to (de)activate (a new one each time, so nobody stays locked out)."""
    n = next(w._clones)
    person = w.as_("admin", "POST", "/api/admin/people", json={
        "username": f"deact{n}", "password": World.PASSWORD, "role": "professional", "team": "Team A"})
    return {"person_id": person["id"]}


RULES = [
    # each caller is a fresh copy of itself here: these calls end sessions or the account itself
    Rule("POST", "/api/auth/logout", any_user(204), clone=True),
    Rule("POST", "/api/auth/logout-all", any_user(204), clone=True),
    Rule("POST", "/api/me/password", any_user(200), clone=True,
         json={"current_password": World.PASSWORD, "new_password": "een-nieuw-wachtwoord-2"}),
    Rule("POST", "/api/privacy/erase", any_user(204), clone=True,
         json={"confirmation": "WIS MIJN ACCOUNT", "password": World.PASSWORD}),
    Rule("GET", "/api/me/usage", any_user(200)),
    Rule("GET", "/api/privacy/export", any_user(200)),
    Rule("GET", "/api/privacy/export.md", any_user(200)),
    # only the person's own organisation's admin; another organisation's admin learns nothing
    Rule("PATCH", "/api/admin/people/{person_id}", admin_only(200, foreign=404), setup=person_of_org_a,
         json={"active": False}),
]
_ = expect  # re-exported for rule authors who copy this file
