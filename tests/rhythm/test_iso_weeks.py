"""Week boundaries, time zones, DST, ISO week 53 and coming back after a gap, on an injected clock."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock, ShiftedClock, clock_from_settings
from companion.core.config import Settings
from companion.rhythm import iso_weeks


@pytest.mark.parametrize(("moment", "zone", "expected"), [
    (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "Europe/Amsterdam", (2026, 49)),  # Mon 00:30 local
    (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "UTC", (2026, 48)),               # still Sunday 23:30
    (datetime(2026, 11, 29, 22, 59, tzinfo=UTC), "Europe/Amsterdam", (2026, 48)),  # Sun 23:59 local
    (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "America/New_York", (2026, 48)),
    (datetime(2026, 11, 29, 15, 30, tzinfo=UTC), "Pacific/Auckland", (2026, 49)),
    (datetime(2026, 12, 31, 12, 0, tzinfo=UTC), "Europe/Amsterdam", (2026, 53)),   # 2026 has 53 ISO weeks
    (datetime(2027, 1, 3, 22, 59, tzinfo=UTC), "Europe/Amsterdam", (2026, 53)),    # Sun 23:59 local
    (datetime(2027, 1, 3, 23, 0, tzinfo=UTC), "Europe/Amsterdam", (2027, 1)),
])
def test_week_of_uses_the_local_calendar(moment, zone, expected):
    assert iso_weeks.week_of(moment, zone) == expected


def test_week_bounds_follow_dst():
    start, end = iso_weeks.week_bounds(2026, 13, "Europe/Amsterdam")  # clocks go forward on Sun 29 March
    assert (start, end) == (datetime(2026, 3, 22, 23, 0, tzinfo=UTC), datetime(2026, 3, 29, 22, 0, tzinfo=UTC))
    assert (end - start).total_seconds() == 7 * 24 * 3600 - 3600  # a week of 167 hours
    start, end = iso_weeks.week_bounds(2026, 43, "Europe/Amsterdam")  # back on Sun 25 October
    assert (end - start).total_seconds() == 7 * 24 * 3600 + 3600


def test_shift_crosses_week_53_and_the_year():
    assert iso_weeks.shift(2026, 52, 1) == (2026, 53)
    assert iso_weeks.shift(2026, 53, 1) == (2027, 1)
    assert iso_weeks.shift(2027, 1, -1) == (2026, 53)
    assert iso_weeks.weeks_between((2026, 50), (2027, 2)) == 5


@pytest.fixture
def clock(services) -> FixedClock:
    services.clock = FixedClock(datetime(2026, 11, 29, 22, 0, tzinfo=UTC))  # Sunday 23:00 Amsterdam
    return services.clock


def test_sunday_night_and_monday_morning_in_amsterdam_versus_utc(client, anne, clock):
    assert client.get("/api/weeks/current", headers=anne).json()["key"] == "2026-W48"
    clock.set(datetime(2026, 11, 29, 23, 30, tzinfo=UTC))  # Monday 00:30 in Amsterdam, Sunday 23:30 in UTC
    assert client.get("/api/weeks/current", headers=anne).json()["key"] == "2026-W49"
    client.patch("/api/weeks/settings", json={"timezone": "UTC"}, headers=anne)
    assert client.get("/api/weeks/current", headers=anne).json()["key"] == "2026-W48"


def test_a_capture_at_half_past_midnight_lands_in_the_new_local_week(client, anne, clock):
    clock.set(datetime(2026, 11, 29, 23, 30, tzinfo=UTC))
    client.post("/api/weeks/current/captures", json={"text": "Nachtdienst: onrustige cliënt"}, headers=anne)
    assert len(client.get("/api/weeks/2026-W49", headers=anne).json()["captures"]) == 1
    assert client.get("/api/weeks/2026-W48", headers=anne).json()["captures"] == []


def test_dst_sunday_night_is_still_the_old_week(client, anne, clock):
    clock.set(datetime(2026, 3, 29, 21, 30, tzinfo=UTC))  # Sunday 23:30 CEST, the night clocks went forward
    assert client.get("/api/weeks/current", headers=anne).json()["key"] == "2026-W13"
    clock.set(datetime(2026, 3, 29, 22, 30, tzinfo=UTC))  # Monday 00:30 CEST
    assert client.get("/api/weeks/current", headers=anne).json()["key"] == "2026-W14"


def test_week_53_can_be_planned_and_leads_into_week_1(client, anne, clock):
    clock.set(datetime(2026, 12, 28, 8, 0, tzinfo=UTC))
    week = client.get("/api/weeks/current", headers=anne).json()
    assert (week["key"], week["ends_on"]) == ("2026-W53", "2027-01-03")
    plan = {"focus": "Jaarafsluiting", "experiment": "Eén ding afronden"}
    assert client.put("/api/weeks/2026-W53/plan", json=plan, headers=anne).status_code == 200
    client.put("/api/weeks/2026-W53/reflection", json={"happened": "Rustig", "next_step": "Nieuw jaar plannen"},
               headers=anne)
    assert client.get("/api/weeks/2027-W01", headers=anne).json()["suggestion"]["focus"] == "Nieuw jaar plannen"


def test_a_missed_week_is_welcomed_back_and_the_plan_starts_fresh(client, anne, clock):
    clock.set(datetime(2026, 11, 9, 8, 0, tzinfo=UTC))  # W46
    client.put("/api/weeks/2026-W46/plan", json={"focus": "Oud", "experiment": "Oud"}, headers=anne)
    client.put("/api/weeks/2026-W46/reflection", json={"happened": "x", "next_step": "Oude volgende stap"},
               headers=anne)
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))  # W48: W47 was empty
    week = client.get("/api/weeks/current", headers=anne).json()
    assert week["welcome_back"] and week["reminder"] == "welcome_back"
    assert week["suggestion"]["based_on"] == ["fresh"] and "Oude" not in week["suggestion"]["focus"]
    assert [h["key"] for h in client.get("/api/weeks/history", headers=anne).json()] == ["2026-W46"]
    client.put("/api/weeks/2026-W48/plan", json={"focus": "Nieuw", "experiment": "Nieuw"}, headers=anne)
    week = client.get("/api/weeks/current", headers=anne).json()
    assert not week["welcome_back"] and week["reminder"] is None


def test_monday_nudges_to_close_last_week_first(client, anne, clock):
    clock.set(datetime(2026, 11, 16, 8, 0, tzinfo=UTC))
    client.put("/api/weeks/2026-W47/plan", json={"focus": "f", "experiment": "e"}, headers=anne)
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert client.get("/api/weeks/current", headers=anne).json()["reminder"] == "reflect_previous"


def test_fake_now_runs_on_from_its_start_and_is_refused_in_production():
    clock = clock_from_settings(Settings(demo=True, fake_now="2026-11-27T16:00:00+01:00"))
    assert isinstance(clock, ShiftedClock) and clock.now() >= datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert not isinstance(clock_from_settings(Settings(fake_now="2026-11-27T16:00:00Z")), ShiftedClock)
    with pytest.raises(ValueError, match="FAKE_NOW"):
        Settings(env="production", secret_key="x" * 40, fake_now="2026-11-27T16:00:00Z")
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 1, 1))
