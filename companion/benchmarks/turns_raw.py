"""The raw parts `companion bench turns` sets a turn beside, each measured on its own in the same run: a query
embedding, a Chroma query, one SQL insert and commit, tiktoken on a prompt, and the raw `openai` SDK streaming from
the same stub model; and the chat messages the bench sends."""

from __future__ import annotations

import os
import random
import tempfile
import threading
import time
from pathlib import Path

from companion.benchmarks.measure import pcts

OPENERS = ("In het teamoverleg", "Bij de overdracht", "Tijdens de avonddienst", "Op de werkvloer",
           "In het gesprek met mijn leidinggevende", "Bij een cliënt thuis", "In de les", "Na de vergadering")
DEEDS = ("onderbrak een collega mij steeds", "zei ik niets terwijl ik het oneens was", "liep de planning uit",
         "kreeg ik onverwacht kritiek", "vergat ik een afspraak na te komen", "bleef een vraag onbeantwoord",
         "voelde ik me niet gehoord", "nam ik het werk van een ander over")


def message(rng: random.Random, n: int) -> str:
    """A distinct, realistic message: no two turns share a query embedding (the cache never flatters)."""
    return f"{rng.choice(OPENERS)} {rng.choice(DEEDS)} ({n}); wat {rng.choice(('kan', 'wil', 'moet'))} ik daarmee?"



def raw_embedding(samples: int) -> dict:
    """Query embeddings with the configured model (COMPANION_EMBEDDINGS), the one the API embeds with."""
    from companion.core.config import Settings
    from companion.retrieval import load_embeddings, model_id

    emb, reason = load_embeddings(Settings())
    if emb is None:
        return {"error": reason}
    rng = random.Random(3)
    emb.embed_query("opwarmen")
    times = []
    for n in range(samples):
        text = message(rng, 10_000 + n)
        t = time.perf_counter()
        emb.embed_query(text)
        times.append((time.perf_counter() - t) * 1000)
    return {**pcts(times), "model": model_id(emb)}


def raw_chroma(samples: int, size: int = 5000) -> dict:
    import chromadb
    import numpy as np
    from chromadb.config import Settings as ChromaSettings

    with tempfile.TemporaryDirectory(prefix="bench-turns-chroma-") as tmp:
        if url := os.environ.get("COMPANION_CHROMA_URL"):  # the same Chroma server the deployment uses
            from companion.core.config import Settings
            from companion.retrieval import make_chroma_client

            client = make_chroma_client(Settings(chroma_url=url, data_dir=Path(tmp)))
        else:
            client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
        name = f"bench-raw-{os.getpid()}"
        col = client.get_or_create_collection(name, embedding_function=None,
                                              configuration={"hnsw": {"space": "cosine"}})
        rng = np.random.default_rng(0)
        vectors = rng.standard_normal((size, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for s in range(0, size, 500):
            col.add(ids=[f"c{i}" for i in range(s, min(size, s + 500))], embeddings=vectors[s : s + 500],
                    documents=["tekst"] * len(vectors[s : s + 500]))
        times = []
        for n in range(samples):
            t = time.perf_counter()
            col.query(query_embeddings=[vectors[n % size]], n_results=8, include=["documents", "distances"])
            times.append((time.perf_counter() - t) * 1000)
        client.delete_collection(name)
        return {**pcts(times), "collection_size": size, "chroma": "server" if url else "embedded"}


def raw_sql(samples: int, database_url: str | None) -> dict:
    from sqlalchemy import create_engine, text

    with tempfile.TemporaryDirectory(prefix="bench-turns-sql-") as tmp:
        url = database_url or f"sqlite:///{tmp}/raw.db"
        engine = create_engine(url)
        with engine.begin() as con:
            if url.startswith("sqlite"):
                con.exec_driver_sql("PRAGMA journal_mode=WAL")
            con.execute(text("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, body TEXT)"))
        times = []
        try:
            with engine.connect() as con:
                for n in range(samples):
                    t = time.perf_counter()
                    con.execute(text("INSERT INTO bench_raw (id, body) VALUES (:i, :b)"), {"i": n, "b": "x" * 300})
                    con.commit()
                    times.append((time.perf_counter() - t) * 1000)
        finally:
            with engine.begin() as con:
                con.execute(text("DROP TABLE bench_raw"))
            engine.dispose()
        return {**pcts(times), "database": url.split(":", 1)[0]}


def raw_tiktoken(samples: int) -> dict:
    from companion.llm import token_count

    prompt = " ".join(message(random.Random(n), n) for n in range(150))  # about 3,000 tokens
    token_count.count(prompt)
    times = []
    for n in range(samples):
        t = time.perf_counter()
        token_count.count(prompt + str(n))
        times.append((time.perf_counter() - t) * 1000)
    return {**pcts(times), "tokens": token_count.count(prompt)}


def raw_sdk(stub_url: str, clients: int, per_client: int) -> dict:
    """The raw `openai` SDK streaming completions from the stub: the peer of the companion's turns/s."""
    import openai

    sdk = openai.OpenAI(base_url=stub_url, api_key="stub", max_retries=0)
    times: list[float] = []
    lock = threading.Lock()

    def one_client() -> None:
        for _ in range(per_client):
            t = time.perf_counter()
            chunks = sum(1 for _ in sdk.chat.completions.create(
                model="stub", messages=[{"role": "user", "content": "hoi"}], stream=True))
            with lock:
                times.append((time.perf_counter() - t) * 1000)
            assert chunks > 1

    threads = [threading.Thread(target=one_client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "completions_per_s": round(len(times) / elapsed, 2), "e2e": pcts(times)}
