"""Who belongs to a team: its members (professionals in it) and its experts (who coach it); nobody else sees its
sessions. Admins manage teams but do not read what is said in them: for them a team's sessions do not exist (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import NotFound
from companion.core.principal import Principal, Scope
from companion.models import ExpertTeam, Person, Team
from companion.trust import people


@dataclass(frozen=True)
class TeamAccess:
    """The caller's relation to one team."""

    team: Team
    is_member: bool
    is_expert: bool


def member_ids(session: Session, team_id: int) -> list[int]:
    """The active professionals of the team, in a stable order."""
    return list(session.scalars(select(Person.id).where(Person.team_id == team_id, Person.role == "professional",
                                                        Person.active.is_(True)).order_by(Person.id)))


def expert_ids(session: Session, team_id: int) -> list[int]:
    return list(session.scalars(select(Person.id).join(ExpertTeam, ExpertTeam.expert_id == Person.id)
                                .where(ExpertTeam.team_id == team_id, Person.role == "expert",
                                       Person.active.is_(True)).order_by(Person.id)))


def team_access(session: Session, me: Principal, team_id: int) -> TeamAccess:
    """The team, for its members and its experts; 404 for everyone else, admins included."""
    team = db.get(session, Team, team_id)
    if team is None or team.org_id != me.org_id:
        raise NotFound("team_not_found")
    is_member = me.role == "professional" and me.team_id == team.id
    is_expert = me.role == "expert" and team.id in people.coached_team_ids(session, me.person_id)
    if not (is_member or is_expert):
        raise NotFound("team_not_found")
    return TeamAccess(team=team, is_member=is_member, is_expert=is_expert)


def my_team_ids(session: Session, me: Principal) -> list[int]:
    """The teams whose sessions the caller takes part in (a professional's own) or guides (an expert's)."""
    if me.role == "professional":
        return [me.team_id] if me.team_id is not None else []
    if me.role == "expert":
        return sorted(t for t in people.coached_team_ids(session, me.person_id)
                      if (team := db.get(session, Team, t)) is not None and team.org_id == me.org_id)
    return []


def team_scope(me: Principal, team_id: int) -> Scope:
    """A retrieval scope over one team's sessions and portfolio only (after `team_access` said yes)."""
    return Scope(person_id=me.person_id, org_id=me.org_id, team_ids=frozenset(), session_team_ids=frozenset({team_id}))


def names(session: Session, person_ids: list[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    return dict(session.execute(select(Person.id, Person.display_name).where(Person.id.in_(set(person_ids)))).all())
