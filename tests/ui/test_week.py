"""The week page through AppTest against the real API, on an injected clock: reminders, welcome back, catch-up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from companion.core.clock import FixedClock
from tests.support.uitest import goto, log_in, open_app


@pytest.fixture
def clock(services) -> FixedClock:
    services.clock = FixedClock(datetime(2026, 11, 9, 8, 0, tzinfo=UTC))  # Monday of 2026-W46
    return services.clock


def shown(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("info", "success", "markdown", "caption", "subheader")
                    for e in getattr(at, kind))


def test_welcome_back_after_an_empty_week_on_chat_and_week_page(live_api, monkeypatch, clock, client, anne):
    client.put("/api/weeks/2026-W46/plan", json={"focus": "f", "experiment": "e"}, headers=anne)
    client.put("/api/weeks/2026-W46/reflection", json={"happened": "h", "next_step": "Oud"}, headers=anne)
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))  # W48; W47 stayed empty
    at = log_in(open_app(live_api.url, monkeypatch), "anne")
    assert not at.exception and "Welkom terug!" in shown(at)  # the chat page's banner
    at = goto(at, "week")
    assert not at.exception and "Welkom terug!" in shown(at) and "Een frisse start" in shown(at)
    assert not any("achter" in s.lower() or "gemist" in s.lower() for s in shown(at).split("."))  # no shaming


def test_monday_catch_up_closes_last_week_first(live_api, monkeypatch, clock, client, anne):
    clock.set(datetime(2026, 11, 16, 8, 0, tzinfo=UTC))  # Monday of W47 ...
    client.put("/api/weeks/2026-W47/plan", json={"focus": "Vorige focus", "experiment": "Vorig experiment"},
               headers=anne)
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))  # ... and now Monday of W48
    at = goto(log_in(open_app(live_api.url, monkeypatch), "anne"), "week")
    assert "Je sluit vorige week af (2026-W47)." in shown(at)
    assert "Vorig experiment" in at.radio[0].label
    at.radio[0].set_value("tried")
    next(b for b in at.button if b.label == "Volgende").click()
    at.run(timeout=30)
    at.text_area(key="reflect-2026-W47-happened").input("Het lukte bij de eerste overdracht.")
    for label in ("Volgende", "Volgende", "Week afsluiten"):
        next(b for b in at.button if b.label == label).click()
        at.run(timeout=30)
    assert not at.exception
    week = client.get("/api/weeks/2026-W47", headers=anne).json()
    assert week["status"] == "reflected" and week["experiment_outcome"] == "tried"


def test_the_week_page_speaks_english(live_api, monkeypatch, clock):
    at = log_in(open_app(live_api.url, monkeypatch), "anne")
    at.sidebar.selectbox(key="lang_select").select("en")
    at.run(timeout=30)
    at = goto(at, "week")
    assert not at.exception and at.title[0].value == "My week"
    assert "Quick capture" in shown(at) and "You haven't made your week plan yet" in shown(at)
    assert "A fresh start" in shown(at)
