"""Rules for products, suggestions (the owner's draft, sending, withdrawing) and their review."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, any_user, expect, own_only
from tests.system.permissions.rules_core import described_conversation


def draft(w: World) -> dict:
    """An unsent draft: the owner drafts an action plan from a conversation (offline guide); only they see it."""
    conv = described_conversation(w)["conversation_id"]
    s = w.as_owner("POST", "/api/products", json={"conversation_id": conv, "kind": "action_plan", "mode": "offline"})
    return {"suggestion_id": s["id"]}


def suggestion(w: World) -> dict:
    """A pending suggestion: the owner's draft, sent with the conversation to their expert."""
    params = draft(w)
    w.as_owner("POST", f"/api/suggestions/{params['suggestion_id']}/send", json={"share": "conversation"})
    return params


# The owner and the expert coaching the owner's team see a sent suggestion and its audit trail; the organisation's
# admin is told it is not theirs to read (403: no per-person evaluations for the employer); everyone else: 404.
# An unsent draft is the owner's alone (own_only). Only the owner withdraws; the expert who sees it gets 403.
SUGGESTION_READ = expect(anonymous=401, owner=200, other=404, expert=200, other_expert=404, foreign_admin=404,
                         admin=403)
OWNER_ACTS = expect(anonymous=401, owner=200, other=404, expert=403, other_expert=404, foreign_admin=404, admin=403)

RULES = [
    Rule("GET", "/api/products", any_user(200)),
    Rule("POST", "/api/products", own_only(201), setup=described_conversation,
         json=lambda w, p: {"conversation_id": p["conversation_id"], "kind": "action_plan", "mode": "offline"}),
    Rule("GET", "/api/suggestions", any_user(200)),
    Rule("GET", "/api/suggestions/{suggestion_id}", SUGGESTION_READ, setup=suggestion),
    Rule("PATCH", "/api/suggestions/{suggestion_id}", own_only(200), setup=draft, json={"title": "Mijn eigen titel"}),
    Rule("DELETE", "/api/suggestions/{suggestion_id}", own_only(204), setup=draft),
    Rule("POST", "/api/suggestions/{suggestion_id}/send", own_only(200), setup=draft, json={"share": "conversation"}),
    Rule("POST", "/api/suggestions/{suggestion_id}/withdraw", OWNER_ACTS, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/download", SUGGESTION_READ, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/conversation", SUGGESTION_READ, setup=suggestion),
    Rule("GET", "/api/suggestions/{suggestion_id}/audit", SUGGESTION_READ, setup=suggestion),
    Rule("POST", "/api/suggestions/{suggestion_id}/review",
         expect(anonymous=401, owner=403, other=404, expert=200, other_expert=404, foreign_admin=404, admin=403),
         setup=suggestion, json={"decision": "rejected", "comment": "Nog niet concreet genoeg."}),
]
