"""Review tables: AI suggestions, the expert's decisions on them, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base, Timestamped, utcnow

# draft (its owner alone sees it) -> pending (sent to the expert) -> approved / rejected; or pending -> withdrawn
SUGGESTION_STATUSES = ("draft", "pending", "approved", "rejected", "withdrawn")
SENT_STATUSES = ("pending", "approved", "rejected")  # what the owner's expert may see
DECISIONS = ("approved", "rejected")
SHARE_SCOPES = ("draft", "conversation", "messages")  # what the expert sees besides the draft, chosen on sending


class Suggestion(Timestamped, Base):
    """A draft (product, learning goal, account...): its owner's until sent, then waiting for or past review."""

    __tablename__ = "suggestions"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the AI draft, never changed
    owner_version: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # the owner's edit, if any
    final: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # what the expert approved
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    shared: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # {"scope": .., "message_ids": [..]} once sent
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    situation_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    drafted_by: Mapped[str] = mapped_column(String(120))  # "model:<name>" or "offline guide"
    prompt_version: Mapped[str] = mapped_column(String(80), default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("portfolio_entries.id", ondelete="SET NULL"))


class Review(Base):
    """One decision of an expert on a suggestion: approved (possibly edited) or rejected, with a reason."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decision: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text)
    edited: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what to a suggestion, when and why: drafted, viewed its conversation, decided, downloaded."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
