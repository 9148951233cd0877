"""The persisted side of lexical search: items per scope unit in SQLite, BM25 indexes cached in memory.

The store holds the analysed terms with each item, so a cold start only reads and counts them. A version
per unit tells a process when another process changed the unit, so its cached index is rebuilt lazily.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.retrieval.bm25 import Bm25, LexicalDoc, analyze

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (unit TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
    text TEXT NOT NULL, meta TEXT NOT NULL, terms TEXT NOT NULL, PRIMARY KEY (unit, id));
CREATE TABLE IF NOT EXISTS units (unit TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS items_by_id ON items (id);
"""


@dataclass
class StoredItem:
    id: str
    kind: str
    title: str
    text: str
    meta: dict[str, Any]


@dataclass
class _Cached:
    version: int
    index: Bm25


class LexicalStore:
    """Items per unit ("p12", "k3", "k3t5") with their terms; `search` never looks outside one unit."""

    def __init__(self, path: Path | str | None = None):
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(SCHEMA)
        self._lock = threading.RLock()
        self._cache: dict[str, _Cached] = {}

    def version(self, unit: str) -> int:
        return self._version(unit)

    def _version(self, unit: str) -> int:
        row = self._db.execute("SELECT version FROM units WHERE unit = ?", (unit,)).fetchone()
        return row[0] if row else 0

    def _bump(self, unit: str) -> None:
        self._db.execute("INSERT INTO units (unit, version) VALUES (?, 1) "
                         "ON CONFLICT(unit) DO UPDATE SET version = version + 1", (unit,))

    def upsert(self, unit: str, items: list[StoredItem]) -> None:
        if not items:
            return
        rows = [(unit, i.id, i.kind, i.title, i.text, json.dumps(i.meta, ensure_ascii=False),
                 " ".join(analyze(f"{i.title}\n{i.text}"))) for i in items]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                self._bump(unit)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def delete(self, unit: str, ids: list[str]) -> int:
        """Remove ids from a unit; returns how many were there."""
        if not ids:
            return 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            cur = self._db.executemany("DELETE FROM items WHERE unit = ? AND id = ?", [(unit, i) for i in ids])
            if cur.rowcount:
                self._bump(unit)
            self._db.execute("COMMIT")
            return cur.rowcount

    def drop(self, unit: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM items WHERE unit = ?", (unit,))
            self._bump(unit)
            self._cache.pop(unit, None)

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM items")
            self._db.execute("UPDATE units SET version = version + 1")
            self._cache.clear()

    def units_holding(self, ids: list[str], prefix: str) -> dict[str, list[str]]:
        """Which units under prefix hold which of these ids (to remove stale copies after a re-assignment)."""
        out: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for unit, id_ in self._db.execute(
                    f"SELECT unit, id FROM items WHERE id IN ({marks}) AND unit >= ? AND unit < ?",
                    (*part, prefix, prefix + "\uffff")):
                out.setdefault(unit, []).append(id_)
        return out

    def known_units(self, prefix: str) -> list[str]:
        """Units under prefix that ever held items (one row each: fast even when the units are large)."""
        rows = self._db.execute("SELECT unit FROM units WHERE unit >= ? AND unit < ?",
                                (prefix, prefix + "\uffff")).fetchall()
        return sorted(r[0] for r in rows)

    def empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM items LIMIT 1").fetchone() is None

    def units(self, prefix: str) -> list[str]:
        """Units whose name starts with prefix and that hold items, e.g. every knowledge unit of org 3."""
        rows = self._db.execute("SELECT DISTINCT unit FROM items WHERE unit >= ? AND unit < ?",
                                (prefix, prefix + "\uffff")).fetchall()
        return sorted(r[0] for r in rows)

    def count(self, unit: str) -> int:
        return self._db.execute("SELECT count(*) FROM items WHERE unit = ?", (unit,)).fetchone()[0]

    def ids(self, unit: str) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM items WHERE unit = ?", (unit,))]

    def get(self, unit: str, ids: list[str]) -> dict[str, StoredItem]:
        out: dict[str, StoredItem] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for id_, kind, title, text, meta in self._db.execute(
                    f"SELECT id, kind, title, text, meta FROM items WHERE unit = ? AND id IN ({marks})",
                    (unit, *part)):
                out[id_] = StoredItem(id=id_, kind=kind, title=title, text=text, meta=json.loads(meta))
        return out

    def all_items(self, unit: str) -> list[StoredItem]:
        return [StoredItem(id=r[0], kind=r[1], title=r[2], text=r[3], meta=json.loads(r[4])) for r in
                self._db.execute("SELECT id, kind, title, text, meta FROM items WHERE unit = ? ORDER BY id",
                                 (unit,))]

    def index(self, unit: str) -> Bm25:
        """The unit's BM25 index, rebuilt only when the unit changed since it was built."""
        with self._lock:
            version = self._version(unit)
            cached = self._cache.get(unit)
            if cached is not None and cached.version == version:
                return cached.index
            docs = [LexicalDoc(id=id_, kind=kind, terms=terms.split()) for id_, kind, terms in
                    self._db.execute("SELECT id, kind, terms FROM items WHERE unit = ?", (unit,))]
            built = Bm25.build(docs)
            self._cache[unit] = _Cached(version=version, index=built)
            return built

    def search(self, unit: str, query: str, k: int, kinds: set[str] | None = None) -> list[tuple[str, float]]:
        return self.index(unit).search(query, k, kinds)
