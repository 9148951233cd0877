"""Rules, expected statuses and the world of seven callers the permission matrix runs in."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

ROLES = ("anonymous", "owner", "other", "expert", "other_expert", "foreign_admin", "admin")
Status = int | tuple[int, ...]
Params = dict[str, Any]


def expect(**per_role: Status) -> dict[str, Status]:
    """Expected status per caller; every role must be named, so no caller is forgotten."""
    missing = set(ROLES) - set(per_role)
    unknown = set(per_role) - set(ROLES)
    if missing or unknown:
        raise ValueError(f"expect() needs exactly the roles {ROLES}; missing {missing}, unknown {unknown}")
    return per_role


def own_only(ok: Status = 200) -> dict[str, Status]:
    """A resource that only its owner may touch: everyone else learns nothing (404)."""
    return expect(anonymous=401, owner=ok, other=404, expert=404, other_expert=404, foreign_admin=404, admin=404)


def any_user(ok: Status = 200) -> dict[str, Status]:
    """Open to every signed-in person (about themselves or their own organisation)."""
    return expect(anonymous=401, owner=ok, other=ok, expert=ok, other_expert=ok, foreign_admin=ok, admin=ok)


def admin_only(ok: Status = 200, foreign: Status | None = None) -> dict[str, Status]:
    """Admins only; `foreign` is what the other organisation's admin gets (default: the same as admin)."""
    return expect(anonymous=401, owner=403, other=403, expert=403, other_expert=403,
                  foreign_admin=ok if foreign is None else foreign, admin=ok)


def public(ok: Status = 200) -> dict[str, Status]:
    return expect(**{role: ok for role in ROLES})


Value = Any | Callable[["World", Params], Any]


@dataclass
class Rule:
    """What every caller gets from one route, and how to build a valid request to it."""

    method: str
    path: str
    statuses: dict[str, Status]
    setup: Callable[[World], Params] | None = None
    json: Value = None
    data: Value = None
    files: Value = None
    query: Value = None
    headers: dict[str, str] = field(default_factory=dict)
    # True for calls that end the caller's session or account (logout, password change, erasure): each caller
    # is then a fresh person with the same organisation, team and role, so the world's callers stay usable.
    clone: bool = False
    # True for resources a person has only one of (a learning agreement): every caller's setup gets a fresh
    # owner (a professional of the owner's team), who is also the "owner" caller for that call.
    fresh_owner: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return self.method.upper(), self.path

    def request(self, world: World, role: str) -> int:
        """Fresh setup, then the call as `role`; returns the status code."""
        with world.owned_by_newcomer(self.fresh_owner):
            return self._request(world, role)

    def _request(self, world: World, role: str) -> int:
        params = self.setup(world) if self.setup else {}
        url = self.path.format(**params)
        kwargs = {name: _resolve(getattr(self, name), world, params) for name in ("json", "data", "files")}
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        caller = world.clone(role) if self.clone else world.headers(role)
        response = world.client.request(self.method, url, params=_resolve(self.query, world, params),
                                        headers={**caller, **self.headers}, **kwargs)
        return response.status_code


def _resolve(value: Value, world: World, params: Params) -> Any:
    return value(world, params) if callable(value) else value


def route_keys(app) -> set[tuple[str, str]]:
    """(METHOD, path) of every route the app serves with a method, docs pages included (mounts are not routes)."""
    try:  # FastAPI >= 0.165 keeps included routers lazy; this walks them as the router itself does
        from fastapi.routing import iter_route_contexts

        routes = list(iter_route_contexts(app.routes))
    except ImportError:
        routes = list(app.routes)
    keys = set()
    for route in routes:
        methods = getattr(route, "methods", None) or ()
        keys.update((m, route.path) for m in methods if m != "HEAD")
    return keys


def collect_rules() -> list[Rule]:
    """RULES of every rules_*.py next to this file; a route ruled twice is an error."""
    rules: list[Rule] = []
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if info.name.startswith("rules_"):
            rules.extend(importlib.import_module(f"{__package__}.{info.name}").RULES)
    seen: dict[tuple[str, str], int] = {}
    for rule in rules:
        seen[rule.key] = seen.get(rule.key, 0) + 1
    doubles = [k for k, n in seen.items() if n > 1]
    if doubles:
        raise ValueError(f"routes ruled more than once: {doubles}")
    return rules


class World:
    """Two organisations and the seven callers, over one app; `as_()` makes resources through the API."""

    PASSWORD = "password-1"
    # Settings for the matrix app: limits that would turn a burst of test calls into 429s are lifted here.
    SETTINGS: dict[str, Any] = {"chat_messages_per_minute": 0, "daily_token_budget": 0}
    PEOPLE = {  # role -> (org, username, person role, team)
        "owner": ("Org A", "owner", "professional", "Team A"),
        "other": ("Org A", "other", "professional", "Team A"),
        "expert": ("Org A", "expert", "expert", "Team A"),
        "other_expert": ("Org A", "otherexpert", "expert", "Team B"),
        "admin": ("Org A", "admin", "admin", None),
        "foreign_admin": ("Org B", "foreignadmin", "admin", None),
        "foreign": ("Org B", "foreign", "professional", "Team X"),  # not a caller; owns org B's data
    }

    def __init__(self, services, client: TestClient):
        from companion.trust import people

        self.services = services
        self.client = client
        self._clones = itertools.count(1)
        self.org_ids: dict[str, int] = {}
        self.person_ids: dict[str, int] = {}
        with services.sessions() as session:
            for role, (org_name, username, person_role, team) in self.PEOPLE.items():
                org = people.get_or_create_org(session, org_name)
                self.org_ids[org_name] = org.id
                person = people.create_person(session, org_id=org.id, username=username, password=self.PASSWORD,
                                              role=person_role, display_name=username.title(), team=team)
                self.person_ids[role] = person.id
            session.commit()
        self._headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for role, (_, username, _, _) in self.PEOPLE.items():
            r = client.post("/api/auth/token", data={"username": username, "password": self.PASSWORD})
            assert r.status_code == 200, r.text
            self._headers[role] = {"Authorization": f"Bearer {r.json()['access_token']}"}

    def headers(self, role: str) -> dict[str, str]:
        return dict(self._headers[role])

    def clone(self, role: str) -> dict[str, str]:
        """Headers of a new person like `role` (same organisation, team and role); none for anonymous."""
        return self._new_person(role)[0] if role != "anonymous" else {}

    def _new_person(self, role: str) -> tuple[dict[str, str], int]:
        from companion.trust import people

        org_name, _, person_role, team = self.PEOPLE[role]
        username = f"clone{next(self._clones)}"
        with self.services.sessions() as session:
            person = people.create_person(session, org_id=self.org_ids[org_name], username=username,
                                          password=self.PASSWORD, role=person_role, display_name=username, team=team)
            session.commit()
            person_id = person.id
        r = self.client.post("/api/auth/token", data={"username": username, "password": self.PASSWORD})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}, person_id

    @contextmanager
    def owned_by_newcomer(self, fresh: bool):
        """With `fresh`, a new professional of the owner's team stands in as the owner for one call."""
        if not fresh:
            yield
            return
        saved = self._headers["owner"], self.person_ids["owner"]
        self._headers["owner"], self.person_ids["owner"] = self._new_person("owner")
        try:
            yield
        finally:
            self._headers["owner"], self.person_ids["owner"] = saved

    def person_id(self, role: str) -> int:
        return self.person_ids[role]

    def as_(self, role: str, method: str, path: str, **kwargs) -> Any:
        """Call the API as `role` and insist it succeeds; the JSON answer (None for 204)."""
        r = self.client.request(method, path, headers=self.headers(role), **kwargs)
        assert r.status_code < 300, f"setup {method} {path} as {role}: {r.status_code} {r.text}"
        return r.json() if r.content and r.headers.get("content-type", "").startswith("application/json") else None

    def as_owner(self, method: str, path: str, **kwargs) -> Any:
        return self.as_("owner", method, path, **kwargs)
