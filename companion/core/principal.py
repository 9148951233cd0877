"""Who is calling (the principal) and what a read may see (the scope): the inputs of every authorisation."""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.errors import Forbidden


@dataclass(frozen=True)
class Principal:
    """Who is calling: the only input authorisation decisions are made from."""

    person_id: int
    org_id: int
    team_id: int | None
    role: str
    username: str
    display_name: str
    language: str = "nl"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            raise Forbidden("role_required", roles=" / ".join(roles))

    def scope(self) -> Scope:
        """Own items, org-wide knowledge, their team's knowledge; an admin curates, so sees every team's."""
        teams = frozenset({self.team_id}) if self.team_id is not None else frozenset()
        return Scope(person_id=self.person_id, org_id=self.org_id, team_ids=teams, all_teams=self.is_admin)


@dataclass(frozen=True)
class Scope:
    """What a read may see: one person's own items, their organisation's org-wide knowledge, and the knowledge
    assigned to `team_ids` (or to any team when `all_teams`, for admins who curate it); `session_team_ids` adds the
    sessions and team portfolio of teams the caller belongs to or guides (set by the teams area, never by default)."""

    person_id: int
    org_id: int
    team_ids: frozenset[int] = frozenset()
    all_teams: bool = False
    session_team_ids: frozenset[int] = frozenset()  # teams whose sessions and team portfolio it may find

    def __post_init__(self) -> None:
        if not isinstance(self.person_id, int) or not isinstance(self.org_id, int):
            raise TypeError("Scope needs an int person_id and org_id")
        if not isinstance(self.team_ids, frozenset) or not all(isinstance(t, int) for t in self.team_ids):
            raise TypeError("Scope needs team_ids as a frozenset of ints")
        if not isinstance(self.session_team_ids, frozenset) or not all(isinstance(t, int)
                                                                        for t in self.session_team_ids):
            raise TypeError("Scope needs session_team_ids as a frozenset of ints")
