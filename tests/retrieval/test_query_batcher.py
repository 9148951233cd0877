"""Concurrent query embeddings are batched (each caller gets its own vector) and repeats come from a cache."""

import threading

import pytest

from companion.retrieval.query_batcher import QueryBatcher
from tests.support.fakes import HashEmbeddings


class GatedEmbeddings(HashEmbeddings):
    """Hash embeddings whose first call waits at a gate, so the test controls what queues up meanwhile."""

    def __init__(self):
        super().__init__()
        self.gate, self.entered = threading.Event(), threading.Event()
        self.calls: list[list[str]] = []

    def embed_query(self, text):
        return self.embed_queries([text])[0]

    def embed_queries(self, texts):
        self.calls.append(list(texts))
        self.entered.set()
        self.gate.wait(5)
        return [self._vector(t) for t in texts]


def test_queries_that_arrive_while_the_engine_is_busy_go_in_one_batch():
    inner = GatedEmbeddings()
    batcher = QueryBatcher(inner)
    results: dict[str, list[float]] = {}

    def ask(text):
        results[text] = batcher.embed_query(text)

    first = threading.Thread(target=ask, args=("eerste vraag",))
    first.start()
    assert inner.entered.wait(5)
    others = [threading.Thread(target=ask, args=(f"vraag {n}",)) for n in range(5)]
    for t in others:
        t.start()
    while len(batcher._queue) < 5:  # all five queued behind the busy engine
        threading.Event().wait(0.001)
    inner.gate.set()
    for t in [first, *others]:
        t.join(5)
    assert inner.calls[0] == ["eerste vraag"] and sorted(inner.calls[1]) == sorted(f"vraag {n}" for n in range(5))
    assert all(results[t] == HashEmbeddings()._vector(t) for t in results) and len(results) == 6


def test_a_repeated_query_is_served_from_the_cache_and_errors_reach_the_caller():
    inner = GatedEmbeddings()
    inner.gate.set()
    batcher = QueryBatcher(inner, cache_size=2)
    assert batcher.embed_query("a") == batcher.embed_query("a") and len(inner.calls) == 1
    inner.embed_queries = lambda texts: (_ for _ in ()).throw(RuntimeError("engine down"))
    with pytest.raises(RuntimeError):
        batcher.embed_query("b")
    assert batcher.embed_query("a")  # still cached, and the batcher is not stuck after an error
