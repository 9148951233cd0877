"""The permission matrix: every API route x seven callers, each with the status it must get.

`tests/system/test_permission_matrix.py` walks `app.routes`; a route without a rule, or a rule for a route that
no longer exists, fails the test. Rules live in one module per area, `tests/system/permissions/rules_<area>.py`,
each defining `RULES: list[Rule]`; every such module is picked up automatically.

The callers (`ROLES`), all created by `World` (see framework.py):
  anonymous      no token
  owner          professional in org A, team "Team A": the one who owns the resource under test
  other          another professional of the same team and organisation
  expert         expert (coach) of Team A, the owner's team
  other_expert   expert of Team B in the same organisation
  foreign_admin  admin of organisation B
  admin          admin of organisation A

How to add a rule (one per method and path, the path exactly as FastAPI shows it)::

    from tests.system.permissions import Rule, own_only, admin_only

    RULES = [
        Rule("GET", "/api/products/{product_id}", own_only(200),
             setup=lambda w: {"product_id": w.as_owner("POST", "/api/products", json={...})["id"]}),
        Rule("POST", "/api/products", own_only(201, others=201), json={"kind": "action_plan", ...}),
        Rule("GET", "/api/analytics/teams", admin_only(200)),
        Rule("POST", "/api/suggestions/{suggestion_id}/approve",
             expect(anonymous=401, owner=403, other=404, expert=200, other_expert=404, foreign_admin=404,
                    admin=403),
             setup=make_suggestion),
    ]

- `setup(world) -> dict` creates a FRESH resource owned by the owner for every caller (so a DELETE by one
  caller does not spoil the next) and returns the path parameters. Use `world.as_owner(...)`,
  `world.as_(role, ...)` (API calls that must succeed) or `world.services` / `world.person_id(role)` directly.
- `json`, `data`, `files`, `query`: a valid request body / form / upload / query string, as a value or as a
  `callable(world, params)`. The body must be valid so that a 422 never hides a missing authorisation check.
- `clone=True` for calls that end the caller's session or account (logout, password, erasure): each caller is
  a fresh copy of itself. `fresh_owner=True` for things a person has only one of (a learning agreement): each
  call gets a new owner of the same team.
- Expected statuses: `expect(**per_role)` with every role, or the helpers `own_only`, `any_user`,
  `admin_only`, `public`. A value may be a tuple of allowed statuses when two outcomes are both correct.
- The house rules: no token -> 401; someone else's resource -> 404 (never reveal it exists); wrong role -> 403;
  admins see no personal data of professionals (only aggregates), so they get 404 on it too.
If a route behaves in a way you believe is an authorisation bug, do not encode the bug as expected: leave the
correct expectation and report it.
"""

from tests.system.permissions.framework import (
    ROLES,
    Rule,
    World,
    admin_only,
    any_user,
    collect_rules,
    expect,
    own_only,
    public,
)

__all__ = ["ROLES", "Rule", "World", "admin_only", "any_user", "collect_rules", "expect", "own_only", "public"]
