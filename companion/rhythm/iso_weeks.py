"""Week maths, the only place: ISO weeks in a person's own time zone, their keys ("2026-W48"), shifts and bounds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from companion.core import clock as clocks
from companion.core.errors import Invalid

KEY = re.compile(r"^(\d{4})-W(\d{1,2})$")


def week_of(moment: datetime, tz: ZoneInfo | str) -> tuple[int, int]:
    """(ISO year, ISO week) of `moment` as seen in zone `tz`."""
    local = moment.astimezone(clocks.zone(tz) if isinstance(tz, str) else tz)
    iso = local.isocalendar()
    return iso.year, iso.week


def monday_of(year: int, week: int) -> date:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Invalid("week_key_invalid", key=f"{year}-W{week:02d}") from None


def week_bounds(year: int, week: int, tz: ZoneInfo | str) -> tuple[datetime, datetime]:
    """Start (Monday 00:00 local) and end (next Monday 00:00 local) of a week, in UTC (DST-proof arithmetic)."""
    zone = clocks.zone(tz) if isinstance(tz, str) else tz
    monday = monday_of(year, week)
    return (datetime.combine(monday, time(0), tzinfo=zone).astimezone(UTC),
            datetime.combine(monday + timedelta(days=7), time(0), tzinfo=zone).astimezone(UTC))


def week_key(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def parse_week_key(key: str) -> tuple[int, int]:
    m = KEY.match(key or "")
    if not m:
        raise Invalid("week_key_invalid", key=(key or "")[:20])
    year, week = int(m.group(1)), int(m.group(2))
    monday_of(year, week)  # raises for week 0, 54, or 53 in a 52-week year
    return year, week


def shift(year: int, week: int, weeks: int) -> tuple[int, int]:
    iso = (monday_of(year, week) + timedelta(weeks=weeks)).isocalendar()
    return iso.year, iso.week


def weeks_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (monday_of(*b) - monday_of(*a)).days // 7
