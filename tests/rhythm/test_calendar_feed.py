"""The weekly moments as .ics: valid iCalendar, weekly recurrence, Dutch titles, a revocable secret feed."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from companion.core.clock import FixedClock


@pytest.fixture(autouse=True)
def clock(services) -> FixedClock:
    services.clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    return services.clock


def _events(body: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(body)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_download_parses_back_with_weekly_rules_in_local_time(client, anne):
    r = client.get("/api/weeks/calendar.ics", headers=anne)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"]
    events = _events(r.content)
    plan, reflect = events["Weekplan maken (5 min)"], events["Weekafsluiting: terugblikken (10 min)"]
    assert plan["rrule"]["FREQ"] == ["WEEKLY"] and plan["rrule"]["BYDAY"] == ["MO"]
    assert reflect["rrule"]["BYDAY"] == ["FR"]
    start = plan.decoded("dtstart")
    assert (start.date().isoformat(), start.strftime("%H:%M"), str(start.tzinfo)) == (
        "2026-11-23", "08:45", "Europe/Amsterdam")
    assert b"BEGIN:VTIMEZONE" in r.content and b"TZID:Europe/Amsterdam" in r.content


def test_moments_follow_the_persons_settings_and_language(client, anne):
    client.patch("/api/weeks/settings", json={"plan_weekday": 1, "plan_time": "07:30", "timezone": "Europe/London"},
                 headers=anne)
    client.patch("/api/me", json={"language": "en"}, headers=anne)
    plan = _events(client.get("/api/weeks/calendar.ics", headers=anne).content)["Plan my week (5 min)"]
    start = plan.decoded("dtstart")
    assert (start.strftime("%a %H:%M"), str(start.tzinfo)) == ("Tue 07:30", "Europe/London")


def test_the_feed_works_without_login_until_revoked(client, anne, bram):
    client.put("/api/weeks/2026-W48/plan", json={"focus": "Geheime focus", "experiment": "x"}, headers=anne)
    link = client.post("/api/weeks/calendar/link", headers=anne).json()
    assert link["url"].endswith(f"/api/weeks/feed/{link['token']}.ics")
    feed = client.get(f"/api/weeks/feed/{link['token']}.ics")
    assert feed.status_code == 200 and len(_events(feed.content)) == 2
    assert b"Geheime" not in feed.content  # only the moments, nothing personal
    assert client.get("/api/weeks/settings", headers=anne).json()["calendar_feed_active"] is True
    newer = client.post("/api/weeks/calendar/link", headers=anne).json()
    assert client.get(f"/api/weeks/feed/{link['token']}.ics").status_code == 404  # rotating revokes the old one
    assert client.get(f"/api/weeks/feed/{newer['token']}.ics").status_code == 200
    assert client.delete("/api/weeks/calendar/link", headers=anne).status_code == 204
    assert client.get(f"/api/weeks/feed/{newer['token']}.ics").status_code == 404
    assert client.get("/api/weeks/feed/guess.ics").status_code == 404
    assert client.get("/api/weeks/calendar.ics").status_code == 401


def test_the_data_export_holds_the_rhythm_but_not_the_feed_secret(client, anne):
    client.post("/api/weeks/calendar/link", headers=anne)
    client.post("/api/weeks/current/captures", json={"text": "Een notitie"}, headers=anne)
    r = client.get("/api/privacy/export", headers=anne)
    data = r.text
    assert r.status_code == 200
    assert "rhythm_preferences" in data and "calendar_token_hash" not in data and "Een notitie" in data
