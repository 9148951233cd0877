"""POST /api/products drafts a product from your conversation as your own draft; GET lists the kinds."""

from __future__ import annotations

import pytest

from tests.support.app import login
from tests.support.review_data import PAYLOADS, reflected_conversation, scripted_json


def test_kinds_are_listed_with_names_labels_and_schema(client, anne):
    kinds = {k["kind"]: k for k in client.get("/api/products", headers=anne).json()}
    assert set(kinds) == {"action_plan", "advice_note", "annual_plan", "learning_goal"}
    assert kinds["action_plan"]["name"] == "actieplan"
    assert kinds["action_plan"]["labels"]["first_step"] == "Eerste kleine stap deze week"
    assert "learning_goal" in kinds["action_plan"]["json_schema"]["properties"]
    en = client.get("/api/products", params={"language": "en"}, headers=anne).json()
    assert en[1]["name"] == "advice note"


@pytest.mark.parametrize("kind", ["action_plan", "advice_note", "annual_plan", "learning_goal"])
def test_draft_each_product_offline(client, services, anne, kind):
    conv_id = reflected_conversation(services)
    r = client.post("/api/products", json={"conversation_id": conv_id, "kind": kind}, headers=anne)
    assert r.status_code == 201, r.text
    s = r.json()
    assert s["kind"] == kind and s["status"] == "draft" and s["ai_made"] is False  # the offline guide is no AI
    assert s["shared"] is None and s["proposal"] == s["draft"] and not s["owner_edited"]
    assert s["drafted_by"] == "offline guide" and s["conversation_id"] == conv_id and s["final"] is None
    assert s["draft_markdown"].startswith("## ") or s["draft_markdown"].startswith("**Team")
    assert client.get("/api/portfolio", headers=anne).json() == []  # nothing counts before the expert approves


def test_linked_situations_must_be_your_own(client, services, anne, bram):
    conv_id = reflected_conversation(services)
    own = client.post(f"/api/conversations/{conv_id}/situation", headers=anne).json()
    r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "advice_note"}, headers=anne)
    assert r.json()["situation_ids"] == [own["id"]]  # the situation saved from this conversation
    theirs = client.post("/api/situations", json={"title": "Van Bram", "description": "Iets van Bram."},
                         headers=bram).json()
    r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "advice_note",
                                           "situation_ids": [theirs["id"]]}, headers=anne)
    assert r.status_code == 404


def test_someone_elses_conversation_is_not_found(client, services, bram):
    conv_id = reflected_conversation(services, "anne")
    r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "action_plan"}, headers=bram)
    assert r.status_code == 404


@pytest.mark.parametrize("body, status", [
    ({"conversation_id": 1, "kind": "poem"}, 422),
    ({"kind": "action_plan"}, 422),
    ({"conversation_id": 1, "kind": "action_plan", "mode": "magic"}, 422),
    ({"conversation_id": 1, "kind": "action_plan", "mode": "model"}, 422),  # no model configured
    ({"conversation_id": 10**30, "kind": "action_plan"}, 404),  # an id no database holds is just unknown
])
def test_malformed_requests_are_refused_with_a_reason(client, services, anne, body, status):
    reflected_conversation(services)
    r = client.post("/api/products", json=body, headers=anne)
    assert r.status_code == status and r.json()["detail"]


def test_anonymous_cannot_draft(client, services):
    conv_id = reflected_conversation(services)
    assert client.post("/api/products", json={"conversation_id": conv_id, "kind": "action_plan"}).status_code == 401


@pytest.mark.scripted_model
class TestWithAModel:
    def test_model_draft_and_invalid_output_gives_502_and_saves_nothing(self, client, services, fake_model):
        anne = login(client, "anne")
        conv_id = reflected_conversation(services)
        fake_model.enqueue(scripted_json(PAYLOADS["annual_plan"]))
        r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "annual_plan"}, headers=anne)
        assert r.status_code == 201 and r.json()["drafted_by"] == "model:scripted"
        fake_model.enqueue("geen json", "nog steeds niet", "{}")
        r = client.post("/api/products", json={"conversation_id": conv_id, "kind": "action_plan"},
                        headers={**anne, "Accept-Language": "nl"})
        assert r.status_code == 502
        assert "3 pogingen" in r.json()["detail"] and "niets bewaard" in r.json()["detail"]
        assert len(client.get("/api/suggestions", headers=anne).json()) == 1
