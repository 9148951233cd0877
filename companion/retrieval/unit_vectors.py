"""Where each scope unit's vectors live in Chroma: people's and teams' in one shared collection, knowledge in its own.

Embedded Chroma keeps about 2.5 MiB resident per collection however few vectors it holds, and an organisation has
hundreds of people: one collection per person cost ~250 MiB at 100k chunks (`companion bench index`). So personal
and team-session units ("p12", "g3") share the collection "units-<space>": a vector carries its unit in its id
("p12|situation:4") and metadata, and is only read back by unit (a `where` on the unit; the vector cache scores it
exactly in memory). Those vectors hold no text, not even a title: the words stay in SQL, so an erased person
leaves no text in Chroma. Knowledge units ("k3", "k3t5") are large and few, and keep their own collection with
its HNSW index.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from companion.core.config import Settings

log = logging.getLogger(__name__)
OWN_NAME = re.compile(r"^([pk]\d+(t\d+)?|g\d+)-")  # a unit's own collection (knowledge; people's before 0.12)
SHARED_PREFIX = "units-"
SEP = "|"


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


def chroma_meta(kind: str, title: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma accepts only scalar metadata: lists become comma-separated strings, None is left out."""
    out: dict[str, Any] = {"kind": kind, "title": title}
    for key, value in meta.items():
        if isinstance(value, (list, tuple, set)):
            out[key] = ",".join(str(v) for v in value)
        elif value is not None:
            out[key] = value
    return out


def is_shared(unit: str) -> bool:
    """People's and teams' units live in the shared collection; knowledge units in their own."""
    return unit[:1] in ("p", "g")


def collection_names(client: chromadb.ClientAPI) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


class UnitVectors:
    """The Chroma side of the index for one vector space; every call names the unit it reads or writes."""

    def __init__(self, client: chromadb.ClientAPI, space: str):
        self.client, self.space = client, space
        self._handles: dict[str, Any] = {}

    def _name(self, unit: str) -> str:
        return f"{SHARED_PREFIX}{self.space}" if is_shared(unit) else f"{unit}-{self.space}"

    def collection(self, unit: str, create: bool):
        """The unit's collection, or None when it does not exist (handles are cached: a lookup costs a query)."""
        name = self._name(unit)
        col = self._handles.get(name)
        if col is not None:
            return col
        if create:
            col = self.client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                metadata={"space": self.space})
        else:
            try:
                col = self.client.get_collection(name, embedding_function=None)
            except (NotFoundError, ValueError):
                return None
        self._handles[name] = col
        return col

    def forget(self, unit: str) -> None:
        """Drop a cached handle whose collection another process deleted."""
        self._handles.pop(self._name(unit), None)

    def upsert(self, unit: str, ids: list[str], vectors: list[list[float]], kinds: list[str],
               documents: list[str], metadatas: list[dict[str, Any]]) -> None:
        if is_shared(unit):
            rows = {"ids": [f"{unit}{SEP}{i}" for i in ids], "embeddings": vectors,
                    "metadatas": [{"unit": unit, "kind": k} for k in kinds]}
        else:
            rows = {"ids": ids, "embeddings": vectors, "documents": documents, "metadatas": metadatas}
        try:
            self.collection(unit, create=True).upsert(**rows)
        except NotFoundError:  # another worker's `reindex` deleted it since this handle was cached
            self.forget(unit)
            self.collection(unit, create=True).upsert(**rows)

    def delete(self, unit: str, ids: list[str]) -> None:
        col = self.collection(unit, create=False)
        if col is not None:
            col.delete(ids=[f"{unit}{SEP}{i}" for i in ids] if is_shared(unit) else ids)

    def drop(self, unit: str) -> None:
        """Every vector of the unit (a person's erasure), also from a collection of its own left by 0.11."""
        if is_shared(unit) and (col := self.collection(unit, create=False)) is not None:
            col.delete(where={"unit": unit})
        for name in (f"{unit}-{self.space}",) if is_shared(unit) else (self._name(unit),):
            self._handles.pop(name, None)
            try:
                self.client.delete_collection(name)
            except (NotFoundError, ValueError):
                pass

    def fetch(self, unit: str) -> tuple[list[str], list[str], np.ndarray]:
        """All of the unit's (ids, kinds, vectors), for exact scoring in memory."""
        col = self.collection(unit, create=False)
        if col is None:
            return [], [], np.zeros((0, 0), dtype=np.float32)
        if is_shared(unit):
            got = col.get(where={"unit": unit}, include=["embeddings", "metadatas"])
            ids = [i.split(SEP, 1)[1] for i in got["ids"]]
        else:
            got = col.get(include=["embeddings", "metadatas"])
            ids = list(got["ids"])
        matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(ids), -1)
        return ids, [(m or {}).get("kind", "") for m in got["metadatas"]], matrix

    def query(self, unit: str, vector: list[float], n: int, where: dict | None) -> list[tuple[str, float]]:
        """Approximate nearest neighbours in a knowledge unit's own collection, as (id, cosine)."""
        col = self.collection(unit, create=False)
        if col is None:
            return []
        res = col.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def ids_by_unit(self) -> dict[str, set[str]]:
        """Every unit's vector ids in this space (`companion doctor` compares them with SQL)."""
        out: dict[str, set[str]] = {}
        for name in collection_names(self.client):
            if name == f"{SHARED_PREFIX}{self.space}":
                got = self.client.get_collection(name, embedding_function=None).get(include=["metadatas"])
                for id_, meta in zip(got["ids"], got["metadatas"], strict=True):
                    out.setdefault((meta or {}).get("unit", ""), set()).add(id_.split(SEP, 1)[-1])
            elif OWN_NAME.match(name) and name.endswith(f"-{self.space}"):
                ids = self.client.get_collection(name, embedding_function=None).get(include=[])["ids"]
                out.setdefault(name[: -len(self.space) - 1], set()).update(ids)
        return out

    def reset(self) -> None:
        """Remove every collection of this index, of every vector space (before a rebuild)."""
        self._handles.clear()
        for name in collection_names(self.client):
            if OWN_NAME.match(name) or name.startswith(SHARED_PREFIX):
                self.client.delete_collection(name)

    def move_own_collections(self) -> int:
        """Move people's and teams' vectors from collections of their own (before 0.12) into the shared one."""
        moved = 0
        for name in collection_names(self.client):
            unit = name[: -len(self.space) - 1] if name.endswith(f"-{self.space}") else ""
            if not (OWN_NAME.match(name) and is_shared(unit)):
                continue
            got = self.client.get_collection(name, embedding_function=None).get(
                include=["embeddings", "metadatas"])
            for start in range(0, len(got["ids"]), 500):
                ids = got["ids"][start : start + 500]
                kinds = [(m or {}).get("kind", "") for m in got["metadatas"][start : start + 500]]
                self.upsert(unit, ids, [list(v) for v in got["embeddings"][start : start + 500]], kinds, [], [])
            self.client.delete_collection(name)
            self._handles.pop(name, None)
            moved += len(got["ids"])
        if moved:
            log.info("moved %d vectors of people and teams into the shared collection", moved)
        return moved
