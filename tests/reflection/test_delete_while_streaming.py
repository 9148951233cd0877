"""Deleting a conversation while its reply streams ends the stream cleanly and stores no orphan reply."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk
from sqlalchemy import func, select

from companion.models import Conversation, Message
from tests.support.fakes import ScriptedChatModel

pytestmark = pytest.mark.scripted_model


class DeletingModel(ScriptedChatModel):
    """Streams a few words, and halfway someone deletes the conversation (another tab, another worker)."""

    on_halfway: Any = None

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for n, word in enumerate(["Wat", " deed", " jij", " toen?"]):
            if n == 2 and self.on_halfway is not None:
                self.on_halfway()
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))


@pytest.fixture
def fake_model() -> DeletingModel:
    return DeletingModel()


def _delete_all(services) -> None:
    with services.transaction() as session:
        for conv in session.scalars(select(Conversation)):
            session.delete(conv)


def _events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_the_stream_ends_with_a_clear_event_and_no_reply_is_stored(client, anne, services, fake_model):
    conv_id = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    fake_model.on_halfway = lambda: _delete_all(services)
    with client.stream("POST", f"/api/conversations/{conv_id}/messages", json={"content": "Een lastig gesprek"},
                       headers={**anne, "Accept": "text/event-stream", "Accept-Language": "nl"}) as r:
        body = "".join(r.iter_text())
    assert r.status_code == 200
    events = _events(body)
    kinds = [e for e, _ in events]
    assert kinds[0] == "meta" and "token" in kinds and "done" not in kinds
    assert events[-1] == ("error", {"code": "conversation_deleted",
                                    "detail": "Dit gesprek is verwijderd; het antwoord is niet bewaard."})
    with services.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0
    assert client.get(f"/api/conversations/{conv_id}", headers=anne).status_code == 404


def test_without_streaming_it_is_a_404_not_a_500(client, anne, services, fake_model):
    conv_id = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    fake_model.on_halfway = lambda: _delete_all(services)
    r = client.post(f"/api/conversations/{conv_id}/messages", json={"content": "Een lastig gesprek"}, headers=anne)
    assert r.status_code == 404 and r.json()["code"] == "conversation_not_found"
