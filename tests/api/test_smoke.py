"""The chat loop through the API, offline."""

from tests.support.app import login


def test_login_and_me(client, anne):
    me = client.get("/api/me", headers=anne).json()
    assert me["username"] == "anne" and me["mode"] == "offline"


def test_wrong_password_is_401(client):
    r = client.post("/api/auth/token", data={"username": "anne", "password": "wrong-one"})
    assert r.status_code == 401 and r.json()["detail"]


def test_offline_conversation_asks_one_question(client, anne):
    conv = client.post("/api/conversations", headers=anne, json={}).json()
    assert conv["messages"][0]["role"] == "assistant"
    r = client.post(f"/api/conversations/{conv['id']}/messages", headers=anne,
                    json={"content": "Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren."})
    assert r.status_code == 200, r.text
    reply = r.json()["message"]["content"]
    assert reply.count("?") == 1
    assert login(client, "bram")
