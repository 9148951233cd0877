"""The vector index over Chroma: one collection per person and one per organisation's knowledge.

Scoping by collection instead of a metadata `where` filter keeps a scoped search as fast as an
unfiltered one (Chroma scans every row for a filter) and makes out-of-scope results impossible.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError
from langchain_core.embeddings import Embeddings

from .auth import Scope
from .config import Settings
from .embeddings import model_id
from .errors import ScopeError

log = logging.getLogger(__name__)
BATCH = 200


@dataclass
class IndexItem:
    """One thing to find: `id` is "<kind>:<sql id>", e.g. "situation:12" or "chunk:7"."""

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


def make_chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma server client when COMPANION_CHROMA_URL is set, else embedded in the data folder."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_url:
        m = re.match(r"^(https?)://([^:/]+)(?::(\d+))?/?$", settings.chroma_url)
        if not m:
            raise ValueError(f"COMPANION_CHROMA_URL must look like http://host:port, not {settings.chroma_url!r}")
        scheme, host, port = m.groups()
        return chromadb.HttpClient(host=host, port=int(port or (443 if scheme == "https" else 8000)),
                                   ssl=scheme == "https", settings=chroma_settings)
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class Index:
    """Scoped semantic search; every query names the scope it may see."""

    def __init__(self, client: chromadb.ClientAPI, embeddings: Embeddings):
        self.client = client
        self.embeddings = embeddings
        self.space = re.sub(r"[^a-zA-Z0-9]", "", model_id(embeddings))[:40] or "default"

    # collection names carry the vector space, so a model change can never mix vectors
    def _person_name(self, person_id: int) -> str:
        return f"p{person_id}-{self.space}"

    def _org_name(self, org_id: int) -> str:
        return f"k{org_id}-{self.space}"

    def _collection(self, name: str, create: bool):
        if create:
            return self.client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                metadata={"space": self.space},
            )
        try:
            return self.client.get_collection(name, embedding_function=None)
        except (NotFoundError, ValueError):
            return None

    def _upsert(self, name: str, items: list[IndexItem]) -> None:
        if not items:
            return
        col = self._collection(name, create=True)
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            vectors = self.embeddings.embed_documents([f"{i.title}\n{i.text}" for i in batch])
            col.upsert(
                ids=[i.id for i in batch],
                embeddings=vectors,
                documents=[i.text for i in batch],
                metadatas=[{"kind": i.kind, "title": i.title, **i.meta} for i in batch],
            )

    def upsert_personal(self, person_id: int, items: list[IndexItem]) -> None:
        self._upsert(self._person_name(person_id), items)

    def upsert_knowledge(self, org_id: int, items: list[IndexItem]) -> None:
        self._upsert(self._org_name(org_id), items)

    def delete_personal(self, person_id: int, ids: list[str]) -> None:
        col = self._collection(self._person_name(person_id), create=False)
        if col is not None and ids:
            col.delete(ids=ids)

    def delete_knowledge(self, org_id: int, ids: list[str]) -> None:
        col = self._collection(self._org_name(org_id), create=False)
        if col is not None and ids:
            col.delete(ids=ids)

    def drop_person(self, person_id: int) -> None:
        try:
            self.client.delete_collection(self._person_name(person_id))
        except (NotFoundError, ValueError):
            pass

    def reset(self) -> None:
        """Remove every collection of this index (before a rebuild from SQL)."""
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if re.match(r"^[pk]\d+-", name):
                self.client.delete_collection(name)

    def count(self, scope: Scope) -> int:
        self._require(scope)
        total = 0
        for name in (self._person_name(scope.person_id), self._org_name(scope.org_id)):
            col = self._collection(name, create=False)
            total += col.count() if col is not None else 0
        return total

    @staticmethod
    def _require(scope: Scope | None) -> None:
        if not isinstance(scope, Scope):
            raise ScopeError("search needs a Scope; an unscoped search is not allowed")

    def search(self, query: str, scope: Scope, k: int = 5, kinds: set[str] | None = None,
               personal: bool = True, knowledge: bool = True, vector: list[float] | None = None) -> list[Hit]:
        """The k best hits for query among the scope's own items and its organisation's knowledge.

        `vector` is the query's embedding when the caller already has it (several searches for one query).
        """
        self._require(scope)
        if not query.strip() or k <= 0:
            return []
        vector = vector if vector is not None else self.embeddings.embed_query(query)
        names = ([self._person_name(scope.person_id)] if personal else []) + (
            [self._org_name(scope.org_id)] if knowledge else [])
        hits: list[Hit] = []
        for name in names:
            col = self._collection(name, create=False)
            if col is None:
                continue
            n = col.count()
            if n == 0:
                continue
            where = {"kind": {"$in": sorted(kinds)}} if kinds else None
            res = col.query(query_embeddings=[vector], n_results=min(k, n), where=where,
                            include=["documents", "metadatas", "distances"])
            for id_, doc, meta, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0],
                                            res["distances"][0], strict=True):
                meta = dict(meta or {})
                hits.append(Hit(id=id_, kind=meta.pop("kind", ""), title=meta.pop("title", ""),
                                snippet=clip(doc or "", 300), score=round(1.0 - float(dist), 4), meta=meta,
                                text=doc or ""))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]
