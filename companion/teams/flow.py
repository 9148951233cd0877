"""Moving a session through its method's phases: by the facilitator or the expert, or by itself when a phase's
deadline passed or (asynchronous sessions) its quorum was reached, always judged by the injected clock.

Leaving a phase, the companion summarises it in the members' own words; entering one, it opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.core.clock import Clock
from companion.core.errors import Conflict, Forbidden
from companion.llm.guarded import guarded
from companion.models import Person, TeamCase, TeamContribution, TeamSession, TeamVote
from companion.retrieval.scoped_index import Index
from companion.retrieval.team_items import reindex_session
from companion.teams import access, facilitator, methods
from companion.teams.methods import CASES, CHOOSE, CLOSED


@dataclass
class Context:
    """What moving a session needs: the clock, the index (finished sessions become findable), the wording seam."""

    clock: Clock
    index: Index
    wording: facilitator.Wording
    drafter: Any = None  # the chat model behind the breaker and retries (llm.guarded), None offline

    @property
    def prompts_dir(self):
        return self.wording.prompts_dir


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def companion_post(session: Session, ts: TeamSession, text: str, kind: str = "facilitation") -> TeamContribution:
    post = TeamContribution(session_id=ts.id, author_id=None, by_companion=True, phase=ts.phase, kind=kind,
                            text=text, flags=[], refs=[])
    session.add(post)
    session.flush()
    return post


def case_of(session: Session, ts: TeamSession) -> TeamCase | None:
    return session.get(TeamCase, ts.case_id) if ts.case_id else None


def open_phase(session: Session, ts: TeamSession, ctx: Context) -> None:
    """The companion's opening of the current phase (worded by the model when one is configured)."""
    case = case_of(session, ts)
    owner = session.get(Person, ts.case_owner_id) if ts.case_owner_id else None
    previous = session.get(TeamSession, ts.previous_id) if ts.previous_id else None
    offline = facilitator.opening_text(ctx.prompts_dir, ts.language, ts.method, ts.phase,
                                       case_title=case.title if case else "",
                                       case_owner=owner.display_name if owner else "",
                                       agreement=previous.agreement if previous else "")
    text, _made_by = ctx.wording.opening(ts.language, ts.method, ts.phase, offline)
    companion_post(session, ts, text)


def _enter(session: Session, ts: TeamSession, phase: str, at: datetime, ctx: Context) -> None:
    ts.phase, ts.phase_started_at = phase, at
    minutes = (ts.deadlines or {}).get(phase)
    ts.phase_deadline = at + timedelta(minutes=int(minutes)) if minutes else None
    if phase == CLOSED:
        ts.finished_at = at
    open_phase(session, ts, ctx)


def eligible(session: Session, ts: TeamSession, phase: methods.Phase) -> list[int]:
    """Who is expected to post the phase's main kind: the people a quorum and 'not spoken yet' count."""
    if not phase.posts:
        return []
    rule = next(iter(phase.posts.values()))
    members = access.member_ids(session, ts.team_id)
    if rule == "owner":
        return [ts.case_owner_id] if ts.case_owner_id in members else []
    if rule == "others":
        return [m for m in members if m != ts.case_owner_id]
    return members


def spoken(session: Session, ts: TeamSession, phase_id: str) -> set[int]:
    return set(session.scalars(select(TeamContribution.author_id).where(
        TeamContribution.session_id == ts.id, TeamContribution.phase == phase_id,
        TeamContribution.author_id.is_not(None))))


def said_in(session: Session, ts: TeamSession, phase_id: str) -> list[TeamContribution]:
    return list(session.scalars(select(TeamContribution).where(
        TeamContribution.session_id == ts.id, TeamContribution.phase == phase_id,
        TeamContribution.by_companion.is_(False)).order_by(TeamContribution.id)))


def said_in_session(session: Session, ts: TeamSession) -> list[TeamContribution]:
    """Everything the people (not the companion) said in the session, in order."""
    return list(session.scalars(select(TeamContribution).where(
        TeamContribution.session_id == ts.id, TeamContribution.by_companion.is_(False)).order_by(TeamContribution.id)))


def _summarise(session: Session, ts: TeamSession, ctx: Context) -> None:
    phase = methods.get(ts.method).phase(ts.phase)
    if not phase.summarise:
        return
    posts = [p for p in said_in(session, ts, ts.phase) if not p.erased]
    names = access.names(session, [p.author_id for p in posts if p.author_id] + eligible(session, ts, phase))
    said = [(names.get(p.author_id, ""), p.text) for p in posts if p.author_id in names]
    silent_ids = [i for i in eligible(session, ts, phase) if i not in spoken(session, ts, ts.phase)]
    label = facilitator.phase_words(ctx.prompts_dir, ts.language, ts.method, ts.phase)["label"]
    companion_post(session, ts, facilitator.summary(ctx.prompts_dir, ts.language, label, said,
                                                    [names[i] for i in silent_ids if i in names]), kind="summary")


def tally(session: Session, ts: TeamSession) -> dict[int, int]:
    rows = session.execute(select(TeamVote.case_id, func.count()).where(TeamVote.session_id == ts.id)
                           .group_by(TeamVote.case_id))
    return {case_id: n for case_id, n in rows if case_id is not None}


def _choose(session: Session, ts: TeamSession, automatic: bool) -> None:
    """The case with the most votes (the earliest on a tie); one case alone, or a deadline, needs no vote."""
    cases = list(session.scalars(select(TeamCase).where(TeamCase.session_id == ts.id).order_by(TeamCase.id)))
    if not cases:
        raise Conflict("team_no_cases")
    votes = tally(session, ts)
    if not votes and len(cases) > 1 and not automatic:
        raise Conflict("team_no_votes")
    chosen = max(cases, key=lambda c: (votes.get(c.id, 0), -c.id))
    ts.case_id, ts.case_owner_id = chosen.id, chosen.owner_id


def advance(session: Session, ts: TeamSession, ctx: Context, *, automatic: bool = False,
            at: datetime | None = None) -> None:
    """Summarise the phase, settle what it decided, and enter the next one."""
    if ts.phase == CLOSED:
        raise Conflict("team_session_closed")
    method = methods.get(ts.method)
    at = at or ctx.clock.now()
    if ts.phase == CASES and not session.scalar(select(func.count()).where(TeamCase.session_id == ts.id)):
        raise Conflict("team_no_cases")
    if ts.phase == CHOOSE:
        _choose(session, ts, automatic)
    _summarise(session, ts, ctx)
    nxt = method.next_phase(ts.phase)
    _enter(session, ts, nxt, at, ctx)
    if nxt == CLOSED:
        session.flush()
        reindex_session(session, ctx.index, ts)


def advance_by(session: Session, ts: TeamSession, ctx: Context, *, is_lead: bool, expected: str | None) -> None:
    """A person moves the session on: only its facilitator or the team's expert, and only from the phase they saw."""
    if not is_lead:
        raise Forbidden("team_lead_only")
    if expected and expected != ts.phase:
        raise Conflict("team_phase_moved", expected=expected, phase=ts.phase)
    advance(session, ts, ctx)


def quorum_reached(session: Session, ts: TeamSession) -> bool:
    """Asynchronous sessions move on once enough of the expected people have posted (the quorum, or all of them)."""
    if ts.mode != "async" or ts.phase in (CASES, CLOSED):
        return False
    phase = methods.get(ts.method).phase(ts.phase)
    if ts.phase == CHOOSE:
        expected = access.member_ids(session, ts.team_id)
        done = set(session.scalars(select(TeamVote.voter_id).where(TeamVote.session_id == ts.id)))
    else:
        expected = eligible(session, ts, phase)
        done = spoken(session, ts, ts.phase)
    needed = min(ts.quorum or len(expected), len(expected))
    return bool(expected) and len(done & set(expected)) >= needed


def tick(session: Session, ts: TeamSession, ctx: Context) -> bool:
    """Apply what time and the quorum decided since the last request; True when the phase moved."""
    moved = False
    for _ in range(len(methods.get(ts.method).phases)):
        deadline = utc(ts.phase_deadline)
        now = ctx.clock.now()
        try:
            if deadline is not None and now >= deadline and ts.phase != CLOSED:
                advance(session, ts, ctx, automatic=True, at=deadline)
            elif quorum_reached(session, ts):
                advance(session, ts, ctx, automatic=True)
            else:
                break
        except Conflict:  # no case brought in yet: the phase waits, whatever the clock says
            ts.phase_deadline = None
            break
        moved = True
    return moved


def context_of(services) -> Context:
    """The context from the services container: its clock, its index, and its chat model behind its breaker."""
    return Context(clock=services.clock, index=services.index,
                   wording=facilitator.Wording(prompts_dir=services.settings.prompts_dir, model=services.chat_model,
                                               breaker=services.breaker),
                   drafter=guarded(services) if services.chat_model is not None else None)
