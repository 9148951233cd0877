"""`companion doctor`: check the database and the index, and rebuild what the index lacks.

SQL is the source of truth; the index (Chroma vectors + lexical items) is derived from it. The doctor checks
SQLite integrity, foreign-key orphans, the migration revision and half-stored documents, then compares, per
index unit, the ids SQL says should be there with those in the lexical store and in Chroma.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from companion.core import db
from companion.core.config import Settings
from companion.models import KnowledgeChunk, KnowledgeDocument
from companion.retrieval.index_sync import reindex_all
from companion.retrieval.scoped_index import Index, IndexItem


@dataclass
class Report:
    checks: list[dict[str, Any]] = field(default_factory=list)
    index: dict[str, dict[str, int]] = field(default_factory=dict)
    repaired: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append({"check": name, "ok": ok, "detail": detail})

    @property
    def ok(self) -> bool:
        return all(c["ok"] for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": self.checks, "index": self.index, "repaired": self.repaired}


# --- database -------------------------------------------------------------------------------------------------
def check_database(settings: Settings, report: Report) -> bool:
    """Integrity, orphans and the migration revision; True when the schema is at head."""
    engine = db.make_engine(settings)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                report.add("database integrity", result == ["ok"], "; ".join(result[:5]))
                orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                report.add("no orphan rows", not orphans,
                           ", ".join(f"{t} row {rid} → {parent}" for t, rid, parent, _ in orphans[:10]))
            current = MigrationContext.configure(conn).get_current_revision()
            head = ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()
            report.add("migrations at head", current == head, f"database {current or 'empty'}, code {head}")
            if current == head:
                empty = conn.execute(
                    select(func.count()).select_from(KnowledgeDocument).where(
                        KnowledgeDocument.active.is_(True),
                        ~select(KnowledgeChunk.id).where(KnowledgeChunk.document_id == KnowledgeDocument.id)
                        .exists())).scalar_one()
                report.add("no half-stored documents", empty == 0, f"{empty} active document(s) without chunks")
            return current == head
    finally:
        engine.dispose()


def check_sqlite_file(path: Path, name: str, report: Report) -> None:
    if not path.exists():
        return
    con = sqlite3.connect(str(path), timeout=30)
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()
    report.add(f"{name} integrity", result == ["ok"], "; ".join(result[:5]))


# --- index ----------------------------------------------------------------------------------------------------
class _Expected:
    """Stands in for the index during `reindex_all`, recording what a rebuild from SQL would write."""

    def __init__(self):
        self.units: dict[str, dict[str, IndexItem]] = defaultdict(dict)

    def reset(self) -> None:
        pass

    def upsert_personal(self, person_id: int, items: list[IndexItem]) -> None:
        for item in items:
            self.units[f"p{person_id}"][item.id] = item

    def upsert_knowledge(self, org_id: int, items: list[IndexItem]) -> None:
        for item in items:
            for unit in Index._knowledge_units_of(org_id, item.meta.get("teams")):
                self.units[unit][item.id] = item

    def upsert_team(self, team_id: int, items: list[IndexItem]) -> None:
        for item in items:
            self.units[f"g{team_id}"][item.id] = item


def _vector_ids(index: Index) -> dict[str, set[str]]:
    return index.vectors.ids_by_unit() if index.semantic else {}


def compare_index(session, index: Index, report: Report) -> dict[str, dict[str, set[str]]]:
    """Per unit: ids missing from or extra in the lexical store and Chroma, compared with SQL."""
    expected = _Expected()
    reindex_all(session, expected)
    vectors = _vector_ids(index)
    units = set(expected.units) | set(index.lexical.units("")) | set(vectors)
    problems: dict[str, dict[str, set[str]]] = {}
    for unit in sorted(units):
        want = set(expected.units.get(unit, {}))
        lexical = set(index.lexical.ids(unit))
        row = {"sql": len(want), "lexical": len(lexical)}
        diff = {"missing_lexical": want - lexical, "extra_lexical": lexical - want}
        if index.semantic:
            have = vectors.get(unit, set())
            row["vectors"] = len(have)
            diff |= {"missing_vectors": want - have, "extra_vectors": have - want}
        report.index[unit] = row
        if any(diff.values()):
            problems[unit] = diff
    total = {k: sum(len(d[k]) for d in problems.values()) for k in
             ("missing_lexical", "extra_lexical", "missing_vectors", "extra_vectors") if any(k in d for d in
                                                                                           problems.values())}
    report.add("index matches the database", not problems,
               ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in total.items() if n) +
               (f" in {len(problems)} unit(s)" if problems else ""))
    report._expected = expected  # noqa: SLF001 - reused by repair
    return problems


def repair_index(index: Index, expected: _Expected, problems: dict[str, dict[str, set[str]]],
                 report: Report, progress: Callable[[int], None] | None = None) -> None:
    """Remove extra ids, add missing ones (embedding only what is missing), per unit; `progress(n)` after each
    unit, n = the missing items added so far."""
    added = 0
    for unit, diff in problems.items():
        extra = diff["extra_lexical"] | diff.get("extra_vectors", set())
        if extra:
            index._delete(unit, sorted(extra))  # noqa: SLF001 - one unit, exactly these ids
        missing = diff["missing_lexical"] | diff.get("missing_vectors", set())
        items = [expected.units[unit][i] for i in sorted(missing) if i in expected.units.get(unit, {})]
        if items:
            index._upsert(unit, items)  # noqa: SLF001
        report.repaired.append(f"{unit}: removed {len(extra)}, added {len(items)}")
        added += len(items)
        if progress:
            progress(added)


def run(settings: Settings, repair: bool = False, services=None) -> Report:
    """All checks; with `repair`, migrate a database behind head and bring the index in line with SQL."""
    report = Report()
    at_head = check_database(settings, report)
    if settings.sqlalchemy_url.startswith("sqlite") and not settings.chroma_url:
        check_sqlite_file(settings.chroma_path / "chroma.sqlite3", "Chroma store", report)
    check_sqlite_file(settings.data_dir / "lexical.db", "lexical store", report)
    if not at_head and not repair:
        return report
    if services is None:
        from companion.services import build_services

        services = build_services(settings)  # also migrates to head
        for check in report.checks:
            if check["check"] == "migrations at head" and not check["ok"]:
                check.update(ok=True, detail="migrated to head: " + check["detail"])
    with services.sessions() as session:
        session.execute(text("SELECT 1"))
        problems = compare_index(session, services.index, report)
        if repair and problems:
            repair_index(services.index, report._expected, problems, report)  # noqa: SLF001
            after = Report()
            compare_index(session, services.index, after)
            report.index = after.index  # the counts as they are now
            check = next(c for c in report.checks if c["check"] == "index matches the database")
            check.update(ok=after.ok, detail=("repaired: " if after.ok else "still wrong after repair: ")
                         + (check["detail"] if after.ok else after.checks[-1]["detail"]))
    return report


def render(report: Report) -> str:
    lines = []
    for c in report.checks:
        lines.append(f"[{'ok' if c['ok'] else 'FAIL'}] {c['check']}" + (f": {c['detail']}" if c["detail"] and
                                                                        not c["ok"] else ""))
    if report.index:
        lines.append(f"index units: {len(report.index)}; items in SQL "
                     f"{sum(u['sql'] for u in report.index.values())}, lexical "
                     f"{sum(u['lexical'] for u in report.index.values())}"
                     + (f", vectors {sum(u.get('vectors', 0) for u in report.index.values())}"
                        if any('vectors' in u for u in report.index.values()) else ""))
    lines += [f"repaired {r}" for r in report.repaired]
    return "\n".join(lines)
