"""The MCP server, driven by the official `mcp` client: in process, over streamable HTTP at the API's /mcp, and as
`python -m companion mcp` over stdio. Every tool acts as the API key's person and nobody else's items come back;
retrieved text is quoted data; no tool approves anything."""

from __future__ import annotations

import os
import re
import sys

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError

from companion.api.main import create_app
from companion.core.config import Settings
from companion.interop import mcp_server
from companion.knowledge import documents
from companion.reflection import conversations, portfolio
from companion.trust import api_keys, people
from tests.support.app import make_services
from tests.support.interop_data import exports_world
from tests.support.review_data import principal
from tests.support.servers import LiveServer

TOOLS = {"capture_situation", "search", "reflect", "week_plan", "list_suggestions"}
# a tool that offers to decide: approve/goedkeuren, reject/afwijzen, decide/beslissen, review as a verb
DECIDING = re.compile(r"\b(approv(e|es|ing)\b|reject(s|ing)?\b|decid(e|es|ing)\b|review(s|ing)? (it|them|the|a)\b|"
                      r"goedkeur\w*|keur\w*\b.{0,40}\bgoed\b|afwijz\w*|beoordeel\w*)", re.IGNORECASE)


def new_key(services, username: str) -> str:
    with services.sessions() as session:
        _key, raw = api_keys.create(session, principal(services, username), name="MCP", clock=services.clock)
        session.commit()
    return raw


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with exports_world(tmp_path_factory, "mcp") as (services, client, ids):
        with services.sessions() as session:
            doc, _ = documents.ingest_upload(
                session, services.index, principal(services, "admin"), "feedback.md",
                b"# Feedback geven\n\nGeef feedback over gedrag, niet over de persoon.", 100_000)
            ids["document"] = doc.id
        keys = {u: new_key(services, u) for u in ("anne", "bram")}
        yield services, client, ids, keys


def run(coro_fn, *args):
    return anyio.run(coro_fn, *args)


def test_tools_are_the_five_and_none_approves_anything(world):
    services, _client, _ids, keys = world

    async def listing():
        async with Client(mcp_server.build_server(services, keys["anne"])) as c:
            return (await c.list_tools()).tools

    tools = run(listing)
    assert {t.name for t in tools} == TOOLS
    for offer in ("approve suggestion", "Keur het voorstel goed", "goedkeuren", "decide on a review"):
        assert DECIDING.search(offer), offer  # the check bites
    for t in tools:
        assert not DECIDING.search(f"{t.name.replace('_', ' ')} {t.title or ''} {t.description}"), t.name
        assert not {"decision", "approve", "final"} & set(t.input_schema.get("properties", {})), t.name
    assert {t.name for t in tools if t.annotations.read_only_hint} == {"search", "week_plan", "list_suggestions"}
    source = (mcp_server.__file__, mcp_server.mcp_tools.__file__)
    assert not any("decide(" in open(path, encoding="utf-8").read() for path in source)


def test_in_process_every_tool_acts_for_the_keys_person_only(world):
    services, _client, ids, keys = world

    async def session():
        out = {}
        async with Client(mcp_server.build_server(services, keys["anne"])) as c:
            out["search"] = (await c.call_tool("search", {"query": "Bram geheime situatie overdracht", "k": 10}))
            out["capture"] = await c.call_tool("capture_situation", {
                "title": "Teamoverleg", "description": "Mijn voorstel werd weggewuifd.", "felt": "Boos."})
            out["week"] = await c.call_tool("week_plan", {})
            out["suggestions"] = await c.call_tool("list_suggestions", {})
            out["resources"] = (await c.list_resources()).resources
            out["entry"] = await c.read_resource(f"companion://portfolio/{ids['reflection']}")
            out["document"] = await c.read_resource(f"companion://knowledge/{ids['document']}")
            for uri in (f"companion://portfolio/{ids['bram_entry']}", f"companion://portfolio/{ids['plan_entry']}0"):
                with pytest.raises(MCPError):
                    await c.read_resource(uri)
        return out

    out = run(session)
    found = out["search"].structured_content["results"]
    assert found and not any("Bram" in r["title"] or "Alleen van Bram" in r["text"] for r in found)
    assert all(r["text"].startswith("<quoted-data source=") for r in found)
    assert "<quoted-data>" in out["search"].structured_content["notice"]
    situation_id = out["capture"].structured_content["situation_id"]
    with services.sessions() as session:
        assert portfolio.get_situation(session, principal(services, "anne"), situation_id).felt == "Boos."
    week = out["week"].structured_content
    assert re.fullmatch(r"\d{4}-W\d{2}", week["week"]) and week["prepared_plan"]["focus"]
    listed = {s["id"]: s for s in out["suggestions"].structured_content["suggestions"]}
    assert listed[ids["plan"]]["status"] == "approved" and listed[ids["pending"]]["status"] == "pending"
    assert "Helder en haalbaar." in listed[ids["plan"]]["review_comment"]
    uris = {r.uri for r in out["resources"]}
    assert f"companion://portfolio/{ids['reflection']}" in uris and f"companion://knowledge/{ids['document']}" in uris
    assert f"companion://portfolio/{ids['bram_entry']}" not in uris
    assert "Eerst vragen, dan pas invullen." in out["entry"].contents[0].text
    assert out["document"].contents[0].text.startswith('<quoted-data source="knowledge:')


def test_a_reflection_is_a_conversation_in_the_companion(world):
    services, _client, _ids, keys = world
    story = "Gisteren had ik een conflict met een collega over de planning van de nachtdienst."

    async def talk():
        async with Client(mcp_server.build_server(services, keys["anne"])) as c:
            first = (await c.call_tool("reflect", {"message": story, "cycle": "alact"})).structured_content
            second = (await c.call_tool("reflect", {"message": "Ik wilde dat zij eerst luisterde.",
                                                    "conversation_id": first["conversation_id"]})).structured_content
        async with Client(mcp_server.build_server(services, keys["bram"])) as other:
            stolen = await other.call_tool("reflect", {"message": "Mag ik meelezen?",
                                                       "conversation_id": first["conversation_id"]})
        return first, second, stolen

    first, second, stolen = run(talk)
    assert first["reply"] and second["conversation_id"] == first["conversation_id"]
    assert stolen.is_error  # bram cannot continue anne's conversation (404 in the companion)
    with services.sessions() as session:
        conv = conversations.get_owned(session, principal(services, "anne"), first["conversation_id"])
        users = [m.content for m in conv.messages if m.role == "user"]
    assert users == [story, "Ik wilde dat zij eerst luisterde."]  # stored in order; bram's message nowhere


def test_over_http_the_bearer_key_decides_and_a_revoked_key_stops_at_once(world):
    services, _client, ids, keys = world

    async def call(url: str, key: str, query: str):
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
            async with Client(mcp_server_transport(url, http)) as c:
                return (await c.call_tool("search", {"query": query})).structured_content

    with LiveServer(create_app(services)) as server:
        url = f"{server.url}/mcp"
        anne = anyio.run(call, url, keys["anne"], "overdracht nachtdienst")
        bram = anyio.run(call, url, keys["bram"], "overdracht nachtdienst geheime")
        assert any("Overdracht in de nachtdienst" in r["title"] for r in anne["results"])
        assert not any("Overdracht in de nachtdienst" in r["title"] for r in bram["results"])
        assert any("Bram zijn geheime" in r["title"] for r in bram["results"])
        for headers in ({}, {"Authorization": "Bearer cmp_not-a-key"}):
            r = httpx2.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "ping"}, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        with services.sessions() as session:
            me = principal(services, "bram")
            key_id = api_keys.list_keys(session, me, clock=services.clock)[0]["id"]
            api_keys.revoke(session, me, key_id=key_id, clock=services.clock)
            session.commit()
        r = httpx2.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
                        headers={"Authorization": f"Bearer {keys['bram']}"})
        assert r.status_code == 401 and r.json()["code"] == "api_key_revoked"


def mcp_server_transport(url: str, http):
    from mcp.client.streamable_http import streamable_http_client

    return streamable_http_client(url, http_client=http)


def test_companion_mcp_over_stdio(tmp_path):
    """The command a desktop client starts: `python -m companion mcp`, the key in COMPANION_API_KEY."""
    data = tmp_path / "stdio-data"
    services = make_services(Settings(data_dir=data))
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Stdio")
        people.create_person(session, org_id=org.id, username="sam", password="password-1", role="professional",
                             display_name="Sam", team="Team S")
        session.commit()
    key = new_key(services, "sam")
    services.engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "OPENAI_"))}
    params = StdioServerParameters(command=sys.executable, args=["-m", "companion", "mcp"],
                                   env={**env, "COMPANION_DATA_DIR": str(data), "COMPANION_API_KEY": key,
                                        "HF_HUB_OFFLINE": "1"})

    async def over_stdio():
        async with Client(params, read_timeout_seconds=60) as c:
            names = {t.name for t in (await c.list_tools()).tools}
            saved = await c.call_tool("capture_situation", {"title": "Via de desktop",
                                                            "description": "Vastgelegd vanuit een chatprogramma."})
            found = await c.call_tool("search", {"query": "chatprogramma desktop"})
            return names, saved.structured_content, found.structured_content

    names, saved, found = anyio.run(over_stdio)
    assert names == TOOLS and saved["situation_id"]
    assert any(r["ref_id"] == saved["situation_id"] for r in found["results"])


def test_companion_mcp_without_a_key_says_what_to_set(monkeypatch):
    from click.testing import CliRunner

    from companion.cli import main

    monkeypatch.delenv("COMPANION_API_KEY", raising=False)
    r = CliRunner().invoke(main, ["mcp"])
    assert r.exit_code != 0 and "COMPANION_API_KEY" in r.output


def test_the_readme_shows_a_desktop_client_configuration_that_starts_this_server():
    import json

    from companion.core import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", readme, re.S) if "mcpServers" in b]
    server = blocks[0]["mcpServers"]["companion"]
    assert server["command"].endswith("/bin/companion") and server["args"] == ["mcp"]
    assert set(server["env"]) >= {"COMPANION_API_KEY", "COMPANION_DATA_DIR"}
