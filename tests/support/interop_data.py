"""A portfolio worth exporting: situations, entries, approved and pending products, and someone else's items."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from companion.reflection import portfolio
from companion.review import suggestions
from companion.services import Services
from tests.support.app import make_services
from tests.support.review_data import PAYLOADS, principal, send


def approve(services, kind: str, username: str = "anne", expert: str = "eva", title: str | None = None,
            situation_ids: tuple[int, ...] = ()) -> tuple[int, int | None]:
    """A suggestion of `username` drafted, sent and approved by `expert`: (suggestion id, entry id)."""
    payload = PAYLOADS[kind]
    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, username), kind, title or payload["title"],
                                          payload, drafted_by="offline guide", prompt_version=f"{kind}.nl@test",
                                          situation_ids=situation_ids)
        suggestion_id = s.id
    send(services, suggestion_id, username, share="draft")
    with services.sessions() as session:
        s = suggestions.decide(session, services.index, principal(services, expert), suggestion_id, "approved",
                               "Helder en haalbaar.")
        return s.id, s.entry_id


def pending(services, kind: str, username: str = "anne") -> int:
    """A suggestion sent to the expert and not decided yet."""
    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, username), kind, f"In afwachting: {kind}",
                                          PAYLOADS[kind], drafted_by="offline guide", prompt_version="t")
        suggestion_id = s.id
    send(services, suggestion_id, username, share="draft")
    return suggestion_id


def situation(services, username: str, title: str, description: str) -> int:
    with services.sessions() as session:
        return portfolio.create_situation(session, services.index, principal(services, username),
                                          {"title": title, "description": description, "felt": "Onrustig."}).id


def entry(services, username: str, title: str, body: str, situation_id: int | None = None,
          kind: str = "reflection") -> int:
    with services.sessions() as session:
        return portfolio.create_entry(session, services.index, principal(services, username),
                                      {"kind": kind, "title": title, "body": body, "situation_id": situation_id}).id


def portfolio_world(services) -> dict[str, int]:
    """Anne: a situation, a reflection on it, an approved action plan, learning goal and advice note, a pending
    annual plan. Bram (same team): a situation and an entry of his own, which never show up in Anne's exports."""
    ids: dict[str, int] = {}
    ids["situation"] = situation(services, "anne", "Overdracht in de nachtdienst",
                                 "Bij de overdracht ontbrak informatie over een cliënt.")
    ids["reflection"] = entry(services, "anne", "Wat ik leerde van de overdracht", "Eerst vragen, dan pas invullen.",
                              ids["situation"])
    ids["plan"], ids["plan_entry"] = approve(services, "action_plan", situation_ids=(ids["situation"],))
    ids["goal"], ids["goal_entry"] = approve(services, "learning_goal")
    ids["advice"], ids["advice_entry"] = approve(services, "advice_note")
    ids["pending"] = pending(services, "annual_plan")
    ids["bram_situation"] = situation(services, "bram", "Bram zijn geheime situatie", "Alleen van Bram.")
    ids["bram_entry"] = entry(services, "bram", "Bram zijn geheime reflectie", "Alleen van Bram.")
    return ids


@contextmanager
def exports_world(tmp_path_factory, name: str) -> Iterator[tuple[Services, TestClient, dict[str, int]]]:
    """For a module: an app over fresh services, the people of the `org` fixture and `portfolio_world`'s items."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth, people

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
        settings = Settings(data_dir=tmp_path_factory.mktemp(name) / "data", database_url=None, chroma_url=None,
                            demo=False, chat_messages_per_minute=0, daily_token_budget=0)
        services = make_services(settings, model=None)
        with services.sessions() as session:
            org = people.get_or_create_org(session, "Testorg")
            for username, role in [("anne", "professional"), ("bram", "professional"), ("eva", "expert"),
                                   ("admin", "admin")]:
                people.create_person(session, org_id=org.id, username=username, password="password-1", role=role,
                                     display_name=username.capitalize(), team="Team A")
            session.commit()
        ids = portfolio_world(services)
        with TestClient(create_app(services)) as client:
            yield services, client, ids
        services.engine.dispose()
