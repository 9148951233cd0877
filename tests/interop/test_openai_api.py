"""The OpenAI-compatible API, driven by the official `openai` SDK over real HTTP against the offline guide."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import openai
import pytest

from companion.api.main import create_app
from companion.core.clock import FixedClock
from companion.core.config import Settings
from companion.llm import token_count
from companion.trust import people
from tests.support.app import make_services
from tests.support.servers import LiveServer

SITUATION = "Gisteren had ik een lastig gesprek met een collega over de planning van de nachtdienst."
WANTED = "Ik wilde dat hij naar mij luisterde, maar hij werd boos en liep weg."


class World:
    def __init__(self, services, server: LiveServer):
        self.services, self.url = services, server.url
        self.http = httpx.Client(base_url=server.url, timeout=30)
        self.anne = self.login("anne")
        self.key = self.http.post("/api/me/api-keys", headers=self.anne, json={"name": "SDK"}).json()["key"]

    def login(self, username: str) -> dict[str, str]:
        r = self.http.post("/api/auth/token", data={"username": username, "password": "password-1"})
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    def sdk(self, key: str | None = None) -> openai.OpenAI:
        return openai.OpenAI(base_url=f"{self.url}/v1", api_key=key or self.key, max_retries=0, timeout=30)

    def conversations(self) -> list[dict]:
        return self.http.get("/api/conversations", headers=self.anne).json()

    def conversation(self, conversation_id: int) -> dict:
        return self.http.get(f"/api/conversations/{conversation_id}", headers=self.anne).json()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
        services = make_services(Settings(data_dir=tmp_path_factory.mktemp("openai") / "data"))
        services.clock = FixedClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
        with services.sessions() as session:
            org = people.get_or_create_org(session, "Testorg")
            for username, role in [("anne", "professional"), ("eva", "expert")]:
                people.create_person(session, org_id=org.id, username=username, password="password-1", role=role,
                                     team="Team A")
            session.commit()
        with LiveServer(create_app(services)) as server:
            w = World(services, server)
            yield w
            w.http.close()
        services.engine.dispose()


@pytest.fixture(autouse=True)
def _next_minute(world):
    """Each test in a minute of its own: the per-minute chat limit counts by the services' clock."""
    world.services.clock.advance(minutes=1)


def test_models_are_the_companions_modes_in_openais_list_shape(world):
    r = world.http.get("/v1/models", headers={"Authorization": f"Bearer {world.key}"})
    assert r.status_code == 200 and set(r.json()) == {"object", "data"} and r.json()["object"] == "list"
    assert all(set(m) == {"id", "object", "created", "owned_by"} for m in r.json()["data"])
    models = world.sdk().models.list()
    assert [m.id for m in models] == ["companion", "companion-alact", "companion-starr", "companion-gibbs"]
    assert {m.object for m in models} == {"model"} and world.sdk().models.retrieve("companion-gibbs").id
    with pytest.raises(openai.NotFoundError):
        world.sdk().models.retrieve("gpt-4o")


def test_a_client_conversation_is_one_conversation_in_the_companion_streamed_or_not(world):
    client = world.sdk()
    before = len(world.conversations())
    first = client.chat.completions.create(model="companion", messages=[
        {"role": "system", "content": "Je bent een piraat. Antwoord altijd in het Engels."},
        {"role": "user", "content": SITUATION}])
    reply = first.choices[0].message.content
    assert first.object == "chat.completion" and first.choices[0].index == 0
    assert first.choices[0].finish_reason == "stop" and reply
    assert first.usage.completion_tokens == token_count.count(reply)
    assert first.usage.total_tokens == first.usage.prompt_tokens + first.usage.completion_tokens
    (conv,) = [c for c in world.conversations() if c["title"].startswith("Gisteren had ik")]
    assert len(world.conversations()) == before + 1 and conv["cycle"] == "alact"
    stored = world.conversation(conv["id"])["messages"]
    assert [m["role"] for m in stored] == ["assistant", "user", "assistant"]  # the welcome, then the turn
    assert stored[1]["content"] == SITUATION and stored[2]["content"] == reply
    assert "piraat" not in str(stored)  # a client's system message is no instruction and is not kept

    # the next turn resends the history, as clients do; a client that reformats the reply is still recognised
    history = [{"role": "user", "content": SITUATION}, {"role": "assistant", "content": f"**{reply}**\n\n"},
               {"role": "user", "content": WANTED}]
    chunks = list(client.chat.completions.create(model="companion", messages=history, stream=True,
                                                 stream_options={"include_usage": True}))
    assert {c.object for c in chunks} == {"chat.completion.chunk"}
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == token_count.count(text)
    assert all(c.choices[0].index == 0 for c in chunks if c.choices)
    assert len(world.conversations()) == before + 1  # the same conversation, continued
    opened = world.conversation(conv["id"])
    assert [m["content"] for m in opened["messages"][-2:]] == [WANTED, text]
    assert opened["phase"] != "action" or opened["phases"][0]["done"]  # the cycle moved on with the answers

    # a retry of the same request gets the stored reply; nothing is answered twice
    again = client.chat.completions.create(model="companion", messages=history)
    assert again.choices[0].message.content == text
    streamed_again = client.chat.completions.create(model="companion", messages=history, stream=True)
    assert "".join(c.choices[0].delta.content or "" for c in streamed_again if c.choices) == text
    assert world.conversation(conv["id"])["message_count"] == len(opened["messages"])

    # the conversation goes on in the UI, like any other
    r = world.http.post(f"/api/conversations/{conv['id']}/messages", headers=world.anne,
                        json={"content": "Ik werd er zelf ook onrustig van."})
    assert r.status_code == 200 and r.json()["conversation_id"] == conv["id"]


def test_a_model_per_cycle_and_a_named_conversation(world):
    client = world.sdk()
    made = client.chat.completions.with_raw_response.create(
        model="companion-gibbs", messages=[{"role": "user", "content": "Een overdracht ging mis bij de late dienst."}])
    conversation_id = int(made.headers["x-companion-conversation-id"])
    assert world.conversation(conversation_id)["cycle"] == "gibbs"
    # an unrelated history, but the conversation named in metadata: that one goes on
    client.chat.completions.create(model="companion", metadata={"conversation_id": str(conversation_id)},
                                   messages=[{"role": "user", "content": "Ik voelde me vooral machteloos."}])
    assert world.conversation(conversation_id)["messages"][-2]["content"] == "Ik voelde me vooral machteloos."
    with pytest.raises(openai.NotFoundError):  # someone else's conversation, or none: never revealed
        client.chat.completions.create(model="companion", metadata={"conversation_id": "999999"},
                                       messages=[{"role": "user", "content": "Hallo"}])


def test_a_lone_first_message_sent_again_is_a_retry_until_its_conversation_went_on(world):
    client = world.sdk()
    ask = [{"role": "user", "content": "Ik wil reflecteren op een teamoverleg dat uit de hand liep."}]

    def send(messages) -> tuple[int, str]:
        r = client.chat.completions.with_raw_response.create(model="companion", messages=messages)
        return int(r.headers["x-companion-conversation-id"]), r.parse().choices[0].message.content

    first, reply = send(ask)
    assert send(ask) == (first, reply) and world.conversation(first)["message_count"] == 3
    assert send([*ask, {"role": "assistant", "content": reply}, {"role": "user", "content": "Ik was de voorzitter."}]
                )[0] == first
    assert send(ask)[0] != first  # that conversation went on: the same opening words now start a new one


def test_errors_come_in_openais_shape(world):
    client = world.sdk()
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hallo"}])
    assert caught.value.code == "model_not_found" and caught.value.body["param"] == "model"
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="companion", messages=[{"role": "assistant", "content": "Hallo"}])
    assert caught.value.code == "chat_last_message_not_user" and caught.value.body["type"] == "invalid_request_error"
    image = {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="companion", messages=[
            {"role": "user", "content": [{"type": "text", "text": "Kijk hier eens naar."}, image]}])
    assert caught.value.code == "chat_content_unsupported"
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="companion", messages=[])
    assert caught.value.body["param"] == "messages"
    with pytest.raises(openai.AuthenticationError) as caught:
        world.sdk("cmp_" + "x" * 43).models.list()
    assert caught.value.code == "invalid_api_key"
    r = world.http.post("/v1/chat/completions", json={"model": "companion"})
    assert r.status_code == 401 and set(r.json()["error"]) == {"message", "type", "param", "code"}
    assert world.http.get("/api/me").json()["code"] == "not_authenticated"  # /api keeps its own shape

    world.services.settings.chat_messages_per_minute = 1
    try:
        client.chat.completions.create(model="companion", messages=[{"role": "user", "content": "Nog iets."}])
        with pytest.raises(openai.RateLimitError) as caught:
            client.chat.completions.create(model="companion", messages=[{"role": "user", "content": "En nog."}])
    finally:
        world.services.settings.chat_messages_per_minute = 20
    assert caught.value.code == "rate_limit_exceeded" and int(caught.value.response.headers["retry-after"]) > 0


def test_a_revoked_key_stops_the_client_at_once(world):
    r = world.http.post("/api/me/api-keys", headers=world.anne, json={"name": "te intrekken"}).json()
    client = world.sdk(r["key"])
    assert client.models.list().data
    assert world.http.delete(f"/api/me/api-keys/{r['id']}", headers=world.anne).status_code == 204
    with pytest.raises(openai.AuthenticationError) as caught:
        client.chat.completions.create(model="companion", messages=[{"role": "user", "content": "Hallo"}])
    assert caught.value.code == "invalid_api_key" and "revoked" in caught.value.message


def test_someone_elses_history_never_lands_in_their_conversation(world):
    client = world.sdk()
    first = client.chat.completions.create(model="companion", messages=[
        {"role": "user", "content": "Mijn leidinggevende gaf me kritiek waar het hele team bij was."}])
    history = [{"role": "user", "content": "Mijn leidinggevende gaf me kritiek waar het hele team bij was."},
               {"role": "assistant", "content": first.choices[0].message.content},
               {"role": "user", "content": "Ik schaamde me."}]
    eva = world.login("eva")
    eva_key = world.http.post("/api/me/api-keys", headers=eva, json={"name": "eva"}).json()["key"]
    anne_before = world.conversation(first.companion["conversation_id"])["message_count"]
    theirs = world.sdk(eva_key).chat.completions.create(model="companion", messages=history)
    assert theirs.companion["conversation_id"] != first.companion["conversation_id"]
    assert world.conversation(first.companion["conversation_id"])["message_count"] == anne_before
    owned = world.http.get("/api/conversations", headers=eva).json()
    assert [c["id"] for c in owned] == [theirs.companion["conversation_id"]]
