"""Every API route x seven callers gets exactly the status its rule says (see tests/system/permissions/)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from tests.support.app import make_services
from tests.system.permissions import ROLES, World, collect_rules
from tests.system.permissions.framework import route_keys

RULES = collect_rules()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One app and seven callers for the whole module; every rule makes fresh resources per caller."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
        data = tmp_path_factory.mktemp("matrix") / "data"
        settings = Settings(data_dir=data, database_url=None, chroma_url=None, demo=False, **World.SETTINGS)
        services = make_services(settings, model=None)
        with TestClient(create_app(services)) as client:
            yield World(services, client)
        services.engine.dispose()


def test_every_route_has_exactly_one_rule(world):
    served = route_keys(world.client.app)
    ruled = {rule.key for rule in RULES}
    assert not served - ruled, f"routes without a permission rule (add one in tests/system/permissions/rules_*.py): " \
                               f"{sorted(served - ruled)}"
    assert not ruled - served, f"rules for routes that do not exist: {sorted(ruled - served)}"


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.method} {r.path}" for r in RULES])
def test_route_statuses_per_caller(world, rule):
    got = {role: rule.request(world, role) for role in ROLES}
    wrong = {role: f"got {got[role]}, expected {rule.statuses[role]}" for role in ROLES
             if got[role] != rule.statuses[role] and not (isinstance(rule.statuses[role], tuple)
                                                          and got[role] in rule.statuses[role])}
    assert not wrong, f"{rule.method} {rule.path}: {wrong}"
