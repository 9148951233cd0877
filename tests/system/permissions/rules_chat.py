"""Rules for the reflection cycles: the list of cycles, a conversation's cycle proposal, switching and going back."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, any_user, own_only
from tests.system.permissions.rules_core import conversation, described_conversation

RULES = [
    Rule("GET", "/api/cycles", any_user(200)),
    Rule("GET", "/api/conversations/{conversation_id}/cycle-proposal", own_only(200), setup=described_conversation),
    Rule("POST", "/api/conversations/{conversation_id}/cycle", own_only(200), setup=conversation,
         json={"cycle": "starr"}),
    Rule("POST", "/api/conversations/{conversation_id}/phase", own_only(200), setup=described_conversation,
         json={"phase": "action"}),
]
