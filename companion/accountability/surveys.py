"""The pulse survey: every four weeks three short questions (1-5) and an optional comment, for professionals.

The answers feed the organisation's aggregates only (satisfaction next to the published 97%); a person's own
answers are theirs to see, and comments never reach the organisation with a name, team or date attached.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core.errors import Conflict, Forbidden, Invalid
from companion.core.principal import Principal
from companion.models.accountability import SurveyResponse

WINDOW_DAYS = 28  # a pulse every four weeks
EPOCH = date(2024, 1, 1)  # a Monday: every window starts on a Monday, the same for everyone
QUESTIONS = ("satisfaction", "applied", "fits_week")
MAX_COMMENT = 2000


def window_of(day: date) -> tuple[date, date]:
    """The survey window (first day, last day) that contains `day`."""
    start = EPOCH + timedelta(days=(day - EPOCH).days // WINDOW_DAYS * WINDOW_DAYS)
    return start, start + timedelta(days=WINDOW_DAYS - 1)


def current(session: Session, me: Principal, today: date) -> dict[str, Any]:
    """Whether the survey is open for the caller now, the window, and the questions (keys; the UI has the texts)."""
    start, end = window_of(today)
    answered = session.scalar(select(SurveyResponse.id).where(SurveyResponse.person_id == me.person_id,
                                                              SurveyResponse.period_start == start))
    return {"due": me.role == "professional" and answered is None, "answered": answered is not None,
            "period_start": start, "period_end": end, "questions": list(QUESTIONS), "scale": [1, 5]}


def answer(session: Session, me: Principal, values: dict[str, Any], now: datetime) -> SurveyResponse:
    """Store the caller's answer for the current window; once per window (409 the second time)."""
    if me.role != "professional":
        raise Forbidden("survey_professionals_only")
    for key in QUESTIONS:
        score = values.get(key)
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            raise Invalid("survey_score_invalid", question=key)
    comment = " ".join(str(values.get("comment") or "").split())
    if len(comment) > MAX_COMMENT:
        raise Invalid("survey_comment_too_long", max_chars=MAX_COMMENT)
    start, _ = window_of(now.astimezone(UTC).date())
    if session.scalar(select(SurveyResponse.id).where(SurveyResponse.person_id == me.person_id,
                                                      SurveyResponse.period_start == start)):
        raise Conflict("survey_already_answered")
    row = SurveyResponse(person_id=me.person_id, org_id=me.org_id, team_id=me.team_id, period_start=start,
                         comment=comment, created_at=now, **{key: values[key] for key in QUESTIONS})
    session.add(row)
    session.commit()
    return row


def mine(session: Session, me: Principal) -> list[SurveyResponse]:
    """The caller's own answers, newest first."""
    return list(session.scalars(select(SurveyResponse).where(SurveyResponse.person_id == me.person_id)
                                .order_by(SurveyResponse.period_start.desc())))
