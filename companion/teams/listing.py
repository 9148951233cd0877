"""Lists: the methods and their phases, the teams I am in or guide with their running sessions (and what each
asks of me now: the reminder in Mijn week), and a team's sessions with what is new since my last visit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core.principal import Principal
from companion.models import TeamSession, TeamVote
from companion.teams import access, facilitator, flow, methods
from companion.teams.methods import CHOOSE, CLOSED
from companion.teams.sessions import poster, since


def list_for_team(session: Session, me: Principal, ctx: flow.Context, team_id: int) -> list[dict[str, Any]]:
    access.team_access(session, me, team_id)
    rows = list(session.scalars(select(TeamSession).where(TeamSession.team_id == team_id)
                                .order_by(TeamSession.created_at.desc(), TeamSession.id.desc())))
    if any(flow.tick(session, ts, ctx) for ts in rows if ts.finished_at is None):
        session.commit()
    return [summary_row(session, me, ts, ctx) for ts in rows]


def summary_row(session: Session, me: Principal, ts: TeamSession, ctx: flow.Context) -> dict[str, Any]:
    words = facilitator.phase_words(ctx.prompts_dir, me.language, ts.method, ts.phase)
    case = flow.case_of(session, ts)
    team = access.team_access(session, me, ts.team_id)
    return {"id": ts.id, "team_id": ts.team_id, "title": ts.title, "method": ts.method, "mode": ts.mode,
            "phase": ts.phase, "phase_label": words["label"], "phase_deadline": flow.utc(ts.phase_deadline),
            "case_title": case.title if case else None, "created_at": flow.utc(ts.created_at),
            "finished_at": flow.utc(ts.finished_at), "agreement": ts.agreement,
            "new_since_last_visit": len(since(session, me, ts, team)["items"]),
            "asked_of_me": asked_of_me(session, me, ts, team)}


def asked_of_me(session: Session, me: Principal, ts: TeamSession, team: access.TeamAccess) -> list[str]:
    """What the session waits for from me now (a reminder in Mijn week): the kinds I may post and did not yet."""
    if ts.phase == CLOSED:
        return []
    if ts.phase == CHOOSE:
        voted = session.get(TeamVote, (ts.id, me.person_id)) is not None
        return [] if voted or not team.is_member else ["vote"]
    if ts.phase == methods.CASES:
        return []
    phase = methods.get(ts.method).phase(ts.phase)
    kinds = methods.kinds_for(phase, poster(ts, me, team))
    if not kinds or me.person_id in flow.spoken(session, ts, ts.phase):
        return []
    return kinds[:1]


def catalogue(prompts_dir, language: str) -> list[dict[str, Any]]:
    """Every method with its phases: what each asks now (what `GET /api/team-methods` lists)."""
    out = []
    for method_id, m in methods.METHODS.items():
        words = facilitator.method_words(prompts_dir, language, method_id)
        out.append({"id": method_id, **words, "asynchronous": m.asynchronous, "series": m.series,
                    "phases": [{"id": p, **{k: facilitator.phase_words(prompts_dir, language, method_id, p)[k]
                                            for k in ("label", "asks")}} for p in m.phase_ids()]})
    return out


def my_teams(session: Session, me: Principal, ctx: flow.Context) -> list[dict[str, Any]]:
    """The teams I am in or guide, with their people and the sessions still running (and what they ask of me)."""
    out = []
    for team_id in access.my_team_ids(session, me):
        team = access.team_access(session, me, team_id)
        members, experts = access.member_ids(session, team_id), access.expert_ids(session, team_id)
        names = access.names(session, members + experts)
        running = list(session.scalars(select(TeamSession).where(TeamSession.team_id == team_id,
                                                                 TeamSession.finished_at.is_(None))
                                       .order_by(TeamSession.created_at.desc(), TeamSession.id.desc())))
        if any(flow.tick(session, ts, ctx) for ts in running):
            session.commit()
        out.append({"id": team_id, "name": team.team.name, "role": "member" if team.is_member else "expert",
                    "members": [{"id": i, "name": names.get(i, "")} for i in members],
                    "experts": [{"id": i, "name": names.get(i, "")} for i in experts],
                    "open_sessions": [summary_row(session, me, ts, ctx) for ts in running]})
    return out
