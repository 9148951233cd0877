"""Hybrid retrieval beats dense-only and BM25-only on a slice of the public evaluation set (real e5, offline)."""

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from companion.benchmarks.evalset import EvalSet, index_set, load
from companion.benchmarks.retrieval import evaluate
from companion.retrieval.embeddings import E5Embeddings
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index


@pytest.fixture(scope="module")
def slice_and_index():
    full = load()
    people = {1, 3, 4}  # a nurse, a district nurse and a teacher: two organisations
    orgs = {full.people[p]["org"] for p in people}
    docs = {k: d for k, d in full.docs.items()
            if (d.owner.startswith("person:") and int(d.owner[7:]) in people)
            or (d.owner.startswith("org:") and int(d.owner[4:]) in orgs)}
    part = EvalSet(people=full.people, docs=docs, queries=[q for q in full.queries if q.person in people])
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True))
    client.reset()
    index = Index(client, E5Embeddings(), LexicalStore())
    index_set(index, part)
    return part, index


def test_hybrid_beats_either_alone_and_leaks_nothing(slice_and_index):
    part, index = slice_and_index
    results = {mode: evaluate(index, part, mode)["all"] for mode in ("dense", "lexical", "hybrid")}
    for metric in ("recall@5", "ndcg@10"):
        assert results["hybrid"][metric] > results["dense"][metric], (metric, results)
        assert results["hybrid"][metric] > results["lexical"][metric], (metric, results)
    assert all(r["leaks"] == 0 for r in results.values())
    # the relevance cut cites fewer, more relevant sources than a fixed top 5
    assert results["hybrid"]["cited_per_query"] < 4
    assert results["hybrid"]["cited_precision"] > 0.45
