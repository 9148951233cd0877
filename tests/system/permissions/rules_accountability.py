"""Rules for giving account (verantwoording), the pulse survey and the dashboard's aggregates."""

from __future__ import annotations

from tests.system.permissions.framework import Rule, World, admin_only, any_user, expect, own_only


def account(w: World) -> dict:
    return {"account_id": w.as_owner("POST", "/api/accountability-reports", json={})["id"]}


OWN_ACCOUNT = own_only(200)
PROFESSIONALS_ONLY = expect(anonymous=401, owner=201, other=201, expert=403, other_expert=403, foreign_admin=403,
                            admin=403)

RULES = [
    # giving account: the professional's own; the organisation sees only what was shared, via /shared
    # professionals only: a wrong role gets 403
    Rule("POST", "/api/accountability-reports", PROFESSIONALS_ONLY, fresh_owner=True, json={}),
    Rule("GET", "/api/accountability-reports", any_user(200)),
    Rule("GET", "/api/accountability-reports/shared", admin_only(200)),
    Rule("GET", "/api/accountability-reports/{account_id}", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("PATCH", "/api/accountability-reports/{account_id}", OWN_ACCOUNT, setup=account, fresh_owner=True,
         json={"shared": []}),
    Rule("POST", "/api/accountability-reports/{account_id}/redraft", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("POST", "/api/accountability-reports/{account_id}/submit", OWN_ACCOUNT, setup=account, fresh_owner=True),
    Rule("DELETE", "/api/accountability-reports/{account_id}", own_only(204), setup=account, fresh_owner=True),
    # the pulse survey: one's own answers only
    Rule("GET", "/api/surveys/current", any_user(200)),
    Rule("GET", "/api/surveys/responses", any_user(200)),
    # professionals only: a wrong role gets 403
    Rule("POST", "/api/surveys/responses", PROFESSIONALS_ONLY, clone=True,
         json={"satisfaction": 4, "applied": 3, "fits_week": 4, "comment": ""}),
    # aggregates for the organisation's admin only
    Rule("GET", "/api/analytics/dashboard", admin_only(200)),
    Rule("GET", "/api/analytics/export.csv", admin_only(200)),
]
