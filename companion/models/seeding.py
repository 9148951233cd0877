"""Which steps of seeding the demo are done, so a first start that was interrupted resumes where it stopped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from companion.models.core import Base, utcnow


class SeedStep(Base):
    """One finished step ("organisation", "knowledge", "reviews", "year", "index"), written with its data."""

    __tablename__ = "seed_steps"
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
