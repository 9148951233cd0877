"""`companion xapi send|status`: the outbox from a cron job or a systemd timer, without starting the API."""

from __future__ import annotations

import json
from dataclasses import dataclass

import click
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from companion.core import db
from companion.core.clock import Clock, clock_from_settings
from companion.core.config import Settings, get_settings
from companion.interop.xapi.sender import send_due
from companion.models import XapiStatement


@dataclass
class SenderServices:
    """What sending needs (database, clock, settings): no index, no embeddings, quick to start from a timer."""

    settings: Settings
    sessions: sessionmaker[Session]
    clock: Clock

    def transaction(self):
        return db.transaction(self.sessions)


def sender_services(settings: Settings) -> SenderServices:
    engine = db.make_engine(settings)
    return SenderServices(settings=settings, sessions=db.session_factory(engine), clock=clock_from_settings(settings))


@click.group("xapi")
def xapi_command() -> None:
    """Learning records to each organisation's LRS (docs/xapi.md)."""


@xapi_command.command("send")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def send(as_json: bool) -> None:
    """Send the statements that are due, in batches; what fails waits for a later run (backoff)."""
    report = send_due(sender_services(get_settings()))
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        click.echo(f"sent {report.sent}, retrying later {report.retrying}, dead {report.dead} "
                   f"({report.requests} requests; {report.skipped_orgs} organisations with sending off)")


@xapi_command.command("status")
def status() -> None:
    """How many statements are pending, sent and dead, per organisation."""
    services = sender_services(get_settings())
    with services.transaction() as session:
        rows = session.execute(select(XapiStatement.org_id, XapiStatement.status, func.count())
                               .group_by(XapiStatement.org_id, XapiStatement.status)
                               .order_by(XapiStatement.org_id, XapiStatement.status)).all()
    if not rows:
        click.echo("the outbox is empty")
    for org_id, state, count in rows:
        click.echo(f"organisation {org_id}: {state} {count}")
