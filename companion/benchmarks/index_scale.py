"""`companion bench index`: indexing throughput, scoped search latency, memory and cold start at scale.

A synthetic organisation of N chunks: 40% org-wide knowledge, 20% knowledge of 10 teams, 40% personal items
(400 per person). Texts are Zipf-distributed words from the evaluation set's vocabulary (60 per chunk);
vectors are random 384-d unit vectors, so the run measures the index, not an embedding model. Every figure
has a peer measured in the same run: plain Chroma `add` of the same vectors into one collection, and an
unfiltered (and a per-person `where`) query on that collection, the unfiltered one interleaved with our
searches so both see the same machine load. Each phase runs in its own process, so its memory is its own.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import click
import numpy as np
from langchain_core.embeddings import Embeddings

from companion.benchmarks.measure import pcts

DIM = 384
WORDS_PER_CHUNK = 60
PER_PERSON = 400
TEAMS = 10
PLAIN_BATCH = 500  # the batch of the pilot's plain `add` figure (performance anchors)


class RandomEmbeddings(Embeddings):
    """Random unit vectors: as cheap as an embedding can be, so only the index is measured."""

    model_id = "rand384"

    def __init__(self, seed: int = 0):
        self._rng = np.random.default_rng(seed)

    def _vectors(self, n: int) -> np.ndarray:
        v = self._rng.standard_normal((n, DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._vectors(len(texts))  # Chroma takes arrays; converting to lists would only cost time

    def embed_query(self, text: str) -> list[float]:
        return self._vectors(1)[0].tolist()


def _vocabulary() -> list[str]:
    from companion.benchmarks.evalset import load

    words: dict[str, None] = {}
    for d in load().docs.values():
        for w in re.findall(r"[a-zA-Zëéïü]{3,}", f"{d.title} {d.text}".lower()):
            words[w] = None
    return list(words)


def corpus(n: int, seed: int = 7) -> list[dict]:
    """The synthetic organisation: one dict per chunk with its unit, owner fields and text."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    weights = [1 / (r + 1) for r in range(len(vocab))]
    n_org, n_team = int(n * 0.4), int(n * 0.2)
    people = max(1, (n - n_org - n_team) // PER_PERSON)
    rows = []
    for i in range(n):
        if i < n_org:
            unit, person, team = "org", None, None
        elif i < n_org + n_team:
            unit, person, team = "team", None, i % TEAMS + 1
        else:
            unit, person, team = "person", i % people + 1, (i % people) % TEAMS + 1
        text = " ".join(rng.choices(vocab, weights, k=WORDS_PER_CHUNK))
        rows.append({"id": f"chunk:{i}", "unit": unit, "person": person, "team": team, "text": text})
    return rows


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0



def _queries(rows: list[dict], count: int, seed: int = 11) -> list[tuple[str, int, int, list[float]]]:
    rng = random.Random(seed)
    emb = RandomEmbeddings(seed)
    people = sorted({r["person"] for r in rows if r["person"]})
    out = []
    for _ in range(count):
        words = rng.choice(rows)["text"].split()
        person = rng.choice(people)
        out.append((" ".join(rng.sample(words, 5)), person, (person % TEAMS) + 1, emb.embed_query("")))
    return out


def phase_plain(path: str, n: int, queries: int) -> dict:
    """The peer: plain Chroma `add` into one collection, then unfiltered and per-person `where` queries."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    rows = corpus(n)
    rss0 = _rss_mib()
    client = chromadb.PersistentClient(path=path, settings=ChromaSettings(anonymized_telemetry=False))
    col = client.get_or_create_collection("plain", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    emb = RandomEmbeddings()
    t0 = time.perf_counter()
    for s in range(0, n, PLAIN_BATCH):
        batch = rows[s : s + PLAIN_BATCH]
        col.add(ids=[r["id"] for r in batch], embeddings=emb.embed_documents([r["text"] for r in batch]),
                documents=[r["text"] for r in batch],
                metadatas=[{"unit": r["unit"], "person": r["person"] or 0, "team": r["team"] or 0} for r in batch])
    add_s = time.perf_counter() - t0
    qs = _queries(rows, queries)
    unfiltered, where = [], []
    for _text, _person, _team, vec in qs:
        t = time.perf_counter()
        col.query(query_embeddings=[vec], n_results=8, include=["documents", "distances"])
        unfiltered.append((time.perf_counter() - t) * 1000)
    for _text, person, _team, vec in qs[: max(10, queries // 10)]:
        t = time.perf_counter()
        col.query(query_embeddings=[vec], n_results=8, where={"person": person}, include=["documents", "distances"])
        where.append((time.perf_counter() - t) * 1000)
    return {"add_chunks_per_s": round(n / add_s, 1), "add_seconds": round(add_s, 1),
            "query_unfiltered": pcts(unfiltered), "query_where_person": pcts(where),
            "rss_mib": round(_rss_mib(), 1), "rss_increase_mib": round(_rss_mib() - rss0, 1)}


def _open_index(path: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from companion.retrieval.lexical_store import LexicalStore
    from companion.retrieval.scoped_index import Index

    client = chromadb.PersistentClient(path=f"{path}/chroma", settings=ChromaSettings(anonymized_telemetry=False))
    return Index(client, RandomEmbeddings(), LexicalStore(f"{path}/lexical.db"))


def phase_ours(path: str, plain_path: str, n: int, queries: int) -> dict:
    """companion's Index: build the organisation unit by unit, then scoped hybrid searches.

    The peer's unfiltered query runs interleaved with ours in this process, so both see the same load.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from companion.core.principal import Scope
    from companion.retrieval.scoped_index import IndexItem

    rows = corpus(n)
    rss0 = _rss_mib()
    index = _open_index(path)
    t0 = time.perf_counter()
    batch_size = 2000  # how many chunks the caller hands over at once; the Index batches Chroma itself
    for s in range(0, n, batch_size):
        units: dict[tuple, list[IndexItem]] = {}
        for r in rows[s : s + batch_size]:
            key = ("p", r["person"]) if r["unit"] == "person" else ("k", r["team"])
            meta = {"teams": [r["team"]]} if r["unit"] == "team" else {}
            kind = "situation" if r["unit"] == "person" else "knowledge"
            units.setdefault(key, []).append(IndexItem(id=r["id"], kind=kind, title="", text=r["text"], meta=meta))
        for (kind, owner), items in units.items():
            if kind == "p":
                index.upsert_personal(owner, items)
            else:
                index.upsert_knowledge(1, items)
    add_s = time.perf_counter() - t0
    qs = _queries(rows, queries)
    t = time.perf_counter()
    for _text, person, team, _vec in qs[:1]:  # builds the BM25 indexes of the units this search opens
        index.search("warm", Scope(person_id=person, org_id=1, team_ids=frozenset({team})), k=8)
    first_build_s = time.perf_counter() - t
    first_person = []
    for _text, person, team, _vec in {q[1]: q for q in qs}.values():  # a person's first search builds their unit
        t = time.perf_counter()
        index.search("warm", Scope(person_id=person, org_id=1, team_ids=frozenset({team})), k=8)
        first_person.append((time.perf_counter() - t) * 1000)
    rss = _rss_mib()
    plain = chromadb.PersistentClient(path=plain_path, settings=ChromaSettings(anonymized_telemetry=False))
    plain_col = plain.get_collection("plain", embedding_function=None)
    plain_col.query(query_embeddings=[qs[0][3]], n_results=8)
    scoped, lexical_only, unfiltered = [], [], []
    for text, person, team, vec in qs:
        scope = Scope(person_id=person, org_id=1, team_ids=frozenset({team}))
        t = time.perf_counter()
        index.search(text, scope, k=8, vector=vec)
        scoped.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        plain_col.query(query_embeddings=[vec], n_results=8, include=["documents", "distances"])
        unfiltered.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        index.search(text, scope, k=8, mode="lexical")
        lexical_only.append((time.perf_counter() - t) * 1000)
    return {"index_chunks_per_s": round(n / add_s, 1), "index_seconds": round(add_s, 1),
            "first_search_with_bm25_build_s": round(first_build_s, 2),
            "first_search_of_a_person": pcts(first_person),
            "search_scoped_hybrid": pcts(scoped), "search_scoped_lexical": pcts(lexical_only),
            "plain_unfiltered_interleaved": pcts(unfiltered),
            "rss_mib": round(rss, 1), "rss_increase_mib": round(rss - rss0, 1)}


def phase_cold(path: str, plain_path: str) -> dict:
    """A fresh process: open the stores and run the first scoped search (ours) or query (plain)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from companion.core.principal import Scope

    t = time.perf_counter()
    index = _open_index(path)
    index.search("werkdruk avonddienst", Scope(person_id=1, org_id=1, team_ids=frozenset({2})), k=8)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    client = chromadb.PersistentClient(path=plain_path, settings=ChromaSettings(anonymized_telemetry=False))
    client.get_collection("plain").query(query_embeddings=[RandomEmbeddings().embed_query("")], n_results=8)
    plain = time.perf_counter() - t
    return {"ours_s": round(ours, 2), "plain_chroma_s": round(plain, 2)}


def _in_child(fn, *args):
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def run(sizes: list[int], queries: int) -> dict:
    report: dict = {"layout": {"org_wide": 0.4, "teams": 0.2, "personal": 0.4, "per_person": PER_PERSON,
                               "team_count": TEAMS, "dim": DIM, "words_per_chunk": WORDS_PER_CHUNK},
                    "sizes": {}}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
            plain = _in_child(phase_plain, f"{tmp}/plain", n, queries)
            ours = _in_child(phase_ours, f"{tmp}/ours", f"{tmp}/plain", n, queries)
            cold = _in_child(phase_cold, f"{tmp}/ours", f"{tmp}/plain")
        ratio = {
            "indexing_vs_plain_add": round(ours["index_chunks_per_s"] / plain["add_chunks_per_s"], 2),
            "scoped_p50_vs_unfiltered_p50": round(ours["search_scoped_hybrid"]["p50_ms"]
                                                  / ours["plain_unfiltered_interleaved"]["p50_ms"], 2),
            "scoped_p95_vs_unfiltered_p95": round(ours["search_scoped_hybrid"]["p95_ms"]
                                                  / ours["plain_unfiltered_interleaved"]["p95_ms"], 2),
            "where_p95_vs_scoped_p95": round(plain["query_where_person"]["p95_ms"]
                                             / ours["search_scoped_hybrid"]["p95_ms"], 2),
            "rss_vs_plain": round(ours["rss_mib"] / plain["rss_mib"], 2),
        }
        report["sizes"][str(n)] = {"plain_chroma": plain, "companion": ours, "cold_start": cold, "ratios": ratio}
        hyb = ours["search_scoped_hybrid"]
        click.echo(f"{n:>8} chunks: index {ours['index_chunks_per_s']}/s (plain add {plain['add_chunks_per_s']}/s), "
                   f"scoped p50/p95 {hyb['p50_ms']}/{hyb['p95_ms']} ms "
                   f"(unfiltered, interleaved {ours['plain_unfiltered_interleaved']['p50_ms']}/"
                   f"{ours['plain_unfiltered_interleaved']['p95_ms']} ms, "
                   f"where {plain['query_where_person']['p50_ms']}/{plain['query_where_person']['p95_ms']} ms), "
                   f"RSS {ours['rss_mib']} MiB (plain {plain['rss_mib']}), cold start {cold['ours_s']} s "
                   f"(plain {cold['plain_chroma_s']} s)")
    return report


@click.command("index")
@click.option("--sizes", default="10000,100000", show_default=True, help="Comma-separated chunk counts.")
@click.option("--queries", default=200, show_default=True, help="Searches measured per size.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the JSON here.")
def index_command(sizes: str, queries: int, out: Path | None) -> None:
    """Index scale: chunks/s, scoped search p50/p95, memory and cold start against plain Chroma."""
    report = run([int(s) for s in sizes.split(",") if s.strip()], queries)
    if out:
        out.write_text(json.dumps(report, indent=2), encoding="utf-8")
        click.echo(f"wrote {out}")
