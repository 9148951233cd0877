"""The demo organisation: created once on first start, with people who can log in and their own history."""

from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from companion.demo.organisation import DEMO_PEOPLE, seed_demo
from tests.support.app import login, make_services


def test_demo_start_seeds_people_situations_and_knowledge(tmp_path):
    services = make_services(Settings(data_dir=tmp_path / "demo", demo=True))
    with TestClient(create_app(services)) as client:
        for username, password, _name, role in DEMO_PEOPLE:
            me = client.get("/api/me", headers=login(client, username, password)).json()
            assert me["role"] == role and me["organisation"].endswith("(demo)")
        anne = login(client, "anne", "anne-demo")
        titles = [s["title"] for s in client.get("/api/situations", headers=anne).json()]
        assert "Overdracht liep uit de hand" in titles and "Lastig gesprek met familie van een cliënt" not in titles
        assert len(client.get("/api/knowledge", headers=anne).json()) >= 12
        hits = client.get("/api/search", headers=anne, params={"q": "overdracht avonddienst medicatie", "k": 20}).json()
        assert any(h["title"] == "Overdracht liep uit de hand" for h in hits)
        assert not any("familie" in h["title"] for h in hits)
        team = client.get("/api/teams/mine", headers=anne).json()[0]  # learning as a team (issue 13)
        assert team["name"] == "Wijkteam Noord" and team["open_sessions"][0]["asked_of_me"] == ["question"]
        finished = next(s for s in client.get(f"/api/teams/{team['id']}/sessions", headers=anne).json()
                        if s["finished_at"])
        room = client.get(f"/api/team-sessions/{finished['id']}", headers=anne).json()
        assert room["case"]["title"] == "Overdracht liep uit de hand" and room["case"]["shared_from_own_work"]
        assert {"question", "answer", "analysis", "advice", "choice", "evaluation", "agreement"} <= \
            {c["kind"] for c in room["contributions"]}
        assert room["agreement"] and room["since_last_visit"]["new_count"] == 0  # Anne took part: nothing new
        portfolio = client.get(f"/api/teams/{team['id']}/portfolio", headers=anne).json()
        assert [p["title"] for p in portfolio] == ["Adviesnotitie: rust en regie in de overdracht"]
    assert seed_demo(services) is False  # a second start adds nothing
    services.engine.dispose()


def test_no_demo_data_without_the_setting(client, admin):
    assert client.get("/api/knowledge", headers=admin).json() == []
