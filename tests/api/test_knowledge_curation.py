"""Knowledge curation over the API: versions, retire/restore, team and trajectory assignment, admin-only routes."""

import pytest

from companion.trust import people
from tests.support.app import login
from tests.support.knowledge_files import docx_bytes, pdf_bytes

DOC = b"---\ntitle: Feedback geven\ntags: [feedback]\n---\n# Feedback geven\n\nGeef feedback over gedrag.\n\n" \
      b"## Oefenen\n\nOefen met de kwartelkoning in de gang.\n"


@pytest.fixture
def carl(client, services, org):
    """A professional of another team (Team B) in the same organisation."""
    with services.sessions() as session:
        people.create_person(session, org_id=org, username="carl", password="password-1", role="professional",
                             team="Team B")
        session.commit()
    return login(client, "carl")


def upload(client, headers, name, data, **form):
    r = client.post("/api/knowledge", headers=headers, files={"file": (name, data)}, data=form)
    assert r.status_code in (200, 201), r.text
    return r.json()


def search_ids(client, headers, q) -> set[int]:
    hits = client.get("/api/search", headers=headers, params={"q": q, "k": 50}).json()
    return {h["ref_id"] for h in hits if h["kind"] == "knowledge"}


def teams(client, headers) -> dict[str, int]:
    return {t["name"]: t["id"] for t in client.get("/api/teams", headers=headers).json()}


def test_changed_reupload_is_version_2_and_old_chunks_leave_search(client, admin, anne):
    first = upload(client, admin, "feedback.md", DOC)
    changed = DOC.replace(b"kwartelkoning in de gang", b"roerdomp in het riet")
    second = upload(client, admin, "feedback.md", changed)
    assert (first["status"], second["status"]) == ("created", "updated")
    assert second["document"]["version"] == 2 and second["document"]["id"] == first["document"]["id"]
    doc_id = first["document"]["id"]
    detail = client.get(f"/api/knowledge/{doc_id}", headers=anne).json()
    assert "roerdomp" in detail["body"] and "kwartelkoning" not in detail["body"]
    hits = client.get("/api/search", headers=anne, params={"q": "kwartelkoning gang roerdomp riet", "k": 50}).json()
    assert not any("kwartelkoning" in h["snippet"] for h in hits)
    assert any("roerdomp" in h["snippet"] for h in hits)
    versions = client.get(f"/api/knowledge/{doc_id}/versions", headers=admin).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["created_by_name"] == "Admin" and versions[0]["chunk_count"] == len(detail["chunks"])
    assert versions[0]["content_hash"] != versions[1]["content_hash"]
    assert upload(client, admin, "feedback.md", changed)["status"] == "unchanged"
    assert len(client.get(f"/api/knowledge/{doc_id}/versions", headers=admin).json()) == 2


def test_a_new_version_can_come_from_another_format(client, admin):
    doc = upload(client, admin, "samenwerken.md", b"# Samenwerken\n\nMaak afspraken.")["document"]
    raw = docx_bytes([("Samenwerken", ["Maak afspraken en evalueer ze wekelijks."])])
    r = client.post(f"/api/knowledge/{doc['id']}/file", headers=admin, files={"file": ("nieuw.docx", raw)})
    assert r.status_code == 201 and r.json()["document"]["version"] == 2
    assert r.json()["document"]["file_format"] == "docx"
    assert r.json()["document"]["source_name"] == "samenwerken.md"


def test_corrupt_upload_changes_nothing(client, admin, anne):
    doc = upload(client, admin, "gids.pdf", pdf_bytes([("Werkdruk", ["Bespreek werkdruk in het teamoverleg."])]))
    doc_id = doc["document"]["id"]
    before = client.get(f"/api/knowledge/{doc_id}", headers=admin).json()
    r = client.post("/api/knowledge", headers={**admin, "Accept-Language": "nl"},
                    files={"file": ("gids.pdf", b"%PDF-1.4 kapot")})
    assert r.status_code == 422 and r.json()["code"] == "knowledge_file_corrupt"
    assert "beschadigd" in r.json()["detail"]
    assert client.get(f"/api/knowledge/{doc_id}", headers=admin).json() == before
    assert len(client.get(f"/api/knowledge/{doc_id}/versions", headers=admin).json()) == 1
    assert doc_id in search_ids(client, anne, "werkdruk teamoverleg")


def test_retire_hides_and_restore_brings_back(client, admin, anne):
    doc_id = upload(client, admin, "feedback.md", DOC)["document"]["id"]
    assert doc_id in search_ids(client, anne, "feedback gedrag kwartelkoning")
    r = client.post(f"/api/knowledge/{doc_id}/retire", headers=admin)
    assert r.status_code == 200 and r.json()["active"] is False
    assert doc_id not in search_ids(client, anne, "feedback gedrag kwartelkoning")
    assert doc_id not in search_ids(client, admin, "feedback gedrag kwartelkoning")
    assert client.get(f"/api/knowledge/{doc_id}", headers=anne).status_code == 404
    assert client.get("/api/knowledge", headers=anne).json() == []
    assert [d["id"] for d in client.get("/api/knowledge?status=retired", headers=admin).json()] == [doc_id]
    assert client.post(f"/api/knowledge/{doc_id}/restore", headers=admin).json()["active"] is True
    assert doc_id in search_ids(client, anne, "feedback gedrag kwartelkoning")


def test_team_assignment_hides_a_document_from_other_teams(client, admin, anne, carl):
    doc_id = upload(client, admin, "feedback.md", DOC)["document"]["id"]
    team = teams(client, admin)
    r = client.patch(f"/api/knowledge/{doc_id}", headers=admin, json={"team_ids": [team["Team B"]]})
    assert r.status_code == 200 and r.json()["team_ids"] == [team["Team B"]]
    assert client.get(f"/api/knowledge/{doc_id}", headers=anne).status_code == 404
    assert client.get("/api/knowledge", headers=anne).json() == []
    assert doc_id not in search_ids(client, anne, "feedback gedrag kwartelkoning")
    assert client.get(f"/api/knowledge/{doc_id}", headers=carl).status_code == 200
    assert doc_id in search_ids(client, carl, "feedback gedrag kwartelkoning")
    assert doc_id in search_ids(client, admin, "feedback gedrag kwartelkoning")
    client.patch(f"/api/knowledge/{doc_id}", headers=admin, json={"team_ids": []})  # back to the organisation
    assert doc_id in search_ids(client, anne, "feedback gedrag kwartelkoning")


def test_trajectory_assignment_follows_the_trajectory_teams(client, admin, anne, carl):
    doc_id = upload(client, admin, "feedback.md", DOC)["document"]["id"]
    team = teams(client, admin)
    r = client.post("/api/trajectories", headers=admin, json={"name": "Leiderschap 2026", "starts_on": "2026-09-01",
                                                               "ends_on": "2027-06-30", "team_ids": [team["Team B"]]})
    assert r.status_code == 201, r.text
    trajectory = r.json()
    client.patch(f"/api/knowledge/{doc_id}", headers=admin, json={"trajectory_ids": [trajectory["id"]]})
    assert doc_id not in search_ids(client, anne, "feedback gedrag kwartelkoning")
    assert doc_id in search_ids(client, carl, "feedback gedrag kwartelkoning")
    assert [t["name"] for t in client.get("/api/trajectories", headers=carl).json()] == ["Leiderschap 2026"]
    assert client.get("/api/trajectories", headers=anne).json() == []
    # the trajectory moves to Team A: the document follows, in the API and in search
    r = client.patch(f"/api/trajectories/{trajectory['id']}", headers=admin, json={"team_ids": [team["Team A"]]})
    assert r.status_code == 200 and r.json()["team_ids"] == [team["Team A"]]
    assert doc_id in search_ids(client, anne, "feedback gedrag kwartelkoning")
    assert client.get(f"/api/knowledge/{doc_id}", headers=carl).status_code == 404
    assert doc_id not in search_ids(client, carl, "feedback gedrag kwartelkoning")
    bad = client.patch(f"/api/trajectories/{trajectory['id']}", headers=admin,
                       json={"starts_on": "2027-01-01", "ends_on": "2026-01-01"})
    assert bad.status_code == 422 and bad.json()["code"] == "trajectory_dates_invalid"


def test_edit_title_tags_language_and_filters(client, admin, anne):
    doc_id = upload(client, admin, "feedback.md", DOC, tags="gesprek")["document"]["id"]
    upload(client, admin, "werkdruk.md", b"# Workload\n\nTalk about the workload with your team and the manager.")
    r = client.patch(f"/api/knowledge/{doc_id}", headers=admin,
                     json={"title": "Feedback in de praktijk", "tags": ["feedback", "coaching"], "language": "en"})
    assert r.status_code == 200 and r.json()["title"] == "Feedback in de praktijk"
    assert r.json()["tags"] == ["feedback", "coaching"] and r.json()["language"] == "en"
    titles = lambda **p: [d["title"] for d in client.get("/api/knowledge", headers=anne, params=p).json()]  # noqa: E731
    assert titles(tag="coaching") == ["Feedback in de praktijk"]
    assert titles(q="PRAKTIJK") == ["Feedback in de praktijk"]
    assert titles(language="en") == ["Feedback in de praktijk", "Workload"]
    hits = client.get("/api/search", headers=anne, params={"q": "feedback gedrag"}).json()
    assert any(h["title"].startswith("Feedback in de praktijk") for h in hits)  # the index has the new title
    assert client.patch(f"/api/knowledge/{doc_id}", headers=admin, json={"title": "  "}).status_code == 422
    assert client.patch(f"/api/knowledge/{doc_id}", headers=admin, json={"team_ids": [999]}).status_code == 422


def test_reindex_one_and_all(client, admin, anne, services, org):
    doc_id = upload(client, admin, "feedback.md", DOC)["document"]["id"]
    services.index.delete_knowledge(org, [f"chunk:{c['id']}" for c in
                                          client.get(f"/api/knowledge/{doc_id}", headers=admin).json()["chunks"]])
    assert doc_id not in search_ids(client, anne, "feedback gedrag kwartelkoning")
    assert client.post(f"/api/knowledge/{doc_id}/reindex", headers=admin).status_code == 200
    assert doc_id in search_ids(client, anne, "feedback gedrag kwartelkoning")
    r = client.post("/api/knowledge/reindex", headers=admin)
    assert r.status_code == 200 and r.json() == {"documents": 1, "chunks": 2}


def test_curation_routes_are_for_admins_only(client, admin, anne):
    doc_id = upload(client, admin, "feedback.md", DOC)["document"]["id"]
    eva = login(client, "eva")
    for headers in (anne, eva):
        assert client.post("/api/knowledge", headers=headers, files={"file": ("a.md", b"# A\n\ntekst")}) \
            .status_code == 403
        assert client.patch(f"/api/knowledge/{doc_id}", headers=headers, json={"title": "x"}).status_code == 403
        for action in ("retire", "restore", "reindex"):
            assert client.post(f"/api/knowledge/{doc_id}/{action}", headers=headers).status_code == 403
        assert client.get(f"/api/knowledge/{doc_id}/versions", headers=headers).status_code == 403
        assert client.post("/api/knowledge/reindex", headers=headers).status_code == 403
        assert client.post("/api/trajectories", headers=headers, json={"name": "X"}).status_code == 403
        assert client.get(f"/api/knowledge/{doc_id}", headers=headers).status_code == 200
    assert client.get("/api/knowledge/999999/versions", headers=admin).status_code == 404


def test_upload_language_overrides_detection_and_tags_merge(client, admin):
    r = upload(client, admin, "notitie.txt", b"Dit is een korte notitie over het geven van feedback aan je team.",
               tags="team, notitie,team", language="en")
    assert r["document"]["language"] == "en" and r["document"]["tags"] == ["notitie", "team"]
    bad = client.post("/api/knowledge", headers=admin, files={"file": ("x.md", b"# X\n\ntekst")},
                      data={"language": "fr"})
    assert bad.status_code == 422
