"""Rules for team sessions, team products and trajectory schedules: the team's members and expert only.

In the world, "owner" and "other" are members of Team A, "expert" coaches Team A, "other_expert" coaches Team B;
admins never read a team's sessions (404), they get the trajectory's aggregates.
"""

from __future__ import annotations

import itertools

from tests.system.permissions.framework import Rule, World, any_user, expect

_names = itertools.count(1)
_made: dict[tuple[int, str], dict] = {}


def once(setup):
    """A setup made once per world, for calls that leave it usable for the next caller (reads, drafts, comments)."""
    def cached(w: World) -> dict:
        key = (id(w), setup.__name__)
        if key not in _made:
            _made[key] = setup(w)
        return _made[key]

    cached.__name__ = f"once_{setup.__name__}"
    return cached


def team(w: World) -> dict:
    """The owner's team (Team A), looked up once: the world only grows more sessions."""
    from companion.models import Person

    with w.services.sessions() as session:
        return {"team_id": session.get(Person, w.person_id("owner")).team_id}


def _session(w: World, method: str = "incident") -> tuple[int, int]:
    tid = team(w)["team_id"]
    sid = w.as_owner("POST", f"/api/teams/{tid}/sessions", json={"title": "Intervisie", "method": method})["id"]
    return tid, sid


def session(w: World) -> dict:
    tid, sid = _session(w)
    return {"team_id": tid, "session_id": sid}


def _case(w: World, sid: int, by: str) -> int:
    return w.as_(by, "POST", f"/api/team-sessions/{sid}/cases",
                 json={"title": "Nachtdienst", "text": "Een collega ruilde zonder overleg."})["id"]


def with_case(w: World) -> dict:
    params = session(w)
    return {**params, "case_id": _case(w, params["session_id"], "owner")}


def _advance(w: World, sid: int, times: int) -> None:
    for _ in range(times):
        w.as_owner("POST", f"/api/team-sessions/{sid}/advance", json={})


def choosing(w: World) -> dict:
    params = with_case(w)
    _advance(w, params["session_id"], 1)
    return params


def questions_of_other(w: World) -> dict:
    """In the question round of the other member's case: the owner (facilitator) may ask, the case owner may not."""
    params = session(w)
    _case(w, params["session_id"], "other")
    _advance(w, params["session_id"], 2)
    return params


def owners_choice_made(w: World) -> dict:
    params = with_case(w)
    sid = params["session_id"]
    _advance(w, sid, 6)  # cases → choose → questions → answers → analysis → advice → choice
    w.as_owner("POST", f"/api/team-sessions/{sid}/contributions", json={"kind": "choice", "text": "Ik bel haar."})
    return params


def evaluating(w: World) -> dict:
    params = owners_choice_made(w)
    _advance(w, params["session_id"], 1)
    return params


def product(w: World) -> dict:
    params = evaluating(w)
    made = w.as_owner("POST", f"/api/team-sessions/{params['session_id']}/products", json={"kind": "advice_note"})
    return {**params, "product_id": made["id"]}


def trajectory(w: World) -> dict:
    tid = team(w)["team_id"]
    made = w.as_("admin", "POST", "/api/trajectories",
                 json={"name": f"Teamtraject {next(_names)}", "starts_on": "2026-01-01", "team_ids": [tid]})
    return {"trajectory_id": made["id"]}


# the team's two members and its expert; everyone else learns nothing (404)
def team_only(member: int = 200, expert: int | None = None, other: int | None = None) -> dict:
    return expect(anonymous=401, owner=member, other=member if other is None else other,
                  expert=member if expert is None else expert, other_expert=404, foreign_admin=404, admin=404)


RULES = [
    Rule("GET", "/api/team-methods", any_user(200)),
    Rule("GET", "/api/teams/mine", any_user(200)),
    Rule("GET", "/api/teams/{team_id}/sessions", team_only(), setup=team),
    Rule("POST", "/api/teams/{team_id}/sessions", team_only(201), setup=team, json={"title": "Intervisie"}),
    Rule("GET", "/api/teams/{team_id}/products", team_only(), setup=team),
    Rule("GET", "/api/teams/{team_id}/portfolio", team_only(), setup=team),
    Rule("GET", "/api/teams/{team_id}/search", team_only(), setup=team, query={"q": "nachtdienst"}),
    Rule("GET", "/api/teams/{team_id}/overview", team_only(404, expert=200), setup=team),
    Rule("GET", "/api/team-sessions/{session_id}", team_only(), setup=session),
    Rule("POST", "/api/team-sessions/{session_id}/seen", team_only(204), setup=session),
    Rule("POST", "/api/team-sessions/{session_id}/cases", team_only(201, expert=409), setup=session,
         json={"title": "Overdracht", "text": "De overdracht liep rommelig."}),
    Rule("DELETE", "/api/team-sessions/{session_id}/cases/{case_id}", team_only(204, expert=403, other=403),
         setup=with_case),
    Rule("POST", "/api/team-sessions/{session_id}/votes", team_only(200, expert=409), setup=choosing,
         json=lambda w, p: {"case_id": p["case_id"]}),
    Rule("POST", "/api/team-sessions/{session_id}/contributions", team_only(201, expert=409, other=409),
         setup=questions_of_other, json={"kind": "question", "text": "Wat gebeurde er precies?"}),
    Rule("POST", "/api/team-sessions/{session_id}/advance", team_only(200, other=403), setup=with_case,
         json={"expected_phase": "cases"}),
    Rule("POST", "/api/team-sessions/{session_id}/products", team_only(201), setup=once(evaluating),
         json={"kind": "advice_note"}),
    Rule("POST", "/api/team-sessions/{session_id}/personal-plan", team_only(201, expert=403, other=403),
         setup=once(owners_choice_made)),
    Rule("GET", "/api/team-products/{product_id}", team_only(), setup=once(product)),
    Rule("PATCH", "/api/team-products/{product_id}", team_only(200, expert=409), setup=product,
         json={"title": "Adviesnotitie nachtdiensten"}),
    Rule("POST", "/api/team-products/{product_id}/comments", team_only(201), setup=once(product),
         json={"text": "Graag concreter."}),
    Rule("POST", "/api/team-products/{product_id}/send", team_only(200, expert=409), setup=product),
    Rule("GET", "/api/trajectories/{trajectory_id}/schedule",
         expect(anonymous=401, owner=200, other=200, expert=200, other_expert=404, foreign_admin=404, admin=200),
         setup=trajectory),
    Rule("POST", "/api/trajectories/{trajectory_id}/schedule",
         expect(anonymous=401, owner=404, other=404, expert=201, other_expert=404, foreign_admin=404, admin=201),
         setup=trajectory, json={"title": "Sessie 1", "method": "incident", "planned_on": "2026-06-01"}),
    Rule("GET", "/api/trajectories/{trajectory_id}/team-overview",
         expect(anonymous=401, owner=403, other=403, expert=403, other_expert=403, foreign_admin=404, admin=200),
         setup=trajectory),
]
