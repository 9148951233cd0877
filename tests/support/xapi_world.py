"""An organisation that sends xAPI: services on a fixed clock with the outbox installed, people, the LRS setting."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from companion.core.clock import FixedClock
from companion.core.config import Settings
from companion.interop import xapi
from companion.models import Person, XapiStatement
from companion.trust import people
from tests.support.app import make_services

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday
BASE_URL = "https://zorg-x.example"


def build_world(tmp_path, *, batch_size: int = 50, timeout: float = 0.5, max_attempts: int = 3):
    """Services (offline guide, fake embeddings, FixedClock) with the outbox listening, and anne/eva/admin."""
    settings = Settings(data_dir=tmp_path / "data", xapi_batch_size=batch_size, xapi_timeout=timeout,
                        xapi_max_attempts=max_attempts, xapi_send_interval=0, chat_messages_per_minute=0,
                        daily_token_budget=0)
    services = make_services(settings)
    services.clock = FixedClock(NOW)
    xapi.install(services)
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Zorg X")
        for username, role in [("anne", "professional"), ("bram", "professional"), ("eva", "expert"),
                               ("admin", "admin")]:
            people.create_person(session, org_id=org.id, username=username, password="password-1", role=role,
                                 display_name=username.capitalize(), team=None if role == "admin" else "Team A")
        session.commit()
    return services


def principal(services, username: str):
    with services.sessions() as session:
        return people.principal_of(session.scalar(select(Person).where(Person.username == username)))


def configure(services, endpoint: str, *, enabled: bool = True, key: str = "lrs-key", secret: str = "lrs-secret",
              base_url: str = BASE_URL) -> None:
    """The admin's LRS setting for the organisation."""
    with services.transaction() as session:
        xapi.preferences.update_org(session, principal(services, "admin"),
                                    services.settings.secret_key.get_secret_value(), enabled=enabled,
                                    endpoint=endpoint, base_url=base_url, key=key, secret=secret)


def opt_in(services, username: str, *, share: bool = True, named: bool = False, email: str = "") -> dict:
    with services.transaction() as session:
        return xapi.preferences.update_person(session, principal(services, username), share=share, named=named,
                                              email=email)


def outbox(services) -> list[XapiStatement]:
    with services.sessions() as session:
        return list(session.scalars(select(XapiStatement).order_by(XapiStatement.id)))


def clear_outbox(services) -> None:
    with services.transaction() as session:
        session.execute(delete(XapiStatement))
