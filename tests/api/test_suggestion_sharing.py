"""The owner's side of a suggestion over HTTP: preview and edit the draft, send it choosing what the expert sees,
withdraw it, throw it away; refusals say why, in Dutch and in English."""

from __future__ import annotations

import pytest

from tests.support.app import login
from tests.support.review_data import PAYLOADS, reflected_conversation


@pytest.fixture
def draft(client, services, org):
    """Anne's drafted action plan (not sent), and the headers of Anne and her expert Eva."""
    conv_id = reflected_conversation(services)
    anne, eva = login(client, "anne"), login(client, "eva")
    s = client.post("/api/products", json={"conversation_id": conv_id, "kind": "action_plan"}, headers=anne).json()
    return s, anne, eva


def _conversation_ids(client, anne, s) -> list[int]:
    return [m["id"] for m in client.get(f"/api/conversations/{s['conversation_id']}", headers=anne).json()["messages"]]


def test_the_expert_sees_nothing_of_a_draft(client, draft):
    s, anne, eva = draft
    assert client.get(f"/api/suggestions/{s['id']}", headers=eva).status_code == 404
    assert client.get("/api/suggestions", params={"queue": "all"}, headers=eva).json() == []
    assert [x["id"] for x in client.get("/api/suggestions", params={"status": "draft"}, headers=anne).json()] == [
        s["id"]]


def test_edit_then_send_with_chosen_messages(client, draft):
    s, anne, eva = draft
    mine = dict(PAYLOADS["action_plan"], title="Mijn plan voor het overleg")
    r = client.patch(f"/api/suggestions/{s['id']}", json={"payload": mine}, headers=anne)
    assert r.status_code == 200 and r.json()["owner_edited"] and r.json()["title"] == "Mijn plan voor het overleg"
    assert r.json()["draft"] == s["draft"] and r.json()["proposal"]["first_step"] == mine["first_step"]
    first = _conversation_ids(client, anne, s)[1]
    r = client.post(f"/api/suggestions/{s['id']}/send", json={"share": "messages", "message_ids": [first]},
                    headers=anne)
    assert r.status_code == 200 and r.json()["status"] == "pending"
    assert r.json()["shared"] == {"scope": "messages", "message_ids": [first]} and r.json()["sent_at"]
    seen = client.get(f"/api/suggestions/{s['id']}", headers=eva).json()
    assert seen["draft"] is None and seen["draft_markdown"] is None  # what Anne changed is not shared
    assert seen["proposal"]["first_step"] == mine["first_step"] and seen["owner_name"] == "Anne"
    conv = client.get(f"/api/suggestions/{s['id']}/conversation", headers=eva).json()
    assert [m["id"] for m in conv["messages"]] == [first] and conv["shared"]["scope"] == "messages"
    assert len(client.get(f"/api/suggestions/{s['id']}/conversation", headers=anne).json()["messages"]) > 1


def test_withdraw_and_throw_away(client, draft):
    s, anne, eva = draft
    client.post(f"/api/suggestions/{s['id']}/send", json={"share": "draft"}, headers=anne)
    assert client.post(f"/api/suggestions/{s['id']}/withdraw", headers=eva).status_code == 403
    r = client.post(f"/api/suggestions/{s['id']}/withdraw", headers=anne)
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert client.get(f"/api/suggestions/{s['id']}", headers=eva).status_code == 404
    assert client.delete(f"/api/suggestions/{s['id']}", headers=anne).status_code == 204
    assert client.get(f"/api/suggestions/{s['id']}", headers=anne).status_code == 404


@pytest.mark.parametrize(("method", "path", "body", "status", "code", "nl", "en"), [
    ("post", "send", {"share": "messages"}, 422, "share_messages_missing", "Kies minstens één bericht",
     "Choose at least one message"),
    ("post", "send", {"share": "alles"}, 422, None, "", ""),
    ("post", "withdraw", None, 409, "suggestion_not_sent", "niet verstuurd", "was not sent"),
    ("patch", "", {}, 422, "suggestion_edit_empty", "niets om te wijzigen", "Nothing to change"),
    ("patch", "", {"payload": {"title": "half"}}, 422, "suggestion_payload_invalid", "klopt niet", "not valid"),
])
def test_refusals_say_why_in_both_languages(client, draft, method, path, body, status, code, nl, en):
    s, anne, _ = draft
    url = f"/api/suggestions/{s['id']}" + (f"/{path}" if path else "")
    for language, words in (("nl", nl), ("en", en)):
        r = client.request(method.upper(), url, json=body, headers={**anne, "Accept-Language": language})
        assert r.status_code == status, r.text
        assert r.json()["detail"] and (code is None or r.json()["code"] == code) and words in str(r.json()["detail"])


def test_a_sent_draft_is_not_edited_and_the_expert_is_told_what_is_not_shared(client, draft):
    s, anne, eva = draft
    client.post(f"/api/suggestions/{s['id']}/send", json={"share": "draft"}, headers=anne)
    r = client.patch(f"/api/suggestions/{s['id']}", json={"title": "Anders"}, headers={**anne, "Accept-Language": "nl"})
    assert r.status_code == 409 and "trek het eerst terug" in r.json()["detail"]
    r = client.get(f"/api/suggestions/{s['id']}/conversation", headers={**eva, "Accept-Language": "nl"})
    assert r.status_code == 403 and r.json()["code"] == "conversation_not_shared" and "niet gedeeld" in r.json()[
        "detail"]
    assert client.delete(f"/api/suggestions/{s['id']}", headers=anne).status_code == 409
