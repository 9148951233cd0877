"""Renaming and deleting your own conversations; the portfolio saved from a conversation outlives it."""

import pytest
from sqlalchemy import event, text

STORY = "Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren."


def _start(client, headers) -> int:
    r = client.post("/api/conversations", headers=headers, json={})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _say(client, headers, conv_id: int, content: str = STORY) -> None:
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": content})
    assert r.status_code == 200, r.text


def _listed(client, headers) -> dict[int, dict]:
    return {c["id"]: c for c in client.get("/api/conversations", headers=headers).json()}


def test_rename_returns_the_summary_and_sticks(client, anne):
    conv = _start(client, anne)
    _say(client, anne, conv)
    r = client.patch(f"/api/conversations/{conv}", headers=anne, json={"title": "  Lastige overdracht  "})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Lastige overdracht" and r.json()["id"] == conv
    assert r.json()["message_count"] == 3
    _say(client, anne, conv, "Twee collega's van de avonddienst en de teamleider.")
    assert client.get(f"/api/conversations/{conv}", headers=anne).json()["title"] == "Lastige overdracht"
    assert _listed(client, anne)[conv]["title"] == "Lastige overdracht"


@pytest.mark.parametrize("body", [{"title": ""}, {"title": "   "}, {"title": "x" * 201}, {}, {"title": None}])
def test_a_bad_title_is_422_and_changes_nothing(client, anne, body):
    conv = _start(client, anne)
    _say(client, anne, conv)
    r = client.patch(f"/api/conversations/{conv}", headers=anne, json=body)
    assert r.status_code == 422, r.text
    assert _listed(client, anne)[conv]["title"].startswith("Bij de overdracht")


def test_a_title_of_200_characters_is_fine(client, anne):
    conv = _start(client, anne)
    r = client.patch(f"/api/conversations/{conv}", headers=anne, json={"title": "x" * 200})
    assert r.status_code == 200 and r.json()["title"] == "x" * 200


def test_delete_removes_the_conversation_and_its_messages(client, anne, services):
    keep, gone = _start(client, anne), _start(client, anne)
    _say(client, anne, gone)
    r = client.delete(f"/api/conversations/{gone}", headers=anne)
    assert r.status_code == 204 and r.content == b""
    assert client.get(f"/api/conversations/{gone}", headers=anne).status_code == 404
    assert client.delete(f"/api/conversations/{gone}", headers=anne).status_code == 404
    assert list(_listed(client, anne)) == [keep]
    with services.engine.connect() as db:
        assert db.scalar(text("SELECT count(*) FROM messages WHERE conversation_id = :c"), {"c": gone}) == 0
        assert db.scalar(text("SELECT count(*) FROM messages WHERE conversation_id = :c"), {"c": keep}) == 1


def test_saved_situation_and_reflection_survive_without_their_conversation(client, anne, services):
    conv = _start(client, anne)
    for content in (STORY, "Twee collega's van de avonddienst.", "Ik wilde dat de overdracht rustig zou zijn."):
        _say(client, anne, conv, content)
    sit = client.post(f"/api/conversations/{conv}/situation", headers=anne).json()
    entry = client.post(f"/api/conversations/{conv}/reflection", headers=anne).json()
    assert sit["conversation_id"] == conv and entry["conversation_id"] == conv

    assert client.delete(f"/api/conversations/{conv}", headers=anne).status_code == 204
    sit_after = client.get(f"/api/situations/{sit['id']}", headers=anne).json()
    entry_after = client.get(f"/api/portfolio/{entry['id']}", headers=anne).json()
    assert sit_after["conversation_id"] is None and sit_after["description"] == STORY
    assert entry_after["conversation_id"] is None and entry_after["body"] == entry["body"]
    assert entry_after["situation_id"] == sit["id"]
    with services.engine.connect() as db:  # the database itself set them to NULL (foreign keys are enforced)
        assert db.scalar(text("PRAGMA foreign_keys")) == 1
        assert db.scalar(text("SELECT conversation_id FROM work_situations WHERE id = :i"), {"i": sit["id"]}) is None
        assert db.scalar(text("SELECT conversation_id FROM portfolio_entries WHERE id = :i"),
                         {"i": entry["id"]}) is None


def test_another_persons_conversation_cannot_be_renamed_or_deleted(client, anne, bram):
    theirs = _start(client, bram)
    _say(client, bram, theirs)
    before = client.get(f"/api/conversations/{theirs}", headers=bram).json()
    for method, body in (("PATCH", {"title": "overgenomen"}), ("DELETE", None)):
        r = client.request(method, f"/api/conversations/{theirs}", headers=anne, json=body)
        unknown = client.request(method, "/api/conversations/987654", headers=anne, json=body)
        assert r.status_code == 404 and unknown.status_code == 404, (method, r.text)
        assert r.json() == unknown.json() and r.json()["detail"]
    assert client.get(f"/api/conversations/{theirs}", headers=bram).json() == before
    assert list(_listed(client, bram)) == [theirs]


def test_message_count_in_the_list(client, anne):
    fresh, talked = _start(client, anne), _start(client, anne)
    _say(client, anne, talked)
    _say(client, anne, talked, "Twee collega's van de avonddienst en de teamleider.")
    listed = _listed(client, anne)
    assert listed[fresh]["message_count"] == 1  # only the welcome question
    assert listed[talked]["message_count"] == 5
    assert client.get(f"/api/conversations/{talked}", headers=anne).json()["message_count"] == 5


def test_the_list_takes_the_same_number_of_queries_for_one_or_many_conversations(client, anne, services):
    def queries_for_list() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(services.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/api/conversations", headers=anne).status_code == 200
        finally:
            event.remove(services.engine, "before_cursor_execute", listener)
        return len(statements)

    _say(client, anne, _start(client, anne))
    one = queries_for_list()
    for _ in range(4):
        _say(client, anne, _start(client, anne))
    assert queries_for_list() == one
