"""Shared fixtures: no network, state in a temp dir, fake seams, an API client and a live server."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from companion.registry import register_review_kinds
from companion.services import Services
from companion.trust import auth
from tests.support.app import login, make_services
from tests.support.fake_openai import FakeOpenAI
from tests.support.fakes import ScriptedChatModel
from tests.support.servers import LiveServer

# COMPANION_TEST_TRAVEL_DAYS=N moves every clock of the run N days (tests/system/test_any_date.py uses it)
pytest_plugins = ["tests.support.time_travel"]

_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    """Only loopback and Unix sockets: a test can never reach a real model or the network."""
    if isinstance(address, tuple):
        host = address[0]
        try:
            ok = ipaddress.ip_address(host).is_loopback
        except ValueError:
            ok = host == "localhost"
        if not ok:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)


# The longest test files go first (longest-processing-time-first): with two xdist workers, a 100-second file that
# is handed out last leaves the other worker idle at the end. Stable: the order inside a file is kept.
SLOW_FIRST = ("tests/system/test_any_date.py", "tests/system/test_canary_leaks.py",
              "tests/system/test_walkthrough.py", "tests/system/test_fuzz_api.py", "tests/system/test_no_network.py",
              "tests/system/test_browser_teams.py", "tests/system/test_scale_out.py")


def pytest_collection_modifyitems(config, items) -> None:
    rank = {path: n for n, path in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(SLOW_FIRST)))


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "scripted_model: `services` (and so `client` and `live_api`) answer with the "
                                       "scripted `fake_model` instead of the offline guide")


@pytest.fixture(scope="session", autouse=True)
def _review_kinds() -> None:
    """What the API and the CLI do at start: register the kinds the review queue knows."""
    register_review_kinds()


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COMPANION_DATABASE_URL", "COMPANION_CHROMA_URL",
                "COMPANION_DEMO", "COMPANION_ENV", "COMPANION_SECRET_KEY", "COMPANION_CHAT_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("COMPANION_XAPI_SEND_INTERVAL", "0")  # no background sender; tests call send_due themselves
    monkeypatch.chdir(tmp_path)  # no stray ./data or .env from the checkout


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch) -> None:
    """Argon2 with minimal cost: the real parameters cost ~0.2 s per login, which adds up over hundreds of tests."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    monkeypatch.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def fake_model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def services(request, settings) -> Iterator[Services]:
    """Offline-guide services with fast fake embeddings; in a test marked `scripted_model`, `fake_model` answers."""
    model = request.getfixturevalue("fake_model") if request.node.get_closest_marker("scripted_model") else None
    svc = make_services(settings, model=model)
    yield svc
    svc.engine.dispose()


@pytest.fixture
def llm_services(settings, fake_model) -> Iterator[Services]:
    svc = make_services(settings, model=fake_model)
    yield svc
    svc.engine.dispose()


@pytest.fixture
def org(services):
    """One organisation with a team, two professionals, an expert and an admin (password 'password-1')."""
    from companion.trust import people

    with services.sessions() as session:
        o = people.get_or_create_org(session, "Testorg")
        for username, role in [("anne", "professional"), ("bram", "professional"), ("eva", "expert"),
                               ("admin", "admin")]:
            people.create_person(session, org_id=o.id, username=username, password="password-1", role=role,
                                 display_name=username.capitalize(), team="Team A")
        session.commit()
        return o.id


@pytest.fixture
def client(services, org) -> Iterator[TestClient]:
    with TestClient(create_app(services)) as c:
        yield c


@pytest.fixture
def anne(client) -> dict[str, str]:
    return login(client, "anne")


@pytest.fixture
def bram(client) -> dict[str, str]:
    return login(client, "bram")


@pytest.fixture
def admin(client) -> dict[str, str]:
    return login(client, "admin")


@pytest.fixture
def live_api(services, org) -> Iterator[LiveServer]:
    with LiveServer(create_app(services)) as server:
        yield server


@pytest.fixture
def no_chat_rate(services) -> None:
    """No per-minute chat limit: for long walks through a cycle (the limit has its own tests)."""
    services.settings.chat_messages_per_minute = 0


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """A fake OpenAI-compatible server on a loopback port, scripted per request."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def base_url(fake) -> str:
    """The fake server's OpenAI base URL."""
    return f"{fake.url}/v1"
