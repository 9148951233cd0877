"""Query embeddings of concurrent turns in one engine call, and repeated queries from a small cache.

The query embedding is most of a turn's CPU. An embedding engine is one model behind a lock, so concurrent
turns wait for each other anyway; while one embeds, the others queue here and the next of them embeds all
queued queries in one batch (no fixed window: alone, a query goes straight through). An embedder with several
engines (`parallel`, one per core) runs that many batches at once. Each caller gets its own vector back; the
vectors are those of one-by-one calls.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

MAX_BATCH = 16
CACHE_SIZE = 1024


@dataclass
class _Request:
    text: str
    done: threading.Event = field(default_factory=threading.Event)
    vector: list[float] | None = None
    error: BaseException | None = None
    lead: bool = False


class QueryBatcher(Embeddings):
    """Wraps an `Embeddings`: documents pass through; queries are batched and cached."""

    def __init__(self, inner: Embeddings, max_batch: int = MAX_BATCH, cache_size: int = CACHE_SIZE):
        self.inner = inner
        self.model_id = getattr(inner, "model_id", type(inner).__name__.lower())
        self.max_batch, self.cache_size = max_batch, cache_size
        self._lock = threading.Lock()
        self._queue: list[_Request] = []
        self._active = 0  # batches running now, at most `parallel`
        self.parallel = max(1, int(getattr(inner, "parallel", 1)))
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self.batches = 0  # engine calls for queries, for the benchmark's report
        self.queries = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            if (hit := self._cache.get(text)) is not None:
                self._cache.move_to_end(text)
                return list(hit)
            request = _Request(text)
            self._queue.append(request)
            if self._active < self.parallel:
                self._active += 1
                request.lead = True
        while True:
            if request.lead:
                self._run_batch()
            else:
                request.done.wait()
                if request.lead and request.vector is None and request.error is None:
                    request.done.clear()  # promoted: this thread embeds the next batch, its own among them
                    continue
            if request.error is not None:
                raise request.error
            if request.vector is not None:
                return request.vector

    def _run_batch(self) -> None:
        """Embed up to max_batch queued queries, then hand the lead to the next waiting caller (if any)."""
        with self._lock:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
        try:
            vectors = self._embed([r.text for r in batch])
        except Exception as exc:  # noqa: BLE001 - every caller of the batch gets the engine's error
            for r in batch:
                r.error = exc
        else:
            with self._lock:
                for r, v in zip(batch, vectors, strict=True):
                    r.vector = list(v)
                    self._cache[r.text] = r.vector
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            self.batches += 1
            self.queries += len(batch)
            if self._queue:
                self._queue[0].lead = True
                self._queue[0].done.set()
            else:
                self._active -= 1
        for r in batch:
            r.lead = False
            r.done.set()

    def _embed(self, texts: list[str]) -> list[list[float]]:
        many = getattr(self.inner, "embed_queries", None)
        if len(texts) > 1 and many is not None:
            return many(texts)
        return [self.inner.embed_query(t) for t in texts]
