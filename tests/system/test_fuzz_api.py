"""Property-based fuzzing of the OpenAPI schema, in process: valid and invalid inputs to every operation, as a
professional and as an admin, never give a 500 (schemathesis generates, hypothesis runs derandomized)."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from companion.api.main import create_app
from companion.knowledge import documents
from tests.support.app import login

EXAMPLES = 3  # per operation, caller and mode: bounded so the whole run stays well under a minute
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# Flows that end the caller's own session are fuzzed too; the caller just logs in again afterwards.
_people = itertools.count(1)


def _seed(client: TestClient, services, org_id: int) -> None:
    """A little of everything, so small generated ids often point at real rows (owned by anne or not)."""
    anne = login(client, "anne")
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    client.post(f"/api/conversations/{conv}/messages", headers=anne,
                json={"content": "Ik had een conflict met een collega over de planning van de nachtdienst."})
    client.post("/api/situations", headers=anne, json={"title": "Overdracht", "description": "Rommelig."})
    client.post("/api/portfolio", headers=anne, json={"title": "Leerdoel", "body": "Eerst luisteren."})
    team = client.get("/api/teams/mine", headers=anne).json()[0]["id"]  # a team session with a case, in its vote
    team_session = client.post(f"/api/teams/{team}/sessions", headers=anne, json={"title": "Intervisie"}).json()["id"]
    client.post(f"/api/team-sessions/{team_session}/cases", headers=anne, json={"title": "Rooster", "text": "Laat."})
    client.post(f"/api/team-sessions/{team_session}/advance", headers=anne, json={})
    with services.sessions() as session:
        documents.ingest_text(session, services.index, org_id, "feedback.md", "# Feedback\n\nBinnen een week.", [])
        session.commit()


def _headers(client: TestClient, services, org_id: int, role: str) -> dict[str, str]:
    """A token for a person with `role`: the seeded one, or a new one if fuzzing erased or locked it out."""
    from companion.trust import people

    username = {"professional": "anne", "admin": "admin"}[role]
    r = client.post("/api/auth/token", data={"username": username, "password": "password-1"})
    if r.status_code != 200:
        username = f"fuzz{role[:3]}{next(_people)}"
        with services.sessions() as session:
            people.create_person(session, org_id=org_id, username=username, password="password-1", role=role,
                                 team="Team A")
            session.commit()
        r = client.post("/api/auth/token", data={"username": username, "password": "password-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _fuzz(operation, mode, headers: dict[str, str], label: str, failures: list[str]) -> int:
    """Run one operation's generated cases; 5xx answers go to `failures`; returns how many cases ran."""
    ran = 0

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        nonlocal ran
        ran += 1
        # Negative cases may drop or break the Authorization header; ours goes under whatever the case sets.
        response = case.call(headers={**headers, **(case.headers or {})})
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} {label}: {response.status_code} "
                            f"{response.text[:200]} body={str(case.body)[:200]}")

    run()
    return ran


@pytest.fixture
def app_client(services, org):
    services.settings.chat_messages_per_minute = 0  # a burst of fuzz calls is not what the limit is for
    with TestClient(create_app(services)) as c:
        yield c


def test_no_operation_answers_500(app_client, services, org):
    _seed(app_client, services, org)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app_client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    failures: list[str] = []
    cases = 0
    for operation, role, mode in itertools.product(operations, ("professional", "admin"), MODES):
        headers = _headers(app_client, services, org, role)
        try:
            cases += _fuzz(operation, mode, headers, f"as {role} ({mode.value})", failures)
        except Unsatisfiable:  # nothing to get wrong: an operation without parameters has no invalid inputs
            continue
        except Exception as exc:  # generation trouble for one operation must not hide the others' results
            failures.append(f"{operation.method.upper()} {operation.path} as {role} ({mode.value}): {exc!r}"[:400])
    print(f"fuzzed {len(operations)} operations, {cases} cases, {len(failures)} failures")
    assert not failures, "\n".join(failures[:20])


def test_a_number_no_database_can_hold_is_bad_input_not_a_crash(client, admin):
    """Found by the fuzzer: a team id of 2**70 in a body used to escape as OverflowError (a 500)."""
    r = client.post("/api/trajectories", headers={**admin, "Accept-Language": "nl"},
                    json={"name": "Traject", "team_ids": [2**70]})
    assert r.status_code == 422 and r.json()["code"] == "number_out_of_range" and "te groot" in r.json()["detail"]
