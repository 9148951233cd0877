"""Rules for knowledge curation (upload, versions, retire/restore, re-index), teams and trajectories."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, admin_only, any_user, expect
from tests.system.permissions.rules_core import _upload, document


def trajectory(w: World) -> dict:
    """A trajectory that the owner's team (Team A) follows: its members and its expert see it."""
    team_a = next(t["id"] for t in w.as_("admin", "GET", "/api/teams") if t["name"] == "Team A")
    body = {"name": f"Traject {next(w._clones)}", "team_ids": [team_a]}
    return {"trajectory_id": w.as_("admin", "POST", "/api/trajectories", json=body)["id"]}


# curation of organisation A's documents: its admin; org B's admin does not see them (404)
CURATE = admin_only(200, foreign=404)

RULES = [
    Rule("POST", "/api/knowledge", admin_only(201), files=_upload),
    Rule("POST", "/api/knowledge/reindex", admin_only(200)),
    Rule("PATCH", "/api/knowledge/{document_id}", CURATE, setup=document, json={"tags": ["feedback"]}),
    Rule("POST", "/api/knowledge/{document_id}/file", admin_only(201, foreign=404), setup=document,
         files=lambda w, p: {"file": ("nieuw.md", f"# Nieuw {next(w._clones)}\n\nAnders.".encode(), "text/markdown")}),
    Rule("POST", "/api/knowledge/{document_id}/retire", CURATE, setup=document),
    Rule("POST", "/api/knowledge/{document_id}/restore", CURATE, setup=document),
    Rule("POST", "/api/knowledge/{document_id}/reindex", CURATE, setup=document),
    Rule("GET", "/api/knowledge/{document_id}/versions", CURATE, setup=document),
    Rule("GET", "/api/teams", any_user(200)),
    Rule("GET", "/api/trajectories", any_user(200)),
    Rule("POST", "/api/trajectories", admin_only(201), json=lambda w, p: {"name": f"Traject {next(w._clones)}"}),
    # members of the teams that follow it (and the admin); Team B's expert does not see Team A's trajectory
    Rule("GET", "/api/trajectories/{trajectory_id}",
         expect(anonymous=401, owner=200, other=200, expert=200, other_expert=404, foreign_admin=404, admin=200),
         setup=trajectory),
    Rule("PATCH", "/api/trajectories/{trajectory_id}", CURATE, setup=trajectory,
         json={"description": "Voor het hele team"}),
]
