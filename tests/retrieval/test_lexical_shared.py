"""The lexical postings live in SQL: a second worker's cached BM25 index notices a write made by the first
(a version per unit, read per query), and the lexical.db of an earlier version is taken over once."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from companion.retrieval.lexical_store import ITEMS, UNITS, LexicalStore, StoredItem


def _item(id_: str, text: str) -> StoredItem:
    return StoredItem(id=id_, kind="situation", title="Situatie", text=text, meta={"ref_id": 1})


def test_a_cached_index_notices_a_write_made_by_another_worker(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'main.db'}")
    ITEMS.create(engine)
    UNITS.create(engine)
    one, two = LexicalStore(engine), LexicalStore(engine)  # two workers on one database
    one.upsert("p1", [_item("situation:1", "de wulp bij de overdracht")])
    assert [i for i, _ in two.search("p1", "wulp", 5)] == ["situation:1"]
    cached = two.index("p1")
    assert two.index("p1") is cached  # unchanged unit: no rebuild

    one.upsert("p1", [_item("situation:2", "de tureluur in het overleg")])
    assert [i for i, _ in two.search("p1", "tureluur", 5)] == ["situation:2"]
    one.delete("p1", ["situation:1"])
    assert two.search("p1", "wulp", 5) == []
    one.drop("p1")
    assert two.search("p1", "tureluur", 5) == [] and two.count("p1") == 0
    assert two.search("p2", "wulp", 5) == []  # another unit never answers for this one


def test_the_lexical_db_of_an_earlier_version_is_taken_over_once(tmp_path):
    legacy = tmp_path / "lexical.db"
    old = sqlite3.connect(legacy)
    old.executescript("""
        CREATE TABLE items (unit TEXT, id TEXT, kind TEXT, title TEXT, text TEXT, meta TEXT, terms TEXT,
                            PRIMARY KEY (unit, id));
        CREATE TABLE units (unit TEXT PRIMARY KEY, version INTEGER);
        INSERT INTO items VALUES ('p3', 'entry:7', 'entry', 'Leerdoel', 'feedback geven', '{}', 'feedback geven');
        INSERT INTO units VALUES ('p3', 4);
    """)
    old.commit()
    old.close()
    store = LexicalStore()
    assert store.import_file(legacy) == 1
    assert [i for i, _ in store.search("p3", "feedback", 5)] == ["entry:7"]
    assert store.import_file(legacy) == 0  # taken over: an emptied store is never refilled from it
    assert store.import_file(tmp_path / "absent.db") == 0


def test_the_cache_of_bm25_indexes_is_bounded_and_an_evicted_unit_is_rebuilt_the_same():
    store = LexicalStore(max_cached_docs=3)
    for person in (1, 2, 3):
        store.upsert(f"p{person}", [_item(f"situation:{person}{n}", f"kievit {n} van {person}") for n in (1, 2)])
    first = store.search("p1", "kievit", 5)
    store.index("p2")
    assert list(store._cache) == ["p2"]  # 2 + 2 documents exceed the bound: the older unit went  # noqa: SLF001
    store.index("p3")
    assert list(store._cache) == ["p3"]  # noqa: SLF001
    assert store.search("p1", "kievit", 5) == first
    assert store._cached_docs == 2  # noqa: SLF001
