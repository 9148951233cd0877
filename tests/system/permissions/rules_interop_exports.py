"""Rules for the portfolio's exports in other systems' formats: Leap2A and Open Badges 3.0."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, any_user, expect
from tests.system.permissions.rules_review import suggestion


def approved_entry(w: World) -> dict:
    """An entry made by approval: the owner's action plan, sent, and approved by the expert of the owner's team."""
    params = suggestion(w)
    s = w.as_("expert", "POST", f"/api/suggestions/{params['suggestion_id']}/review",
              json={"decision": "approved", "comment": "Helder en haalbaar."})
    return {"entry_id": s["entry_id"]}


RULES = [
    # everyone exports their own portfolio, and only that: the route takes no one else's id
    Rule("GET", "/api/portfolio/export/leap2a", any_user(200)),
    # the badge is the owner's alone; the expert who reads the entry (it is shared with them) gets 403
    Rule("GET", "/api/portfolio/{entry_id}/badge",
         expect(anonymous=401, owner=200, other=404, expert=403, other_expert=404, foreign_admin=404, admin=404),
         setup=approved_entry),
]
