"""The Team page through AppTest against the real API: the reminder in Mijn week, the sessions list, the room's
form that fits the phase, a case owner who listens while the others ask, and a team product from draft to the
team portfolio through the expert's review queue."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.uitest import button, goto, log_in, open_app


def shown(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("info", "success", "markdown", "caption", "subheader", "title")
                    for e in getattr(at, kind))


def _question_round(client, bram) -> int:
    """Bram starts a session and brings in his case; the question round is open."""
    team_id = client.get("/api/teams/mine", headers=bram).json()[0]["id"]
    sid = client.post(f"/api/teams/{team_id}/sessions", headers=bram, json={
        "title": "Intervisie: familiegesprek", "deadlines": {"questions": 60}}).json()["id"]
    client.post(f"/api/team-sessions/{sid}/cases", headers=bram, json={
        "title": "Boze dochter aan de telefoon", "text": "Ze verhief haar stem over de planning."})
    for phase in ("cases", "choose"):
        assert client.post(f"/api/team-sessions/{sid}/advance", headers=bram,
                           json={"expected_phase": phase}).status_code == 200
    return sid


def test_a_member_is_reminded_opens_the_room_and_asks_a_question(live_api, monkeypatch, client, bram):
    sid = _question_round(client, bram)
    at = log_in(open_app(live_api.url, monkeypatch), "anne")
    at = goto(at, "week")
    assert not at.exception
    assert "Je team wacht op je" in shown(at) and "Intervisie: familiegesprek" in shown(at)

    at = goto(at, "team")
    assert not at.exception and "Wacht op jou: vraag" in shown(at) and "Team A" in shown(at)
    button(at, "Openen").click()
    at.run(timeout=30)
    assert at.query_params["session"] == str(sid)
    assert "Nu: Vragenronde" in shown(at) and "Boze dochter aan de telefoon" in shown(at)
    assert "Nog 60 min" in shown(at) or "Nog 59 min" in shown(at)  # the phase's timer
    assert "Welkom! Dit is je eerste bezoek aan deze sessie." in shown(at)
    box = next(a for a in at.text_area if a.label == "Jouw vraag aan Bram")
    box.input("Wat wist je van haar verwachtingen?")
    button(at, "Plaatsen").click()
    at.run(timeout=30)
    assert not at.exception
    assert "Wat wist je van haar verwachtingen?" in shown(at)
    assert "Door naar" not in " ".join(b.label for b in at.button)  # only the facilitator or the expert leads

    at = log_in(open_app(live_api.url, monkeypatch), "bram")  # the case owner: listens, and leads the session on
    at.query_params["session"] = str(sid)
    at = goto(at, "team")
    assert not at.exception
    assert "Wat wist je van haar verwachtingen?" in shown(at) and "Gespreksleider: Bram" in shown(at)
    assert not any(a.label.startswith("Jouw vraag") for a in at.text_area)
    button(at, "Door naar: Antwoorden").click()
    at.run(timeout=30)
    assert not at.exception and "Nu: Antwoorden" in shown(at)
    assert any(a.label == "Jouw antwoord" for a in at.text_area)

    client.post(f"/api/team-sessions/{sid}/contributions", headers=bram,
                json={"kind": "answer", "text": "Ze wilde dat haar moeder vaker dezelfde zorgverlener kreeg."})
    at = goto(log_in(open_app(live_api.url, monkeypatch), "anne"), "week")  # Anne again, a fresh visit
    assert "Je team wacht op je" not in shown(at)  # the answers are Bram's to give: nothing waits for her
    at.query_params["session"] = str(sid)
    at = goto(at, "team")
    assert "Sinds je vorige bezoek" in shown(at) and "nieuwe bijdrage" in shown(at)
    assert 'De sessie ging intussen van "Vragenronde" naar "Antwoorden".' in shown(at)
    assert "Ze wilde dat haar moeder vaker dezelfde zorgverlener kreeg." in shown(at)


def _to_evaluation(client, anne, bram) -> int:
    """Anne's case through every round of the incidentmethode, up to the evaluation."""
    team_id = client.get("/api/teams/mine", headers=anne).json()[0]["id"]
    sid = client.post(f"/api/teams/{team_id}/sessions", headers=anne, json={"title": "Intervisie"}).json()["id"]
    client.post(f"/api/team-sessions/{sid}/cases", headers=anne, json={"title": "Overdracht", "text": "Rommelig."})
    said = {"questions": (bram, "question", "Wat wilde je zeggen?"), "answers": (anne, "answer", "Stop even."),
            "analysis": (bram, "analysis", "Er is geen vaste volgorde."),
            "advice": (bram, "advice", "Spreek een vaste volgorde af.")}
    for phase in ("cases", "choose", "questions", "answers", "analysis", "advice"):
        if phase in said:
            who, kind, text = said[phase]
            assert client.post(f"/api/team-sessions/{sid}/contributions", headers=who,
                               json={"kind": kind, "text": text}).status_code == 201
        assert client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={}).status_code == 200
    advice = [c["id"] for c in client.get(f"/api/team-sessions/{sid}", headers=anne).json()["contributions"]
              if c["kind"] == "advice"]
    client.post(f"/api/team-sessions/{sid}/contributions", headers=anne,
                json={"kind": "choice", "text": "Die neem ik mee.", "refs": advice})
    assert client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={}).json()["phase"] == "evaluation"
    return sid


def test_a_team_product_is_drafted_sent_reviewed_and_lands_in_the_team_portfolio(live_api, monkeypatch, client,
                                                                                 anne, bram):
    sid = _to_evaluation(client, anne, bram)
    at = goto(log_in(open_app(live_api.url, monkeypatch), "bram"), "team")  # first: starting another one
    assert next(s for s in at.selectbox if s.label == "Methode").value == "incident"
    next(t for t in at.text_input if t.label == "Titel").input("Intervisie januari")
    button(at, "Sessie starten").click()
    at.run(timeout=30)
    assert not at.exception and "Nu: Casussen inbrengen" in shown(at) and "Gespreksleider: Bram" in shown(at)
    next(t for t in at.text_input if t.label == "Titel van je casus").input("Alleen in de nachtdienst")
    next(t for t in at.text_area if t.label == "Wat speelde er?").input("Twee cliënten tegelijk hadden hulp nodig.")
    button(at, "Casus inbrengen").click()
    at.run(timeout=30)
    assert "Alleen in de nachtdienst" in shown(at) and "jouw casus" in shown(at)
    button(at, "Terugnemen").click()
    at.run(timeout=30)
    assert not at.exception and "Alleen in de nachtdienst" not in shown(at)

    at.query_params["session"] = str(sid)
    at = goto(at, "team")
    assert not at.exception and "Teamproduct" in shown(at)
    button(at, "Concept maken").click()  # the kind defaults to an advice note
    at.run(timeout=30)
    assert not at.exception and "Het concept staat klaar." in " ".join(str(s.value) for s in at.success)
    assert "Wie droeg wat bij" in shown(at) and "concept" in shown(at)
    assert "Verwacht effect" in [a.label for a in at.text_area]  # the edit form speaks the product's own headings
    button(at, "Naar de begeleider sturen").click()
    at.run(timeout=30)
    assert not at.exception and "wacht op beoordeling" in shown(at)

    eva = goto(log_in(open_app(live_api.url, monkeypatch), "eva"), "review")
    assert not eva.exception and "Teamproduct van Team A" in shown(eva)
    assert "Ingevuld uit de bijdragen van het team" in shown(eva)
    eva.text_area(key=next(a.key for a in eva.text_area if a.label == "Toelichting (verplicht)")).input("Helder.")
    button(eva, "Goedkeuren").click()
    eva.run(timeout=30)
    assert not eva.exception
    portfolio = client.get(f"/api/teams/{client.get('/api/teams/mine', headers=anne).json()[0]['id']}/portfolio",
                           headers=anne).json()
    assert [p["status"] for p in portfolio] == ["approved"]
