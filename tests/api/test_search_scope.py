"""Search sees only the caller's own items plus their own organisation's knowledge."""

import pytest

from companion.trust import people
from tests.support.app import login

KNOWLEDGE = b"# Feedbackregels\n\nGeef feedback over gedrag met de woorden ijsvogel en lepelaar.\n"


@pytest.fixture
def other_org(services, client) -> dict[str, str]:
    """A second organisation with its own admin and professional; returns the professional's headers."""
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Andere zorg")
        people.create_person(session, org_id=org.id, username="olga", password="password-1", role="professional")
        people.create_person(session, org_id=org.id, username="otto", password="password-1", role="admin")
        session.commit()
    return login(client, "olga")


@pytest.fixture
def doc_id(client, admin) -> int:
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("feedback.md", KNOWLEDGE)})
    assert r.status_code == 201, r.text
    return r.json()["document"]["id"]


def _all_text(hits: list[dict]) -> str:
    return " ".join(h["title"] + " " + h["snippet"] for h in hits)


def test_search_never_returns_another_persons_items(client, anne, bram, doc_id):
    client.post("/api/situations", headers=bram, json={"title": "Canary-bram-situatie",
                                                       "description": "kanarie bram zeldzaam woord"})
    client.post("/api/portfolio", headers=bram, json={"title": "Canary-bram-entry", "body": "kanarie bram zeldzaam"})
    client.post("/api/situations", headers=anne, json={"title": "Anne situatie", "description": "kanarie anne"})
    for q in ("kanarie bram zeldzaam woord", "Canary-bram-situatie", "Canary-bram-entry", "ijsvogel"):
        hits = client.get("/api/search", headers=anne, params={"q": q, "k": 50}).json()
        assert "bram" not in _all_text(hits).lower(), q
        assert {h["kind"] for h in hits} <= {"situation", "entry", "knowledge"}
    own = client.get("/api/search", headers=anne, params={"q": "kanarie", "k": 50}).json()
    assert "Anne situatie" in _all_text(own)
    brams = client.get("/api/search", headers=bram, params={"q": "kanarie bram", "k": 50}).json()
    assert "Canary-bram-situatie" in _all_text(brams)


def test_search_returns_the_organisations_knowledge(client, anne, doc_id):
    hits = client.get("/api/search", headers=anne, params={"q": "feedback ijsvogel lepelaar"}).json()
    assert hits and hits[0]["kind"] == "knowledge" and hits[0]["ref_id"] == doc_id


def test_another_organisation_never_sees_this_knowledge(client, other_org, doc_id):
    hits = client.get("/api/search", headers=other_org, params={"q": "feedback ijsvogel lepelaar", "k": 50}).json()
    assert hits == []
    assert client.get("/api/knowledge", headers=other_org).json() == []
    theirs = client.get(f"/api/knowledge/{doc_id}", headers=other_org)
    unknown = client.get("/api/knowledge/999999", headers=other_org)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json()


def test_another_organisations_admin_cannot_see_it_either(client, other_org, doc_id):
    otto = login(client, "otto")
    assert client.get(f"/api/knowledge/{doc_id}", headers=otto).status_code == 404
    assert client.get("/api/search", headers=otto, params={"q": "ijsvogel"}).json() == []


def test_own_organisation_reads_the_document_with_its_sections(client, anne, doc_id):
    doc = client.get(f"/api/knowledge/{doc_id}", headers=anne).json()
    assert doc["title"] == "Feedbackregels"
    assert doc["chunks"] and all(c["section"] == "Feedbackregels" for c in doc["chunks"])
    assert client.get(f"/api/knowledge/{2**70}", headers=anne).status_code == 404
