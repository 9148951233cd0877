"""The scoped hybrid index: Chroma vectors plus BM25, one unit per person and per knowledge audience.

Units: "p<person>" (a person's situations and entries), "k<org>" (knowledge for the whole organisation),
"k<org>t<team>" (knowledge assigned to one team) and "g<team>" (a team's finished sessions and approved team
products, opened only for a scope whose `session_team_ids` names the team). A search only ever opens the units of
its scope, each with its own BM25 statistics and its own vectors (unit_vectors.py says where those live), so
out-of-scope results are impossible and a scoped search is as fast as an unfiltered one (Chroma scans every row for
a metadata `where` filter: it is used only to load a small unit's vectors once per change).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import chromadb
from chromadb.errors import NotFoundError
from langchain_core.embeddings import Embeddings

from companion.core.errors import ScopeError
from companion.core.principal import Scope
from companion.retrieval.embeddings import model_id
from companion.retrieval.fusion import Candidate, Fusion, cut, fuse
from companion.retrieval.lexical_store import LexicalStore, StoredItem
from companion.retrieval.unit_vectors import OWN_NAME, UnitVectors, chroma_meta, is_shared, make_chroma_client
from companion.retrieval.vector_cache import SMALL_UNIT, VectorCache

log = logging.getLogger(__name__)
BATCH = 200
__all__ = ["Hit", "Index", "IndexItem", "clip", "make_chroma_client"]


@dataclass
class IndexItem:
    """One thing to find: `id` is "<kind>:<sql id>", e.g. "situation:12" or "chunk:7".

    For knowledge, `meta["teams"]` lists the team ids that may see it; empty or absent: the whole organisation.
    """

    id: str
    kind: str
    title: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Hit:
    id: str
    kind: str
    title: str
    snippet: str
    score: float
    meta: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def clip(text: str, limit: int) -> str:
    """Text cut at a word boundary, with an ellipsis when something was left out."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


class Index:
    """Scoped hybrid search; every query names the scope it may see.

    `embeddings=None` (the model could not load) keeps the index working on lexical search alone;
    `degraded` then says why, for /api/health and the UI.
    """

    def __init__(self, client: chromadb.ClientAPI, embeddings: Embeddings | None,
                 lexical: LexicalStore | None = None, *, degraded: str | None = None, fusion: Fusion | None = None):
        self.client = client
        self.embeddings = embeddings
        self.lexical = lexical or LexicalStore()
        self.fusion = fusion or Fusion()
        self._vectors = VectorCache()
        self.degraded = degraded if embeddings is None else None
        if embeddings is None and not self.degraded:
            self.degraded = "no embedding model"
        # collection names carry the vector space, so a model change can never mix vectors
        self.space = (re.sub(r"[^a-zA-Z0-9]", "", model_id(embeddings))[:40] or "default") if embeddings else "lexical"
        self.vectors = UnitVectors(client, self.space)

    @property
    def semantic(self) -> bool:
        return self.embeddings is not None

    @property
    def mode(self) -> str:
        """"hybrid" (vectors and BM25) or "lexical" (the embedding model is unavailable)."""
        return "hybrid" if self.semantic else "lexical"

    @staticmethod
    def _knowledge_units_of(org_id: int, teams: list[int] | None) -> list[str]:
        return [f"k{org_id}t{int(t)}" for t in sorted(set(teams))] if teams else [f"k{org_id}"]

    def _org_units(self, org_id: int) -> list[str]:
        return [u for u in self.lexical.known_units(f"k{org_id}") if re.fullmatch(rf"k{org_id}(t\d+)?", u)]

    def embed_query(self, query: str) -> list[float] | None:
        """The query's vector, or None when there is no model or it failed (the search goes lexical)."""
        if not self.semantic:
            return None
        try:
            return self.embeddings.embed_query(query)
        except Exception:  # a broken model or an unreachable API must not stop retrieval
            log.exception("embedding the query failed; this search uses lexical retrieval only")
            return None

    def _upsert(self, unit: str, items: list[IndexItem]) -> None:
        """Vectors first, then the lexical store, whose version bump tells every process the unit changed."""
        if not items:
            return
        for start in range(0, len(items), BATCH) if self.semantic else ():
            batch = items[start : start + BATCH]
            try:
                vectors = self._embed_distinct([f"{i.title}\n{i.text}" for i in batch])
            except Exception:  # an unreachable embedding API: still found lexically; `companion reindex` later
                log.exception("embedding failed; %d item(s) of %s are indexed for lexical search only",
                              len(items) - start, unit)
                break
            # a failing Chroma write propagates: the caller rolls its SQL transaction back
            self.vectors.upsert(unit, [i.id for i in batch], vectors, [i.kind for i in batch],
                                [i.text for i in batch], [chroma_meta(i.kind, i.title, i.meta) for i in batch])
        self.lexical.upsert(unit, [StoredItem(id=i.id, kind=i.kind, title=i.title, text=i.text, meta=i.meta)
                                   for i in items])
        self._vectors.forget(unit)

    def _embed_distinct(self, texts: list[str]) -> list[list[float]]:
        """Embed each distinct text once: quick captures and templates repeat, and embedding is the slow part."""
        distinct = list(dict.fromkeys(texts))
        vectors = dict(zip(distinct, self.embeddings.embed_documents(distinct), strict=True))
        return [vectors[t] for t in texts]

    def _delete(self, unit: str, ids: list[str]) -> None:
        if not ids:
            return
        if self.semantic:
            self.vectors.delete(unit, ids)
        self.lexical.delete(unit, ids)
        self._vectors.forget(unit)

    def upsert_personal(self, person_id: int, items: list[IndexItem]) -> None:
        self._upsert(f"p{person_id}", items)

    def upsert_knowledge(self, org_id: int, items: list[IndexItem]) -> None:
        """Index knowledge chunks in the audience unit(s) of their teams, removing copies a re-assignment left."""
        by_unit: dict[str, list[IndexItem]] = {}
        for item in items:
            for unit in self._knowledge_units_of(org_id, item.meta.get("teams")):
                by_unit.setdefault(unit, []).append(item)
        held = self.lexical.units_holding([i.id for i in items], f"k{org_id}")
        for unit, ids in held.items():
            if re.fullmatch(rf"k{org_id}(t\d+)?", unit):
                wanted = {i.id for i in by_unit.get(unit, [])}
                self._delete(unit, [i for i in ids if i not in wanted])
        for unit, unit_items in by_unit.items():
            self._upsert(unit, unit_items)

    def upsert_team(self, team_id: int, items: list[IndexItem]) -> None:
        self._upsert(f"g{team_id}", items)

    def delete_team(self, team_id: int, ids: list[str]) -> None:
        self._delete(f"g{team_id}", ids)

    def delete_personal(self, person_id: int, ids: list[str]) -> None:
        self._delete(f"p{person_id}", ids)

    def delete_knowledge(self, org_id: int, ids: list[str]) -> None:
        for unit in self._org_units(org_id):
            self._delete(unit, ids)

    def drop_person(self, person_id: int) -> None:
        self.lexical.drop(f"p{person_id}")
        self._vectors.forget(f"p{person_id}")
        if self.semantic:
            self.vectors.drop(f"p{person_id}")

    def reset(self) -> None:
        """Remove every collection of this index, of every vector space, and the lexical items (before a rebuild)."""
        self.lexical.clear()
        self._vectors.forget()
        self.vectors.reset()

    def adopt_existing(self) -> int:
        """Fill an empty lexical store from this space's Chroma collections (an index built before it existed)."""
        if not self.semantic or not self.lexical.empty():
            return 0
        adopted = 0
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if not OWN_NAME.match(name) or not name.endswith(f"-{self.space}"):
                continue
            got = self.client.get_collection(name, embedding_function=None).get(include=["documents", "metadatas"])
            items = []
            for id_, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                meta = dict(meta or {})
                if isinstance(meta.get("teams"), str):
                    meta["teams"] = [int(t) for t in meta["teams"].split(",") if t]
                items.append(StoredItem(id=id_, kind=meta.pop("kind", ""), title=meta.pop("title", ""),
                                        text=doc or "", meta=meta))
            self.lexical.upsert(name.rsplit("-", 1)[0], items)
            adopted += len(items)
        if adopted:
            log.info("lexical index filled from %d existing vector items", adopted)
        return adopted

    @staticmethod
    def _require(scope: Scope | None) -> None:
        if not isinstance(scope, Scope):
            raise ScopeError("search needs a Scope; an unscoped search is not allowed")

    def units(self, scope: Scope, personal: bool = True, knowledge: bool = True) -> list[str]:
        """The only units a search in this scope may open."""
        self._require(scope)
        units = [f"p{scope.person_id}"] if personal else []
        if knowledge:
            if scope.all_teams:
                units += self._org_units(scope.org_id) or [f"k{scope.org_id}"]
            else:
                units += [f"k{scope.org_id}"] + [f"k{scope.org_id}t{t}" for t in sorted(scope.team_ids)]
        units += [f"g{t}" for t in sorted(scope.session_team_ids)]
        return units

    def count(self, scope: Scope) -> int:
        return len({id_ for unit in self.units(scope) for id_ in self.lexical.ids(unit)})

    def search(self, query: str, scope: Scope, k: int = 5, kinds: set[str] | None = None,
               personal: bool = True, knowledge: bool = True, vector: list[float] | None = None, *,
               relevant_only: bool = False, mode: str | None = None) -> list[Hit]:
        """The k best hits for query among the scope's own items and the knowledge its teams may see.

        `vector` is the query's embedding when the caller already has it (several searches for one query).
        `relevant_only` drops hits too weak to cite (what a reply cites);
        `mode` ("dense", "lexical", "hybrid") is for benchmarks.
        """
        self._require(scope)
        if not query.strip() or k <= 0:
            return []
        mode = mode or "hybrid"
        pool = max(3 * k, 30)
        cands: dict[str, Candidate] = {}
        if mode in ("hybrid", "dense"):
            vector = vector if vector is not None else self.embed_query(query)
        units = [u for u in self.units(scope, personal, knowledge)
                 if not (kinds is not None and u.startswith("k") and "knowledge" not in kinds)]
        versions = self.lexical.versions(units)  # one round trip: has another worker changed any of them?
        for unit in units:
            bm25 = self.lexical.index(unit, versions[unit])
            if mode in ("hybrid", "dense") and vector is not None:
                self._dense(unit, vector, pool, kinds, cands, size=len(bm25.ids), version=versions[unit])
            if mode in ("hybrid", "lexical") or vector is None:
                for id_, score in bm25.search(query, pool, kinds):
                    c = cands.setdefault(id_, Candidate(id=id_, unit=unit))
                    c.bm25 = max(c.bm25 or 0.0, score)
        ranked = fuse(list(cands.values()), self.fusion)
        ranked = cut(ranked, self.fusion)[:k] if relevant_only else ranked[:k]
        return self._hits(ranked)

    def _dense(self, unit: str, vector: list[float], pool: int, kinds: set[str] | None,
               cands: dict[str, Candidate], size: int, version: int | None = None) -> None:
        """Nearest neighbours in the unit; `size` is the unit's item count from the lexical store.

        People's and teams' units, and small knowledge units, are scored exactly in memory; a large knowledge
        unit asks its own collection's HNSW index (knowledge units hold one kind: no kind filter needed)."""
        n = size  # a unit the lexical store does not hold has no vectors either (`adopt_existing` at start)
        if n == 0:
            return
        try:
            if n <= SMALL_UNIT or is_shared(unit):
                version = self.lexical.version(unit) if version is None else version
                found = self._vectors.search(unit, version, lambda: self.vectors.fetch(unit), vector, pool, kinds)
            else:
                found = self.vectors.query(unit, vector, min(pool, n), None)
        except NotFoundError:  # deleted by another process since the handle was cached
            self.vectors.forget(unit)
            return
        for id_, cosine in found:
            c = cands.setdefault(id_, Candidate(id=id_, unit=unit))
            c.cosine = max(c.cosine if c.cosine is not None else -1.0, cosine)

    def _hits(self, ranked: list[Candidate]) -> list[Hit]:
        by_unit: dict[str, list[str]] = {}
        for c in ranked:
            by_unit.setdefault(c.unit, []).append(c.id)
        stored = {id_: item for unit, ids in by_unit.items() for id_, item in self.lexical.get(unit, ids).items()}
        hits = []
        for c in ranked:
            item = stored.get(c.id)
            if item is None:  # in Chroma but no longer in the store: deleted meanwhile, never shown
                continue
            meta = dict(item.meta)
            if c.cosine is not None:
                meta["cosine"] = round(c.cosine, 4)
            hits.append(Hit(id=c.id, kind=item.kind, title=item.title, snippet=clip(item.text, 300),
                            score=round(c.score, 4), meta=meta, text=item.text))
        return hits
