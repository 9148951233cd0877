"""Rules for products, AI suggestions and their review, giving account (verantwoording) and the dashboard."""

from __future__ import annotations

from tests.permissions.framework import Rule, World, admin_only, any_user, expect, own_only
from tests.permissions.rules_core import described_conversation


def suggestion(w: World) -> dict:
    """A pending suggestion: the owner drafts an action plan from a conversation (offline guide)."""
    conv = described_conversation(w)["conversation_id"]
    s = w.as_owner("POST", "/api/products", json={"conversation_id": conv, "kind": "action_plan", "mode": "offline"})
    return {"suggestion_id": s["id"]}


def account(w: World) -> dict:
    return {"account_id": w.as_owner("POST", "/api/accounts", json={})["id"]}


# The owner and the expert coaching the owner's team see a suggestion and its audit trail; the organisation's
# admin is told it is not theirs to read (403: no per-person evaluations for the employer); everyone else: 404.
SUGGESTION_READ = expect(anonymous=401, owner=200, other=404, expert=200, other_expert=404, foreign_admin=404,
                         admin=403)
OWN_ACCOUNT = own_only(200)

RULES = [
    Rule("GET", "/api/products", any_user(200)),
    Rule("POST", "/api/products", own_only(201), setup=described_conversation,
         json=lambda w, p: {"conversation_id": p["conversation_id"], "kind": "action_plan", "mode": "offline"}),
    Rule("GET", "/api/suggestions", any_user(200)),
    Rule("GET", "/api/suggestions/{suggestion_id}", SUGGESTION_READ, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/download", SUGGESTION_READ, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/conversation", SUGGESTION_READ, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/audit", SUGGESTION_READ, setup=suggestion),
    Rule("POST", "/api/suggestions/{suggestion_id}/review",
         expect(anonymous=401, owner=403, other=404, expert=200, other_expert=404, foreign_admin=404, admin=403),
         setup=suggestion, json={"decision": "rejected", "comment": "Nog niet concreet genoeg."}),
    # giving account: the professional's own; the organisation sees only what was shared, via /shared
    # professionals only: a wrong role gets 403
    Rule("POST", "/api/accounts",
         expect(anonymous=401, owner=201, other=201, expert=403, other_expert=403, foreign_admin=403, admin=403),
         fresh_owner=True, json={}),
    Rule("GET", "/api/accounts", any_user(200)),
    Rule("GET", "/api/accounts/shared", admin_only(200)),
    Rule("GET", "/api/accounts/{account_id}", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("PATCH", "/api/accounts/{account_id}", OWN_ACCOUNT, setup=account, fresh_owner=True,
         json={"shared": []}),
    Rule("POST", "/api/accounts/{account_id}/redraft", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("POST", "/api/accounts/{account_id}/submit", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("DELETE", "/api/accounts/{account_id}", own_only(204), setup=account, fresh_owner=True),
    # aggregates for the organisation's admin only
    Rule("GET", "/api/analytics/dashboard", admin_only(200)),
    Rule("GET", "/api/analytics/export.csv", admin_only(200)),
]
