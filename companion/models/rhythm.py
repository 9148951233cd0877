"""Weekly rhythm and learning agreement tables (issue 6).

Contract for other areas (accounts, dashboard, demo year), kept stable:
- `WeekCycle`: one row per person per ISO week *in the person's time zone* (`iso_year`, `iso_week`). A row
  exists once anything happened that week (a plan, a capture or a reflection). `planned_at` is set when the
  plan (focus + experiment) was saved, `reflected_at` when the weekly reflection was saved; a week that
  ended without `reflected_at` counts as missed (never stored as a penalty, just absent).
  `experiment_outcome` is one of `EXPERIMENT_OUTCOMES` (or None when not answered).
- `QuickCapture`: a short note captured during a week; every capture also became a `WorkSituation`
  (`situation_id`) so the chat and retrieval can pick it up.
- `LearningAgreement`: one per professional (`person_id` unique). `status` is `draft`, `proposed` or
  `agreed`, always describing the *current* version; `agreed_version` is the newest version both sides
  agreed to (the one in force), or None. Only agreed versions count.
- `AgreementVersion`: immutable content of one version; consent of both sides per version.
- `RhythmPreference`: when the weekly moments happen (weekday 0 = Monday, local "HH:MM") and the hash of the
  secret calendar-feed token.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from companion.models.core import Base, Timestamped, utcnow

EXPERIMENT_OUTCOMES = ("tried", "partly", "not_tried")
AGREEMENT_STATUSES = ("draft", "proposed", "agreed")


class WeekCycle(Timestamped, Base):
    __tablename__ = "week_cycles"
    __table_args__ = (UniqueConstraint("person_id", "iso_year", "iso_week"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    focus: Mapped[str] = mapped_column(Text, default="")
    experiment: Mapped[str] = mapped_column(Text, default="")
    plan_source: Mapped[str] = mapped_column(String(20), default="")  # manual, template, llm
    planned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    experiment_outcome: Mapped[str | None] = mapped_column(String(20))
    happened: Mapped[str] = mapped_column(Text, default="")
    learned: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    reflected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    captures: Mapped[list[QuickCapture]] = relationship(
        back_populates="week", order_by="QuickCapture.id", cascade="all, delete-orphan", passive_deletes=True)


class QuickCapture(Base):
    __tablename__ = "quick_captures"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("week_cycles.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    situation_id: Mapped[int | None] = mapped_column(ForeignKey("work_situations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    week: Mapped[WeekCycle] = relationship(back_populates="captures")


class RhythmPreference(Base):
    __tablename__ = "rhythm_preferences"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    plan_weekday: Mapped[int] = mapped_column(Integer, default=0)
    plan_time: Mapped[str] = mapped_column(String(5), default="08:45")
    reflect_weekday: Mapped[int] = mapped_column(Integer, default=4)
    reflect_time: Mapped[str] = mapped_column(String(5), default="15:30")
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    calendar_token_created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LearningAgreement(Timestamped, Base):
    __tablename__ = "learning_agreements"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    agreed_version: Mapped[int | None] = mapped_column(Integer)
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number", cascade="all, delete-orphan",
        passive_deletes=True)


class AgreementVersion(Base):
    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("learning_agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # the professional's commitments
    goals: Mapped[str] = mapped_column(Text, default="")
    rhythm: Mapped[str] = mapped_column(Text, default="")
    # the organisation's commitments
    time_minutes_per_week: Mapped[int] = mapped_column(Integer, default=0)
    support: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    review_date: Mapped[date | None] = mapped_column(Date)
    change_note: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    professional_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    organisation_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    organisation_agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    agreement: Mapped[LearningAgreement] = relationship(back_populates="versions")
