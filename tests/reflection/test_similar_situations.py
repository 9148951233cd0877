"""The guide links to an earlier situation only when it is really about the same thing (real e5 embeddings)."""

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.reflection import portfolio
from companion.retrieval.embeddings import E5Embeddings
from companion.trust import people
from tests.support.app import login, make_services

EVERYTHING_AT_ONCE = (
    "Gisteren tijdens de overdracht van de avonddienst praatte iedereen door elkaar. Er waren twee collega's bij. "
    "Ik wilde dat de overdracht rustig verliep. Ik zei niets. Ik dacht dat het niet mijn taak was. "
    "Ik voelde me gefrustreerd. Mijn collega wilde snel naar huis. Mijn collega zei dat alles duidelijk was. "
    "Mijn collega dacht dat het wel goed zat. Mijn collega voelde zich gespannen."
)


@pytest.fixture(scope="module")
def e5():
    return E5Embeddings()


@pytest.fixture
def e5_client(settings, e5):
    services = make_services(settings, embeddings=e5)
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Org")
        anne = people.create_person(session, org_id=org.id, username="anne", password="password-1",
                                    role="professional")
        session.commit()
        me = people.principal_of(anne)
        portfolio.create_situation(session, services.index, me, {
            "title": "Overdracht liep uit de hand",
            "description": "Bij de overdracht van de avonddienst vielen punten weg, iedereen praatte door elkaar."})
        portfolio.create_situation(session, services.index, me, {
            "title": "Idee overgenomen in het teamoverleg",
            "description": "Een collega presenteerde mijn voorstel voor een werkdrukcheck als het zijne."})
    with TestClient(create_app(services)) as client:
        yield client
    services.engine.dispose()


def _reply(client, headers, text):
    conv = client.post("/api/conversations", headers=headers, json={}).json()
    r = client.post(f"/api/conversations/{conv['id']}/messages", headers=headers, json={"content": text})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_related_earlier_situation_is_named_in_the_awareness_phase(e5_client):
    reply = _reply(e5_client, login(e5_client, "anne"), EVERYTHING_AT_ONCE)
    assert reply["phase"] == "awareness"
    assert "Overdracht liep uit de hand" in reply["message"]["content"]
    assert "teamoverleg" not in reply["message"]["content"]
    assert reply["message"]["content"].count("?") == 1


def test_an_unrelated_situation_is_not_called_similar(e5_client):
    unrelated = EVERYTHING_AT_ONCE.replace(
        "tijdens de overdracht van de avonddienst praatte iedereen door elkaar",
        "werd een klant bij de kassa in de winkel boos over een retour").replace(
        "de overdracht rustig verliep", "de klant tevreden vertrok")
    reply = _reply(e5_client, login(e5_client, "anne"), unrelated)
    assert reply["phase"] == "awareness"
    assert "Overdracht liep uit de hand" not in reply["message"]["content"]
    assert "Idee overgenomen" not in reply["message"]["content"]
