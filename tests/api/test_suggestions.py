"""The suggestion routes: the review queue, decisions, audit, source conversation, downloads; who may do what."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from tests.support.app import login
from tests.support.review_data import PAYLOADS, add_other_org_and_team, reflected_conversation

ACTORS = ("anne", "bram", "eva", "ivo", "admin", "admin2", None)  # None: anonymous


@pytest.fixture
def world(client, services):
    """Anne's action plan, drafted and sent with the conversation, and a header per actor (owner, colleague, her
    expert, another team's expert, admin, another organisation's admin, anonymous)."""
    add_other_org_and_team(services)
    headers = {name: login(client, name) for name in ACTORS if name}
    headers[None] = {}
    conv_id = reflected_conversation(services)
    r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "action_plan"}, headers=headers["anne"])
    assert r.status_code == 201 and r.json()["status"] == "draft"
    sent = client.post(f"/api/suggestions/{r.json()['id']}/send", json={"share": "conversation"},
                       headers=headers["anne"])
    assert sent.status_code == 200 and sent.json()["status"] == "pending", sent.text
    return r.json()["id"], headers


def _statuses(client, headers, method, path, **kwargs) -> dict:
    return {name: client.request(method, path, headers=h, **kwargs).status_code for name, h in headers.items()}


def test_permission_matrix_for_reading(client, world):
    sid, headers = world
    read = {"anne": 200, "bram": 404, "eva": 200, "ivo": 404, "admin": 403, "admin2": 404, None: 401}
    assert _statuses(client, headers, "GET", f"/api/suggestions/{sid}") == read
    assert _statuses(client, headers, "GET", f"/api/suggestions/{sid}/conversation") == read
    assert _statuses(client, headers, "GET", f"/api/suggestions/{sid}/download?format=md") == read
    # the audit trail holds the reviewer's comments: no more for the organisation's admin than the suggestion
    assert _statuses(client, headers, "GET", f"/api/suggestions/{sid}/audit") == read


def test_permission_matrix_for_reviewing(client, world):
    sid, headers = world
    body = {"decision": "approved", "comment": "Prima."}
    others = {k: v for k, v in headers.items() if k != "eva"}
    assert _statuses(client, others, "POST", f"/api/suggestions/{sid}/review", json=body) == {
        "anne": 403, "bram": 404, "ivo": 404, "admin": 403, "admin2": 404, None: 401}
    assert client.get(f"/api/suggestions/{sid}", headers=headers["anne"]).json()["status"] == "pending"
    assert client.post(f"/api/suggestions/{sid}/review", json=body, headers=headers["eva"]).status_code == 200


def test_queue_is_for_experts_and_holds_only_their_teams(client, world):
    sid, headers = world
    assert [s["id"] for s in client.get("/api/suggestions?queue=pending", headers=headers["eva"]).json()] == [sid]
    assert client.get("/api/suggestions?queue=pending", headers=headers["ivo"]).json() == []
    for name in ("anne", "admin"):
        assert client.get("/api/suggestions?queue=pending", headers=headers[name]).status_code == 403
    assert [s["id"] for s in client.get("/api/suggestions", headers=headers["anne"]).json()] == [sid]
    assert client.get("/api/suggestions", headers=headers["bram"]).json() == []
    assert client.get("/api/suggestions?queue=soon", headers=headers["eva"]).status_code == 422


def test_approve_then_the_owner_sees_status_comment_and_entry(client, world):
    sid, headers = world
    r = client.post(f"/api/suggestions/{sid}/review", json={"decision": "approved", "comment": "Goed zo!"},
                    headers=headers["eva"])
    assert r.status_code == 200 and r.json()["display_status"] == "approved"
    mine = client.get(f"/api/suggestions/{sid}", headers=headers["anne"]).json()
    assert mine["review_comment"] == "Goed zo!" and mine["reviewer_name"] == "Eva" and mine["entry_id"]
    entry = client.get(f"/api/portfolio/{mine['entry_id']}", headers=headers["anne"]).json()
    assert entry["kind"] == "product" and "Opgesteld met de offline gids" in entry["body"]
    assert client.get("/api/suggestions?queue=pending", headers=headers["eva"]).json() == []
    assert [s["id"] for s in client.get("/api/suggestions?queue=approved", headers=headers["eva"]).json()] == [sid]


def test_edit_then_approve(client, world):
    sid, headers = world
    final = dict(PAYLOADS["action_plan"])
    r = client.post(f"/api/suggestions/{sid}/review",
                    json={"decision": "approved", "comment": "Ik maakte het leerdoel meetbaar.", "final": final},
                    headers=headers["eva"])
    out = r.json()
    assert r.status_code == 200 and out["display_status"] == "edited"
    assert out["final"]["learning_goal"] == final["learning_goal"] != out["draft"]["learning_goal"]
    assert out["final_markdown"] and out["draft_markdown"] != out["final_markdown"]
    assert out["title"] == final["title"]  # the expert's title, not the AI's (bug 3)
    assert client.get("/api/suggestions", headers=headers["anne"]).json()[0]["title"] == final["title"]
    entry = client.get(f"/api/portfolio/{out['entry_id']}", headers=headers["anne"]).json()
    assert entry["title"] == final["title"]


def test_reject(client, world):
    sid, headers = world
    r = client.post(f"/api/suggestions/{sid}/review", json={"decision": "rejected", "comment": "Nog te vaag."},
                    headers=headers["eva"])
    assert r.status_code == 200 and r.json()["status"] == "rejected" and r.json()["entry_id"] is None
    assert client.get("/api/suggestions?status=rejected", headers=headers["anne"]).json()[0]["review_comment"] == \
        "Nog te vaag."
    again = client.post(f"/api/suggestions/{sid}/review", json={"decision": "approved", "comment": "toch"},
                        headers=headers["eva"])
    assert again.status_code == 409


MALFORMED_REVIEWS = [
    {"decision": "approved"},
    {"decision": "approved", "comment": ""},
    {"decision": "rejected", "comment": "   "},
    {"decision": "maybe", "comment": "hm"},
    {"decision": "approved", "comment": "ok", "final": {"title": "half"}},
    {"decision": "rejected", "comment": "nee", "final": PAYLOADS["action_plan"]},
]


def test_malformed_reviews_are_422_and_change_nothing(client, world):
    sid, headers = world
    for body in MALFORMED_REVIEWS:
        r = client.post(f"/api/suggestions/{sid}/review", json=body, headers=headers["eva"])
        assert r.status_code == 422 and r.json()["detail"], body
    assert client.get(f"/api/suggestions/{sid}", headers=headers["anne"]).json()["status"] == "pending"
    actions = [e["action"] for e in client.get(f"/api/suggestions/{sid}/audit", headers=headers["anne"]).json()]
    assert actions == ["drafted", "sent"]


def test_the_expert_reads_the_source_conversation_only_through_the_suggestion(client, world, services):
    sid, headers = world
    conv = client.get(f"/api/suggestions/{sid}/conversation", headers=headers["eva"]).json()
    assert any("teamoverleg" in m["content"] for m in conv["messages"])
    assert client.get(f"/api/conversations/{conv['id']}", headers=headers["eva"]).status_code == 404
    actions = [e["action"] for e in client.get(f"/api/suggestions/{sid}/audit", headers=headers["anne"]).json()]
    assert actions == ["drafted", "sent", "conversation_viewed"]


def test_downloads(client, world):
    sid, headers = world
    for fmt in ("md", "docx", "pdf"):
        r = client.get(f"/api/suggestions/{sid}/download", params={"format": fmt}, headers=headers["eva"])
        assert r.status_code == 200 and f".{fmt}\"" in r.headers["content-disposition"]
        if fmt == "md":
            assert "Opgesteld met de offline gids" in r.text
        elif fmt == "docx":
            assert any("Opgesteld met de offline gids" in p.text for p in Document(io.BytesIO(r.content)).paragraphs)
        else:
            assert "Opgesteld met de offline gids" in PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert client.get(f"/api/suggestions/{sid}/download", params={"format": "exe"},
                      headers=headers["eva"]).status_code == 422
    downloads = [e for e in client.get(f"/api/suggestions/{sid}/audit", headers=headers["anne"]).json()
                 if e["action"] == "downloaded"]
    assert [e["detail"]["format"] for e in downloads] == ["md", "docx", "pdf"]


def test_unknown_ids_are_404(client, world):
    _, headers = world
    for path in ("/api/suggestions/999", "/api/suggestions/0/audit", "/api/suggestions/999/conversation"):
        assert client.get(path, headers=headers["eva"]).status_code == 404
