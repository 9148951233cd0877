"""Loading the weekly rhythm's rows: the person's zone and settings, a week's row, the last active week."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.core import clock as clocks
from companion.core.principal import Principal
from companion.models import Person, RhythmPreference, WeekCycle


def person_zone(session: Session, me: Principal) -> ZoneInfo:
    person = session.get(Person, me.person_id)
    return clocks.zone(person.timezone if person else None)


def preferences(session: Session, person_id: int) -> RhythmPreference:
    """The person's rhythm settings (created with defaults on first use)."""
    pref = session.get(RhythmPreference, person_id)
    if pref is None:
        pref = RhythmPreference(person_id=person_id, plan_weekday=0, plan_time="08:45", reflect_weekday=4,
                                reflect_time="15:30")
        session.add(pref)
        session.flush()
    return pref


def find_week(session: Session, person_id: int, year: int, week: int) -> WeekCycle | None:
    return session.scalar(select(WeekCycle).where(WeekCycle.person_id == person_id, WeekCycle.iso_year == year,
                                                  WeekCycle.iso_week == week))


def get_or_create(session: Session, person_id: int, year: int, week: int) -> WeekCycle:
    row = find_week(session, person_id, year, week)
    if row is None:
        try:
            with session.begin_nested():  # two captures at once (phone and laptop) may both create the week
                row = WeekCycle(person_id=person_id, iso_year=year, iso_week=week)
                session.add(row)
        except IntegrityError:
            row = find_week(session, person_id, year, week)
    return row


def is_active(row: WeekCycle) -> bool:
    return bool(row.planned_at or row.reflected_at or row.captures)


def last_active_before(session: Session, person_id: int, year: int, week: int) -> WeekCycle | None:
    rows = session.scalars(select(WeekCycle).where(WeekCycle.person_id == person_id).order_by(
        WeekCycle.iso_year.desc(), WeekCycle.iso_week.desc()))
    return next((r for r in rows if (r.iso_year, r.iso_week) < (year, week) and is_active(r)), None)
