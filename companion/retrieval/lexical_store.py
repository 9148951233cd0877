"""The persisted side of lexical search: items per scope unit in the main database, BM25 indexes cached in memory.

The items and their analysed terms live in SQL tables (lexical_items, lexical_units), so every API worker, on
any machine, searches the same postings: a cold worker only reads and counts them. Each unit has a version,
bumped in the same transaction as every write; a worker compares it per query (one primary-key read) and
rebuilds its cached index lazily when another worker changed the unit. Rebuilding per worker from SQL keeps
the query path in memory (microseconds per unit) while the database stays the one source of truth.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import StaticPool

from companion.models import LexicalItem, LexicalUnit
from companion.retrieval.bm25 import Bm25, LexicalDoc, analyze

ITEMS, UNITS = LexicalItem.__table__, LexicalUnit.__table__
CHUNK = 500  # rows per statement: far below PostgreSQL's 65,535 parameters
MAX_CACHED_DOCS = 250_000  # BM25 indexes kept per worker (about 1 KB a document), least recently used go first


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


def _own_engine(path: Path | str | None) -> Engine:
    """A private SQLite store (tests, benchmarks): in memory, or a file when a path is given."""
    if path is None:
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30})
    ITEMS.create(engine, checkfirst=True)
    UNITS.create(engine, checkfirst=True)
    return engine


class LexicalStore:
    """Items per unit ("p12", "k3", "k3t5") with their terms; `search` never looks outside one unit.

    Pass the main database's engine (the tables come from its migrations); without one the store keeps its
    own SQLite, in memory or in the file at `path`.
    """

    def __init__(self, target: Engine | Path | str | None = None, *, max_cached_docs: int = MAX_CACHED_DOCS):
        self.engine = target if isinstance(target, Engine) else _own_engine(target)
        self._dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        self._build_lock = threading.Lock()
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._cached_docs, self.max_cached_docs = 0, max_cached_docs

    # --- versions ---------------------------------------------------------------------------------------------
    def version(self, unit: str) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(UNITS.c.version).where(UNITS.c.unit == unit)) or 0

    def versions(self, units: list[str]) -> dict[str, int]:
        """The versions of several units in one round trip (a search opens a few; 0 for a unit never written)."""
        with self.engine.connect() as conn:
            found = dict(conn.execute(select(UNITS.c.unit, UNITS.c.version).where(UNITS.c.unit.in_(units))).all())
        return {unit: found.get(unit, 0) for unit in units}

    def _bump(self, conn, unit: str) -> None:
        # first statement of every write: it locks the unit's row, so writers of one unit queue (no deadlocks)
        stmt = self._dialect.insert(UNITS).values(unit=unit, version=1)
        conn.execute(stmt.on_conflict_do_update(index_elements=["unit"], set_={"version": UNITS.c.version + 1}))

    # --- writes -----------------------------------------------------------------------------------------------
    def upsert(self, unit: str, items: list[StoredItem]) -> None:
        if not items:
            return
        rows = sorted(({"unit": unit, "id": i.id, "kind": i.kind, "title": i.title, "text": i.text,
                        "meta": json.dumps(i.meta, ensure_ascii=False),
                        "terms": " ".join(analyze(f"{i.title}\n{i.text}"))} for i in items), key=lambda r: r["id"])
        stmt = self._dialect.insert(ITEMS)
        stmt = stmt.on_conflict_do_update(index_elements=["unit", "id"], set_={
            c: stmt.excluded[c] for c in ("kind", "title", "text", "meta", "terms")})
        with self.engine.begin() as conn:
            self._bump(conn, unit)
            for start in range(0, len(rows), CHUNK):
                conn.execute(stmt, rows[start : start + CHUNK])

    def delete(self, unit: str, ids: list[str]) -> int:
        """Remove ids from a unit; returns how many were there."""
        if not ids:
            return 0
        removed = 0
        with self.engine.begin() as conn:
            self._bump(conn, unit)
            for start in range(0, len(ids), CHUNK):
                removed += conn.execute(delete(ITEMS).where(
                    ITEMS.c.unit == unit, ITEMS.c.id.in_(ids[start : start + CHUNK]))).rowcount
        return removed

    def drop(self, unit: str) -> None:
        with self.engine.begin() as conn:
            self._bump(conn, unit)
            conn.execute(delete(ITEMS).where(ITEMS.c.unit == unit))
        self._forget(unit)

    def clear(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(UNITS).values(version=UNITS.c.version + 1))
            conn.execute(delete(ITEMS))
        with self._build_lock:
            self._cache.clear()
            self._cached_docs = 0

    def import_file(self, path: Path) -> int:
        """Take over the items an earlier version kept in <data_dir>/lexical.db (tables `items`, `units`), once."""
        path = Path(path)
        if not path.is_file():
            return 0
        old = sqlite3.connect(str(path), timeout=30)
        try:
            rows = [dict(zip(("unit", "id", "kind", "title", "text", "meta", "terms"), r, strict=True))
                    for r in old.execute("SELECT unit, id, kind, title, text, meta, terms FROM items")]
        except sqlite3.Error:  # no legacy tables: nothing to take over
            old.close()
            return 0
        if self.empty():
            with self.engine.begin() as conn:
                for unit in sorted({r["unit"] for r in rows}):
                    self._bump(conn, unit)
                for start in range(0, len(rows), CHUNK):
                    conn.execute(insert(ITEMS), rows[start : start + CHUNK])
        with old:  # taken over: never again (a store emptied on purpose must stay empty)
            old.execute("DROP TABLE IF EXISTS items")
            old.execute("DROP TABLE IF EXISTS units")
        old.close()
        return len(rows)

    # --- reads ------------------------------------------------------------------------------------------------
    def _rows(self, stmt) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(stmt))

    def units_holding(self, ids: list[str], prefix: str) -> dict[str, list[str]]:
        """Which units under prefix hold which of these ids (to remove stale copies after a re-assignment)."""
        out: dict[str, list[str]] = {}
        for start in range(0, len(ids), CHUNK):
            for unit, id_ in self._rows(select(ITEMS.c.unit, ITEMS.c.id).where(
                    ITEMS.c.id.in_(ids[start : start + CHUNK]), ITEMS.c.unit >= prefix,
                    ITEMS.c.unit < prefix + "\uffff")):
                out.setdefault(unit, []).append(id_)
        return out

    def known_units(self, prefix: str) -> list[str]:
        """Units under prefix that ever held items (one row each: fast even when the units are large)."""
        return sorted(r[0] for r in self._rows(select(UNITS.c.unit).where(
            UNITS.c.unit >= prefix, UNITS.c.unit < prefix + "\uffff")))

    def empty(self) -> bool:
        return not self._rows(select(ITEMS.c.id).limit(1))

    def units(self, prefix: str) -> list[str]:
        """Units whose name starts with prefix and that hold items, e.g. every knowledge unit of org 3."""
        return sorted(r[0] for r in self._rows(select(ITEMS.c.unit).distinct().where(
            ITEMS.c.unit >= prefix, ITEMS.c.unit < prefix + "\uffff")))

    def count(self, unit: str) -> int:
        return self._rows(select(func.count()).select_from(ITEMS).where(ITEMS.c.unit == unit))[0][0]

    def ids(self, unit: str) -> list[str]:
        return [r[0] for r in self._rows(select(ITEMS.c.id).where(ITEMS.c.unit == unit))]

    def get(self, unit: str, ids: list[str]) -> dict[str, StoredItem]:
        out: dict[str, StoredItem] = {}
        cols = (ITEMS.c.id, ITEMS.c.kind, ITEMS.c.title, ITEMS.c.text, ITEMS.c.meta)
        for start in range(0, len(ids), CHUNK):
            for id_, kind, title, text, meta in self._rows(select(*cols).where(
                    ITEMS.c.unit == unit, ITEMS.c.id.in_(ids[start : start + CHUNK]))):
                out[id_] = StoredItem(id=id_, kind=kind, title=title, text=text, meta=json.loads(meta))
        return out

    def all_items(self, unit: str) -> list[StoredItem]:
        rows = self._rows(select(ITEMS.c.id, ITEMS.c.kind, ITEMS.c.title, ITEMS.c.text, ITEMS.c.meta)
                          .where(ITEMS.c.unit == unit).order_by(ITEMS.c.id))
        return [StoredItem(id=r[0], kind=r[1], title=r[2], text=r[3], meta=json.loads(r[4])) for r in rows]

    def index(self, unit: str, version: int | None = None) -> Bm25:
        """The unit's BM25 index, rebuilt only when the unit changed (in any worker) since it was built;
        `version` when the caller just read it (`versions`)."""
        version = self.version(unit) if version is None else version
        cached = self._cache.get(unit)
        if cached is not None and cached.version == version:
            self._touch(unit)
            return cached.index
        with self._build_lock:  # one build per unit and version, however many searches ask at once
            cached = self._cache.get(unit)
            if cached is not None and cached.version == version:
                return cached.index
            with self.engine.connect() as conn:  # version and items from one snapshot where the database has them
                version = conn.scalar(select(UNITS.c.version).where(UNITS.c.unit == unit)) or 0
                rows = conn.execute(select(ITEMS.c.id, ITEMS.c.kind, ITEMS.c.terms).where(ITEMS.c.unit == unit))
                # split one row at a time: the build never holds every term of a large unit as strings
                built = Bm25.build(LexicalDoc(id=id_, kind=kind, terms=terms.split()) for id_, kind, terms in rows)
            self._keep(unit, _Cached(version=version, index=built))
            return built

    def _touch(self, unit: str) -> None:
        try:
            self._cache.move_to_end(unit)
        except KeyError:  # evicted meanwhile by another thread's build
            pass

    def _keep(self, unit: str, entry: _Cached) -> None:
        """Cache a built index (under the build lock), evicting the least recently used beyond the bound."""
        old = self._cache.pop(unit, None)
        self._cached_docs += len(entry.index.ids) - (len(old.index.ids) if old else 0)
        self._cache[unit] = entry
        while self._cached_docs > self.max_cached_docs and len(self._cache) > 1:
            self._cached_docs -= len(self._cache.popitem(last=False)[1].index.ids)

    def _forget(self, unit: str) -> None:
        with self._build_lock:
            old = self._cache.pop(unit, None)
            self._cached_docs -= len(old.index.ids) if old else 0

    def search(self, unit: str, query: str, k: int, kinds: set[str] | None = None) -> list[tuple[str, float]]:
        return self.index(unit).search(query, k, kinds)
