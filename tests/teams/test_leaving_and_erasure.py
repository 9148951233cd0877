"""Leaving a team and erasing a person: contributions stay with the team as "oud-teamlid"; erasure removes the
words themselves (room, summaries, search) and the export holds them before that."""

from __future__ import annotations

from companion.models import Person
from tests.support.app import login


def _ok(r, status=200):
    assert r.status_code == status, r.text
    return r.json() if r.content else None


def _finished_session(client, anne, bram, eva) -> tuple[int, int]:
    tid = _ok(client.get("/api/teams/mine", headers=anne))[0]["id"]
    sid = _ok(client.post(f"/api/teams/{tid}/sessions", headers=anne, json={"title": "Intervisie"}), 201)["id"]
    _ok(client.post(f"/api/team-sessions/{sid}/cases", headers=bram,
                    json={"title": "Rooster", "text": "Het rooster wordt steeds laat bekend."}), 201)
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={}))
    _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={}))
    _ok(client.post(f"/api/team-sessions/{sid}/contributions", headers=anne,
                    json={"kind": "question", "text": "Wat doet het zebrapatroon van late roosters met je?"}), 201)
    for _ in range(6):  # questions → ... → closed
        _ok(client.post(f"/api/team-sessions/{sid}/advance", headers=eva, json={}))
    return tid, sid


def test_erasure_removes_a_members_words_but_keeps_the_session(client, services, anne, bram):
    eva = login(client, "eva")
    tid, sid = _finished_session(client, anne, bram, eva)
    hits = _ok(client.get(f"/api/teams/{tid}/search", headers=bram, params={"q": "zebrapatroon"}))
    assert any("zebrapatroon" in hit["snippet"] for hit in hits)
    exported = _ok(client.get("/api/privacy/export", headers=anne))
    said = exported["authored"]["team_contributions"]
    assert any("zebrapatroon" in row["text"] for row in said)

    _ok(client.post("/api/privacy/erase", headers=anne,
                    json={"confirmation": "WIS MIJN ACCOUNT", "password": "password-1"}), 204)
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=bram))
    question = next(c for c in s["contributions"] if c["kind"] == "question")
    assert question["erased"] and question["author_name"] == "oud-teamlid" and "zebrapatroon" not in question["text"]
    everything = " ".join(c["text"] for c in s["contributions"])
    assert "zebrapatroon" not in everything and "Anne" not in everything
    assert s["case"]["title"] == "Rooster" and s["finished_at"]  # the session itself stays the team's
    hits = _ok(client.get(f"/api/teams/{tid}/search", headers=bram, params={"q": "zebrapatroon"}))
    assert all("zebrapatroon" not in hit["snippet"] for hit in hits)  # re-indexed without her words


def test_who_leaves_the_team_loses_access_and_is_shown_as_former_member(client, services, anne, bram):
    eva = login(client, "eva")
    _tid, sid = _finished_session(client, anne, bram, eva)
    with services.sessions() as session:  # Anne moves to another part of the organisation
        session.get(Person, session.query(Person.id).filter(Person.username == "anne").scalar()).team_id = None
        session.commit()
    assert client.get(f"/api/team-sessions/{sid}", headers=anne).status_code == 404
    s = _ok(client.get(f"/api/team-sessions/{sid}", headers=bram))
    question = next(c for c in s["contributions"] if c["kind"] == "question")
    assert question["author_name"] == "oud-teamlid" and question["author_id"] is None
    assert "zebrapatroon" in question["text"]  # her contribution stays with the team
