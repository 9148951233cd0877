"""State several API workers share: the lexical postings and their versions, and claims on answering a message.

Nothing here may live in one process or on one disk (DESIGN.md §8): with PostgreSQL every worker reads and
writes these rows, so a change made by one worker is seen by the next query on any other.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base


class LexicalItem(Base):
    """One searchable item of a scope unit ("p12", "k3", "k3t5") with its analysed terms (BM25 postings source)."""

    __tablename__ = "lexical_items"
    unit: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[str] = mapped_column(Text)  # JSON, as the index hands it over
    terms: Mapped[str] = mapped_column(Text)  # space-separated stems in order, repeats included


class LexicalUnit(Base):
    """A unit's cache version, bumped on every write: a worker's BM25 and vector caches compare it per query."""

    __tablename__ = "lexical_units"
    unit: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class ReplyClaim(Base):
    """Which worker answers a message sent with a client id, until when: a retry elsewhere waits or takes over."""

    __tablename__ = "reply_claims"
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(80))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
