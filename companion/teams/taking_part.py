"""Taking part in a session: bringing in a case (new, or an explicit share of one's own work), withdrawing it
before the session starts, voting, and posting a contribution under the phase rules of the method.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from companion.core import db, events
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.core.texts.teams import CASE_FIELD_LABELS
from companion.models import PortfolioEntry, TeamCase, TeamContribution, TeamSession, TeamVote, WorkSituation
from companion.teams import facilitator, flow, methods, sessions
from companion.teams.methods import CHOOSE

MAX_TEXT = 6000
SOURCES = ("new", "situation", "entry")


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise Invalid("team_text_empty")
    if len(text) > limit:
        raise Invalid("team_text_too_long", max_chars=limit)
    return text


def _shared_source(session: Session, me: Principal, kind: str, source_id: int | None) -> tuple[str, str]:
    """Title and text of one of my own situations or portfolio entries, copied into the session as a share."""
    if kind == "situation":
        s = db.get(session, WorkSituation, source_id)
        if s is None or s.owner_id != me.person_id:
            raise NotFound("team_case_source_unknown")
        labels = CASE_FIELD_LABELS.get(me.language, CASE_FIELD_LABELS["nl"])
        parts = [s.description.strip()] + [f"**{labels[name]}:** {value.strip()}" for name in labels
                                           if (value := getattr(s, name)) and value.strip()]
        return s.title, "\n\n".join(p for p in parts if p)
    e = db.get(session, PortfolioEntry, source_id)
    if e is None or e.owner_id != me.person_id:
        raise NotFound("team_case_source_unknown")
    return e.title, e.body


def bring_case(session: Session, me: Principal, ctx: flow.Context, session_id: int, *, title: str | None = None,
               text: str | None = None, source: str = "new", source_id: int | None = None) -> TeamCase:
    """A member brings in a case before the vote: typed now, or shared from their own situations or entries."""
    ts, team = sessions.load(session, me, session_id, ctx)
    if not team.is_member:
        raise Conflict("team_members_only")
    if not methods.get(ts.method).is_before(ts.phase, CHOOSE):
        raise Conflict("team_cases_closed")
    if source not in SOURCES:
        raise Invalid("team_case_source_unknown")
    if source == "new":
        case_title, case_text = sessions._title(title), clean_text(text)
    else:
        shared_title, shared_text = _shared_source(session, me, source, source_id)
        twice = session.scalar(select(TeamCase.id).where(TeamCase.session_id == ts.id, TeamCase.source_kind == source,
                                                         TeamCase.source_id == source_id))
        if twice is not None:
            raise Conflict("team_case_twice")
        case_title = sessions._title(title or shared_title)
        case_text = clean_text(text or shared_text or shared_title, limit=4 * MAX_TEXT)
    case = TeamCase(session_id=ts.id, owner_id=me.person_id, title=case_title, text=case_text, source_kind=source,
                    source_id=source_id if source != "new" else None)
    session.add(case)
    session.commit()
    return case


def withdraw_case(session: Session, me: Principal, ctx: flow.Context, session_id: int, case_id: int) -> None:
    """The owner takes their case (and the share it was) back, as long as the session has not started."""
    ts, _team = sessions.load(session, me, session_id, ctx)
    case = db.get(session, TeamCase, case_id)
    if case is None or case.session_id != ts.id:
        raise NotFound("team_case_not_found")
    if case.owner_id != me.person_id:
        raise Forbidden("team_case_not_yours")
    if not methods.get(ts.method).is_before(ts.phase, CHOOSE):
        raise Conflict("team_case_locked")
    session.execute(delete(TeamVote).where(TeamVote.case_id == case.id))
    session.delete(case)
    session.commit()


def vote(session: Session, me: Principal, ctx: flow.Context, session_id: int, case_id: int) -> TeamSession:
    """A member's vote (changing it replaces it); an asynchronous session moves on once the quorum voted."""
    ts, team = sessions.load(session, me, session_id, ctx)
    if ts.phase != CHOOSE:
        raise Conflict("team_vote_not_now", phase=CHOOSE, current=ts.phase)
    if not team.is_member:
        raise Conflict("team_members_only")
    case = db.get(session, TeamCase, case_id)
    if case is None or case.session_id != ts.id:
        raise NotFound("team_case_not_found")
    current = session.get(TeamVote, (ts.id, me.person_id))
    if current is None:
        session.add(TeamVote(session_id=ts.id, voter_id=me.person_id, case_id=case.id))
    else:
        current.case_id = case.id
    session.flush()
    flow.tick(session, ts, ctx)
    session.commit()
    return ts


def post(session: Session, me: Principal, ctx: flow.Context, session_id: int, *, kind: str, text: str,
         refs: list[int] | None = None) -> dict[str, Any]:
    """Post a contribution the phase allows (409 with the reason otherwise); the facilitator may answer with a nudge."""
    ts, team = sessions.load(session, me, session_id, ctx)
    label = facilitator.phase_words(ctx.prompts_dir, me.language, ts.method, ts.phase)["label"]
    if kind not in methods.KINDS:
        raise Invalid("team_kind_not_in_phase", kind=kind, phase=label)
    methods.check_post(methods.get(ts.method), ts.phase, kind, sessions.poster(ts, me, team), label)
    body = clean_text(text)
    chosen = sorted({int(r) for r in refs or []})
    if chosen:
        advice = set(session.scalars(select(TeamContribution.id).where(TeamContribution.session_id == ts.id,
                                                                      TeamContribution.kind == "advice")))
        if kind != "choice" or not set(chosen) <= advice:
            raise Invalid("team_choice_unknown_advice")
    flags = facilitator.check_question(ctx.prompts_dir, body) if kind == "question" else []
    contribution = TeamContribution(session_id=ts.id, author_id=me.person_id, by_companion=False, phase=ts.phase,
                                    kind=kind, text=body, flags=flags, refs=chosen)
    session.add(contribution)
    session.flush()
    events.record_team_contribution(session, person_id=me.person_id, team_session_id=ts.id,
                                    contribution_id=contribution.id, phase=ts.phase, kind=kind)
    if kind == "agreement":
        ts.agreement = body  # the follow-up agreement: the last one stated counts
    if kind == "report" and ts.previous_id:
        previous = db.get(session, TeamSession, ts.previous_id)
        if previous is not None:
            previous.agreement_outcome = "\n".join(x for x in (previous.agreement_outcome, body) if x)
    nudge = None
    if flags:
        turns = session.query(TeamContribution).filter(TeamContribution.session_id == ts.id,
                                                       TeamContribution.by_companion.is_(True)).count()
        nudge = flow.companion_post(session, ts, facilitator.nudge(ctx.prompts_dir, ts.language, flags[0],
                                                                   me.display_name, turns), kind="nudge")
        nudge.refs = [contribution.id]
    flow.tick(session, ts, ctx)
    session.commit()
    return {"contribution": contribution, "nudge": nudge, "session": ts}
