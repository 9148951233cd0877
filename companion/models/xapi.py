"""xAPI tables: an organisation's Learning Record Store, each person's choice, and the outbox of statements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base, Timestamped, utcnow

XAPI_STATUSES = ("pending", "sent", "dead")  # dead: refused for good; an admin may send it again


class XapiSettings(Timestamped, Base):
    """Where an organisation's statements go; off until an admin turns it on."""

    __tablename__ = "xapi_settings"
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    endpoint: Mapped[str] = mapped_column(String(500), default="")  # the LRS; statements go to <endpoint>/statements
    base_url: Mapped[str] = mapped_column(String(500), default="")  # the organisation's IRIs and the actors' homePage
    key: Mapped[str] = mapped_column(String(200), default="")  # basic-auth user
    secret: Mapped[str] = mapped_column(Text, default="")  # basic-auth password, encrypted with the server's secret


class XapiPreference(Timestamped, Base):
    """One person's choice: share nothing (the default), share under a pseudonym, or share with their name."""

    __tablename__ = "xapi_preferences"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    share: Mapped[bool] = mapped_column(Boolean, default=False)
    named: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(254), default="")  # mbox when named and given
    pseudonym: Mapped[str] = mapped_column(String(36), unique=True)  # random, stable: the account name in the LRS


class XapiStatement(Base):
    """A statement waiting for, or past, delivery; written in the transaction of the event it reports."""

    __tablename__ = "xapi_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    # not null: the person's statements are theirs (in their export) and go with them on erasure, unsent or not
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[str] = mapped_column(String(36), unique=True)  # uuid5 of the event: resending is harmless
    event: Mapped[str] = mapped_column(String(40))
    statement: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
