"""Lexical search: Dutch/English snowball stems, compound matching, and BM25 per scope unit.

Each scope unit (one person's items, one audience of an organisation's knowledge) has its own BM25 index
with its own statistics, so a top k can only ever hold documents of that unit: there is no global index
that is masked afterwards (which fills the top k with invisible documents) and no statistic that leaks
another person's vocabulary.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import snowballstemmer

K1 = 1.2
B = 0.75
PIECE_WEIGHT = 0.35  # compound pieces are weaker evidence than whole words
MIN_PIECE = 4  # "werk", "druk", "zorg": shorter pieces match too much
MAX_EXPANSIONS = 40  # compounds found per query word, per direction

STOPWORDS = frozenset("""
aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een en er ge
geen geweest had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je jij jou jouw kan kon kunnen
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons onze ook op over reeds te tegen toch
toen tot u uit uw van veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij
zijn zo zonder zou
a about an and are as at be been but by can could did do does for from had has have he her his how i if in into
is it its me my no not of on or our she so than that the their them then there these they this to was we were
what when which who why will with would you your
""".split())

_WORD = re.compile(r"\w+", re.UNICODE)
_nl = snowballstemmer.stemmer("dutch")
_en = snowballstemmer.stemmer("english")
_word_terms: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 500_000


def fold(text: str) -> str:
    """Lower case without diacritics: "cliënt" and "client", "één" and "een" are the same word."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _stems(word: str) -> tuple[str, ...]:
    terms = _word_terms.get(word)
    if terms is None:
        if word in STOPWORDS or len(word) < 2:
            terms = ()
        else:
            nl, en = _nl.stemWord(word), _en.stemWord(word)
            terms = (nl,) if nl == en else (nl, en)
        if len(_word_terms) < _CACHE_LIMIT:  # words are Zipf-distributed: a bounded cache catches most
            _word_terms[word] = terms
    return terms


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) >= 2]


def analyze(text: str) -> list[str]:
    """The indexed terms of a text: the Dutch and English snowball stems of its words."""
    terms: list[str] = []
    for word in _WORD.findall(fold(text)):
        terms.extend(_stems(word))
    return terms


def splits(word: str) -> list[tuple[str, str]]:
    """Ways to read a long word as two parts of at least MIN_PIECE letters, with and without a linking s/e."""
    out = []
    for i in range(MIN_PIECE, len(word) - MIN_PIECE + 1):
        head, tail = word[:i], word[i:]
        out.append((head, tail))
        if head[-1] in "se" and len(head) > MIN_PIECE:
            out.append((head[:-1], tail))
    return out


@dataclass
class LexicalDoc:
    id: str
    kind: str
    terms: list[str]  # analysed terms in order, repeats included


@dataclass
class Bm25:
    """An immutable BM25 index over one unit's documents, built in one vectorised pass.

    Postings are compressed rows: the postings of term t are rows ptr[t]:ptr[t + 1] of (docs, weights),
    each weight already holding idf × the saturated, length-normalised term frequency.
    """

    ids: list[str]
    kinds: np.ndarray
    vocab: dict[str, int] = field(default_factory=dict)
    ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    docs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    _sorted: list[str] | None = field(default=None, repr=False)
    _rsorted: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, docs: Iterable[LexicalDoc]) -> Bm25:
        """The index of docs, read one document at a time.

        Terms become int32 ids document by document, so a large unit's build never holds a Python object per
        term occurrence (at 40k chunks such a list took ~100 MiB of heap that stayed resident afterwards)."""
        ids: list[str] = []
        kind_list: list[str] = []
        vocab: dict[str, int] = {}
        flat, lengths_of = array("i"), array("i")
        for d in docs:
            ids.append(d.id)
            kind_list.append(d.kind)
            flat.extend([vocab.setdefault(t, len(vocab)) for t in d.terms])
            lengths_of.append(len(d.terms))
        n, kinds = len(ids), np.array(kind_list)
        if n == 0:
            return cls(ids=ids, kinds=kinds)
        vocab = {sys.intern(t): i for t, i in vocab.items()}  # units share their words' strings
        counts = np.frombuffer(lengths_of, dtype=np.int32).astype(np.int64)
        term = np.frombuffer(flat, dtype=np.int32).astype(np.int64)
        doc = np.repeat(np.arange(n, dtype=np.int64), counts)
        lengths = counts.astype(np.float32)
        keys, tf = np.unique(term * n + doc, return_counts=True)  # sorted by term, then document
        t_of, d_of = keys // n, (keys % n).astype(np.int32)
        df = np.bincount(t_of, minlength=len(vocab))
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = K1 * (1 - B + B * lengths / max(float(lengths.mean()), 1e-9))
        tf = tf.astype(np.float32)
        weights = (idf[t_of] * tf * (K1 + 1) / (tf + norm[d_of])).astype(np.float32)
        ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        ptr[1:] = np.cumsum(df)
        return cls(ids=ids, kinds=kinds, vocab=vocab, ptr=ptr, docs=d_of, weights=weights, idf=idf)

    def _affixed(self, piece: str, tail: bool, longer_by: int) -> list[int]:
        """Terms that start (or, with tail, end) with piece and are at least longer_by letters longer."""
        if self._sorted is None:
            self._sorted = sorted(self.vocab)
            self._rsorted = sorted(t[::-1] for t in self.vocab)
        table, key = (self._rsorted, piece[::-1]) if tail else (self._sorted, piece)
        found = []
        i = bisect.bisect_left(table, key)
        while i < len(table) and table[i].startswith(key) and len(found) < MAX_EXPANSIONS:
            if len(table[i]) >= len(key) + longer_by:
                found.append(self.vocab[table[i][::-1] if tail else table[i]])
            i += 1
        return found

    def query_terms(self, query: str) -> tuple[dict[int, float], float]:
        """Term ids with weights, and the score of a document holding each query word once.

        Compounds are matched both ways at query time: a query word also finds the compounds that contain it,
        and a query compound also finds its parts, at PIECE_WEIGHT. Inverse document frequency damps the
        accidental matches; no lexicon is needed.
        """
        n = len(self.ids)
        max_idf = math.log1p((n + 0.5) / 0.5)
        terms: dict[int, float] = {}
        ideal = 0.0
        for word in dict.fromkeys(words(query)):
            stems = _stems(word)
            known = [self.vocab[s] for s in stems if s in self.vocab]
            ideal += max((float(self.idf[t]) for t in known), default=max_idf)
            for t in known:
                terms[t] = 1.0
            if len(word) < MIN_PIECE or word.isdigit():
                continue
            stem = stems[0]
            related = self._affixed(stem, False, MIN_PIECE) + self._affixed(stem, True, MIN_PIECE)
            for head, tail in splits(stem):  # compounds sharing a part with this one, and the parts themselves
                related += self._affixed(head, False, 0) + self._affixed(tail, True, 0)
            for t in related:
                terms.setdefault(t, PIECE_WEIGHT)
        return terms, ideal

    def search(self, query: str, k: int, kinds: set[str] | None = None) -> list[tuple[str, float]]:
        """The k best (id, score) pairs with a score above zero, among documents of the given kinds only.

        Scores are divided by what a document matching every query term once would score, so they say how
        much of the query a document covers (about 0..1) and compare across units and queries.
        """
        n = len(self.ids)
        if not n or k <= 0:
            return []
        scores = np.zeros(n, dtype=np.float32)
        terms, ideal = self.query_terms(query)
        for t, weight in terms.items():
            lo, hi = self.ptr[t], self.ptr[t + 1]
            scores[self.docs[lo:hi]] += weight * self.weights[lo:hi]  # a term's postings hold each doc once
        if ideal > 0:
            scores /= ideal
        if kinds is not None:  # masked before the top k is taken, so invisible kinds never take a place
            scores[~np.isin(self.kinds, sorted(kinds))] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in order]
