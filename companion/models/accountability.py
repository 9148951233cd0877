"""Accountability tables: the account both sides give at the end of a period, and the pulse survey's answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base, Timestamped

ACCOUNT_STATUSES = ("draft", "in_review", "approved", "rejected")
ACCOUNT_SECTIONS = ("professional", "organisation", "ahead")
COMMITMENT_MARKS = ("delivered", "partly", "not")


class Account(Timestamped, Base):
    """A verantwoording: what happened in a period, for both sides, drafted from the data and reviewed by an expert.

    `sections` holds the text per section (drafted, edited by the professional, then as the expert approved it);
    `shared` lists the sections the professional chose to show the organisation: nothing by default, and the
    organisation sees them only once the account is approved.
    """

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(  # the learning agreement it reports on
        ForeignKey("learning_agreements.id", ondelete="SET NULL"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the numbers the draft was made from
    commitments: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{text, mark, note}] of the organisation
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # section key → text
    shared: Mapped[list[Any]] = mapped_column(JSON, default=list)  # section keys shown to the organisation
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id", ondelete="SET NULL"))
    drafted_by: Mapped[str] = mapped_column(String(120), default="offline")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SurveyResponse(Base):
    """One answer to the pulse survey (every few weeks, three questions on a 1-5 scale, an optional comment).

    The team is kept as it was when answering, so aggregates per team stay stable when people move.
    """

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("person_id", "period_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    period_start: Mapped[date] = mapped_column(Date)  # the first day of the survey window it answers
    satisfaction: Mapped[int] = mapped_column(Integer)  # 1-5: how satisfied with learning this way
    applied: Mapped[int] = mapped_column(Integer)  # 1-5: applied what I learned at work as intended
    fits_week: Mapped[int] = mapped_column(Integer)  # 1-5: the rhythm fits in my working week
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
