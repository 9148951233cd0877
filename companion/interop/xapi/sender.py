"""Sending the outbox to each organisation's LRS: batches, retries with exponential backoff, dead letters.

What the LRS answers decides what happens to a batch:
- 200/204: stored; 409 (already stored, maybe differently) counts as delivered too: ids are ours and stable.
- a connection error, a time-out, 408, 429 or 5xx: the LRS is away; the batch waits (backoff) and the
  organisation's other statements wait with it; this never makes a statement dead.
- any other 4xx: refused. A batch is split to find the statement that was refused; that one is dead after
  `xapi_max_attempts`. 401/403/404 are about the setting, not the statement: no split, every row waits.
All time is the services' clock. Rows are claimed before sending, so two workers never send the same batch
(and if they did, the stable ids make the second harmless).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select, update

from companion.interop.xapi import preferences
from companion.models import XapiSettings, XapiStatement

log = logging.getLogger(__name__)
XAPI_VERSION = "1.0.3"
BACKOFF_FIRST = 30.0  # seconds before the first retry; doubled each attempt
BACKOFF_MAX = 6 * 3600.0
TRANSIENT = {408, 429}
SETTING_PROBLEMS = {401, 403, 404}


@dataclass
class Report:
    """What one round of sending did."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0
    requests: int = 0
    skipped_orgs: int = 0  # organisations with due statements but sending off or incomplete

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to 6 hours: simple arithmetic, deterministic under the injected clock."""
    return timedelta(seconds=min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX))


@dataclass
class _Outcome:
    delivered: bool = False
    transient: bool = False
    refused: bool = False
    error: str = ""


def send_due(services, *, client: httpx.Client | None = None, org_id: int | None = None) -> Report:
    """Send every due statement of every organisation (or of `org_id`), in batches; returns what happened."""
    report = Report()
    now = services.clock.now()
    with services.transaction() as session:
        due = select(XapiStatement.org_id).where(XapiStatement.status == "pending",
                                                 XapiStatement.next_attempt_at <= now)
        if org_id is not None:
            due = due.where(XapiStatement.org_id == org_id)
        org_ids = sorted(set(session.scalars(due)))
    own = client is None
    client = client or httpx.Client(timeout=services.settings.xapi_timeout)
    try:
        for org in org_ids:
            _send_org(services, client, org, report)
    finally:
        if own:
            client.close()
    return report


def _send_org(services, client: httpx.Client, org_id: int, report: Report) -> None:
    settings = services.settings
    with services.transaction() as session:
        cfg = session.get(XapiSettings, org_id)
        secret = preferences.decrypt(cfg.secret, settings.secret_key.get_secret_value()) if cfg else None
        ready = cfg is not None and cfg.enabled and cfg.endpoint and cfg.key and secret
        endpoint, key = (cfg.endpoint, cfg.key) if cfg else ("", "")
    if not ready:
        if cfg is not None and cfg.enabled and secret is None:
            log.warning("xapi: the LRS secret of organisation %s cannot be read (new server secret?)", org_id)
        report.skipped_orgs += 1
        return
    while True:
        batch = _claim(services, org_id, settings.xapi_batch_size)
        if not batch:
            return
        outcomes = _deliver(client, endpoint, (key, secret), batch, report)
        _settle(services, batch, outcomes, report)
        if any(o.transient for o in outcomes.values()):
            return  # the LRS is away: its other statements wait for the next round


def _claim(services, org_id: int, size: int) -> list[tuple[int, dict]]:
    """Take the next due rows for this round: moved ahead by a lease, so no other worker takes them meanwhile."""
    now = services.clock.now()
    lease = now + timedelta(seconds=2 * services.settings.xapi_timeout + 30)
    with services.transaction() as session:
        ids = list(session.scalars(select(XapiStatement.id).where(
            XapiStatement.org_id == org_id, XapiStatement.status == "pending", XapiStatement.next_attempt_at <= now)
            .order_by(XapiStatement.id).limit(max(1, size))))
        if not ids:
            return []
        session.execute(update(XapiStatement).where(XapiStatement.id.in_(ids), XapiStatement.status == "pending",
                                                    XapiStatement.next_attempt_at <= now)
                        .values(next_attempt_at=lease))
        rows = session.execute(select(XapiStatement.id, XapiStatement.statement).where(
            XapiStatement.id.in_(ids), XapiStatement.next_attempt_at == lease).order_by(XapiStatement.id))
        return [(row_id, statement) for row_id, statement in rows.all()]


def _post(client: httpx.Client, endpoint: str, auth: tuple[str, str], statements: list[dict]) -> _Outcome:
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
    try:
        response = client.post(f"{endpoint}/statements", json=statements, auth=auth, headers=headers)
    except httpx.TimeoutException:
        return _Outcome(transient=True, error="timeout")
    except Exception as exc:  # unreachable in any other way (a proxy, a refused socket): still only "not now"
        log.info("xapi: posting to %s failed: %r", endpoint, exc)
        return _Outcome(transient=True, error=f"{type(exc).__name__}: {exc}"[:300])
    code = response.status_code
    if code in (200, 204, 409):
        return _Outcome(delivered=True)
    error = f"HTTP {code}: {response.text[:200]}"
    if code in TRANSIENT or code >= 500:
        return _Outcome(transient=True, error=error)
    return _Outcome(refused=True, error=error)


def _deliver(client: httpx.Client, endpoint: str, auth: tuple[str, str], batch: list[tuple[int, dict]],
             report: Report) -> dict[int, _Outcome]:
    """POST the batch; split it when one statement may spoil the rest (a refusal, or a conflict among many)."""
    report.requests += 1
    outcome = _post(client, endpoint, auth, [statement for _, statement in batch])
    splittable = len(batch) > 1 and (outcome.refused and not outcome.error.startswith(
        tuple(f"HTTP {c}" for c in SETTING_PROBLEMS)))
    if not splittable:
        return {row_id: outcome for row_id, _ in batch}
    outcomes: dict[int, _Outcome] = {}
    for n, (row_id, statement) in enumerate(batch):
        report.requests += 1
        outcomes[row_id] = single = _post(client, endpoint, auth, [statement])
        if single.transient:  # gone while we split: the rest waits, untried
            outcomes.update({rid: single for rid, _ in batch[n + 1:]})
            break
    return outcomes


def _settle(services, batch: list[tuple[int, dict]], outcomes: dict[int, _Outcome], report: Report) -> None:
    now: datetime = services.clock.now()
    max_attempts = max(1, services.settings.xapi_max_attempts)
    with services.transaction() as session:
        for row_id, _ in batch:
            row = session.get(XapiStatement, row_id)
            outcome = outcomes[row_id]
            if row is None:
                continue  # erased meanwhile (the person's data was deleted)
            if outcome.delivered:
                row.status, row.sent_at, row.last_error = "sent", now, ""
                row.attempts += 1
                report.sent += 1
                continue
            row.attempts += 1
            row.last_error = outcome.error[:500]
            if outcome.refused and row.attempts >= max_attempts:
                row.status = "dead"
                report.dead += 1
            else:
                row.next_attempt_at = now + backoff(row.attempts)
                report.retrying += 1


class BackgroundSender:
    """The API process's sender: a thread that sends every `interval` seconds until stopped."""

    def __init__(self, services, interval: float):
        self.services, self.interval = services, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xapi-sender", daemon=True)

    def start(self) -> BackgroundSender:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                report = send_due(self.services)
                if report.requests:
                    log.info("xapi: %s", report.as_dict())
            except Exception:  # the next round tries again; the outbox keeps everything meanwhile
                log.exception("xapi: sending failed")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.services.settings.xapi_timeout + 5)
