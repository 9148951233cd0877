"""A person's rights over their data: export everything linked to them (Art. 15/20) and erase it (Art. 17).

What belongs to a person is read from the schema, so tables that other areas add are covered without a change
here:
- a row whose NOT NULL foreign key points at the person (`owner_id`, `person_id`, ...) is theirs, and so are
  rows hanging off it through a NOT NULL foreign key (a conversation's messages): exported and erased;
- a row whose NULLABLE foreign key points at the person (`reviewer_id`, `actor_id`, `changed_by_id`) belongs to
  someone else and only records what this person did: exported as "authored" (only the fields named in
  `AUTHORED_FIELDS`), and on erasure the link is set to NULL, so the decision text stays and the author is
  anonymous. An expert who erases their account thus leaves their review decisions and comments on other
  people's suggestions in place, without their name.
Areas can add to `NOT_EXPORTED` (operational tables), `AUTHORED_FIELDS`, and `FILE_FOLDERS` (per-person files).
Erasure then drops the person's index unit (their vectors and lexical items) and rebuilds every SQLite file
in the data folder (VACUUM + WAL truncation), so no deleted bytes stay behind.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from companion.core.config import Settings
from companion.core.errors import Conflict, Invalid
from companion.core.principal import Principal
from companion.core.texts.trust import ERASE_PHRASES
from companion.models import Base, Organisation, Person, Team
from companion.services import Services
from companion.trust import auth, team_erasure

log = logging.getLogger(__name__)
FORMAT = "companion-export/1"
PEOPLE = "people"
NOT_EXPORTED = {"revoked_tokens", "token_generations"}  # session bookkeeping, no personal content
SECRET_COLUMNS = {("people", "password_hash"), ("rhythm_preferences", "calendar_token_hash"),
                  ("api_keys", "key_hash")}
AUTHORED_FIELDS: dict[str, tuple[str, ...]] = {
    "reviews": ("id", "suggestion_id", "decision", "comment", "edited", "created_at"),
    "suggestions": ("id", "kind", "status", "review_comment", "reviewed_at"),
    "audit_events": ("id", "suggestion_id", "action", "created_at"),
    "knowledge_versions": ("id", "document_id", "version", "source_name", "created_at"),
    "agreement_versions": ("id", "agreement_id", "created_at"),
    # what someone said in a team session is theirs to see in the export (erasure removes it: team_erasure)
    "team_contributions": ("id", "session_id", "phase", "kind", "text", "created_at"),
    "team_product_comments": ("id", "product_id", "text", "created_at"),
}
# callables (settings, person_id) → folders holding that person's files; erased with the account
FILE_FOLDERS: list[Callable[[Settings, int], list[Path]]] = []


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _row(table: Table, row, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row._mapping.items()
            if (table.name, k) not in SECRET_COLUMNS and (fields is None or k in fields)}


def person_links() -> list[tuple[Table, str, bool]]:
    """Every (table, column, owned) where the column is a foreign key to people.id."""
    links = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == PEOPLE and table.name != PEOPLE:
                links.append((table, fk.parent.name, not fk.parent.nullable))
    return links


def _children(parent: Table) -> list[tuple[Table, str, str]]:
    """(child table, its column, the parent's column) for every NOT NULL foreign key into parent."""
    return [(table, fk.parent.name, fk.column.name) for table in Base.metadata.sorted_tables
            for fk in table.foreign_keys
            if fk.column.table is parent and not fk.parent.nullable and table.name != PEOPLE]


def owned_rows(session: Session, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to the person, per table (their own rows and everything hanging off them)."""
    found: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, tuple]] = set()
    queue = [(table, column, [person_id]) for table, column, owned in person_links() if owned]
    while queue:
        table, column, values = queue.pop(0)
        if not values or table.name in NOT_EXPORTED:
            continue
        new = []
        for start in range(0, len(values), 500):
            for row in session.execute(select(table).where(table.c[column].in_(values[start:start + 500]))):
                key = (table.name, tuple(row._mapping[c.name] for c in table.primary_key.columns))
                if key not in seen:
                    seen.add(key)
                    new.append(row)
        found.setdefault(table.name, []).extend(_row(table, r) for r in new)
        for child, child_col, parent_col in _children(table):
            queue.append((child, child_col, [r._mapping[parent_col] for r in new]))
    return {name: rows for name, rows in found.items() if rows}


def authored_rows(session: Session, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Rows of other people that record something this person did (a review, a decision)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, column, owned in person_links():
        if owned or table.name in NOT_EXPORTED:
            continue
        fields = AUTHORED_FIELDS.get(table.name, tuple(c.name for c in table.primary_key.columns) + (
            ("created_at",) if "created_at" in table.c else ()))
        rows = [_row(table, r, fields) for r in session.execute(select(table).where(table.c[column] == person_id))]
        if rows:
            out.setdefault(table.name, []).extend(rows)
    return out


def export(session: Session, me: Principal) -> dict[str, Any]:
    """All data linked to me, machine-readable (GDPR Art. 20)."""
    person = session.get(Person, me.person_id)
    profile = _row(Base.metadata.tables[PEOPLE], session.execute(
        select(Base.metadata.tables[PEOPLE]).where(Base.metadata.tables[PEOPLE].c.id == person.id)).one())
    org = session.get(Organisation, person.org_id)
    team = session.get(Team, person.team_id) if person.team_id else None
    return {
        "format": FORMAT,
        "exported_at": datetime.now().astimezone().isoformat(),
        "person": {**profile, "organisation": org.name if org else None, "team": team.name if team else None},
        "data": owned_rows(session, person.id),
        "authored": authored_rows(session, person.id),
        "notes": {
            "data": "rows that are yours: what you wrote, your conversations, and everything that hangs off them",
            "authored": "what you did on other people's items (reviews, decisions); on erasure the text stays, "
                        "your name is removed",
        },
    }


# --- erasure --------------------------------------------------------------------------------------------------
def check_erasable(session: Session, me: Principal, confirmation: str, password: str) -> Person:
    """The typed phrase, the password, and never the organisation's last active admin."""
    person = session.get(Person, me.person_id)
    if confirmation.strip().upper() not in ERASE_PHRASES.values():
        raise Invalid("erase_confirmation_wrong", phrase=ERASE_PHRASES.get(me.language, ERASE_PHRASES["en"]))
    if not auth.verify_password(password, person.password_hash):
        raise Invalid("current_password_wrong")
    if person.role == "admin":
        admins = session.scalar(select(func.count()).select_from(Person).where(
            Person.org_id == person.org_id, Person.role == "admin", Person.active.is_(True), Person.id != person.id))
        if not admins:
            raise Conflict("last_admin")
    return person


def erase_rows(session: Session, person_id: int) -> dict[str, int]:
    """Anonymise the person's traces in others' rows, then delete the person (the database cascades)."""
    counts: dict[str, int] = {}
    for table, column, owned in person_links():
        if owned:
            counts[table.name] = counts.get(table.name, 0) + (session.scalar(
                select(func.count()).select_from(table).where(table.c[column] == person_id)) or 0)
        else:
            result = session.execute(update(table).where(table.c[column] == person_id).values({column: None}))
            if result.rowcount:
                counts[f"{table.name} (anonymised)"] = result.rowcount
    username = session.scalar(select(Person.username).where(Person.id == person_id))
    session.execute(delete(Base.metadata.tables["login_throttle"]).where(
        Base.metadata.tables["login_throttle"].c.key == f"user:{username}"))
    session.execute(delete(Person).where(Person.id == person_id))
    return {k: v for k, v in counts.items() if v}


def compact_sqlite_files(data_dir: Path) -> list[str]:
    """VACUUM every SQLite file in the data folder and empty its WAL: deleted rows leave no bytes behind."""
    done = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and _is_sqlite(p)):
        con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA busy_timeout=30000")
            con.execute("VACUUM")
            for _ in range(20):  # a reader in another connection can hold the WAL for a moment
                busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if not busy:
                    break
            done.append(path.name)
        finally:
            con.close()
    return done


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def remove_orphan_segments(chroma_path: Path) -> int:
    """Delete vector-segment folders of collections Chroma no longer knows (it leaves them on disk)."""
    db_file = chroma_path / "chroma.sqlite3"
    if not db_file.exists():
        return 0
    con = sqlite3.connect(str(db_file), timeout=30)
    try:
        known = {r[0] for r in con.execute("SELECT id FROM segments")}
    finally:
        con.close()
    removed = 0
    for folder in chroma_path.iterdir():
        if folder.is_dir() and len(folder.name) == 36 and folder.name.count("-") == 4 and folder.name not in known:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def erase(services: Services, me: Principal, confirmation: str, password: str) -> dict[str, Any]:
    """Erase my account: rows, index entries, files; then compact every store so the bytes are gone."""
    with services.transaction() as session:
        check_erasable(session, me, confirmation, password)
        team_sessions = team_erasure.erase_team_traces(session, me.person_id)  # their words, before the link goes
        counts = erase_rows(session, me.person_id)
    services.index.drop_person(me.person_id)
    with services.sessions() as session:
        team_erasure.reindex_touched(session, services.index, team_sessions)
    folders = [f for provider in FILE_FOLDERS for f in provider(services.settings, me.person_id)]
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    report: dict[str, Any] = {"rows": counts, "folders_removed": len(folders)}
    if services.settings.sqlalchemy_url.startswith("sqlite") and not services.settings.chroma_url:
        report["segments_removed"] = remove_orphan_segments(services.settings.chroma_path)
        report["compacted"] = compact_sqlite_files(services.settings.data_dir)
    log.info("erased person %s: %s", me.person_id, report)
    return report
