"""A whole incidentmethode session over the API: four members and their expert, from cases to an approved team
product in the team portfolio; phase rules (409s in the caller's language), hidden advice, who may see it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.clock import FixedClock
from companion.core.config import Settings
from tests.support.app import login, make_services

MEMBERS = ("anne", "bram", "chris", "dina")
NL = {"Accept-Language": "nl"}


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """One app: Team A (four members, expert Eva), Team B (Otto, expert Ivo), an admin; headers per person."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth, people

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
        settings = Settings(data_dir=tmp_path_factory.mktemp("teams") / "data", demo=False,
                            chat_messages_per_minute=0)
        services = make_services(settings, model=None)
        services.clock = FixedClock(datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
        with services.sessions() as session:
            org = people.get_or_create_org(session, "Zorgorg")
            cast = [(n, "professional", "Team A") for n in MEMBERS] + [("eva", "expert", "Team A"),
                                                                       ("otto", "professional", "Team B"),
                                                                       ("ivo", "expert", "Team B"),
                                                                       ("admin", "admin", None)]
            cast += [(f"c{n}", "professional", "Team C") for n in range(1, 6)]  # five: big enough for aggregates
            for name, role, team in cast:
                people.create_person(session, org_id=org.id, username=name, password="password-1", role=role,
                                     display_name=name.capitalize(), team=team)
            session.commit()
        with TestClient(create_app(services)) as client:
            headers = {name: login(client, name) for name, _, _ in cast}
            yield client, services, headers
        services.engine.dispose()


def _team_id(services, name: str) -> int:
    from sqlalchemy import select

    from companion.models import Team

    with services.sessions() as session:
        return session.scalar(select(Team.id).where(Team.name == name))


def _ok(r, status=200):
    assert r.status_code == status, r.text
    return r.json() if r.content else None


def test_a_whole_incident_session_ends_in_an_approved_team_product(room):
    client, services, h = room
    team = _ok(client.get("/api/teams/mine", headers=h["anne"]))[0]
    assert team["role"] == "member" and [m["name"] for m in team["members"]] == ["Anne", "Bram", "Chris", "Dina"]
    tid = team["id"]

    # Anne starts and facilitates; the companion opens the first phase
    s = _ok(client.post(f"/api/teams/{tid}/sessions", headers=h["anne"],
                        json={"title": "Intervisie november", "deadlines": {"advice": 30}}), 201)
    sid = s["id"]
    assert s["phase"] == "cases" and s["me"]["is_facilitator"] and s["contributions"][0]["by_companion"]
    assert "Companion" in s["contributions"][0]["author_name"]

    # cases: Bram types one, Chris shares one of his own situations and withdraws it again, Dina brings one
    sit = _ok(client.post("/api/situations", headers=h["chris"],
                          json={"title": "Overdracht", "description": "De overdracht liep rommelig."}), 201)
    shared = _ok(client.post(f"/api/team-sessions/{sid}/cases", headers=h["chris"],
                             json={"source": "situation", "source_id": sit["id"]}), 201)
    assert shared["shared_from_own_work"] and shared["revocable"] and shared["title"] == "Overdracht"
    _ok(client.delete(f"/api/team-sessions/{sid}/cases/{shared['id']}", headers=h["chris"]), 204)
    bram_case = _ok(client.post(f"/api/team-sessions/{sid}/cases", headers=h["bram"],
                                json={"title": "Nachtdienst", "text": "Een collega wisselde zonder overleg mijn "
                                                                      "nachtdienst; ik zei er niets van."}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/cases", headers=h["dina"],
                    json={"title": "Familiegesprek", "text": "Een familielid werd boos tijdens het bezoek."}), 201)
    # only the facilitator or the expert moves on
    assert client.post(f"/api/team-sessions/{sid}/advance", headers=h["bram"], json={}).status_code == 403
    s = _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={"expected_phase": "cases"}))
    assert s["phase"] == "choose"
    moved = client.post(f"/api/team-sessions/{sid}/advance", headers={**h["anne"], **NL},
                        json={"expected_phase": "cases"})
    assert moved.status_code == 409 and moved.json()["code"] == "team_phase_moved"
    # once started, a case is locked; the vote decides
    locked = client.delete(f"/api/team-sessions/{sid}/cases/{bram_case['id']}", headers=h["bram"])
    assert locked.status_code == 409 and locked.json()["code"] == "team_case_locked"
    for voter in ("anne", "chris", "dina"):
        _ok(client.post(f"/api/team-sessions/{sid}/votes", headers=h[voter], json={"case_id": bram_case["id"]}))
    s = _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["eva"], json={"expected_phase": "choose"}))
    assert s["phase"] == "questions" and s["case"]["owner_name"] == "Bram"
    assert "Nachtdienst" in s["contributions"][-1]["text"]  # the companion's opening names the case

    # question round: advice is refused (409, in Dutch for a Dutch caller), advice as a question is flagged
    refused = client.post(f"/api/team-sessions/{sid}/contributions", headers={**h["anne"], **NL},
                          json={"kind": "advice", "text": "Je moet het gewoon bespreken."})
    assert refused.status_code == 409 and refused.json()["code"] == "team_no_advice_yet"
    assert "vragenronde" in refused.json()["detail"]
    posted = _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["chris"],
                             json={"kind": "question", "text": "Heb je al overwogen om het met je "
                                                               "leidinggevende te bespreken?"}), 201)
    assert posted["contribution"]["flags"] == ["advice_as_question"] and posted["nudge"]["by_companion"]
    posted = _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["dina"],
                             json={"kind": "question", "text": "Heb je het gemeld?"}), 201)
    assert posted["contribution"]["flags"] == ["closed_question"]
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["anne"],
                    json={"kind": "question", "text": "Wat maakte het lastig om er iets van te zeggen?"}), 201)
    owner_asks = client.post(f"/api/team-sessions/{sid}/contributions", headers=h["bram"],
                             json={"kind": "question", "text": "Wat vinden jullie?"})
    assert owner_asks.status_code == 409 and owner_asks.json()["code"] == "team_case_owner_listens"
    s = _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))
    summary = next(c for c in s["contributions"] if c["kind"] == "summary")
    assert 'Anne: "Wat maakte het lastig' in summary["text"]  # the round in their own words, attributed

    # answers by the case owner only; analysis while the case owner listens
    assert client.post(f"/api/team-sessions/{sid}/contributions", headers=h["anne"],
                       json={"kind": "answer", "text": "x"}).json()["code"] == "team_case_owner_only"
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["bram"],
                    json={"kind": "answer", "text": "Ik wilde geen ruzie in het team."}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))
    for name in ("anne", "chris"):
        _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h[name],
                        json={"kind": "analysis", "text": f"{name}: het gaat om grenzen aangeven."}), 201)
    assert client.post(f"/api/team-sessions/{sid}/contributions", headers=h["bram"],
                       json={"kind": "analysis", "text": "Maar ..."}).json()["code"] == "team_case_owner_listens"
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["eva"]))
    assert s["not_spoken"] == ["Dina"] and "Dina" in s["not_spoken_text"]
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))

    # advice round: hidden until all three gave theirs
    advice_ids = []
    for n, name in enumerate(("anne", "chris", "dina")):
        got = _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h[name],
                              json={"kind": "advice", "text": f"Advies {n}: spreek je collega er rustig op aan."}),
                  201)
        advice_ids.append(got["contribution"]["id"])
        if name == "chris":
            seen_by_chris = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["chris"]))
            theirs = [c for c in seen_by_chris["contributions"] if c["kind"] == "advice"]
            assert [c["author_name"] for c in theirs] == ["Chris"]  # Anne's advice is not visible yet
            assert seen_by_chris["hidden_advice"]["given"] == 2
            bram_view = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["bram"]))
            assert not [c for c in bram_view["contributions"] if c["kind"] == "advice"]
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["bram"]))
    assert s["hidden_advice"] is None and len([c for c in s["contributions"] if c["kind"] == "advice"]) == 3

    # the case owner chooses; evaluation and a follow-up agreement; close
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["bram"],
                    json={"kind": "choice", "text": "Ik spreek mijn collega deze week rustig aan.",
                          "refs": advice_ids[:2]}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["bram"],
                    json={"kind": "agreement", "text": "Over een maand vertelt Bram hoe het gesprek ging."}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h["eva"],
                    json={"kind": "evaluation", "text": "Mooie open vragen vandaag."}), 201)
    plan = _ok(client.post(f"/api/team-sessions/{sid}/personal-plan", headers=h["bram"]), 201)
    assert plan["status"] == "draft" and plan["kind"] == "action_plan"
    assert client.post(f"/api/team-sessions/{sid}/personal-plan", headers=h["anne"]).status_code == 403
    s = _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["anne"], json={}))
    assert s["phase"] == "closed" and s["finished_at"] and s["agreement"].startswith("Over een maand")

    # a team product: drafted, commented on, sent to Eva, approved into the team portfolio
    product = _ok(client.post(f"/api/team-sessions/{sid}/products", headers=h["dina"],
                              json={"kind": "advice_note"}), 201)
    credited = {c["name"]: c["contributed"] for c in product["credits"]}
    assert set(credited) == {"Anne", "Bram", "Chris", "Dina", "Eva"} and "casus" in credited["Bram"]
    note = product["payload"]  # offline: each field from its phase, attributed, nothing but their words
    assert note["analysis"].splitlines()[1:] == ["- Anne: Anne: het gaat om grenzen aangeven.",
                                                 "- Chris: Chris: het gaat om grenzen aangeven."]
    assert [a.split(":")[0] for a in note["advice"]] == ["Anne (gekozen door Bram)", "Chris (gekozen door Bram)",
                                                         "Dina"]
    assert "In de vragenronde vertelde Bram daarover:\n- Ik wilde geen ruzie in het team." in note["situation"]
    plan = _ok(client.post(f"/api/team-sessions/{sid}/products", headers=h["dina"],
                           json={"kind": "action_plan"}), 201)
    assert plan["payload"]["learning_goal"] == ("Bram kiest na de intervisie over “Nachtdienst”: “Ik spreek mijn "
                                                "collega deze week rustig aan.”")
    actions = plan["payload"]["actions"]  # the chosen advice and the agreement, with the moment Bram named
    assert [(a["who"], a["by_when"]) for a in actions[:2]] == [("Bram", "nog af te spreken")] * 2
    assert actions[2]["what"].startswith("Over een maand") and actions[2]["by_when"].startswith("Over een maand (rond ")
    assert plan["credits"] == product["credits"]
    _ok(client.post(f"/api/team-products/{product['id']}/comments", headers=h["chris"],
                    json={"text": "Graag het advies over roosteroverleg erbij."}), 201)
    product = _ok(client.post(f"/api/team-products/{product['id']}/send", headers=h["dina"]))
    assert product["status"] == "pending"
    assert _ok(client.get(f"/api/teams/{tid}/portfolio", headers=h["anne"])) == []
    queue = _ok(client.get("/api/suggestions", headers=h["eva"], params={"queue": "pending"}))
    assert any(q["id"] == product["suggestion_id"] for q in queue), queue
    _ok(client.post(f"/api/suggestions/{product['suggestion_id']}/review", headers=h["eva"],
                    json={"decision": "approved", "comment": "Helder advies, goed onderbouwd."}))
    portfolio = _ok(client.get(f"/api/teams/{tid}/portfolio", headers=h["anne"]))
    assert [p["id"] for p in portfolio] == [product["id"]] and portfolio[0]["status"] == "approved"
    assert "Wie droeg wat bij" in portfolio[0]["markdown"]

    # members find the finished session and the product; other teams and admins do not see the team at all
    hits = _ok(client.get(f"/api/teams/{tid}/search", headers=h["chris"], params={"q": "nachtdienst collega"}))
    assert {hit["kind"] for hit in hits} >= {"team_session"}
    for outsider in ("otto", "ivo", "admin"):
        assert client.get(f"/api/team-sessions/{sid}", headers=h[outsider]).status_code == 404
        assert client.get(f"/api/teams/{tid}/search", headers=h[outsider], params={"q": "nachtdienst"}).status_code \
            == 404
        assert client.get(f"/api/team-products/{product['id']}", headers=h[outsider]).status_code == 404
    overview = _ok(client.get(f"/api/teams/{tid}/overview", headers=h["eva"]))
    assert overview["open_agreements"][0]["session_id"] == sid
    assert {p["name"]: p["contributions"] for p in overview["participation"]}["Bram"] == 3


def test_since_last_visit_and_async_quorum_and_deadline(room):
    client, services, h = room
    tid = _ok(client.get("/api/teams/mine", headers=h["anne"]))[0]["id"]
    s = _ok(client.post(f"/api/teams/{tid}/sessions", headers=h["eva"],
                        json={"title": "Roddelronde", "method": "roddel", "quorum": 2,
                              "deadlines": {"gossip": 60 * 24}}), 201)
    sid = s["id"]
    assert s["mode"] == "async" and s["facilitator"] is None and s["me"]["may_advance"]
    case = _ok(client.post(f"/api/team-sessions/{sid}/cases", headers=h["dina"],
                           json={"title": "Werkdruk", "text": "Ik kom niet toe aan mijn administratie."}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/seen", headers=h["anne"]), 204)
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=h["eva"], json={}))
    for voter in ("anne", "bram"):  # the quorum of two votes moves the session on by itself
        s = _ok(client.post(f"/api/team-sessions/{sid}/votes", headers=h[voter], json={"case_id": case["id"]}))
    assert s["phase"] == "questions"
    for name in ("anne", "chris"):
        _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=h[name],
                        json={"kind": "question", "text": "Wat neemt de meeste tijd?"}), 201)
    since = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["anne"]))["since_last_visit"]
    assert since["phase_changed"] and since["phase_then"] == "cases" and since["new_count"] >= 3
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["dina"]))
    assert s["phase"] == "gossip" and s["seconds_left"] == 24 * 3600
    services.clock.advance(days=2)  # the gossip round's deadline passes: the harvest opens by itself
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=h["dina"]))
    assert s["phase"] == "harvest" and s["me"]["may_post"] == ["harvest"]
    rows = _ok(client.get("/api/teams/mine", headers=h["dina"]))[0]["open_sessions"]
    assert next(r for r in rows if r["id"] == sid)["asked_of_me"] == ["harvest"]


def test_an_action_learning_set_opens_with_what_came_of_the_last_agreement(room):
    client, services, h = room
    tid = _ok(client.get("/api/teams/mine", headers=h["anne"]))[0]["id"]
    first = _ok(client.post(f"/api/teams/{tid}/sessions", headers=h["chris"],
                            json={"title": "Set 1", "method": "action_learning"}), 201)["id"]
    assert client.post(f"/api/team-sessions/{first}/contributions", headers=h["chris"],
                       json={"kind": "report", "text": "Nog niets."}).status_code == 201
    _ok(client.post(f"/api/team-sessions/{first}/advance", headers=h["chris"], json={}))
    _ok(client.post(f"/api/team-sessions/{first}/cases", headers=h["chris"],
                    json={"title": "Teamoverleg", "text": "Het overleg loopt steeds uit."}), 201)
    for _ in range(4):  # cases → choose → questions → answers → action
        _ok(client.post(f"/api/team-sessions/{first}/advance", headers=h["chris"], json={}))
    _ok(client.post(f"/api/team-sessions/{first}/contributions", headers=h["chris"],
                    json={"kind": "agreement", "text": "Ik zet een tijdbewaker in."}), 201)
    for _ in range(2):
        _ok(client.post(f"/api/team-sessions/{first}/advance", headers=h["chris"], json={}))
    second = _ok(client.post(f"/api/teams/{tid}/sessions", headers=h["chris"],
                             json={"title": "Set 2", "method": "action_learning"}), 201)
    assert second["phase"] == "report" and second["previous"]["agreement"] == "Ik zet een tijdbewaker in."
    assert '"Ik zet een tijdbewaker in."' in second["contributions"][0]["text"]
    _ok(client.post(f"/api/team-sessions/{second['id']}/contributions", headers=h["chris"],
                    json={"kind": "report", "text": "Het overleg duurde nu een half uur."}), 201)
    again = _ok(client.get(f"/api/team-sessions/{second['id']}", headers=h["chris"]))
    assert again["previous"]["agreement_outcome"] == "Het overleg duurde nu een half uur."


def test_a_trajectory_schedule_and_the_admins_overview_hides_small_teams(room):
    client, services, h = room
    tid = _ok(client.get("/api/teams/mine", headers=h["anne"]))[0]["id"]
    traj = _ok(client.post("/api/trajectories", headers=h["admin"],
                           json={"name": "Werkplekleren 2027", "starts_on": "2026-09-01",
                                 "team_ids": [tid, _team_id(services, "Team C")]}), 201)
    planned = _ok(client.post(f"/api/trajectories/{traj['id']}/schedule", headers=h["eva"],
                              json={"title": "Intervisie januari", "method": "incident", "planned_on": "2027-01-12"}),
                  201)
    assert client.post(f"/api/trajectories/{traj['id']}/schedule", headers=h["ivo"],
                       json={"title": "X", "planned_on": "2027-01-12"}).status_code == 404
    assert [p["title"] for p in _ok(client.get(f"/api/trajectories/{traj['id']}/schedule",
                                               headers=h["dina"]))] == ["Intervisie januari"]
    _ok(client.post(f"/api/teams/{tid}/sessions", headers=h["anne"],
                    json={"title": "Intervisie januari", "schedule_id": planned["id"]}), 201)
    overview = _ok(client.get(f"/api/teams/{tid}/overview", headers=h["eva"]))
    assert next(p for p in overview["planned"] if p["id"] == planned["id"])["started"]
    cells = _ok(client.get(f"/api/trajectories/{traj['id']}/team-overview", headers=h["admin"]))["teams"]
    assert cells[0] == {"team_id": tid, "team_name": "Team A", "suppressed": "too_small", "members": None,
                        "sessions": None, "finished": None, "open_agreements": None, "members_contributing": None}
    assert cells[1]["team_name"] == "Team C" and cells[1]["suppressed"] is None and cells[1]["members"] == 5
    assert cells[1]["sessions"] == 0 and cells[1]["members_contributing"] == 0.0
