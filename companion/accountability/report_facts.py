"""What actually happened in a period, for one professional: the facts an account is drafted from.

Also the one definition of "a reflection cycle started / completed through all phases", shared with analytics.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.models import Conversation, Suggestion
from companion.models.rhythm import AgreementVersion, LearningAgreement, QuickCapture, WeekCycle

ACCOUNT_KIND = "account"


def cycles_of(state: dict[str, Any] | None) -> tuple[int, int]:
    """(cycles started, cycles completed through every phase) of one conversation's reflection state.

    A new round starts only after the previous one was completed, so every round before the current one counts
    as completed; the current round counts as started once the person said something in it.
    """
    if not state:
        return 0, 0
    rounds = int(state.get("round") or 1)
    current_started = int(state.get("turns") or 0) > 0
    started = rounds - 1 + (1 if current_started else 0)
    completed = rounds - 1 + (1 if state.get("completed") else 0)
    return started, min(started, completed)


def iso_weeks(start: date, end: date) -> list[tuple[int, int]]:
    """The ISO weeks (year, week) that overlap the period, in order."""
    weeks: list[tuple[int, int]] = []
    day = start - timedelta(days=start.weekday())
    while day <= end:
        iso = day.isocalendar()
        weeks.append((iso.year, iso.week))
        day += timedelta(days=7)
    return weeks


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as [first moment, moment after the last day) in UTC."""
    return datetime.combine(start, time.min, UTC), datetime.combine(end + timedelta(days=1), time.min, UTC)


def agreed_version(session: Session, person_id: int) -> AgreementVersion | None:
    """The version of the person's learning agreement that both sides agreed to (the one in force), if any."""
    agreement = session.scalar(select(LearningAgreement).where(LearningAgreement.person_id == person_id))
    if agreement is None or agreement.agreed_version is None:
        return None
    return session.scalar(select(AgreementVersion).where(AgreementVersion.agreement_id == agreement.id,
                                                         AgreementVersion.number == agreement.agreed_version))


def period_facts(session: Session, person_id: int, start: date, end: date) -> dict[str, Any]:
    """Counts of what the person did in [start, end], plus the next steps they wrote in their last reflections."""
    weeks = set(iso_weeks(start, end))
    rows = [w for w in session.scalars(select(WeekCycle).where(WeekCycle.person_id == person_id))
            if (w.iso_year, w.iso_week) in weeks and (w.planned_at or w.reflected_at or w.captures)]
    week_ids = [w.id for w in rows]
    captures = session.scalar(select(func.count(QuickCapture.id)).where(QuickCapture.week_id.in_(week_ids))) \
        if week_ids else 0
    lo, hi = day_bounds(start, end)
    states = session.scalars(select(Conversation.state).where(Conversation.owner_id == person_id,
                                                              Conversation.created_at >= lo,
                                                              Conversation.created_at < hi))
    reflections = sum(cycles_of(s)[1] for s in states)
    products = session.scalar(select(func.count(Suggestion.id)).where(
        Suggestion.owner_id == person_id, Suggestion.status == "approved", Suggestion.kind != ACCOUNT_KIND,
        Suggestion.reviewed_at >= lo, Suggestion.reviewed_at < hi))
    reflected = sorted((w for w in rows if w.reflected_at and w.next_step.strip()),
                       key=lambda w: (w.iso_year, w.iso_week))
    return {
        "weeks_in_period": len(weeks),
        "weeks_active": len(rows),
        "weeks_completed": sum(1 for w in rows if w.planned_at and w.reflected_at),
        "experiments_tried": sum(1 for w in rows if w.experiment_outcome == "tried"),
        "experiments_partly": sum(1 for w in rows if w.experiment_outcome == "partly"),
        "captures": captures,
        "reflections_completed": reflections,
        "products_approved": products,
        "next_steps": [w.next_step.strip() for w in reflected[-3:]],
    }


def organisation_commitments(version: AgreementVersion | None) -> list[dict[str, Any]]:
    """The organisation's commitments in the agreed version, each to be marked delivered / partly / not."""
    if version is None:
        return []
    items = []
    if version.time_minutes_per_week:
        items.append({"key": "time", "minutes": version.time_minutes_per_week, "text": ""})
    for key in ("support", "resources"):
        text = (getattr(version, key) or "").strip()
        if text:
            items.append({"key": key, "text": text})
    return [{**item, "mark": None, "note": ""} for item in items]
