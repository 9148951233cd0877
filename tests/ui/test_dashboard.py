"""The dashboard, the account page and the pulse survey through AppTest against the real API."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from companion.core.clock import FixedClock
from companion.models import Person
from tests.support.analytics_data import add_answer, add_team, add_week
from tests.support.uitest import goto, log_in

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture
def app(app, services, org) -> AppTest:
    """The login page, and an organisation with a big and a small team that answered and kept the rhythm."""
    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        ids = add_team(session, org, "Team Groot", 6, "g") + add_team(session, org, "Team Klein", 3, "k")
        for n, pid in enumerate(ids):
            add_answer(session, pid, org, session.get(Person, pid).team_id, date(2026, 10, 12), 4 + n % 2)
            for day in (date(2026, 10, 5), date(2026, 10, 12), date(2026, 11, 2)):
                add_week(session, pid, day)
        session.commit()
    return app


def test_the_admin_dashboard_shows_aggregates_and_hides_small_groups(app):
    log_in(app, "admin")
    goto(app, "dashboard")
    assert not app.exception
    assert app.title[0].value == "Dashboard"
    labels = [m.label for m in app.metric]
    assert labels[:3] == ["Tevreden", "Toegepast zoals bedoeld", "Na een jaar nog bezig"]
    assert app.metric[0].value == "100%"  # nine answers of 4 or 5
    assert any("Onderzoek: 97%" in c.value for c in app.caption)
    table = app.dataframe[0].value
    assert "Team Klein" in table.columns
    assert set(table["Team Klein"]) <= {"te klein", "—", "nog niet", "afleidbaar"}
    assert "Team Groot" in table.columns
    assert any(b.proto.label == "Download als CSV" for b in app.get("download_button"))


def test_the_dashboard_is_not_a_page_for_professionals(app):
    log_in(app, "anne")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        goto(app, "dashboard")


def test_a_professional_drafts_an_account_and_answers_the_survey(app):
    log_in(app, "anne")
    goto(app, "giving_account")
    assert not app.exception
    next(b for b in app.button if b.label == "Concept maken").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("concept" in e.label for e in app.expander)
    assert [t.label for t in app.toggle] == ["Wat ik deed", "Wat de organisatie deed", "Vooruitblik"]
    assert not any(t.value for t in app.toggle)  # nothing shared by default
    goto(app, "week")
    assert not app.exception
    radios = [r for r in app.radio if r.label.startswith(("Hoe tevreden", "Ik pas", "Het weekritme"))]
    assert len(radios) == 3
    for radio in radios:
        radio.set_value(4)
    next(b for b in app.button if b.label == "Versturen").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("Dank je wel" in s.value for s in app.success)


def test_a_professional_takes_a_sent_account_back_before_the_expert_decides(app):
    log_in(app, "anne")
    goto(app, "giving_account")
    next(b for b in app.button if b.label == "Concept maken").click()
    app.run(timeout=30)
    next(b for b in app.button if b.label == "Naar mijn begeleider sturen").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("bij je begeleider" in e.label for e in app.expander)
    next(b for b in app.button if b.label == "Terugnemen").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("concept" in e.label for e in app.expander)  # editable again, nothing left in the expert's queue
    assert any(b.label == "Naar mijn begeleider sturen" for b in app.button)
