"""The canary world of the leak tests: people in two organisations, and a unique canary in what each writes.

`Seeded` knows who may see which canary; tests/system/test_canary_leaks.py and the scale-out test use it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi.testclient import TestClient

TOPIC = "Conflict over de planning van de nachtdienst op de afdeling en de overdracht aan collega's"
# (org, team, username, role); an expert coaches their team
PEOPLE = [
    ("Org A", "A1", "a1", "professional"), ("Org A", "A1", "a2", "professional"),
    ("Org A", "A1", "a3", "professional"), ("Org A", "A2", "a4", "professional"),
    ("Org A", "A1", "ea1", "expert"), ("Org A", "A2", "ea2", "expert"), ("Org A", None, "aa", "admin"),
    ("Org B", "B1", "b1", "professional"), ("Org B", "B1", "b2", "professional"),
    ("Org B", "B1", "eb1", "expert"), ("Org B", None, "ab", "admin"),
]


@dataclass(frozen=True)
class Canary:
    text: str
    owner: str  # username; for knowledge, the organisation's admin
    org: str
    team: str | None
    # situation, entry, message, capture, knowledge; shared (what the owner sent their expert: a conversation,
    # chosen messages, an edited draft); entry_expert / entry_team (portfolio entries shared for reading)
    kind: str


class Seeded:
    def __init__(self, client: TestClient, services):
        self.client = client
        self.services = services
        self.headers: dict[str, dict[str, str]] = {}
        self.who = {u: (org, team, role) for org, team, u, role in PEOPLE}
        self.canaries: list[Canary] = []

    def canary(self, owner: str, kind: str) -> str:
        org, team, _ = self.who[owner]
        text = f"KANARIE{owner}{kind}{uuid.uuid4().hex[:8]}"
        self.canaries.append(Canary(text, owner, org, team, kind))
        return text

    def as_(self, user: str, method: str, path: str, **kw):
        r = self.client.request(method, path, headers=self.headers[user], **kw)
        assert r.status_code < 300, f"seeding {method} {path} as {user}: {r.status_code} {r.text[:300]}"
        return r.json() if r.content and "json" in r.headers.get("content-type", "") else None

    def may_see(self, viewer: str, c: Canary, prompt: bool = False) -> bool:
        """Whether `viewer` may see the canary: read it (prompt=False), or find it in their model prompt."""
        org, team, role = self.who[viewer]
        if c.owner == viewer:
            return True
        if c.kind == "knowledge":
            return c.org == org
        if prompt:  # what others shared is for reading, never retrieved into someone's conversation
            return False
        if c.kind in ("shared", "entry_expert"):  # sent to / shared with the expert coaching the owner's team
            return role == "expert" and c.org == org and c.team == team
        if c.kind == "entry_team":  # the owner's team and its expert
            return role != "admin" and c.org == org and c.team == team
        return False

    def leaks(self, viewer: str, text: str, prompt: bool = False) -> list[str]:
        return [c.text for c in self.canaries if c.text in text and not self.may_see(viewer, c, prompt)]
