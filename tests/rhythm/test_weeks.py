"""The weekly rhythm through the API, with an injected clock: plan, capture, reflect, next week prepared."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock

FRIDAY = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday of ISO week 2026-W48, 16:00 in Amsterdam
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock(services) -> FixedClock:
    services.clock = FixedClock(MONDAY)
    return services.clock


def test_current_week_is_the_iso_week_in_amsterdam(client, anne, clock):
    week = client.get("/api/weeks/current", headers=anne).json()
    assert (week["key"], week["starts_on"], week["ends_on"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    assert week["timezone"] == "Europe/Amsterdam" and week["status"] == "open"
    assert week["reminder"] == "plan_missing"
    assert week["suggestion"]["based_on"] == ["fresh"] and week["suggestion"]["focus"]


def test_a_full_week_feeds_the_next_plan(client, anne, clock):
    plan = {"focus": "Rustig de overdracht leiden", "experiment": "Bij één overdracht de volgorde voorstellen"}
    week = client.put("/api/weeks/2026-W48/plan", json=plan, headers=anne).json()
    assert week["status"] == "planned" and week["suggestion"] is None and week["reminder"] is None
    for text in ("Overdracht ging rommelig, ik greep niet in", "Collega vroeg om feedback op mijn rapportage"):
        clock.advance(days=1)
        r = client.post("/api/weeks/current/captures", json={"text": text}, headers=anne)
        assert r.status_code == 201 and r.json()["situation_id"]
    situations = client.get("/api/situations", headers=anne).json()
    assert {s["description"] for s in situations} >= {"Overdracht ging rommelig, ik greep niet in"}
    clock.set(FRIDAY)
    week = client.get("/api/weeks/current", headers=anne).json()
    assert week["reminder"] == "reflect_due" and len(week["captures"]) == 2
    reflection = {"experiment_outcome": "partly", "happened": "Eén keer gelukt", "learned": "Vooraf afspreken helpt",
                  "next_step": "Vooraf met de teamleider de volgorde afspreken"}
    week = client.put("/api/weeks/2026-W48/reflection", json=reflection, headers=anne).json()
    assert week["status"] == "reflected" and week["reminder"] is None
    nxt = week["next_suggestion"]
    assert nxt["key"] == "2026-W49" and nxt["focus"] == "Vooraf met de teamleider de volgorde afspreken"
    assert nxt["based_on"] == ["reflection"]
    clock.set(datetime(2026, 11, 30, 7, 0, tzinfo=UTC))  # Monday 08:00 in Amsterdam
    week = client.get("/api/weeks/current", headers=anne).json()
    assert week["key"] == "2026-W49" and week["suggestion"]["focus"] == nxt["focus"]
    assert week["reminder"] == "plan_missing" and not week["welcome_back"]
    history = client.get("/api/weeks/history", headers=anne).json()
    assert [h["key"] for h in history] == ["2026-W48"] and history[0]["captures"] == 2


def test_weeks_are_private_to_their_owner(client, anne, bram, clock):
    r = client.post("/api/weeks/current/captures", json={"text": "Iets van Anne"}, headers=anne)
    assert client.delete(f"/api/weeks/captures/{r.json()['id']}", headers=bram).status_code == 404
    assert client.get("/api/weeks/current", headers=bram).json()["captures"] == []
    assert client.get("/api/weeks/current").status_code == 401
    assert client.delete(f"/api/weeks/captures/{r.json()['id']}", headers=anne).status_code == 204


@pytest.mark.parametrize("key", ["2026-48", "2026-W54", "2025-W53", "2026-W00", "abc", "99999-W01"])
def test_malformed_or_impossible_week_keys_are_422(client, anne, clock, key):
    r = client.get(f"/api/weeks/{key}", headers=anne)
    assert r.status_code == 422 and r.json()["code"] == "week_key_invalid"


def test_past_weeks_are_closed_and_far_weeks_not_yet_open(client, anne, clock):
    plan = {"focus": "f", "experiment": "e"}
    assert client.put("/api/weeks/2026-W46/plan", json=plan, headers=anne).json()["code"] == "week_closed"
    assert client.put("/api/weeks/2026-W50/plan", json=plan, headers=anne).status_code == 422
    assert client.put("/api/weeks/2026-W49/plan", json=plan, headers=anne).status_code == 200
    body = {"happened": "x"}
    assert client.put("/api/weeks/2026-W49/reflection", json=body, headers=anne).json()["code"] == "week_not_started"
    assert client.put("/api/weeks/2026-W47/reflection", json=body, headers=anne).status_code == 200
    assert client.put("/api/weeks/2026-W48/reflection", json={"next_step": "x"}, headers=anne).status_code == 422
    assert client.post("/api/weeks/current/captures", json={"text": "  "}, headers=anne).status_code == 422


def test_rhythm_settings_move_the_reminders_and_are_validated(client, anne, clock):
    assert client.patch("/api/weeks/settings", json={"timezone": "Mars/Olympus"}, headers=anne).status_code == 422
    r = client.patch("/api/weeks/settings", json={"reflect_weekday": 3, "reflect_time": "14:00"}, headers=anne)
    assert r.status_code == 200 and r.json()["reflect_weekday"] == 3
    clock.set(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))  # Thursday
    assert client.get("/api/weeks/current", headers=anne).json()["reminder"] == "reflect_due"
    assert client.patch("/api/weeks/settings", json={"plan_weekday": 5}, headers=anne).status_code == 422
