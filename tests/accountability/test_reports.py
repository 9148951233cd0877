"""Giving account: drafted from what happened, marked by the professional, reviewed by the expert, shared by choice."""

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.core.clock import FixedClock
from companion.models import Conversation, Person
from companion.models.rhythm import AgreementVersion, LearningAgreement, QuickCapture, WeekCycle
from tests.support.analytics_data import add_week
from tests.support.app import login

REPORTS = "/api/accountability-reports"

NOW = datetime(2026, 10, 5, 10, 0, tzinfo=UTC)  # early in Q4: the default period is Q3
PERIOD = {"period_start": "2026-07-01", "period_end": "2026-09-30"}


@pytest.fixture
def history(services, org):
    """Anne's third quarter: an agreed learning agreement, six weeks of the rhythm, a completed reflection."""
    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        anne = session.query(Person).filter_by(username="anne").one()
        agreement = LearningAgreement(person_id=anne.id, org_id=org, status="agreed", current_version=1,
                                      agreed_version=1)
        session.add(agreement)
        session.flush()
        session.add(AgreementVersion(agreement_id=agreement.id, number=1, goals="Overdrachten leiden",
                                     rhythm="Elke week", time_minutes_per_week=60, support="Maandelijks gesprek",
                                     resources="", review_date=date(2026, 12, 31),
                                     created_at=datetime(2026, 6, 1, tzinfo=UTC)))
        for n, outcome in enumerate(["tried", "tried", "partly", "not_tried", "tried", "tried"]):
            add_week(session, anne.id, date(2026, 7, 6) + timedelta(weeks=n), outcome=outcome, reflected=n != 3)
        session.flush()
        week = session.query(WeekCycle).filter_by(person_id=anne.id).first()
        session.add(QuickCapture(person_id=anne.id, week_id=week.id, text="Overdracht ging goed"))
        session.add(Conversation(owner_id=anne.id, phase="trial", title="Overdracht",
                                 state={"round": 2, "turns": 3, "completed": False},
                                 created_at=datetime(2026, 8, 3, tzinfo=UTC)))
        session.commit()
    return services


def test_the_draft_counts_what_happened(client, history, anne):
    r = client.post(REPORTS, json={}, headers=anne)
    assert r.status_code == 201, r.text
    account = r.json()
    assert (account["period_start"], account["period_end"]) == ("2026-07-01", "2026-09-30")
    facts = account["facts"]
    assert facts["weeks_active"] == 6 and facts["weeks_completed"] == 5
    assert facts["experiments_tried"] == 4 and facts["experiments_partly"] == 1
    assert facts["captures"] == 1 and facts["reflections_completed"] == 1
    assert "6 van de 14 weken" in account["sections"]["professional"]
    assert [c["key"] for c in account["commitments"]] == ["time", "support"]
    assert "60 minuten per week: nog niet beoordeeld" in account["sections"]["organisation"]
    assert account["shared"] == [] and account["status"] == "draft"  # nothing shared by default


def _approve(client, suggestion_id: int, final: dict | None = None):
    eva = login(client, "eva")
    body = {"decision": "approved", "comment": "Eerlijk en concreet.", **({"final": final} if final else {})}
    r = client.post(f"/api/suggestions/{suggestion_id}/review", json=body, headers=eva)
    assert r.status_code == 200, r.text
    return r.json()


def test_review_then_only_the_chosen_sections_reach_the_organisation(client, history, anne, admin):
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    marks = [{"mark": "partly", "note": "vaak ingeroosterd"}, {"mark": "delivered"}]
    account = client.patch(f"{REPORTS}/{account['id']}", json={"commitments": marks}, headers=anne).json()
    assert "deels geleverd (vaak ingeroosterd)" in account["sections"]["organisation"]
    client.patch(f"{REPORTS}/{account['id']}", json={"shared": ["organisation"]}, headers=anne)
    assert client.get(f"{REPORTS}/shared", headers=admin).json() == []  # not before approval

    submitted = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    assert submitted["status"] == "in_review"
    assert client.get(f"{REPORTS}/shared", headers=admin).json() == []  # not while in review
    suggestion = client.get(f"/api/suggestions/{submitted['suggestion_id']}", headers=anne).json()
    assert suggestion["kind"] == "account" and suggestion["status"] == "pending"

    draft = suggestion["draft"]
    assert draft["commitments"][0] == {"commitment": "Tijd om te leren: 60 minuten per week", "mark": "partly",
                                       "note": "vaak ingeroosterd"}
    commitments = [dict(draft["commitments"][0], note="vaak ingeroosterd, in december beter"),
                   draft["commitments"][1]]
    final = {**draft, "ahead": "Ik ga door met de overdrachten.", "commitments": commitments}  # the expert edits
    _approve(client, submitted["suggestion_id"], final)
    approved = client.get(f"{REPORTS}/{account['id']}", headers=anne).json()
    assert approved["status"] == "approved" and approved["sections"]["ahead"] == "Ik ga door met de overdrachten."

    shared = client.get(f"{REPORTS}/shared", headers=admin).json()
    assert len(shared) == 1 and set(shared[0]["sections"]) == {"organisation"}
    assert "Ik ga door" not in str(shared) and "weken" not in str(shared)
    assert shared[0]["commitments"][0]["mark"] == "partly"
    assert shared[0]["commitments"][0]["note"] == "vaak ingeroosterd, in december beter"
    assert shared[0]["commitments"][0]["minutes"] == 60


def test_after_approval_the_text_is_fixed_but_sharing_can_be_withdrawn(client, history, anne, admin):
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    client.patch(f"{REPORTS}/{account['id']}", json={"shared": ["professional"]}, headers=anne)
    submitted = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    _approve(client, submitted["suggestion_id"])
    r = client.patch(f"{REPORTS}/{account['id']}", json={"sections": {"professional": "anders"}}, headers=anne)
    assert r.status_code == 409 and r.json()["code"] == "account_not_editable"
    assert len(client.get(f"{REPORTS}/shared", headers=admin).json()) == 1
    client.patch(f"{REPORTS}/{account['id']}", json={"shared": []}, headers=anne)
    assert client.get(f"{REPORTS}/shared", headers=admin).json() == []


def test_a_rejected_account_can_be_redrafted_and_resubmitted(client, history, anne):
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    submitted = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    r = client.post(f"/api/suggestions/{submitted['suggestion_id']}/review", headers=login(client, "eva"),
                    json={"decision": "rejected", "comment": "Vul de toezeggingen nog in."})
    assert r.status_code == 200
    rejected = client.get(f"{REPORTS}/{account['id']}", headers=anne).json()
    assert rejected["status"] == "rejected" and rejected["review_comment"] == "Vul de toezeggingen nog in."
    assert client.post(f"{REPORTS}/{account['id']}/redraft", headers=anne).json()["status"] == "draft"
    again = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    assert again["status"] == "in_review" and again["suggestion_id"] != submitted["suggestion_id"]


def test_accounts_are_private_to_their_owner(client, history, anne, bram, admin):
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    for who in (bram, admin):
        assert client.get(f"{REPORTS}/{account['id']}", headers=who).status_code == 404
        assert client.patch(f"{REPORTS}/{account['id']}", json={"shared": ["professional"]},
                            headers=who).status_code == 404
    assert client.get(f"{REPORTS}/shared", headers=anne).status_code == 403
    assert client.post(REPORTS, json={}, headers=admin).status_code == 403


def test_bad_input_is_refused_with_a_reason(client, history, anne):
    bad_period = client.post(REPORTS, json={"period_start": "2026-09-30", "period_end": "2026-07-01"},
                             headers=anne)
    assert bad_period.status_code == 422 and bad_period.json()["code"] == "account_period_invalid"
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    wrong = client.patch(f"{REPORTS}/{account['id']}", json={"shared": ["salary"]}, headers=anne)
    assert wrong.status_code == 422 and wrong.json()["code"] == "account_section_invalid"
    count = client.patch(f"{REPORTS}/{account['id']}", json={"commitments": [{"mark": "partly"}]}, headers=anne)
    assert count.status_code == 422 and count.json()["code"] == "account_marks_mismatch"


def test_the_language_model_words_the_draft_but_keeps_every_number(history, fake_model):
    from companion.accountability.report_wording import draft_sections

    facts = {"weeks_in_period": 13, "weeks_active": 6, "weeks_completed": 5, "experiments_tried": 4,
             "experiments_partly": 1, "captures": 1, "reflections_completed": 1, "products_approved": 0,
             "next_steps": []}
    fake_model.enqueue("Ik was 6 van de 13 weken actief en 5 weken helemaal; 4 en 1 experimenten, 1 situatie, "
                       "1 reflectie, 0 producten, van 01-07-2026 tot 30-09-2026.",
                       "Ik verzin 99 dingen.")  # drops the facts: the template's text stays
    sections, by = draft_sections(None, "nl", facts, [], date(2026, 7, 1), date(2026, 9, 30), fake_model)
    assert by == "model:scripted" and sections["professional"].startswith("Ik was 6 van de 13")
    assert sections["ahead"].startswith("Voor de komende periode")


def test_the_default_period_follows_the_agreement_or_the_quarter(history):
    from companion.accountability.reports import default_period, quarter_of

    with history.sessions() as session:
        anne = session.query(Person).filter_by(username="anne").one()
        assert default_period(session, anne.id, date(2026, 12, 24)) == (date(2026, 6, 1), date(2026, 12, 31))
        assert default_period(session, anne.id, date(2026, 11, 20)) == (date(2026, 10, 1), date(2026, 11, 20))
        assert default_period(session, anne.id, date(2026, 10, 5)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert quarter_of(date(2026, 12, 31)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_another_organisation_sees_nothing_that_was_shared(client, history, anne, services):
    from companion.trust import people

    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    client.patch(f"{REPORTS}/{account['id']}", json={"shared": ["professional"]}, headers=anne)
    submitted = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    _approve(client, submitted["suggestion_id"])
    with services.sessions() as session:
        other = people.get_or_create_org(session, "Andere organisatie")
        people.create_person(session, org_id=other.id, username="other-admin", password="password-1", role="admin")
        session.commit()
    assert client.get(f"{REPORTS}/shared", headers=login(client, "other-admin")).json() == []
    assert len(client.get(f"{REPORTS}/shared", headers=login(client, "admin")).json()) == 1
