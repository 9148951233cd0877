"""The weekly rhythm (Vitale Weekcyclus): plan a focus and one experiment, capture situations, reflect.

Contract:
- Weeks are ISO weeks in the person's own time zone (`Person.timezone`, default Europe/Amsterdam), read from
  the injected clock (`Services.clock`). The week maths live in `iso_weeks`, the rows are loaded by `week_store`.
- Only the owner sees or changes their weeks (anyone else gets 404). A plan may be made for the current
  week and the next one; a reflection for the current week and the one before (Monday catch-up); past
  weeks are read-only. A `WeekCycle` row is created on first write, so an untouched week has no row.
- A quick capture always lands in the current week and also becomes a `WorkSituation` (indexed), which
  the chat and search pick up like any other situation.
- A missed week is simply absent: nothing is counted against the person. Whoever comes back after one or
  more empty weeks is welcomed back (`welcome_back`) and the next plan starts fresh from the agreement.
- `reminder` is one code for the current week, in local time: `welcome_back`, `reflect_previous`,
  `plan_missing` (from the plan day until the reflection day) or `reflect_due` (from the reflection day).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import clock as clocks
from companion.core import db, events
from companion.core.clock import Clock
from companion.core.errors import Conflict, Invalid, NotFound
from companion.core.principal import Principal
from companion.models import EXPERIMENT_OUTCOMES, Person, QuickCapture, RhythmPreference, WeekCycle
from companion.reflection import portfolio
from companion.retrieval.scoped_index import Index
from companion.rhythm import week_plan, week_store
from companion.rhythm.iso_weeks import monday_of, parse_week_key, shift, week_key, week_of, weeks_between
from companion.rhythm.week_store import find_week, last_active_before, person_zone, preferences

MAX_PLAN_CHARS = 1000
MAX_CAPTURE_CHARS = 2000
MAX_REFLECTION_CHARS = 4000
CAPTURE_TITLE_CHARS = 60


# --- reading -------------------------------------------------------------------------------------

def status_of(row: WeekCycle | None, is_past: bool) -> str:
    if row is not None and row.reflected_at:
        return "reflected"
    if is_past:
        return "missed"
    return "planned" if row is not None and row.planned_at else "open"


def view(session: Session, me: Principal, clock: Clock, key: str | None = None, *,
         language: str | None = None) -> dict[str, Any]:
    """Everything the week page needs about one week (the current week when `key` is None)."""
    zone = person_zone(session, me)
    now = clock.now()
    current = week_of(now, zone)
    year, week = parse_week_key(key) if key else current
    offset = weeks_between(current, (year, week))
    row = find_week(session, me.person_id, year, week)
    monday = monday_of(year, week)
    pref = preferences(session, me.person_id)
    previous_active = last_active_before(session, me.person_id, year, week)
    away = weeks_between((previous_active.iso_year, previous_active.iso_week), (year, week)) - 1 \
        if previous_active else 0
    planned = bool(row and row.planned_at)
    welcome_back = offset == 0 and away >= 1 and not planned
    out: dict[str, Any] = {
        "key": week_key(year, week), "year": year, "week": week, "timezone": zone.key,
        "starts_on": monday, "ends_on": monday + timedelta(days=6),
        "is_current": offset == 0, "offset": offset, "status": status_of(row, offset < 0),
        "focus": row.focus if row else "", "experiment": row.experiment if row else "",
        "plan_source": row.plan_source if row else "", "planned_at": row.planned_at if row else None,
        "experiment_outcome": row.experiment_outcome if row else None,
        "happened": row.happened if row else "", "learned": row.learned if row else "",
        "next_step": row.next_step if row else "", "reflected_at": row.reflected_at if row else None,
        "captures": list(row.captures) if row else [],
        "can_plan": offset in (0, 1), "can_reflect": offset in (-1, 0),
        "welcome_back": welcome_back, "reminder": None, "suggestion": None, "next_suggestion": None,
    }
    lang = language or me.language
    if not planned and offset in (0, 1):
        out["suggestion"] = week_plan.prepare(session, me.person_id, (year, week), lang)
    if offset == 0:
        out["reminder"] = reminder(session, me.person_id, now.astimezone(zone), (year, week), row, pref,
                                   welcome_back)
        if row is not None and row.reflected_at:
            nxt = shift(year, week, 1)
            if not (nxt_row := find_week(session, me.person_id, *nxt)) or not nxt_row.planned_at:
                out["next_suggestion"] = {"key": week_key(*nxt),
                                          **week_plan.prepare(session, me.person_id, nxt, lang)}
    return out


def reminder(session: Session, person_id: int, local_now: datetime, current: tuple[int, int],
             row: WeekCycle | None, pref: RhythmPreference, welcome_back: bool) -> str | None:
    """The one nudge for the current week, or None; never about how many weeks were missed."""
    if welcome_back:
        return "welcome_back"
    planned = bool(row and row.planned_at)
    reflected = bool(row and row.reflected_at)
    weekday = local_now.weekday()
    if not planned and weekday < pref.reflect_weekday:
        prev = find_week(session, person_id, *shift(*current, -1))
        if weekday <= 1 and prev is not None and prev.planned_at and not prev.reflected_at:
            return "reflect_previous"
        if weekday >= pref.plan_weekday:
            return "plan_missing"
    if weekday >= pref.reflect_weekday and not reflected:
        return "reflect_due"
    return None


def history(session: Session, me: Principal, clock: Clock, count: int = 12) -> list[dict[str, Any]]:
    """The person's weeks with anything in them, newest first (empty weeks are not listed)."""
    current = week_of(clock.now(), person_zone(session, me))
    rows = session.scalars(select(WeekCycle).where(WeekCycle.person_id == me.person_id).order_by(
        WeekCycle.iso_year.desc(), WeekCycle.iso_week.desc()).limit(max(1, min(count, 104))))
    return [{"key": week_key(r.iso_year, r.iso_week), "status": status_of(r, (r.iso_year, r.iso_week) < current),
             "focus": r.focus, "experiment": r.experiment, "experiment_outcome": r.experiment_outcome,
             "captures": len(r.captures), "reflected_at": r.reflected_at} for r in rows]


# --- writing -------------------------------------------------------------------------------------

def _text(value: Any, limit: int) -> str:
    out = value.replace("\x00", "").strip() if isinstance(value, str) else ""
    if len(out) > limit:
        raise Invalid("rhythm_text_too_long", max_chars=limit)
    return out


def _offset(session: Session, me: Principal, clock: Clock, key: str) -> tuple[int, int, int]:
    year, week = parse_week_key(key)
    current = week_of(clock.now(), person_zone(session, me))
    return year, week, weeks_between(current, (year, week))


def save_plan(session: Session, me: Principal, clock: Clock, key: str, values: dict[str, Any]) -> WeekCycle:
    """Set the focus and the one experiment of the current or the next week."""
    year, week, offset = _offset(session, me, clock, key)
    if offset < 0:
        raise Conflict("week_closed", key=week_key(year, week))
    if offset > 1:
        raise Invalid("week_too_far_ahead", key=week_key(year, week))
    focus = _text(values.get("focus"), MAX_PLAN_CHARS)
    experiment = _text(values.get("experiment"), MAX_PLAN_CHARS)
    if not focus or not experiment:
        raise Invalid("plan_incomplete")
    row = week_store.get_or_create(session, me.person_id, year, week)
    row.focus, row.experiment = focus, experiment
    row.plan_source = values.get("source") if values.get("source") in ("template", "llm") else "manual"
    row.planned_at = row.planned_at or clock.now()
    session.commit()
    return row


def capture(session: Session, index: Index, me: Principal, clock: Clock, text: str,
            situation_id: int | None = None) -> QuickCapture:
    """Note a work situation in the current week; it also becomes a work situation the chat can use."""
    body = _text(text, MAX_CAPTURE_CHARS)
    if not body:
        raise Invalid("capture_empty")
    if situation_id is not None:
        situation = portfolio.get_situation(session, me, situation_id)
    else:
        first_line = body.splitlines()[0]
        title = first_line if len(first_line) <= CAPTURE_TITLE_CHARS else \
            first_line[:CAPTURE_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
        situation = portfolio.create_situation(session, index, me, {"title": title, "description": body})
    year, week = week_of(clock.now(), person_zone(session, me))
    row = week_store.get_or_create(session, me.person_id, year, week)
    item = QuickCapture(person_id=me.person_id, week_id=row.id, text=body, situation_id=situation.id,
                        created_at=clock.now())
    session.add(item)
    session.commit()
    return item


def delete_capture(session: Session, me: Principal, capture_id: int) -> None:
    """Remove a capture (its work situation stays: delete that in the portfolio)."""
    item = db.get(session, QuickCapture, capture_id)
    if item is None or item.person_id != me.person_id:
        raise NotFound("capture_not_found")
    session.delete(item)
    session.commit()


def reflect(session: Session, me: Principal, clock: Clock, key: str, values: dict[str, Any]) -> WeekCycle:
    """Save the weekly reflection (current week, or last week until this one ends); it feeds the next plan."""
    year, week, offset = _offset(session, me, clock, key)
    if offset > 0:
        raise Invalid("week_not_started", key=week_key(year, week))
    if offset < -1:
        raise Conflict("week_closed", key=week_key(year, week))
    outcome = values.get("experiment_outcome")
    if outcome is not None and outcome not in EXPERIMENT_OUTCOMES:
        raise Invalid("experiment_outcome_invalid", choices=", ".join(EXPERIMENT_OUTCOMES))
    answers = {name: _text(values.get(name), MAX_REFLECTION_CHARS)
               for name in ("happened", "learned", "next_step")}
    if not answers["happened"] and not answers["learned"]:
        raise Invalid("reflection_empty")
    row = week_store.get_or_create(session, me.person_id, year, week)
    row.experiment_outcome = outcome
    row.happened, row.learned, row.next_step = answers["happened"], answers["learned"], answers["next_step"]
    row.reflected_at = clock.now()
    events.emit(session, events.WEEK_REFLECTED, person_id=me.person_id, subject=f"week:{week_key(year, week)}",
                week=week_key(year, week))
    session.commit()
    return row


def update_preferences(session: Session, me: Principal, values: dict[str, Any]) -> dict[str, Any]:
    """Change when the weekly moments are, and the person's time zone."""
    pref = preferences(session, me.person_id)
    person = session.get(Person, me.person_id)
    if "timezone" in values and values["timezone"] is not None:
        if not clocks.is_valid_zone(values["timezone"]):
            raise Invalid("timezone_invalid", timezone=str(values["timezone"])[:60])
        person.timezone = values["timezone"]
    for day in ("plan_weekday", "reflect_weekday"):
        if values.get(day) is not None:
            if not 0 <= int(values[day]) <= 6:
                raise Invalid("weekday_invalid")
            setattr(pref, day, int(values[day]))
    for moment in ("plan_time", "reflect_time"):
        if values.get(moment) is not None:
            if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", values[moment]):
                raise Invalid("time_of_day_invalid")
            setattr(pref, moment, values[moment])
    if pref.plan_weekday >= pref.reflect_weekday:
        raise Invalid("rhythm_order_invalid")
    session.commit()
    return preferences_view(session, me)


def preferences_view(session: Session, me: Principal) -> dict[str, Any]:
    pref = preferences(session, me.person_id)
    session.commit()
    return {"timezone": person_zone(session, me).key, "plan_weekday": pref.plan_weekday,
            "plan_time": pref.plan_time, "reflect_weekday": pref.reflect_weekday,
            "reflect_time": pref.reflect_time, "calendar_feed_active": pref.calendar_token_hash is not None}
