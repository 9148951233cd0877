"""Organisations, teams and people: creation, login and the principal behind a token."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Conflict, Invalid, NotFound, Unauthorized
from companion.core.principal import Principal
from companion.models import ROLES, ExpertTeam, Organisation, Person, RevokedToken, Team, TokenGeneration
from companion.trust import auth
from companion.trust.auth import TokenClaims

MIN_PASSWORD = 8
MAX_PASSWORD = 200
# The most common passwords of eight characters or more (breach lists): refused whatever their length.
COMMON_PASSWORDS = frozenset("""
password password1 password12 password123 password! passw0rd p@ssw0rd p@ssword 12345678 123456789 1234567890
0123456789 87654321 11111111 00000000 12341234 qwertyui qwertyuiop qwerty123 qwerty12 1qaz2wsx abcd1234
abcdefgh iloveyou sunshine princess football baseball welcome1 welcome123 trustno1 letmein1 superman
starwars whatever computer changeme changeme1 administrator admin123 admin1234 wachtwoord wachtwoord1
welkom01 welkom123 welkom12 geheim123 voetbal1 zomer2024 zomer2025 zomer2026 winter2025 winter2026
""".split())


def check_password(password: str, username: str = "") -> None:
    """Refuse short, overlong and well-known passwords (NIST SP 800-63B: length and a blocklist, no rules)."""
    if len(password) < MIN_PASSWORD:
        raise Invalid("password_too_short", min_chars=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise Invalid("password_too_long", max_chars=MAX_PASSWORD)
    low = password.lower()
    if low in COMMON_PASSWORDS or len(set(low)) < 3 or (username and low == username.strip().lower()):
        raise Invalid("password_too_weak")


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
    check_password(password, username)
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


def find_team(session: Session, org_id: int, name: str) -> Team | None:
    """The organisation's team of that name, ignoring case and extra spaces ("team  a" is "Team A")."""
    wanted = " ".join(name.split()).lower()
    return next((t for t in session.scalars(select(Team).where(Team.org_id == org_id)) if t.name.lower() == wanted),
                None)


def list_teams(session: Session, me: Principal) -> list[dict]:
    """The admin's organisation's teams: each with its experts and how many people are in it."""
    me.require_role("admin")
    teams = session.scalars(select(Team).where(Team.org_id == me.org_id).order_by(Team.name))
    counts = dict(session.execute(select(Person.team_id, func.count()).where(Person.org_id == me.org_id)
                                  .group_by(Person.team_id)).all())
    return [{"id": t.id, "name": t.name, "experts": team_expert_names(session, t.id), "members": counts.get(t.id, 0)}
            for t in teams]


def add_person(session: Session, me: Principal, *, username: str, password: str, role: str, display_name: str = "",
               team: str | None = None, new_team: bool = False, language: str = "nl") -> Person:
    """What an admin does in Beheer: a person in an existing team, or in a team created explicitly here.

    A typo must not silently make a team nobody coaches: an unknown team is refused unless `new_team`, and a
    professional is refused in a team without an expert (add the team's expert first), as their drafts would
    have no reviewer. Creating a team that exists is refused too, so the admin notices the team is there.
    """
    me.require_role("admin")
    name = " ".join((team or "").split())
    existing = find_team(session, me.org_id, name) if name else None
    if new_team and existing is not None:
        raise Conflict("team_exists", team=existing.name)
    if name and not new_team and existing is None:
        names = ", ".join(t.name for t in session.scalars(select(Team).where(Team.org_id == me.org_id)
                                                          .order_by(Team.name))) or "-"
        raise Invalid("team_unknown", team=name, choices=names)
    if role == "professional" and name and (existing is None or not team_expert_names(session, existing.id)):
        raise Conflict("team_without_expert", team=existing.name if existing else name)
    return create_person(session, org_id=me.org_id, username=username, password=password, role=role,
                         display_name=display_name, team=existing.name if existing else (name or None),
                         language=language)


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


def load_principal(session: Session, person_id: int, claims: TokenClaims | None = None) -> Principal:
    """The principal behind a token: the person must be active and the token neither revoked nor outdated."""
    person = db.get(session, Person, person_id)
    if person is None or not person.active:
        raise Unauthorized("token_invalid")
    if claims is not None:
        if claims.generation != token_generation(session, person_id):
            raise Unauthorized("token_revoked")
        if claims.jti and session.get(RevokedToken, claims.jti) is not None:
            raise Unauthorized("token_revoked")
    return principal_of(person)


def token_generation(session: Session, person_id: int) -> int:
    row = session.get(TokenGeneration, person_id)
    return row.generation if row else 0


def revoke_all_tokens(session: Session, person_id: int) -> None:
    """Every token issued so far stops working (log out everywhere, a new password, deactivation)."""
    row = session.get(TokenGeneration, person_id)
    if row is None:
        session.add(TokenGeneration(person_id=person_id, generation=1))
    else:
        row.generation += 1
    session.flush()


def revoke_token(session: Session, claims: TokenClaims) -> None:
    """Log out one token: remembered until it would have expired anyway (older entries are dropped)."""
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < datetime.now(UTC)))
    if claims.jti and session.get(RevokedToken, claims.jti) is None:
        session.add(RevokedToken(jti=claims.jti, person_id=claims.person_id, expires_at=claims.expires_at))
    session.flush()


def change_password(session: Session, me: Principal, current: str, new: str) -> Person:
    """A new password after proving the current one; every earlier token is revoked."""
    person = session.get(Person, me.person_id)
    if not auth.verify_password(current, person.password_hash):
        raise Invalid("current_password_wrong")
    check_password(new, person.username)
    person.password_hash = auth.hash_password(new)
    revoke_all_tokens(session, person.id)
    return person


def person_in_org(session: Session, me: Principal, person_id: int) -> Person:
    """A person of the admin's own organisation; 404 for anyone else."""
    person = db.get(session, Person, person_id)
    if person is None or person.org_id != me.org_id:
        raise NotFound("person_not_found")
    return person


def set_active(session: Session, me: Principal, person_id: int, active: bool) -> Person:
    """(De)activate a person of the admin's organisation; deactivating logs them out everywhere."""
    me.require_role("admin")
    person = person_in_org(session, me, person_id)
    if person.id == me.person_id and not active:
        raise Invalid("cannot_deactivate_self")
    person.active = active
    if not active:
        revoke_all_tokens(session, person.id)
    session.flush()
    return person


def coached_team_ids(session: Session, expert_id: int) -> list[int]:
    return list(session.scalars(select(ExpertTeam.team_id).where(ExpertTeam.expert_id == expert_id)))


def team_expert_names(session: Session, team_id: int) -> list[str]:
    """The active experts (of the team's organisation) who coach a team: who reviews its members' drafts."""
    team = db.get(session, Team, team_id)
    if team is None:
        return []
    return list(session.scalars(
        select(Person.display_name).join(ExpertTeam, ExpertTeam.expert_id == Person.id)
        .where(ExpertTeam.team_id == team_id, Person.role == "expert", Person.active.is_(True),
               Person.org_id == team.org_id).order_by(Person.display_name)))


def has_expert(session: Session, person: Person | None) -> bool:
    """Someone can review this person's drafts: an active expert coaches their team."""
    return person is not None and person.team_id is not None and bool(team_expert_names(session, person.team_id))
