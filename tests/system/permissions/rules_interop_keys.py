"""Rules for personal API keys (/api/me/api-keys) and the OpenAI-compatible API (/v1)."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, any_user, own_only


def owners_key(w: World) -> dict:
    """A fresh key of the owner's, to revoke."""
    return {"key_id": w.as_owner("POST", "/api/me/api-keys", json={"name": "matrix"})["id"]}


def owners_conversation(w: World) -> dict:
    return {"conversation_id": w.as_owner("POST", "/api/conversations", json={})["id"]}


RULES = [
    Rule("GET", "/api/me/api-keys", any_user(200)),
    Rule("POST", "/api/me/api-keys", any_user(201), json={"name": "Open WebUI"}),
    Rule("DELETE", "/api/me/api-keys/{key_id}", own_only(204), setup=owners_key),
    # the OpenAI-compatible API: every signed-in person, about their own conversations only
    Rule("GET", "/v1/models", any_user(200)),
    Rule("GET", "/v1/models/{model}", any_user(200), setup=lambda w: {"model": "companion-starr"}),
    # a conversation named in metadata: only its owner goes on with it, everyone else learns nothing (404)
    Rule("POST", "/v1/chat/completions", own_only(200), setup=owners_conversation,
         json=lambda w, p: {"model": "companion", "metadata": {"conversation_id": str(p["conversation_id"])},
                            "messages": [{"role": "user", "content": "Een lastig gesprek met een klant."}]}),
]
