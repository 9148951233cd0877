"""The container of seams: settings, database, index, embeddings and chat model, built once per process."""

from __future__ import annotations

from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from companion.core import db
from companion.core.clock import Clock, SystemClock, clock_from_settings
from companion.core.config import Settings
from companion.llm.provider import chat_model, mode_name
from companion.llm.resilience import CircuitBreaker, breaker_for
from companion.retrieval.embeddings import load_embeddings
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index, make_chroma_client


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    index: Index
    chat_model: BaseChatModel | None
    clock: Clock = field(default_factory=SystemClock)  # tests inject a FixedClock
    # shared by every request of the process: stops calling a model that keeps failing (resilience.py)
    breaker: CircuitBreaker | None = None

    def __post_init__(self) -> None:
        if self.breaker is None:
            self.breaker = breaker_for(self.settings)

    @property
    def mode(self) -> str:
        return mode_name(self.chat_model)

    def transaction(self):
        return db.transaction(self.sessions)


def build_services(settings: Settings, *, embeddings: Embeddings | None = None,
                   model: BaseChatModel | None | bool = False, clock: Clock | None = None) -> Services:
    """Open the stores and choose the seams; tests pass `embeddings` and `model` to swap them.

    `model=False` means "from settings"; `model=None` forces the offline guide.
    """
    engine = db.make_engine(settings)
    db.migrate(engine)
    degraded = None
    if embeddings is None:
        embeddings, degraded = load_embeddings(settings)
    # PostgreSQL: the postings live in the main database, shared by every worker. Embedded SQLite (one process):
    # their own file, since a write there must not wait for a caller's open write transaction on the main file.
    legacy = settings.data_dir / "lexical.db"
    # PostgreSQL: a pool of its own, since a search runs while its caller holds a connection of the main pool (one
    # pool for both let every connection be held by a turn waiting for a second one: a deadlock until time-out).
    lexical = LexicalStore(db.make_engine(settings, pool_size=8) if engine.dialect.name != "sqlite" else legacy)
    lexical.import_file(legacy)  # what an earlier version kept in the data folder
    index = Index(make_chroma_client(settings), embeddings, lexical, degraded=degraded)
    index.adopt_existing()
    if index.semantic:
        index.vectors.move_own_collections()  # people's collections of an earlier version, once
    return Services(
        settings=settings,
        engine=engine,
        sessions=db.session_factory(engine),
        index=index,
        chat_model=chat_model(settings) if model is False else model,
        clock=clock or clock_from_settings(settings),
    )
