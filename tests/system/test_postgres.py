"""The same schema and chat turn on PostgreSQL, in a throwaway cluster on a loopback port."""

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from tests.support.app import make_services
from tests.support.cluster import postgres


@pytest.fixture
def postgres_url():
    with postgres() as url:  # a throwaway cluster (tests/support/cluster.py), required in CI
        yield url


def test_chat_turn_on_postgres(postgres_url, tmp_path):
    from companion.trust import people

    services = make_services(Settings(data_dir=tmp_path / "data", database_url=postgres_url))
    assert services.engine.dialect.name == "postgresql"
    with services.sessions() as session:
        org = people.get_or_create_org(session, "PG org")
        people.create_person(session, org_id=org.id, username="anne", password="password-1", role="professional")
        session.commit()
    with TestClient(create_app(services)) as client:
        token = client.post("/api/auth/token", data={"username": "anne", "password": "password-1"}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        conv = client.post("/api/conversations", headers=headers, json={}).json()
        r = client.post(f"/api/conversations/{conv['id']}/messages", headers=headers,
                        json={"content": "Bij de overdracht ging informatie verloren, iedereen praatte door elkaar."})
        assert r.status_code == 200, r.text
        stored = client.get(f"/api/conversations/{conv['id']}", headers=headers).json()
        assert [m["role"] for m in stored["messages"]] == ["assistant", "user", "assistant"]

        # the message count of the list, and a deleted conversation leaving its saved situation behind
        assert client.get("/api/conversations", headers=headers).json()[0]["message_count"] == 3
        sit = client.post(f"/api/conversations/{conv['id']}/situation", headers=headers).json()
        assert client.delete(f"/api/conversations/{conv['id']}", headers=headers).status_code == 204
        assert client.get(f"/api/situations/{sit['id']}", headers=headers).json()["conversation_id"] is None
    services.engine.dispose()


def test_many_concurrent_searches_inside_open_sessions_never_wait_for_a_connection_forever(postgres_url, tmp_path):
    """A search runs while its caller holds a connection (a chat turn's session): with one pool for both, as many
    callers as connections each held one and waited for a second. The lexical store has a pool of its own."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import text

    from companion.core.principal import Scope
    from companion.retrieval.scoped_index import IndexItem

    services = make_services(Settings(data_dir=tmp_path / "data", database_url=postgres_url, database_pool_size=1))
    services.index.upsert_personal(1, [IndexItem(id="situation:1", kind="situation", title="t", text="overdracht")])
    services.index.lexical._cache.clear()  # every search reads the unit's version and postings again  # noqa: SLF001

    def turn(_: int) -> int:
        with services.sessions() as session:  # holds one of the main pool's 2 connections meanwhile
            session.execute(text("SELECT 1"))
            return len(services.index.search("overdracht", Scope(person_id=1, org_id=1)))

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(turn, range(16), timeout=60)) == [1] * 16
    services.engine.dispose()
