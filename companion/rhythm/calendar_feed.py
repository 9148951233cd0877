"""The weekly moments as an iCalendar (.ics): a download, or a feed behind a secret, revocable token.

The feed holds only the two recurring moments (plan, weekly reflection) and their times: no focus, no
reflection text, so a leaked link reveals nothing personal beyond a rhythm. Only a SHA-256 hash of the token
is stored; the token itself is shown once, when it is made. Making a new one revokes the old one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, time, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import clock as clocks
from companion.core.clock import Clock
from companion.core.errors import NotFound
from companion.core.principal import Principal
from companion.core.texts.rhythm import CALENDAR_TITLES
from companion.models import Person, RhythmPreference
from companion.rhythm.week_store import preferences

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(session: Session, me: Principal, clock: Clock) -> str:
    """A fresh feed token for the caller; any earlier one stops working."""
    pref = preferences(session, me.person_id)
    token = secrets.token_urlsafe(24)
    pref.calendar_token_hash, pref.calendar_token_created_at = _hash(token), clock.now()
    session.commit()
    return token


def revoke_token(session: Session, me: Principal) -> None:
    pref = preferences(session, me.person_id)
    pref.calendar_token_hash = pref.calendar_token_created_at = None
    session.commit()


def person_for_token(session: Session, token: str) -> Person:
    pref = session.scalar(select(RhythmPreference).where(RhythmPreference.calendar_token_hash == _hash(token)))
    person = session.get(Person, pref.person_id) if pref else None
    if person is None or not person.active:
        raise NotFound("calendar_feed_not_found")
    return person


def _event(uid: str, start: datetime, minutes: int, title: str, text: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("summary", title)
    event.add("description", text)
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[start.weekday()]})
    event.add("transp", "TRANSPARENT")  # a nudge, not a meeting: it does not block the agenda
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(minutes=0))
    event.add_component(alarm)
    return event


def build(session: Session, person: Person, clock: Clock) -> bytes:
    """The .ics of one person's weekly moments, starting in the current week, in their own time zone."""
    zone = clocks.zone(person.timezone)
    pref = preferences(session, person.id)
    session.commit()
    texts = CALENDAR_TITLES.get(person.language, CALENDAR_TITLES["nl"])
    now = clock.now()
    monday = now.astimezone(zone).date() - timedelta(days=now.astimezone(zone).weekday())

    def at(weekday: int, hhmm: str) -> datetime:
        hours, minutes = (int(x) for x in hhmm.split(":"))
        return datetime.combine(monday + timedelta(days=weekday), time(hours, minutes), tzinfo=zone)

    cal = Calendar()
    cal.add("prodid", "-//companion//weekly rhythm//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", texts["calendar"])
    cal.add("x-wr-timezone", zone.key)
    cal.add_component(_event(f"weekplan-{person.id}@companion", at(pref.plan_weekday, pref.plan_time), 5,
                             texts["plan"], texts["plan_text"], now))
    cal.add_component(_event(f"weekafsluiting-{person.id}@companion", at(pref.reflect_weekday, pref.reflect_time),
                             10, texts["reflect"], texts["reflect_text"], now))
    cal.add_missing_timezones()
    return cal.to_ical()
