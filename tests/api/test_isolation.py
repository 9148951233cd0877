"""Someone else's items look exactly like items that do not exist: 404, same body, nothing changes."""

import pytest

UNKNOWN = 987654


@pytest.fixture
def brams(client, bram) -> dict[str, int]:
    """A conversation, a situation and a portfolio entry of bram's."""
    conv = client.post("/api/conversations", headers=bram, json={}).json()["id"]
    client.post(f"/api/conversations/{conv}/messages", headers=bram,
                json={"content": "Gisteren tijdens het teamoverleg zei mijn collega dat mijn plan niet deugde."})
    sit = client.post("/api/situations", headers=bram,
                      json={"title": "Bram situatie", "description": "Geheim verhaal van Bram"}).json()["id"]
    entry = client.post("/api/portfolio", headers=bram,
                        json={"title": "Bram entry", "body": "Geheime reflectie van Bram"}).json()["id"]
    return {"conversation": conv, "situation": sit, "entry": entry}


def _requests(ids: dict[str, int]) -> list[tuple[str, str, dict | None]]:
    c, s, e = ids["conversation"], ids["situation"], ids["entry"]
    return [
        ("GET", f"/api/conversations/{c}", None),
        ("PATCH", f"/api/conversations/{c}", {"title": "overgenomen"}),
        ("DELETE", f"/api/conversations/{c}", None),
        ("POST", f"/api/conversations/{c}/messages", {"content": "Ik probeer binnen te komen bij Bram."}),
        ("POST", f"/api/conversations/{c}/situation", None),
        ("POST", f"/api/conversations/{c}/reflection", None),
        ("GET", f"/api/situations/{s}", None),
        ("PATCH", f"/api/situations/{s}", {"title": "overgenomen"}),
        ("DELETE", f"/api/situations/{s}", None),
        ("GET", f"/api/portfolio/{e}", None),
        ("PATCH", f"/api/portfolio/{e}", {"body": "overgenomen"}),
        ("DELETE", f"/api/portfolio/{e}", None),
    ]


def _snapshot(client, bram, ids) -> list:
    return [client.get(f"/api/conversations/{ids['conversation']}", headers=bram).json(),
            client.get("/api/situations", headers=bram).json(),
            client.get("/api/portfolio", headers=bram).json()]


def test_another_persons_items_answer_like_unknown_ones(client, anne, bram, brams):
    before = _snapshot(client, bram, brams)
    unknown = {key: UNKNOWN for key in brams}
    for (method, path, body), (_, unknown_path, _) in zip(_requests(brams), _requests(unknown), strict=True):
        theirs = client.request(method, path, headers=anne, json=body)
        missing = client.request(method, unknown_path, headers=anne, json=body)
        assert theirs.status_code == 404, (method, path, theirs.text)
        assert missing.status_code == 404, (method, unknown_path, missing.text)
        assert theirs.json() == missing.json(), (method, path)
        assert theirs.json()["detail"]
    assert _snapshot(client, bram, brams) == before


@pytest.mark.parametrize("big", [2**63, 2**80])
def test_ids_too_big_for_the_database_are_404_not_500(client, anne, big):
    for method, path, body in _requests({"conversation": big, "situation": big, "entry": big}):
        r = client.request(method, path, headers=anne, json=body)
        assert r.status_code == 404, (method, path, r.text)


def test_linking_an_entry_to_someone_elses_situation_is_404(client, anne, brams):
    r = client.post("/api/portfolio", headers=anne,
                    json={"title": "Mijn entry", "body": "tekst", "situation_id": brams["situation"]})
    assert r.status_code == 404 and r.json()["detail"]
    assert client.get("/api/portfolio", headers=anne).json() == []


def test_lists_show_only_own_items(client, anne, bram, brams):
    client.post("/api/conversations", headers=anne, json={})
    client.post("/api/situations", headers=anne, json={"title": "Anne situatie", "description": "Van Anne"})
    client.post("/api/portfolio", headers=anne, json={"title": "Anne entry", "body": "Van Anne"})
    convs = client.get("/api/conversations", headers=anne).json()
    sits = client.get("/api/situations", headers=anne).json()
    entries = client.get("/api/portfolio", headers=anne).json()
    assert len(convs) == 1 and convs[0]["id"] != brams["conversation"]
    assert [s["title"] for s in sits] == ["Anne situatie"]
    assert [e["title"] for e in entries] == ["Anne entry"]
    assert [s["title"] for s in client.get("/api/situations", headers=bram).json()] == ["Bram situatie"]
