"""Rules for the foundation's routes: health, auth, me, conversations, situations, portfolio (with what is shared
with the team), search, knowledge reading, admin people, teams and uploads, and the docs pages."""

from __future__ import annotations

import itertools

from tests.system.permissions.framework import Rule, World, admin_only, any_user, expect, own_only, public

_n = itertools.count(1)
SITUATION = {"title": "Overdracht", "description": "Bij de overdracht ontbrak informatie over een cliënt."}
ENTRY = {"kind": "reflection", "title": "Wat ik leerde", "body": "Eerst luisteren, dan pas oplossen."}
STORY = "Gisteren had ik een conflict met een collega over de planning van de nachtdienst."


def conversation(w: World) -> dict:
    return {"conversation_id": w.as_owner("POST", "/api/conversations", json={"language": "nl"})["id"]}


def described_conversation(w: World) -> dict:
    """A conversation in which the owner described a situation, so it can be saved."""
    params = conversation(w)
    w.as_owner("POST", f"/api/conversations/{params['conversation_id']}/messages", json={"content": STORY})
    return params


def situation(w: World) -> dict:
    return {"situation_id": w.as_owner("POST", "/api/situations", json=SITUATION)["id"]}


def entry(w: World) -> dict:
    return {"entry_id": w.as_owner("POST", "/api/portfolio", json=ENTRY)["id"]}


def team_entry(w: World) -> dict:
    """An entry the owner shares with their team: readable by its members and its expert, changed by the owner."""
    return {"entry_id": w.as_owner("POST", "/api/portfolio", json={**ENTRY, "visibility": "team"})["id"]}


# A team-visible entry: the owner's team (other) and its expert read it; only the owner changes it (403 for those
# readers); another team's expert and the admins learn nothing (private and expert-only are in tests/api).
TEAM_READ = expect(anonymous=401, owner=200, other=200, expert=200, other_expert=404, foreign_admin=404, admin=404)


def team_write(ok: int) -> dict:
    return expect(anonymous=401, owner=ok, other=403, expert=403, other_expert=404, foreign_admin=404, admin=404)


def _upload(w: World, params: dict) -> dict:
    n = next(_n)
    return {"file": (f"matrix-{n}.md", f"# Richtlijn {n}\n\nGeef feedback binnen een week.".encode(), "text/markdown")}


def document(w: World) -> dict:
    """A knowledge document of organisation A (the owner's)."""
    doc = w.as_("admin", "POST", "/api/admin/knowledge", files=_upload(w, {}))["document"]
    return {"document_id": doc["id"]}


def _new_person(w: World, params: dict) -> dict:
    # no team: each admin's organisation has its own teams (choosing one is tested in tests/api/test_admin.py)
    return {"username": f"nieuw{next(_n)}", "password": "password-1", "role": "professional"}


# Every signed-in person may read their organisation's knowledge; org B's admin may not see org A's.
ORG_A_READ = expect(anonymous=401, owner=200, other=200, expert=200, other_expert=200, foreign_admin=404, admin=200)

RULES = [
    Rule("GET", "/api/health", public(200)),
    Rule("GET", "/openapi.json", public(200)),
    Rule("GET", "/docs", public(200)),
    Rule("GET", "/docs/oauth2-redirect", public(200)),
    Rule("POST", "/api/auth/token", public(200), data={"username": "owner", "password": World.PASSWORD}),
    Rule("GET", "/api/me", any_user(200)),
    Rule("PATCH", "/api/me", any_user(200), json={"language": "nl"}),
    # conversations
    Rule("POST", "/api/conversations", any_user(201), json={"language": "nl"}),
    Rule("GET", "/api/conversations", any_user(200)),
    Rule("GET", "/api/conversations/{conversation_id}", own_only(200), setup=conversation),
    Rule("PATCH", "/api/conversations/{conversation_id}", own_only(200), setup=conversation,
         json={"title": "Nieuwe titel"}),
    Rule("DELETE", "/api/conversations/{conversation_id}", own_only(204), setup=conversation),
    Rule("POST", "/api/conversations/{conversation_id}/messages", own_only(200), setup=conversation,
         json={"content": STORY}),
    Rule("POST", "/api/conversations/{conversation_id}/situation", own_only(200), setup=described_conversation),
    Rule("POST", "/api/conversations/{conversation_id}/reflection", own_only(200), setup=described_conversation),
    # situations
    Rule("POST", "/api/situations", any_user(201), json=SITUATION),
    Rule("GET", "/api/situations", any_user(200)),
    Rule("GET", "/api/situations/{situation_id}", own_only(200), setup=situation),
    Rule("PATCH", "/api/situations/{situation_id}", own_only(200), setup=situation, json={"title": "Anders"}),
    Rule("DELETE", "/api/situations/{situation_id}", own_only(204), setup=situation),
    # portfolio
    Rule("POST", "/api/portfolio", any_user(201), json=ENTRY),
    Rule("GET", "/api/portfolio", any_user(200)),
    Rule("GET", "/api/portfolio/shared", any_user(200)),
    Rule("GET", "/api/portfolio/{entry_id}", TEAM_READ, setup=team_entry),
    Rule("PATCH", "/api/portfolio/{entry_id}", team_write(200), setup=team_entry, json={"title": "Anders"}),
    Rule("DELETE", "/api/portfolio/{entry_id}", team_write(204), setup=team_entry),
    # search and knowledge
    Rule("GET", "/api/search", any_user(200), query={"q": "feedback"}),
    Rule("GET", "/api/knowledge", any_user(200)),
    Rule("GET", "/api/knowledge/{document_id}", ORG_A_READ, setup=document),
    # admin: each admin acts within their own organisation
    Rule("GET", "/api/admin/people", admin_only(200)),
    Rule("GET", "/api/admin/teams", admin_only(200)),
    Rule("POST", "/api/admin/people", admin_only(201), json=_new_person),
    Rule("POST", "/api/admin/knowledge", admin_only(201), files=_upload),
]
