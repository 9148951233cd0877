"""Work situations and portfolio entries through the API: create, read, change, delete, and find them."""


def _search_ids(client, headers, q) -> list[str]:
    return [h["id"] for h in client.get("/api/search", headers=headers, params={"q": q, "k": 20}).json()]


def test_situation_lifecycle(client, anne):
    r = client.post("/api/situations", headers=anne, json={
        "title": "Zebrapad overleg", "description": "Kwartelkoning sprak in het overleg over roosters",
        "involved": "teamleider", "felt": "onzeker"})
    assert r.status_code == 201, r.text
    sit = r.json()
    assert sit["felt"] == "onzeker" and sit["conversation_id"] is None
    assert sit["created_at"].endswith("Z")
    assert client.get(f"/api/situations/{sit['id']}", headers=anne).json() == sit
    assert f"situation:{sit['id']}" in _search_ids(client, anne, "kwartelkoning roosters")

    r = client.patch(f"/api/situations/{sit['id']}", headers=anne,
                     json={"description": "Boomklever vertelde over de planning"})
    assert r.status_code == 200
    assert r.json()["description"] == "Boomklever vertelde over de planning"
    assert r.json()["title"] == "Zebrapad overleg" and r.json()["felt"] == "onzeker"
    hits = client.get("/api/search", headers=anne, params={"q": "boomklever planning"}).json()
    assert hits[0]["id"] == f"situation:{sit['id']}" and "Boomklever" in hits[0]["snippet"]

    assert client.delete(f"/api/situations/{sit['id']}", headers=anne).status_code == 204
    assert client.get(f"/api/situations/{sit['id']}", headers=anne).status_code == 404
    assert client.get("/api/situations", headers=anne).json() == []
    assert f"situation:{sit['id']}" not in _search_ids(client, anne, "boomklever planning zebrapad")
    assert client.delete(f"/api/situations/{sit['id']}", headers=anne).status_code == 404


def test_entry_lifecycle(client, anne):
    r = client.post("/api/portfolio", headers=anne, json={
        "kind": "learning_goal", "title": "Leerdoel grutto", "body": "Voor juni leid ik vier overdrachten."})
    assert r.status_code == 201, r.text
    entry = r.json()
    assert entry["visibility"] == "private"
    assert f"entry:{entry['id']}" in _search_ids(client, anne, "grutto overdrachten")

    r = client.patch(f"/api/portfolio/{entry['id']}", headers=anne, json={"visibility": "expert", "title": "Leerdoel"})
    assert r.status_code == 200
    assert r.json()["visibility"] == "expert" and r.json()["body"] == entry["body"]
    assert client.get(f"/api/portfolio/{entry['id']}", headers=anne).json()["title"] == "Leerdoel"

    assert client.delete(f"/api/portfolio/{entry['id']}", headers=anne).status_code == 204
    assert client.get("/api/portfolio", headers=anne).json() == []
    assert f"entry:{entry['id']}" not in _search_ids(client, anne, "grutto overdrachten leerdoel")


def test_entries_filter_by_kind_and_link_to_own_situation(client, anne):
    sit = client.post("/api/situations", headers=anne, json={"title": "S", "description": "D"}).json()
    client.post("/api/portfolio", headers=anne, json={"kind": "evidence", "title": "Bewijs", "body": "foto",
                                                      "situation_id": sit["id"]})
    client.post("/api/portfolio", headers=anne, json={"title": "Reflectie", "body": "tekst"})
    evidence = client.get("/api/portfolio", headers=anne, params={"kind": "evidence"}).json()
    assert [(e["title"], e["situation_id"]) for e in evidence] == [("Bewijs", sit["id"])]
    assert len(client.get("/api/portfolio", headers=anne).json()) == 2


def test_deleting_a_situation_keeps_entries_that_point_to_it(client, anne):
    sit = client.post("/api/situations", headers=anne, json={"title": "S", "description": "D"}).json()
    entry = client.post("/api/portfolio", headers=anne, json={"title": "E", "body": "B",
                                                              "situation_id": sit["id"]}).json()
    assert client.delete(f"/api/situations/{sit['id']}", headers=anne).status_code == 204
    kept = client.get(f"/api/portfolio/{entry['id']}", headers=anne).json()
    assert kept["title"] == "E" and kept["situation_id"] is None


def test_lists_are_newest_first(client, anne):
    for n in range(3):
        client.post("/api/portfolio", headers=anne, json={"title": f"E{n}", "body": "B"})
    assert [e["title"] for e in client.get("/api/portfolio", headers=anne).json()] == ["E2", "E1", "E0"]
