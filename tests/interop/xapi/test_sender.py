"""Sending the outbox to an LRS that is there, down, slow or refusing: nothing is lost, nothing is sent twice."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.cli import main
from companion.core import events
from companion.core.clock import FixedClock
from companion.interop import xapi
from companion.interop.xapi.sender import backoff
from tests.support.fake_lrs import FakeLRS, down_url
from tests.support.xapi_world import NOW, build_world, clear_outbox, configure, opt_in, outbox, principal


@pytest.fixture(scope="module")
def lrs():
    with FakeLRS() as server:
        yield server


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    services = build_world(tmp_path_factory.mktemp("xapi-sender"), batch_size=3, timeout=0.3, max_attempts=3)
    opt_in(services, "anne")
    yield services
    services.engine.dispose()


@pytest.fixture(autouse=True)
def _fresh(world, lrs):
    clear_outbox(world)
    lrs.reset()
    world.clock.set(NOW)
    configure(world, lrs.url)


def _events(services, count: int, start: int = 1) -> None:
    anne = principal(services, "anne")
    with services.transaction() as session:
        for n in range(start, start + count):
            events.emit(session, events.SITUATION_CAPTURED, person_id=anne.person_id, subject=f"situation:{n}")


def _statuses(services) -> list[str]:
    return [r.status for r in outbox(services)]


def test_statements_go_in_batches_with_the_xapi_headers_and_basic_auth(world, lrs):
    _events(world, 7)
    report = xapi.send_due(world)
    assert (report.sent, report.requests, report.retrying, report.dead) == (7, 3, 0, 0)  # batches of 3, 3, 1
    assert _statuses(world) == ["sent"] * 7
    assert all(r["path"] == "/xapi/statements" and r["headers"]["x-experience-api-version"] == "1.0.3"
               for r in lrs.requests)
    assert sorted(lrs.stored) == sorted(r.statement_id for r in outbox(world))
    assert all(r.sent_at is not None and r.attempts == 1 for r in outbox(world))
    assert xapi.send_due(world).requests == 0  # nothing due: nothing sent again


def test_an_lrs_that_is_down_loses_nothing_and_is_retried_with_backoff(world, lrs):
    configure(world, down_url())
    _events(world, 4)
    report = xapi.send_due(world)
    assert (report.sent, report.retrying, report.requests) == (0, 3, 1)  # the first batch failed: the rest waits
    rows = outbox(world)
    assert [r.attempts for r in rows] == [1, 1, 1, 0]
    assert "ConnectError" in rows[0].last_error
    assert xapi.send_due(world).requests == 1  # the fourth was still due; the first three wait their backoff
    configure(world, lrs.url)  # back up, but the backoff has not passed
    assert xapi.send_due(world).requests == 0
    world.clock.advance(seconds=backoff(1).total_seconds())
    report = xapi.send_due(world)
    assert report.sent == 4 and _statuses(world) == ["sent"] * 4


def test_backoff_doubles_and_has_a_ceiling():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(40).total_seconds() == 6 * 3600


def test_a_slow_lrs_times_out_and_the_statement_waits(world, lrs):
    lrs.mode = "slow"
    _events(world, 1)
    report = xapi.send_due(world)
    [row] = outbox(world)
    assert (report.retrying, row.status, row.attempts, row.last_error) == (1, "pending", 1, "timeout")
    lrs.mode = "ok"
    world.clock.advance(seconds=30)
    assert xapi.send_due(world).sent == 1


@pytest.mark.parametrize("status", [500, 503, 429, 408])
def test_a_busy_or_broken_lrs_is_never_a_reason_to_give_up(world, lrs, status):
    lrs.mode, lrs.refuse_status = "refuse", status
    _events(world, 1)
    for _ in range(6):  # more than xapi_max_attempts
        xapi.send_due(world)
        world.clock.advance(hours=7)
    [row] = outbox(world)
    assert row.status == "pending" and row.attempts == 6 and f"HTTP {status}" in row.last_error


def test_a_refused_statement_is_found_by_splitting_and_dies_after_max_attempts(world, lrs):
    _events(world, 3)
    rows = outbox(world)
    lrs.poison = {rows[1].statement_id}
    report = xapi.send_due(world)
    assert (report.sent, report.retrying, report.requests) == (2, 1, 4)  # the batch, then each of the three
    for _ in range(2):
        world.clock.advance(hours=7)
        xapi.send_due(world)
    assert _statuses(world) == ["sent", "dead", "sent"]
    assert outbox(world)[1].attempts == 3 and "HTTP 400" in outbox(world)[1].last_error


def test_wrong_credentials_do_not_split_and_the_admin_can_send_the_dead_again(world, lrs):
    configure(world, lrs.url, secret="wrong")
    _events(world, 2)
    for _ in range(3):
        assert xapi.send_due(world).requests == 1  # 401 is the setting's fault: no statement is tried alone
        world.clock.advance(hours=7)
    assert _statuses(world) == ["dead", "dead"]
    configure(world, lrs.url, secret="lrs-secret")
    admin = principal(world, "admin")
    with world.transaction() as session:
        assert xapi.outbox.counts(session, admin) == {"pending": 0, "sent": 0, "dead": 2}
        assert xapi.outbox.retry_dead(session, admin, now=world.clock.now()) == 2
    assert xapi.send_due(world).sent == 2


def test_resending_is_idempotent(world, lrs):
    _events(world, 2)
    xapi.send_due(world)
    rows = outbox(world)
    with world.transaction() as session:  # as if the answer was lost after the LRS stored them: send again
        for row in rows:
            again = session.get(type(row), row.id)
            again.status, again.next_attempt_at = "pending", world.clock.now()
    _events(world, 1, start=3)
    report = xapi.send_due(world)
    assert report.sent == 3 and len(lrs.stored) == 3  # the LRS ignored the equal duplicates
    _events(world, 2)  # the same events again: the same ids, already in the outbox
    assert len(outbox(world)) == 3


def test_a_conflict_counts_as_delivered(world, lrs):
    _events(world, 1)
    [row] = outbox(world)
    lrs.stored[row.statement_id] = {"id": row.statement_id, "verb": "something else"}
    report = xapi.send_due(world)
    assert report.sent == 1 and _statuses(world) == ["sent"]


def test_an_organisation_that_switched_sending_off_keeps_its_statements(world, lrs):
    _events(world, 2)
    configure(world, lrs.url, enabled=False)
    report = xapi.send_due(world)
    assert (report.requests, report.skipped_orgs) == (0, 1) and _statuses(world) == ["pending", "pending"]
    configure(world, lrs.url, enabled=True)
    assert xapi.send_due(world).sent == 2


def test_a_claimed_batch_is_not_taken_by_a_second_worker(world, lrs):
    _events(world, 2)
    claimed = xapi.sender._claim(world, principal(world, "anne").org_id, 10)
    assert len(claimed) == 2
    assert xapi.sender._claim(world, principal(world, "anne").org_id, 10) == []
    assert xapi.send_due(world).requests == 0  # leased until the first worker is done or the lease runs out
    world.clock.advance(seconds=2 * world.settings.xapi_timeout + 31)
    assert xapi.send_due(world).sent == 2


def test_the_api_process_sends_in_the_background(world, lrs, monkeypatch):
    _events(world, 2)
    monkeypatch.setattr(world.settings, "xapi_send_interval", 0.01)
    with TestClient(create_app(world)):  # the app's lifespan starts the sender, and stops it on the way out
        assert lrs.answered.wait(10)
    assert _statuses(world) == ["sent", "sent"]


def test_the_command_sends_and_reports(tmp_path, lrs, monkeypatch):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("companion.interop.xapi.command.clock_from_settings", lambda settings: FixedClock(NOW))
    services = build_world(tmp_path)  # the same data folder the command reads
    configure(services, lrs.url)
    opt_in(services, "anne")
    _events(services, 3)
    services.engine.dispose()
    r = CliRunner().invoke(main, ["xapi", "send", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == {"sent": 3, "retrying": 0, "dead": 0, "requests": 1, "skipped_orgs": 0}
    r = CliRunner().invoke(main, ["xapi", "status"])
    assert r.exit_code == 0 and "sent 3" in r.output
