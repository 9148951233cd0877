"""The app under test: services with fast fake seams, and the headers of a logged-in caller."""

from __future__ import annotations

from fastapi.testclient import TestClient

from companion.core.config import Settings
from companion.services import Services, build_services
from tests.support.fakes import HashEmbeddings


def make_services(settings: Settings, model=None, embeddings=None) -> Services:
    """Services on `settings` with the fake hashed embeddings (unless given) and `model` (None: the offline guide)."""
    return build_services(settings, embeddings=embeddings or HashEmbeddings(), model=model)


def login(client: TestClient, username: str, password: str = "password-1") -> dict[str, str]:
    """The Authorization header of `username`, logged in through the API."""
    r = client.post("/api/auth/token", data={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}
