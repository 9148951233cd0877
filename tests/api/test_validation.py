"""Situations and portfolio entries: invalid bodies are a 422 with a reason, and nothing is stored."""

BAD_SITUATIONS = [
    {"title": "t"},
    {"description": "d"},
    {"title": "   ", "description": "d"},
    {"title": "t", "description": "   "},
    {"title": 5, "description": "d"},
    {"title": "t", "description": ["d"]},
    {"title": "x" * 201, "description": "d"},
]
BAD_ENTRIES = [
    {"title": "t"},
    {"title": "t", "body": "  "},
    {"title": "  ", "body": "b"},
    {"title": "t", "body": "b", "kind": "diary"},
    {"title": "t", "body": "b", "visibility": "public"},
    {"title": "t", "body": "b", "situation_id": "abc"},
    {"title": None, "body": "b"},
]


def test_bad_situations_are_422_and_not_stored(client, anne):
    for body in BAD_SITUATIONS:
        r = client.post("/api/situations", headers=anne, json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"], body
    assert client.get("/api/situations", headers=anne).json() == []


def test_bad_entries_are_422_and_not_stored(client, anne):
    for body in BAD_ENTRIES:
        r = client.post("/api/portfolio", headers=anne, json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"], body
    assert client.get("/api/portfolio", headers=anne).json() == []


def test_invalid_json_is_422(client, anne):
    for path in ("/api/situations", "/api/portfolio"):
        for raw in (b"{broken", b"[]", b"null", b""):
            r = client.post(path, content=raw, headers={**anne, "Content-Type": "application/json"})
            assert r.status_code == 422 and r.json()["detail"], (path, raw)
        assert client.get(path, headers=anne).json() == []


def test_bad_situation_patch_is_422_and_changes_nothing(client, anne):
    sit = client.post("/api/situations", headers=anne, json={"title": "Titel", "description": "Wat er was"}).json()
    for patch, reason in [({"title": "  "}, "title"), ({"description": " "}, "description"), ({"title": 3}, None)]:
        r = client.patch(f"/api/situations/{sit['id']}", headers=anne, json=patch)
        assert r.status_code == 422, patch
        if reason:
            assert reason in r.json()["detail"]
    assert client.get(f"/api/situations/{sit['id']}", headers=anne).json() == sit


def test_bad_entry_patch_is_422_and_changes_nothing(client, anne):
    entry = client.post("/api/portfolio", headers=anne, json={"title": "Titel", "body": "Inhoud"}).json()
    for patch in ({"body": "  "}, {"kind": "diary"}, {"visibility": "world"}, {"title": ""}, {"situation_id": "x"}):
        r = client.patch(f"/api/portfolio/{entry['id']}", headers=anne, json=patch)
        assert r.status_code == 422 and r.json()["detail"], patch
    assert client.get(f"/api/portfolio/{entry['id']}", headers=anne).json() == entry


def test_bad_query_parameters_are_422(client, anne):
    assert client.get("/api/search", headers=anne, params={"q": ""}).status_code == 422
    assert client.get("/api/search", headers=anne, params={"q": "x", "k": 0}).status_code == 422
    assert client.get("/api/search", headers=anne, params={"q": "x", "k": "many"}).status_code == 422
    assert client.get("/api/portfolio", headers=anne, params={"kind": "diary"}).status_code == 422
    assert client.patch("/api/me", headers=anne, json={"language": "de"}).status_code == 422
