"""Team sessions: starting one, loading one for a reader, and what one member or the expert sees of it.

A session is read only by its team's members and the team's experts (`access.team_access`); everyone else,
admins included, gets 404. Advice in the advice round is hidden from everyone but its writer until every expected
member gave theirs, or the phase is over. "Since your last visit" compares with the reader's last-seen marker.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Invalid, NotFound
from companion.core.principal import Principal
from companion.core.texts.teams import COMPANION_NAME, ERASED_TEXT, FORMER_MEMBER
from companion.models import (
    SESSION_MODES,
    TeamCase,
    TeamContribution,
    TeamSeen,
    TeamSession,
    TeamVote,
    TrajectorySession,
    TrajectoryTeam,
)
from companion.teams import access, facilitator, flow, methods
from companion.teams.methods import CHOOSE, CLOSED, HIDDEN_UNTIL_ALL

MAX_TITLE = 200
MAX_DEADLINE_MINUTES = 30 * 24 * 60


def _title(text: str | None) -> str:
    title = " ".join((text or "").replace("\x00", "").split())[:MAX_TITLE]
    if not title:
        raise Invalid("team_title_empty")
    return title


def create(session: Session, me: Principal, ctx: flow.Context, *, team_id: int, title: str,
           method: str = methods.DEFAULT_METHOD, mode: str | None = None, language: str | None = None,
           deadlines: dict[str, int] | None = None, quorum: int = 0, previous_id: int | None = None,
           schedule_id: int | None = None) -> TeamSession:
    """A new session of the team, opened by the companion; a member who starts it facilitates it."""
    team = access.team_access(session, me, team_id)
    if method not in methods.METHODS:
        raise Invalid("team_method_unknown", method=method, choices=", ".join(methods.METHOD_IDS))
    m = methods.get(method)
    mode = mode or ("async" if m.asynchronous else "live")
    if mode not in SESSION_MODES:
        raise Invalid("team_mode_unknown")
    deadlines = dict(deadlines or {})
    if any(p not in m.phase_ids() or p == CLOSED or not isinstance(v, int) or isinstance(v, bool)
           or not 0 < v <= MAX_DEADLINE_MINUTES for p, v in deadlines.items()):
        raise Invalid("team_deadline_invalid", phases=", ".join(p for p in m.phase_ids() if p != CLOSED))
    members = access.member_ids(session, team_id)
    if not 0 <= quorum <= len(members):
        raise Invalid("team_quorum_invalid", members=len(members))
    if previous_id is not None:
        prev = db.get(session, TeamSession, previous_id)
        if prev is None or prev.team_id != team_id or prev.method != "action_learning" or prev.finished_at is None:
            raise Invalid("team_previous_invalid")
    elif m.series:
        previous_id = session.scalar(select(TeamSession.id).where(
            TeamSession.team_id == team_id, TeamSession.method == method, TeamSession.finished_at.is_not(None))
            .order_by(TeamSession.finished_at.desc(), TeamSession.id.desc()).limit(1))
    if schedule_id is not None:
        planned = db.get(session, TrajectorySession, schedule_id)
        follows = planned is not None and session.get(TrajectoryTeam, (planned.trajectory_id, team_id)) is not None
        if not follows:
            raise Invalid("team_schedule_invalid")
    now = ctx.clock.now()
    ts = TeamSession(team_id=team_id, method=method, mode=mode, title=_title(title),
                     language=language if language in ("nl", "en") else me.language, phase=m.first(),
                     phase_started_at=now, deadlines=deadlines, quorum=quorum,
                     facilitator_id=me.person_id if team.is_member else None, previous_id=previous_id,
                     schedule_id=schedule_id, agreement="", agreement_outcome="")
    session.add(ts)
    session.flush()
    first = deadlines.get(ts.phase)
    ts.phase_deadline = flow.utc(now) + timedelta(minutes=first) if first else None
    flow.open_phase(session, ts, ctx)
    session.commit()
    return ts


def load(session: Session, me: Principal, session_id: int, ctx: flow.Context | None = None
         ) -> tuple[TeamSession, access.TeamAccess]:
    """The session and the caller's relation to its team (404 for anyone outside it); applies the clock first."""
    ts = db.get(session, TeamSession, session_id)
    if ts is None:
        raise NotFound("team_session_not_found")
    try:
        team = access.team_access(session, me, ts.team_id)
    except NotFound:
        raise NotFound("team_session_not_found") from None  # the same answer as for a session that is not there
    if ctx is not None and flow.tick(session, ts, ctx):
        session.commit()
    return ts, team


def poster(ts: TeamSession, me: Principal, team: access.TeamAccess) -> methods.Poster:
    return methods.Poster(is_member=team.is_member, is_expert=team.is_expert,
                          is_case_owner=ts.case_owner_id == me.person_id,
                          is_facilitator=ts.facilitator_id == me.person_id)


def is_lead(ts: TeamSession, me: Principal, team: access.TeamAccess) -> bool:
    """The facilitating member, or the team's expert (who also leads a session no member facilitates)."""
    return team.is_expert or ts.facilitator_id == me.person_id


# --- what a reader sees ---------------------------------------------------------------------------------------

def advice_revealed(session: Session, ts: TeamSession) -> bool:
    """Advice shows once the advice round is over, or every expected member gave theirs (or its deadline passed)."""
    if ts.phase != HIDDEN_UNTIL_ALL:
        return True
    phase = methods.get(ts.method).phase(ts.phase)
    expected = set(flow.eligible(session, ts, phase))
    return bool(expected) and expected <= flow.spoken(session, ts, ts.phase)


def author_name(session: Session, ts: TeamSession, post: TeamContribution, names: dict[int, str],
                language: str, current: set[int]) -> str:
    """The author as the team knows them; someone who left the team, or was erased, is "oud-teamlid"."""
    if post.by_companion:
        return COMPANION_NAME.get(language, COMPANION_NAME["nl"])
    if post.author_id is None or post.author_id not in current:
        return FORMER_MEMBER.get(language, FORMER_MEMBER["nl"])
    return names.get(post.author_id, FORMER_MEMBER.get(language, FORMER_MEMBER["nl"]))


def current_people(session: Session, ts: TeamSession) -> set[int]:
    return set(access.member_ids(session, ts.team_id)) | set(access.expert_ids(session, ts.team_id))


def visible_posts(session: Session, me: Principal, ts: TeamSession, after: int = 0) -> list[TeamContribution]:
    revealed = advice_revealed(session, ts)
    posts = session.scalars(select(TeamContribution).where(TeamContribution.session_id == ts.id,
                                                           TeamContribution.id > after).order_by(TeamContribution.id))
    return [p for p in posts if revealed or p.kind != "advice" or p.phase != HIDDEN_UNTIL_ALL
            or p.author_id == me.person_id]


def post_dict(session: Session, ts: TeamSession, p: TeamContribution, names: dict[int, str], language: str,
              current: set[int]) -> dict[str, Any]:
    return {"id": p.id, "phase": p.phase, "kind": p.kind, "by_companion": p.by_companion,
            "author_id": p.author_id if (p.author_id in current) else None,
            "author_name": author_name(session, ts, p, names, language, current),
            "text": ERASED_TEXT.get(language, ERASED_TEXT["nl"]) if p.erased else p.text,
            "flags": list(p.flags or []), "refs": list(p.refs or []), "erased": p.erased,
            "created_at": flow.utc(p.created_at)}


def since(session: Session, me: Principal, ts: TeamSession, team: access.TeamAccess) -> dict[str, Any]:
    """What happened since my last visit: the contributions of others I have not seen, and the phase then."""
    seen = session.get(TeamSeen, (ts.id, me.person_id))
    last_id = seen.last_id if seen else 0
    items = [p for p in visible_posts(session, me, ts, after=last_id) if p.author_id != me.person_id]
    return {"last_seen_at": flow.utc(seen.seen_at) if seen else None, "last_seen_id": last_id,
            "phase_then": seen.last_phase if seen else None, "phase_now": ts.phase,
            "phase_changed": (seen.last_phase if seen else None) != ts.phase, "items": items}


def mark_seen(session: Session, me: Principal, ctx: flow.Context, session_id: int) -> None:
    ts, _team = load(session, me, session_id, ctx)
    posts = visible_posts(session, me, ts)
    seen = session.get(TeamSeen, (ts.id, me.person_id))
    if seen is None:
        seen = TeamSeen(session_id=ts.id, person_id=me.person_id)
        session.add(seen)
    seen.last_id = max((p.id for p in posts), default=0)
    seen.last_phase, seen.seen_at = ts.phase, ctx.clock.now()
    session.commit()


def view(session: Session, me: Principal, ctx: flow.Context, session_id: int, after: int = 0) -> dict[str, Any]:
    """Everything the room shows one reader (with `after`, only the contributions newer than that id)."""
    ts, team = load(session, me, session_id, ctx)
    lang, m = me.language, methods.get(ts.method)
    words = facilitator.phase_words(ctx.prompts_dir, lang, ts.method, ts.phase)
    who = poster(ts, me, team)
    current = current_people(session, ts)
    cases = list(session.scalars(select(TeamCase).where(TeamCase.session_id == ts.id).order_by(TeamCase.id)))
    votes = flow.tally(session, ts)
    posts = visible_posts(session, me, ts, after=after)
    phase = m.phase(ts.phase)
    expected = flow.eligible(session, ts, phase)
    names = access.names(session, [p.author_id for p in posts if p.author_id] + [c.owner_id for c in cases]
                         + expected + [i for i in (ts.facilitator_id, ts.case_owner_id) if i])
    silent = [names[i] for i in expected if i not in flow.spoken(session, ts, ts.phase) and i in names] \
        if phase.posts else []
    hidden = None
    if ts.phase == HIDDEN_UNTIL_ALL and not advice_revealed(session, ts):
        given = len(flow.spoken(session, ts, ts.phase) & set(expected))
        hidden = {"given": given, "expected": len(expected),
                  "text": facilitator.advice_hidden(ctx.prompts_dir, lang, given, len(expected))}
    my_vote = session.get(TeamVote, (ts.id, me.person_id))
    previous = db.get(session, TeamSession, ts.previous_id) if ts.previous_id else None
    case = flow.case_of(session, ts)
    now = ctx.clock.now()
    deadline = flow.utc(ts.phase_deadline)
    sv = since(session, me, ts, team)
    order = m.phase_ids()
    return {
        "id": ts.id, "team_id": ts.team_id, "team_name": team.team.name, "title": ts.title, "method": ts.method,
        "method_name": facilitator.method_words(ctx.prompts_dir, lang, ts.method)["name"], "mode": ts.mode,
        "language": ts.language, "phase": ts.phase, "phase_label": words["label"], "phase_asks": words["asks"],
        "phases": [{"id": p, "label": facilitator.phase_words(ctx.prompts_dir, lang, ts.method, p)["label"],
                    "state": "done" if order.index(p) < order.index(ts.phase) else
                    "current" if p == ts.phase else "upcoming"} for p in order],
        "phase_started_at": flow.utc(ts.phase_started_at), "phase_deadline": deadline,
        "seconds_left": max(0, int((deadline - now).total_seconds())) if deadline else None,
        "deadlines": ts.deadlines or {}, "quorum": ts.quorum,
        "facilitator": {"id": ts.facilitator_id, "name": names.get(ts.facilitator_id, "")}
        if ts.facilitator_id in current else None,
        "case": _case_dict(case, names, current, me, ts, votes, lang) if case else None,
        "cases": [_case_dict(c, names, current, me, ts, votes, lang) for c in cases],
        "my_vote": my_vote.case_id if my_vote else None,
        "contributions": [post_dict(session, ts, p, names, lang, current) for p in posts],
        "latest_id": max((p.id for p in posts), default=after),
        "hidden_advice": hidden,
        "not_spoken": silent,
        "not_spoken_text": facilitator.not_spoken(ctx.prompts_dir, lang, silent),
        "me": {"role": "member" if team.is_member else "expert", "is_case_owner": who.is_case_owner,
               "is_facilitator": who.is_facilitator, "may_post": methods.kinds_for(phase, who),
               "may_advance": is_lead(ts, me, team) and ts.phase != CLOSED,
               "may_vote": team.is_member and ts.phase == CHOOSE,
               "may_bring_case": team.is_member and m.is_before(ts.phase, CHOOSE)},
        "agreement": ts.agreement, "agreement_outcome": ts.agreement_outcome,
        "previous": {"id": previous.id, "title": previous.title, "agreement": previous.agreement,
                     "agreement_outcome": previous.agreement_outcome} if previous else None,
        "since_last_visit": {**{k: v for k, v in sv.items() if k != "items"}, "new_count": len(sv["items"]),
                             "new_ids": [p.id for p in sv["items"]]},
        "facilitation_mode": ctx.wording.mode,
        "created_at": flow.utc(ts.created_at), "finished_at": flow.utc(ts.finished_at),
    }


def _case_dict(c: TeamCase, names: dict[int, str], current: set[int], me: Principal, ts: TeamSession,
               votes: dict[int, int], language: str) -> dict[str, Any]:
    return {"id": c.id, "title": c.title, "text": c.text,
            "owner_id": c.owner_id if c.owner_id in current else None,
            "owner_name": names.get(c.owner_id, "") if c.owner_id in current else FORMER_MEMBER[language],
            "source_kind": c.source_kind, "shared_from_own_work": c.source_kind != "new",
            "mine": c.owner_id == me.person_id, "votes": votes.get(c.id, 0),
            "revocable": c.owner_id == me.person_id and methods.get(ts.method).is_before(ts.phase, CHOOSE)}
