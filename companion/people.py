"""Organisations, teams and people: creation, login and the principal behind a token."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import auth, db
from .auth import Principal
from .errors import Conflict, Invalid, Unauthorized
from .models import ROLES, ExpertTeam, Organisation, Person, Team

MIN_PASSWORD = 8


def get_or_create_org(session: Session, name: str) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name)
        session.add(org)
        session.flush()
    return org


def get_or_create_team(session: Session, org_id: int, name: str) -> Team:
    team = session.scalar(select(Team).where(Team.org_id == org_id, Team.name == name))
    if team is None:
        team = Team(org_id=org_id, name=name)
        session.add(team)
        session.flush()
    return team


def create_person(session: Session, *, org_id: int, username: str, password: str, role: str,
                  display_name: str = "", team: str | None = None, language: str = "nl") -> Person:
    """A new person; an expert given a team also coaches that team."""
    username = username.strip().lower()
    if not username or len(username) > 100 or not username.replace(".", "").replace("-", "").replace(
            "_", "").replace("@", "").isalnum():
        raise Invalid("username_invalid")
    if role not in ROLES:
        raise Invalid("role_invalid", choices=", ".join(ROLES))
    if len(password) < MIN_PASSWORD:
        raise Invalid("password_too_short", min_chars=MIN_PASSWORD)
    if language not in ("nl", "en"):
        raise Invalid("language_invalid")
    if session.scalar(select(func.count()).where(func.lower(Person.username) == username)):
        raise Conflict("username_taken", username=username)
    team_row = get_or_create_team(session, org_id, team.strip()) if team and team.strip() else None
    person = Person(org_id=org_id, username=username, display_name=display_name.strip() or username,
                    role=role, password_hash=auth.hash_password(password), language=language,
                    team_id=team_row.id if team_row else None)
    session.add(person)
    session.flush()
    if role == "expert" and team_row is not None:
        session.add(ExpertTeam(expert_id=person.id, team_id=team_row.id))
    return person


def principal_of(person: Person) -> Principal:
    return Principal(person_id=person.id, org_id=person.org_id, team_id=person.team_id, role=person.role,
                     username=person.username, display_name=person.display_name, language=person.language)


def authenticate(session: Session, username: str, password: str) -> Person:
    """The person with these credentials; one vague error for every failure."""
    person = session.scalar(select(Person).where(Person.username == username.strip().lower()))
    ok = auth.verify_password(password, person.password_hash if person else None)
    if not ok or person is None or not person.active:
        raise Unauthorized("wrong_credentials")
    return person


def load_principal(session: Session, person_id: int) -> Principal:
    person = db.get(session, Person, person_id)
    if person is None or not person.active:
        raise Unauthorized("token_invalid")
    return principal_of(person)


def coached_team_ids(session: Session, expert_id: int) -> list[int]:
    return list(session.scalars(select(ExpertTeam.team_id).where(ExpertTeam.expert_id == expert_id)))
