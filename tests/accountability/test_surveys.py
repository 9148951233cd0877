"""The pulse survey: open once per four weeks for professionals, answers feed aggregates only."""

from datetime import UTC, datetime, timedelta

from companion.accountability.surveys import window_of
from companion.core.clock import FixedClock

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
ANSWER = {"satisfaction": 5, "applied": 4, "fits_week": 3, "comment": "Fijn dat het kort is."}


def test_windows_are_four_weeks_starting_on_a_monday():
    start, end = window_of(NOW.date())
    assert start.weekday() == 0 and (end - start).days == 27 and start <= NOW.date() <= end
    assert window_of(end + timedelta(days=1))[0] == end + timedelta(days=1)


def test_answer_once_per_window(client, services, anne):
    services.clock = FixedClock(NOW)
    assert client.get("/api/surveys/current", headers=anne).json()["due"] is True
    r = client.post("/api/surveys/responses", json=ANSWER, headers=anne)
    assert r.status_code == 201, r.text
    assert r.json()["comment"] == ANSWER["comment"]
    now = client.get("/api/surveys/current", headers=anne).json()
    assert now["due"] is False and now["answered"] is True
    again = client.post("/api/surveys/responses", json=ANSWER, headers={**anne, "Accept-Language": "nl"})
    assert again.status_code == 409 and again.json()["code"] == "survey_already_answered"
    services.clock = FixedClock(NOW + timedelta(days=28))  # the next window opens
    assert client.get("/api/surveys/current", headers=anne).json()["due"] is True
    assert client.post("/api/surveys/responses", json=ANSWER, headers=anne).status_code == 201
    assert len(client.get("/api/surveys/responses", headers=anne).json()) == 2


def test_scores_outside_one_to_five_are_refused(client, anne):
    for bad in (0, 6, "5", 2.5, None, True):
        r = client.post("/api/surveys/responses", json={**ANSWER, "satisfaction": bad}, headers=anne)
        assert r.status_code == 422, (bad, r.text)


def test_only_professionals_answer(client, admin):
    assert client.get("/api/surveys/current", headers=admin).json()["due"] is False
    r = client.post("/api/surveys/responses", json=ANSWER, headers=admin)
    assert r.status_code == 403 and r.json()["code"] == "survey_professionals_only"


def test_answers_are_private_to_their_author(client, anne, bram):
    client.post("/api/surveys/responses", json=ANSWER, headers=anne)
    assert client.get("/api/surveys/responses", headers=bram).json() == []


def test_survey_aggregates_on_the_dashboard(client, services, org):
    from companion.trust import people

    services.clock = FixedClock(NOW)
    with services.sessions() as session:
        for n in range(5):
            people.create_person(session, org_id=org, username=f"p{n}", password="password-1",
                                 role="professional", team="Team A")
        session.commit()
    from tests.support.app import login

    scores = [5, 5, 4, 3, 2, 5]
    for n, score in enumerate(scores):
        headers = login(client, f"p{n}") if n < 5 else login(client, "anne")
        comment = f"Opmerking {n}" if n < 4 else ""  # four people leave a comment
        assert client.post("/api/surveys/responses", json={**ANSWER, "satisfaction": score, "comment": comment},
                           headers=headers).status_code == 201
    services.clock = FixedClock(NOW + timedelta(days=28))  # the dashboard shows complete weeks
    admin = login(client, "admin")
    board = client.get("/api/analytics/dashboard", headers=admin).json()
    org_cell = next(c for c in board["cells"] if c["metric"] == "satisfied_share" and c["group"] == "org")
    assert org_cell["n"] == 6 and org_cell["value"] == round(4 / 6, 4)
    mean = next(c for c in board["cells"] if c["metric"] == "satisfaction" and c["group"] == "org")
    assert mean["value"] == round(sum(scores) / 6, 2)
    assert board["comments"] == {"status": "too_small", "items": []}
    assert "Opmerking" not in str(board)  # four comments could be traced back: hidden

    services.clock = FixedClock(NOW)
    client.post("/api/surveys/responses", json={**ANSWER, "comment": "Opmerking 9"}, headers=login(client, "bram"))
    services.clock = FixedClock(NOW + timedelta(days=28))
    comments = client.get("/api/analytics/dashboard", headers=admin).json()["comments"]
    assert comments == {"status": "shown", "items": ["Opmerking 0", "Opmerking 1", "Opmerking 2", "Opmerking 3",
                                                     "Opmerking 9"]}  # sorted, no name, team or date
