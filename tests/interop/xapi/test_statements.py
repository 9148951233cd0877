"""Statements as built: stable ids, registered verbs, no text, and the verb table the docs show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion.core import events
from companion.core.config import PROJECT_ROOT
from companion.interop.xapi import statements, verbs

BASE = "https://zorg-x.example"
AGENT = statements.actor(BASE, pseudonym="3f1c0000-0000-4000-8000-000000000001")
WHEN = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _event(kind=events.SITUATION_CAPTURED, subject="situation:5", **kw) -> events.Event:
    return events.Event(kind=kind, person_id=3, subject=subject, **kw)


def test_the_same_event_makes_the_same_statement_id_and_another_does_not():
    first = statements.build(_event(), org_id=1, base_url=BASE, agent=AGENT, when=WHEN)
    later = statements.build(_event(), org_id=1, base_url=BASE, agent=AGENT, when=WHEN + timedelta(days=1))
    assert first["id"] == later["id"]
    assert statements.statement_id(2, _event()) != first["id"]  # another organisation
    assert statements.statement_id(1, _event(subject="situation:6")) != first["id"]
    phase = {"kind": events.PHASE_COMPLETED, "subject": "conversation:5", "context": "conversation:5"}
    assert (statements.statement_id(1, _event(**phase, detail={"phase": "action"}))
            != statements.statement_id(1, _event(**phase, detail={"phase": "trial"})))


def test_a_statement_is_xapi_1_0_3_shaped_in_utc_with_dutch_and_english_names():
    event = _event(events.PHASE_COMPLETED, "conversation:8", context="conversation:8",
                   detail={"cycle": "alact", "phase": "looking_back", "round": 1})
    s = statements.build(event, org_id=1, base_url=BASE + "/", agent=AGENT,
                         when=datetime(2026, 11, 25, 11, 30, tzinfo=timezone(timedelta(hours=1))))
    assert s["timestamp"] == "2026-11-25T10:30:00.000Z"
    assert s["verb"] == {"id": "http://adlnet.gov/expapi/verbs/completed",
                         "display": {"en-US": "completed", "nl-NL": "heeft afgerond"}}
    assert s["object"]["id"] == f"{BASE}/xapi/reflections/8/phases/looking_back"
    assert s["object"]["definition"]["name"]["nl-NL"] == "Fase looking_back van reflectiecyclus alact"
    parent = [{"objectType": "Activity", "id": f"{BASE}/xapi/reflections/8"}]
    assert s["context"]["contextActivities"]["parent"] == parent
    assert s["context"]["registration"] == statements.registration(BASE, "conversation:8")
    assert s["actor"] == {"objectType": "Agent", "account": {"homePage": BASE, "name": AGENT["account"]["name"]}}


def test_no_text_can_ride_along_in_the_details():
    event = _event(events.PRODUCT_DRAFTED, "suggestion:2", detail={"kind": "action_plan", "phase": "Ik was boos op",
                                                                   "note": "geheim", "week": "x" * 200})
    s = statements.build(event, org_id=1, base_url=BASE, agent=AGENT, when=WHEN)
    assert "boos" not in str(s) and "geheim" not in str(s) and "xxxx" not in str(s)
    assert statements.safe_detail(event.detail) == {"kind": "action_plan"}


def test_a_malformed_subject_or_an_unknown_event_is_refused():
    with pytest.raises(ValueError):
        statements.build(_event(subject="conversation:5"), org_id=1, base_url=BASE, agent=AGENT, when=WHEN)
    with pytest.raises(ValueError):
        events.Event(kind="reflected_deeply", person_id=1, subject="x:1")


def test_named_actors():
    assert statements.actor(BASE, pseudonym="p", named=True, display_name="Anne de Vries", username="anne") == {
        "objectType": "Agent", "name": "Anne de Vries", "account": {"homePage": BASE, "name": "anne"}}
    assert statements.actor(BASE, pseudonym="p", named=True, display_name="Anne", email="a@x.nl")["mbox"] == \
        "mailto:a@x.nl"


def test_every_verb_is_a_registered_iri_and_the_docs_show_the_table():
    registered = ("http://adlnet.gov/expapi/verbs/", "https://w3id.org/xapi/adl/verbs/",
                  "http://activitystrea.ms/schema/1.0/", "http://id.tincanapi.com/verb/")
    assert set(verbs.VERBS) == set(events.KINDS)
    docs = (PROJECT_ROOT / "docs" / "xapi.md").read_text(encoding="utf-8")
    integrations = (PROJECT_ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    for row in verbs.verb_table():
        assert row["verb"].startswith(registered), row
        assert f"`{row['event']}`" in docs and row["verb"] in docs and row["activity_type"] in docs, row
        assert row["verb"] in integrations, row
