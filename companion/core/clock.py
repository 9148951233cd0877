"""An injectable clock: system time in production, a fixed or shifted time in tests and demos.

Every "what week is it" question goes through `Services.clock`, so tests can stand on a Sunday night in
Amsterdam or in ISO week 53 without touching the system time. `COMPANION_FAKE_NOW` (an ISO timestamp with
offset) starts a clock at that moment that then runs on in real time; it is honoured only together with
`COMPANION_DEMO`, and Settings refuses it in production. Tests inject a `FixedClock` directly.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Amsterdam"


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Stands still at one moment until told to move (tests)."""

    def __init__(self, moment: datetime):
        self.moment = as_utc(moment)

    def now(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = as_utc(moment)

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


class ShiftedClock:
    """Starts at `start` and runs on with the real (monotonic) time: a demo that lives on a chosen day."""

    def __init__(self, start: datetime):
        self.start = as_utc(start)
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("the clock needs timezone-aware datetimes")
    return moment.astimezone(UTC)


def parse_fake_now(value: str) -> datetime:
    """An ISO timestamp with an offset (`2026-11-27T16:00:00+01:00`, or `...Z`)."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return as_utc(moment)


def clock_from_settings(settings) -> Clock:
    """System time, unless a demo is given a fake start moment (never in production, never without demo)."""
    fake = getattr(settings, "fake_now", None)
    if fake and settings.demo and settings.env != "production":  # a demo that lives on a chosen day
        return ShiftedClock(parse_fake_now(fake))
    return SystemClock()


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone `name`, or Amsterdam when it is missing or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def is_valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
