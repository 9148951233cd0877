"""Who may read a portfolio entry: its visibility is kept (private / my expert / my team) on every path."""

from __future__ import annotations

import pytest

from tests.support.app import login
from tests.support.review_data import add_other_org_and_team

READERS = ("anne", "bram", "eva", "ivo", "pim", "admin", "admin2", "olga")
CAN_READ = {  # Anne (Team A) owns the entry; Bram is in her team, Eva coaches it; Ivo and Pim are Team B
    "private": {"anne"},
    "expert": {"anne", "eva"},
    "team": {"anne", "bram", "eva"},
}


@pytest.fixture
def people_(client, services):
    add_other_org_and_team(services)
    return {name: login(client, name) for name in READERS}


def _entry(client, anne, visibility: str) -> dict:
    body = {"kind": "reflection", "title": f"Gedeeld: {visibility}", "visibility": visibility,
            "body": f"Wat ik leerde over de roerdomp-overdracht ({visibility})."}
    return client.post("/api/portfolio", json=body, headers=anne).json()


@pytest.mark.parametrize("visibility", ["private", "expert", "team"])
def test_reading_follows_the_visibility(client, people_, visibility):
    entry = _entry(client, people_["anne"], visibility)
    got = {name: client.get(f"/api/portfolio/{entry['id']}", headers=h).status_code for name, h in people_.items()}
    assert got == {name: 200 if name in CAN_READ[visibility] else 404 for name in READERS}
    shared = {name: [e["id"] for e in client.get("/api/portfolio/shared", headers=h).json()]
              for name, h in people_.items()}
    assert {name for name, ids in shared.items() if entry["id"] in ids} == CAN_READ[visibility] - {"anne"}


def test_the_shared_list_says_whose_entry_it_is(client, people_):
    entry = _entry(client, people_["anne"], "team")
    [row] = client.get("/api/portfolio/shared", headers=people_["bram"]).json()
    assert row["id"] == entry["id"] and row["owner_name"] == "Anne" and row["owner_id"] == entry["owner_id"]
    assert client.get("/api/portfolio/shared", headers=people_["anne"]).json() == []  # not my own
    assert client.get("/api/portfolio", headers=people_["bram"]).json() == []  # my portfolio is mine alone


def test_readers_cannot_change_or_delete_it(client, people_):
    entry = _entry(client, people_["anne"], "team")
    for name in ("bram", "eva"):
        h = {**people_[name], "Accept-Language": "nl"}
        r = client.patch(f"/api/portfolio/{entry['id']}", json={"title": "Van mij"}, headers=h)
        assert r.status_code == 403 and "alleen de eigenaar" in r.json()["detail"]
        assert client.delete(f"/api/portfolio/{entry['id']}", headers=h).status_code == 403
    assert client.patch(f"/api/portfolio/{entry['id']}", json={"title": "x"}, headers=people_["ivo"]).status_code == 404


def test_making_it_private_again_closes_it(client, people_):
    entry = _entry(client, people_["anne"], "team")
    client.patch(f"/api/portfolio/{entry['id']}", json={"visibility": "private"}, headers=people_["anne"])
    assert client.get(f"/api/portfolio/{entry['id']}", headers=people_["bram"]).status_code == 404
    assert client.get("/api/portfolio/shared", headers=people_["eva"]).json() == []


def test_search_and_export_stay_personal(client, people_):
    """Sharing lets a person read an entry, not search it or take it along in their own data export."""
    _entry(client, people_["anne"], "team")
    for name in ("bram", "eva"):
        hits = client.get("/api/search", params={"q": "roerdomp-overdracht", "k": 50}, headers=people_[name]).json()
        assert not [h for h in hits if "roerdomp" in h["snippet"] + h["title"]]
        assert "roerdomp" not in client.get("/api/privacy/export", headers=people_[name]).text
    assert "roerdomp" in client.get("/api/privacy/export", headers=people_["anne"]).text
