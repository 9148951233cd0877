"""Without an embedding model retrieval falls back to lexical search, says so, and keeps working."""

from fastapi.testclient import TestClient

from companion.api.main import create_app
from companion.core.config import Settings
from companion.core.principal import Scope
from companion.retrieval.scoped_index import IndexItem
from companion.services import build_services
from tests.support.fakes import HashEmbeddings


class BrokenEmbeddings(HashEmbeddings):
    model_id = "broken"

    def embed_query(self, text):
        raise ConnectionError("embedding API unreachable")


def test_a_model_that_cannot_load_leaves_lexical_search_working(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", embeddings="sentence-transformers", embedding_model_path=None)
    services = build_services(settings, model=None)
    try:
        index = services.index
        assert index.mode == "lexical" and not index.semantic
        assert "sentence-transformers" in index.degraded
        index.upsert_personal(1, [IndexItem(id="situation:1", kind="situation", title="Werkdruk",
                                            text="De druk op het werk was hoog in de avonddienst")])
        hits = index.search("werkdruk avonddienst", Scope(person_id=1, org_id=1))
        assert [h.id for h in hits] == ["situation:1"]
        with TestClient(create_app(services)) as client:
            health = client.get("/api/health").json()
        assert health["retrieval"] == "lexical" and "sentence-transformers" in health["retrieval_notice"]
    finally:
        services.engine.dispose()


def test_a_missing_local_model_folder_is_never_downloaded(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", embeddings="sentence-transformers",
                        embedding_model_path=tmp_path / "no-such-model")
    services = build_services(settings, model=None)
    try:
        assert services.index.mode == "lexical"
    finally:
        services.engine.dispose()


def test_a_query_whose_embedding_fails_is_answered_lexically(settings):
    services = build_services(settings, embeddings=BrokenEmbeddings(), model=None)
    try:
        services.index.upsert_personal(1, [IndexItem(id="entry:1", kind="entry", title="Overdracht",
                                                     text="SBAR bij de overdracht")])
        assert services.index.mode == "hybrid"
        assert [h.id for h in services.index.search("overdracht", Scope(person_id=1, org_id=1))] == ["entry:1"]
    finally:
        services.engine.dispose()


def test_health_says_hybrid_when_the_model_loads(client):
    assert client.get("/api/health").json()["retrieval"] == "hybrid"
