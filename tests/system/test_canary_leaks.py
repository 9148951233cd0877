"""No cross-person leaks: two organisations, several people, a unique canary in everything each one writes; then
every list and GET endpoint, searches, chats (offline and with a model, reading the prompts it was sent), exports
and an id sweep as every person: nobody sees a canary they may not see (results, prompts or responses)."""

from __future__ import annotations

import itertools
import re

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from companion.knowledge import documents
from companion.trust import people
from tests.support.app import make_services
from tests.support.canaries import PEOPLE, TOPIC, Seeded
from tests.support.fakes import ScriptedChatModel
from tests.system.permissions.framework import route_keys

ID_SWEEP = 30  # ids 1..N tried on every GET route with one id in its path (each person makes 4 drafts, 3 entries)
# Leaks found and reported get pinned here (route -> what leaks) until fixed. Found so far: the expert's view of
# a shared conversation (GET /api/suggestions/{id}/conversation) carried each message's `sources`, snippets of
# the owner's private items; fixed in review.sharing.conversation_messages and kept fixed by the last test below.
# And the expert read the whole source conversation although the owner had chosen nothing: now the owner chooses
# when sending (the draft only, the conversation, chosen messages), and the seeding below checks each choice.
KNOWN_LEAKS: dict[str, str] = {}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from companion.trust import auth

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
        settings = Settings(data_dir=tmp_path_factory.mktemp("canary") / "data", database_url=None, chroma_url=None,
                            chat_messages_per_minute=0, daily_token_budget=0)
        services = make_services(settings, model=None)
        with TestClient(create_app(services)) as client:
            world = Seeded(client, services)
            _seed(world)
            yield world
        services.engine.dispose()


def _seed(w: Seeded) -> None:
    s = w.services
    with s.sessions() as session:
        for org, team, username, role in PEOPLE:
            o = people.get_or_create_org(session, org)
            people.create_person(session, org_id=o.id, username=username, password="password-1", role=role,
                                 team=team)
        session.commit()
    for _, _, username, _ in PEOPLE:
        r = w.client.post("/api/auth/token", data={"username": username, "password": "password-1"})
        w.headers[username] = {"Authorization": f"Bearer {r.json()['access_token']}"}
    for _org, _, username, role in PEOPLE:
        if role == "admin":
            text = f"# Richtlijn nachtdienst\n\n{TOPIC}. {w.canary(username, 'knowledge')}"
            with s.sessions() as session:
                org_id = people.load_principal(session, _person_id(session, username)).org_id
                documents.ingest_text(session, s.index, org_id, f"richtlijn-{username}.md", text, [])
                session.commit()
            continue
        if role != "professional":
            continue
        w.as_(username, "POST", "/api/situations", json={
            "title": f"Nachtdienst {w.canary(username, 'situation')}",
            "description": f"{TOPIC}. {w.canary(username, 'situation')}"})
        w.as_(username, "POST", "/api/portfolio", json={
            "kind": "learning_goal", "title": "Leerdoel planning", "body": f"{TOPIC}. {w.canary(username, 'entry')}"})
        for visibility in ("expert", "team"):
            w.as_(username, "POST", "/api/portfolio", json={
                "kind": "reflection", "title": f"Gedeeld ({visibility})", "visibility": visibility,
                "body": f"{TOPIC}. {w.canary(username, f'entry_{visibility}')}"})
        conv = w.as_(username, "POST", "/api/conversations", json={})["id"]
        w.as_(username, "POST", f"/api/conversations/{conv}/messages",
              json={"content": f"{TOPIC}, en toen zei ik {w.canary(username, 'message')}."})
        w.client.post("/api/weeks/current/captures", headers=w.headers[username],
                      json={"text": f"{TOPIC}. {w.canary(username, 'capture')}"})  # the weekly rhythm, if served
        _drafts(w, username)
    _team_session(w)


def _team_session(w: Seeded) -> None:
    """A session of team A1: its case and questions are for A1's members and expert only (never for admins)."""
    team = w.as_("a1", "GET", "/api/teams/mine")[0]["id"]
    sid = w.as_("a1", "POST", f"/api/teams/{team}/sessions", json={"title": "Intervisie"})["id"]
    w.as_("a2", "POST", f"/api/team-sessions/{sid}/cases",
          json={"title": "Nachtdienst", "text": f"{TOPIC}. {w.canary('a2', 'entry_team')}"})
    for _ in range(2):  # cases → choose → questions
        w.as_("a1", "POST", f"/api/team-sessions/{sid}/advance", json={})
    w.as_("a1", "POST", f"/api/team-sessions/{sid}/contributions",
          json={"kind": "question", "text": f"Wat gebeurde er toen {w.canary('a1', 'entry_team')}?"})
    w.as_("a1", "POST", f"/api/team-sessions/{sid}/advance", json={})  # the companion quotes it in its summary


def _drafted(w: Seeded, username: str, *contents: str) -> tuple[int, list[int]]:
    """A conversation of `username` with these messages and an offline action plan drafted from it (not sent):
    (the suggestion's id, the ids of the person's messages)."""
    conv = w.as_(username, "POST", "/api/conversations", json={})["id"]
    for content in contents:
        w.as_(username, "POST", f"/api/conversations/{conv}/messages", json={"content": content})
    said = [m["id"] for m in w.as_(username, "GET", f"/api/conversations/{conv}")["messages"] if m["role"] == "user"]
    s = w.as_(username, "POST", "/api/products", json={"conversation_id": conv, "kind": "action_plan",
                                                        "mode": "offline"})
    return s["id"], said


def _drafts(w: Seeded, username: str) -> None:
    """What the owner sends to their expert, and what they keep: a conversation sent whole; chosen messages of
    another, with the draft edited first (what the owner took out must not reach the expert); a draft never sent;
    a draft sent and withdrawn."""
    sid, _ = _drafted(w, username, f"{TOPIC}; ik wil een actieplan, {w.canary(username, 'shared')}.")
    w.as_(username, "POST", f"/api/suggestions/{sid}/send", json={"share": "conversation"})
    sid, said = _drafted(w, username, f"{TOPIC}: dit mag mijn begeleider lezen, {w.canary(username, 'shared')}.",
                         f"Dit houd ik voor mezelf: {w.canary(username, 'message')}.")
    plan = {"title": f"Mijn plan {w.canary(username, 'shared')}", "learning_goal": "Eerst luisteren.",
            "actions": [{"what": "Luisteren", "who": "ik", "by_when": "volgende week"}],
            "success_criteria": ["Rust."], "support_needed": ["Tijd."], "first_step": "Vandaag beginnen."}
    w.as_(username, "PATCH", f"/api/suggestions/{sid}", json={"payload": plan})
    w.as_(username, "POST", f"/api/suggestions/{sid}/send", json={"share": "messages", "message_ids": said[:1]})
    _drafted(w, username, f"{TOPIC}; nog niet verstuurd: {w.canary(username, 'message')}.")
    sid, _ = _drafted(w, username, f"{TOPIC}; toch teruggetrokken: {w.canary(username, 'message')}.")
    w.as_(username, "POST", f"/api/suggestions/{sid}/send", json={"share": "conversation"})
    w.as_(username, "POST", f"/api/suggestions/{sid}/withdraw")


def _person_id(session, username: str) -> int:
    from sqlalchemy import select

    from companion.models import Person

    return session.scalar(select(Person.id).where(Person.username == username))


class Tally:
    def __init__(self):
        self.queries = 0
        self.found: list[str] = []

    def check(self, w: Seeded, viewer: str, where: str, text: str, in_prompt: bool = False) -> None:
        self.queries += 1
        self.found += [f"{viewer} saw {leak} via {where}" for leak in w.leaks(viewer, text, in_prompt)]


def _get_routes(app) -> tuple[list[str], list[str]]:
    """GET paths without parameters, and GET paths with exactly one id parameter."""
    plain, with_id = [], []
    for method, path in sorted(route_keys(app)):
        if method != "GET" or not path.startswith("/api/"):
            continue
        params = re.findall(r"{(\w+)}", path)
        if not params:
            plain.append(path)
        elif len(params) == 1 and params[0].endswith("_id"):
            with_id.append(path)
    return plain, with_id


def test_no_canary_reaches_anyone_who_may_not_see_it(seeded):
    w = seeded
    client, tally = w.client, Tally()
    assert len(w.canaries) >= 30
    plain, with_id = _get_routes(client.app)
    viewers = [u for _, _, u, _ in PEOPLE]
    own_found = 0
    for viewer in viewers:
        h = w.headers[viewer]
        for path in plain:  # every list endpoint, exports and dashboards included
            r = client.get(path, headers=h, params={"q": TOPIC} if path == "/api/search" else None)
            tally.check(w, viewer, f"GET {path}", r.text)
        for path, n in itertools.product(with_id, range(1, ID_SWEEP + 1)):  # guessing other people's ids
            r = client.get(re.sub(r"{\w+}", str(n), path), headers=h)
            tally.check(w, viewer, f"GET {path} id={n}", r.text)
        for c in w.canaries:  # searching for someone else's exact words
            r = client.get("/api/search", headers=h, params={"q": f"{c.text} {TOPIC}", "k": 50})
            tally.check(w, viewer, "search", r.text)
            if c.owner == viewer and c.kind in ("situation", "entry"):
                own_found += c.text in r.text  # the control: the same search does find what one may see
        conv = client.post("/api/conversations", headers=h, json={}).json()["id"]
        r = client.post(f"/api/conversations/{conv}/messages", headers=h, json={"content": TOPIC})
        tally.check(w, viewer, "offline chat", r.text)
    known = [f for f in tally.found if any(f"via {route} " in f for route in KNOWN_LEAKS)]
    unknown = [f for f in tally.found if f not in known]
    print(f"canary sweep: {len(w.canaries)} canaries, {len(viewers)} people, {tally.queries} queries, "
          f"{len(unknown)} leaks (+{len(known)} through known, reported routes)")
    assert not unknown, "\n".join(unknown[:30])
    assert own_found >= 0.8 * sum(c.kind in ("situation", "entry") for c in w.canaries)


def test_no_canary_reaches_the_model_prompt_of_anyone_else(seeded):
    w = seeded
    model = ScriptedChatModel()
    w.services.chat_model = model  # the same data, now with a (scripted) language model
    tally = Tally()
    try:
        for viewer in [u for _, _, u, _ in PEOPLE]:
            h = w.headers[viewer]
            for question in (TOPIC, "Wat heb ik eerder over de nachtdienst en de overdracht geschreven?"):
                conv = w.client.post("/api/conversations", headers=h, json={}).json()["id"]
                sent = len(model.history)
                r = w.client.post(f"/api/conversations/{conv}/messages", headers=h, json={"content": question})
                assert r.status_code == 200, r.text
                assert len(model.history) == sent + 1
                prompt = "\n".join(str(m.content) for m in model.history[-1])
                tally.check(w, viewer, "prompt sent to the model", prompt, in_prompt=True)
                tally.check(w, viewer, "chat reply", r.text)
    finally:
        w.services.chat_model = None
    own = sum(c.text in "\n".join(str(m.content) for p in model.history for m in p) for c in w.canaries)
    print(f"model prompts: {tally.queries} checked, {len(tally.found)} leaks, {own} canaries seen where allowed")
    assert own > 0  # the control: retrieval does bring one's own items (and org knowledge) into the prompt
    assert not tally.found, "\n".join(tally.found[:30])


def test_the_expert_sees_a_shared_conversation_without_the_owners_private_sources(seeded):
    w = seeded
    leaks = []
    for expert in ("ea1", "ea2", "eb1"):
        for n in range(1, ID_SWEEP + 1):
            r = w.client.get(f"/api/suggestions/{n}/conversation", headers=w.headers[expert])
            leaks += w.leaks(expert, r.text)
    assert not leaks, leaks
