"""Sending chat messages: bad input gets a clear 4xx and stores nothing; a good one is always stored."""

import json


def _start(client, headers) -> int:
    r = client.post("/api/conversations", headers=headers, json={})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _messages(client, headers, conv_id) -> list[dict]:
    return client.get(f"/api/conversations/{conv_id}", headers=headers).json()["messages"]


def test_a_message_and_its_reply_are_both_stored(client, anne):
    conv = _start(client, anne)
    text = "Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren."
    r = client.post(f"/api/conversations/{conv}/messages", headers=anne, json={"content": text})
    assert r.status_code == 200, r.text
    msgs = _messages(client, anne, conv)
    assert [m["role"] for m in msgs] == ["assistant", "user", "assistant"]
    assert msgs[1]["content"] == text and msgs[1]["id"] == r.json()["user_message_id"]
    assert msgs[2]["content"] == r.json()["message"]["content"]


def test_empty_message_is_422_and_not_stored(client, anne):
    conv = _start(client, anne)
    for content in ("", "   ", "\n\t "):
        r = client.post(f"/api/conversations/{conv}/messages", headers=anne, json={"content": content})
        assert r.status_code == 422
        assert r.json()["code"] == "message_empty" and "empty" in r.json()["detail"]
    assert len(_messages(client, anne, conv)) == 1


def test_message_over_the_limit_is_413_and_not_stored(client, anne, services):
    limit = services.settings.max_message_chars
    conv = _start(client, anne)
    r = client.post(f"/api/conversations/{conv}/messages", headers=anne, json={"content": "a" * (limit + 1)})
    assert r.status_code == 413
    assert r.json()["code"] == "message_too_long" and str(limit) in r.json()["detail"]
    assert len(_messages(client, anne, conv)) == 1


def test_message_at_the_limit_is_accepted(client, anne, services):
    conv = _start(client, anne)
    text = ("woord " * services.settings.max_message_chars)[: services.settings.max_message_chars]
    r = client.post(f"/api/conversations/{conv}/messages", headers=anne, json={"content": text})
    assert r.status_code == 200, r.text
    assert len(_messages(client, anne, conv)) == 3


def test_wrong_field_types_are_422(client, anne):
    conv = _start(client, anne)
    for body in ({"content": 123}, {"content": None}, {}, {"text": "hallo daar allemaal"}, {"content": ["a", "b"]},
                 {"content": "ok", "client_id": "x" * 65}):
        r = client.post(f"/api/conversations/{conv}/messages", headers=anne, json=body)
        assert r.status_code == 422 and r.json()["detail"], body
    assert len(_messages(client, anne, conv)) == 1


def test_invalid_json_is_422(client, anne):
    conv = _start(client, anne)
    for raw in (b"{not json", b"[1, 2]", b'"just a string"', b""):
        r = client.post(f"/api/conversations/{conv}/messages", content=raw,
                        headers={**anne, "Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["detail"], raw
    assert len(_messages(client, anne, conv)) == 1


def test_message_to_unknown_conversation_is_404(client, anne):
    for conv_id in ("999999", str(2**70), "0", "-1"):
        r = client.post(f"/api/conversations/{conv_id}/messages", headers=anne,
                        json={"content": "hallo daar allemaal"})
        assert r.status_code == 404, conv_id
        assert r.json() == {"detail": "This conversation was not found.", "code": "conversation_not_found"}


def test_non_numeric_conversation_id_is_422(client, anne):
    r = client.post("/api/conversations/abc/messages", headers=anne, json={"content": "hallo daar allemaal"})
    assert r.status_code == 422


def test_bad_conversation_settings_are_422(client, anne):
    for body in ({"language": "fr"}, {"cycle": "unknown"}, {"language": 3}):
        r = client.post("/api/conversations", headers=anne, json=body)
        assert r.status_code == 422 and r.json()["detail"]
    assert client.get("/api/conversations", headers=anne).json() == []


def test_same_client_id_twice_stores_the_message_once(client, anne):
    conv = _start(client, anne)
    body = {"content": "Gisteren liep de overdracht helemaal mis door de drukte.", "client_id": "abc-1"}
    first = client.post(f"/api/conversations/{conv}/messages", headers=anne, json=body).json()
    again = client.post(f"/api/conversations/{conv}/messages", headers=anne, json=body).json()
    assert again["message"]["id"] == first["message"]["id"]
    assert len(_messages(client, anne, conv)) == 3


def test_streamed_reply_is_the_stored_reply(client, anne):
    conv = _start(client, anne)
    headers = {**anne, "Accept": "text/event-stream"}
    with client.stream("POST", f"/api/conversations/{conv}/messages", headers=headers,
                       json={"content": "Bij de overdracht ging er informatie verloren door de drukte."}) as r:
        assert r.status_code == 200
        body = "".join(r.iter_text())
    events = [block.split("\n")[0].removeprefix("event: ") for block in body.strip().split("\n\n")]
    assert events[0] == "meta" and events[-1] == "done" and "token" in events
    tokens = [json.loads(block.split("data: ", 1)[1])["text"] for block in body.strip().split("\n\n")
              if block.startswith("event: token")]
    stored = _messages(client, anne, conv)
    assert len(stored) == 3 and stored[-1]["content"] == "".join(tokens)
