"""Rules for the operations routes: liveness and readiness are open (a load balancer has no login); /metrics
answers only its own token, never a person's login, not even an admin's."""

from __future__ import annotations

from pydantic import SecretStr

from tests.system.permissions.framework import Rule, World, expect, public


def metrics_on(w: World) -> dict:
    w.services.settings.metrics_token = SecretStr("matrix-metrics-token")
    return {}


RULES = [
    Rule("GET", "/api/health/live", public(200)),
    Rule("GET", "/api/health/ready", public(200)),
    Rule("GET", "/metrics", expect(anonymous=401, owner=401, other=401, expert=401, other_expert=401,
                                   foreign_admin=401, admin=401), setup=metrics_on),
]
