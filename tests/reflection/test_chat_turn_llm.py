"""The chat turn with a model: retried requests, and steering when a slot's questions ran out."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from companion.models import Conversation, Person
from companion.reflection import chat_turn, cycle_state, cycles
from companion.trust import people

MESSAGE = "Gisteren liep de overdracht helemaal mis door de drukte op de afdeling."


pytestmark = pytest.mark.scripted_model  # the API talks to the scripted chat model


def start(client, headers) -> int:
    return client.post("/api/conversations", headers=headers, json={}).json()["id"]


def sse(client, headers, conv_id: int, body: dict) -> list[tuple[str, dict]]:
    r = client.post(f"/api/conversations/{conv_id}/messages", json=body,
                    headers={**headers, "Accept": "text/event-stream"})
    return [(b.split("\n")[0][7:], json.loads(b.split("\n")[1][6:])) for b in r.text.strip().split("\n\n")]


def messages(client, headers, conv_id: int) -> list[dict]:
    return client.get(f"/api/conversations/{conv_id}", headers=headers).json()["messages"]


def test_a_retry_replays_the_reply_with_its_own_mode(client, anne, fake_model):
    conv_id = start(client, anne)
    body = {"content": MESSAGE, "client_id": "retry-1"}
    first = sse(client, anne, conv_id, body)
    again = sse(client, anne, conv_id, body)

    assert len(fake_model.history) == 1  # the model is not asked twice
    assert again[0][1]["mode"] == "llm:scripted" == first[0][1]["mode"]
    assert again[0][1]["user_message_id"] == first[0][1]["user_message_id"]
    assert again[-1][1]["id"] == first[-1][1]["id"] and again[-1][1]["role"] == "assistant"


def test_a_retry_of_an_unanswered_message_is_answered_once(client, anne, services, fake_model):
    conv_id = start(client, anne)
    with services.sessions() as session:
        me = people.principal_of(session.scalar(select(Person).where(Person.username == "anne")))
    # The client went away before the reply began: the message and state are stored, no reply is.
    chat_turn.prepare_turn(services, me, conv_id, MESSAGE, "retry-2")
    assert [m["role"] for m in messages(client, anne, conv_id)] == ["assistant", "user"]

    fake_model.enqueue("Wie waren erbij betrokken?")
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=anne,
                    json={"content": MESSAGE, "client_id": "retry-2"})
    assert r.status_code == 200, r.text
    assert r.json()["message"]["role"] == "assistant"
    assert r.json()["message"]["content"] == "Wie waren erbij betrokken?"
    assert [m["role"] for m in messages(client, anne, conv_id)] == ["assistant", "user", "assistant"]
    with services.sessions() as session:
        assert session.get(Conversation, conv_id).state["turns"] == 1  # observed once, not twice


def test_model_is_steered_on_when_a_phases_questions_ran_out(settings):
    cycle = cycles.load_cycle(settings.prompts_dir, "alact", "nl")
    state = cycle_state.new_state(cycle)
    first, second = cycle.phases[:2]
    state["asked"] = [qid for slot in first.slots for qid, _ in slot.questions]  # all asked, none answered
    me = people.Principal(person_id=1, org_id=1, team_id=None, role="professional", username="anne",
                          display_name="Anne")

    sent = chat_turn.build_llm_messages(settings, me, cycle, state, [], [], MESSAGE)
    # Like the offline guide: skip the phase and ask about the next one, instead of closing the conversation.
    assert state["phase"] == second.id and not state["completed"]
    assert {s.key for s in first.slots} <= set(state["skipped"])
    assert f"Fase: {second.label}" in sent[0].content and state["pending"] == second.slots[0].key
