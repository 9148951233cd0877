"""Database engine, sessions and migrations (SQLite with WAL by default, PostgreSQL by URL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from companion.core.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can hold


def get(session: Session, model, row_id: object):
    """The row with this primary key, or None; ids no database can hold (huge, zero, negative) are just unknown."""
    if not isinstance(row_id, int) or isinstance(row_id, bool) or not 0 < row_id <= MAX_ID:
        return None
    return session.get(model, row_id)


def make_engine(settings: Settings, *, pool_size: int | None = None) -> Engine:
    """Engine for the configured URL; SQLite gets WAL, a busy timeout and enforced foreign keys.

    PostgreSQL: `pool_size` connections kept open (COMPANION_DATABASE_POOL_SIZE), as many again at a peak. A worker
    answers up to 40 requests at once (the thread pool), plus the streams: SQLAlchemy's default of 5 + 10 made 16
    concurrent chat turns wait 30 s for a connection and fail."""
    url = settings.sqlalchemy_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    size = pool_size or settings.database_pool_size
    return create_engine(url, pool_pre_ping=True, pool_size=size, max_overflow=size, pool_timeout=20)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


STARTUP_LOCK = 731_500_011  # PostgreSQL advisory lock key: what starting workers must do one after another


@contextmanager
def one_worker_at_a_time(engine: Engine) -> Iterator[None]:
    """Hold the startup lock (PostgreSQL: an advisory lock, so API workers on any machine queue; else nothing)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as lock:
        lock.exec_driver_sql(f"SELECT pg_advisory_lock({STARTUP_LOCK})")
        try:
            yield
        finally:
            lock.exec_driver_sql(f"SELECT pg_advisory_unlock({STARTUP_LOCK})")


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (workers starting together: one after another)."""
    with one_worker_at_a_time(engine):
        command.upgrade(alembic_config(engine), "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
