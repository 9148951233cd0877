"""Team tables: peer-consultation sessions, their cases, votes and contributions, team products, schedules."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base, Timestamped, utcnow

SESSION_METHODS = ("incident", "roddel", "action_learning")
SESSION_MODES = ("live", "async")
TEAM_PRODUCT_STATUSES = ("draft", "pending", "approved", "rejected")


class TrajectorySession(Timestamped, Base):
    """One planned session in a trajectory's schedule; every team following the trajectory holds it."""

    __tablename__ = "trajectory_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("trajectories.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(30), default="incident")
    planned_on: Mapped[date] = mapped_column(Date)


class TeamSession(Timestamped, Base):
    """A peer-consultation session of one team: its method, phase, deadlines and follow-up agreement."""

    __tablename__ = "team_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(30), default="incident")
    mode: Mapped[str] = mapped_column(String(10), default="live")
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    phase: Mapped[str] = mapped_column(String(30))
    phase_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    phase_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deadlines: Mapped[dict[str, Any]] = mapped_column(default=dict)  # phase id -> minutes
    quorum: Mapped[int] = mapped_column(Integer, default=0)  # async: contributors that complete a phase (0: all)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the chosen case (team_cases.id)
    case_owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("team_sessions.id", ondelete="SET NULL"))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("trajectory_sessions.id", ondelete="SET NULL"))
    agreement: Mapped[str] = mapped_column(Text, default="")  # the follow-up agreement made at the end
    agreement_outcome: Mapped[str] = mapped_column(Text, default="")  # what came of it (the next session's opening)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TeamCase(Base):
    """A case brought in: a new text, or an explicit share of one of the owner's own situations or entries."""

    __tablename__ = "team_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("team_sessions.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(20), default="new")  # new, situation, entry
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamVote(Base):
    """One member's vote for the case to discuss."""

    __tablename__ = "team_votes"
    session_id: Mapped[int] = mapped_column(ForeignKey("team_sessions.id", ondelete="CASCADE"), primary_key=True)
    voter_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    # nullable, so a vote is not exported as part of the case owner's data (privacy follows NOT NULL links)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("team_cases.id", ondelete="CASCADE"))


class TeamContribution(Base):
    """What someone said in a phase; the companion's facilitation has no author. Erasure empties `text`."""

    __tablename__ = "team_contributions"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("team_sessions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    by_companion: Mapped[bool] = mapped_column(Boolean, default=False)
    phase: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    flags: Mapped[list[Any]] = mapped_column(default=list)  # closed_question, advice_as_question
    refs: Mapped[list[Any]] = mapped_column(default=list)  # a choice: the advice ids chosen
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamSeen(Base):
    """Per member and session: the last contribution they saw (what happened since their last visit)."""

    __tablename__ = "team_seen"
    session_id: Mapped[int] = mapped_column(ForeignKey("team_sessions.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_phase: Mapped[str] = mapped_column(String(30), default="")
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamProduct(Timestamped, Base):
    """A product a team made from a session; in the team portfolio once the team's expert approved it."""

    __tablename__ = "team_products"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("team_sessions.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    credits: Mapped[list[Any]] = mapped_column(default=list)  # [{"person_id", "name", "contributions": [...]}]
    drafted_by: Mapped[str] = mapped_column(String(120), default="offline guide")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TeamProductComment(Base):
    """A team member's comment on a draft team product."""

    __tablename__ = "team_product_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("team_products.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
