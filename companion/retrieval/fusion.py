"""Fusing semantic and lexical candidates into one ranking, and cutting off what is too weak to cite."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fusion:
    """How the two rankings are combined; the defaults are tuned on eval/retrieval (see the README)."""

    method: str = "score"  # "score": weighted normalised scores; "rrf": reciprocal rank fusion
    dense_weight: float = 0.6
    rrf_k: int = 60
    cut_ratio: float = 0.7  # a hit is cited only when its score is at least this share of the best hit's
    cut_floor: float = 0.0  # and at least this absolute fused score


@dataclass
class Candidate:
    id: str
    unit: str
    cosine: float | None = None
    bm25: float | None = None
    score: float = 0.0


def _rank(cands: list[Candidate], attr: str) -> dict[str, int]:
    present = [c for c in cands if getattr(c, attr) is not None]
    present.sort(key=lambda c: getattr(c, attr), reverse=True)
    return {c.id: r for r, c in enumerate(present)}


def fuse(cands: list[Candidate], fusion: Fusion) -> list[Candidate]:
    """The candidates with `score` in [0, 1] set, best first (ties keep a stable, id-based order)."""
    if not cands:
        return []
    has_dense = any(c.cosine is not None for c in cands)
    has_lex = any(c.bm25 is not None for c in cands)
    wd = fusion.dense_weight if has_dense and has_lex else (1.0 if has_dense else 0.0)
    wl = 1.0 - wd
    if fusion.method == "rrf":
        rd, rl = _rank(cands, "cosine"), _rank(cands, "bm25")
        best = wd / (fusion.rrf_k + 1) + wl / (fusion.rrf_k + 1)
        for c in cands:
            s = (wd / (fusion.rrf_k + 1 + rd[c.id]) if c.id in rd else 0.0) + (
                wl / (fusion.rrf_k + 1 + rl[c.id]) if c.id in rl else 0.0)
            c.score = s / best
    else:
        cos = [c.cosine for c in cands if c.cosine is not None]
        lo, hi = (min(cos), max(cos)) if cos else (0.0, 1.0)
        for c in cands:
            d = (c.cosine - lo) / (hi - lo) if c.cosine is not None and hi > lo else (1.0 if c.cosine else 0.0)
            lex = min(1.0, c.bm25 or 0.0)  # BM25 as the share of the query covered (see Bm25.search)
            c.score = wd * d + wl * lex
    cands.sort(key=lambda c: (-c.score, c.id))
    return cands


def cut(ranked: list[Candidate], fusion: Fusion) -> list[Candidate]:
    """Drops the weak tail: hits far below the best one are not worth citing. The best hit always stays."""
    if not ranked:
        return []
    bar = max(ranked[0].score * fusion.cut_ratio, fusion.cut_floor)
    return [ranked[0]] + [c for c in ranked[1:] if c.score >= bar]
