"""Rules for xAPI: the organisation's LRS and its outbox (admins of that organisation), and my own choice."""

from __future__ import annotations

from companion.models import XapiStatement
from tests.system.permissions.framework import Rule, World, admin_only, any_user


def dead_letter(w: World) -> dict:
    """A statement of organisation A that its LRS refused for good (made in the database: no LRS in the matrix)."""
    now = w.services.clock.now()
    with w.services.transaction() as session:
        count = session.query(XapiStatement).count()
        row = XapiStatement(org_id=w.org_ids["Org A"], person_id=w.person_id("owner"),
                            statement_id=f"00000000-0000-4000-8000-{count + 1:012d}", event="situation_captured",
                            statement={"verb": {"id": "http://activitystrea.ms/schema/1.0/create"},
                                       "object": {"id": "https://org-a.example/xapi/situations/1"}},
                            status="dead", attempts=5, next_attempt_at=now, last_error="HTTP 400", created_at=now)
        session.add(row)
        session.flush()
        return {"statement_row_id": row.id}


RULES = [
    Rule("GET", "/api/admin/xapi", admin_only(200)),
    Rule("PUT", "/api/admin/xapi", admin_only(200),
         json={"enabled": False, "endpoint": "https://lrs.example.org/xapi", "base_url": "https://org.example"}),
    Rule("GET", "/api/admin/xapi/outbox", admin_only(200), query={"status": "dead"}),
    Rule("POST", "/api/admin/xapi/outbox/retry-dead", admin_only(200)),
    # another organisation's admin learns nothing of this one's statements
    Rule("POST", "/api/admin/xapi/outbox/{statement_row_id}/retry", admin_only(200, foreign=404), setup=dead_letter),
    Rule("POST", "/api/admin/xapi/send", admin_only(200)),
    Rule("GET", "/api/me/xapi", any_user(200)),
    Rule("PATCH", "/api/me/xapi", any_user(200), json={"share": False}),
]
