"""The container of seams: settings, database, index, embeddings and chat model, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from . import db
from .config import Settings
from .embeddings import make_embeddings
from .index import Index, make_chroma_client
from .llm import chat_model, mode_name


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    index: Index
    chat_model: BaseChatModel | None

    @property
    def mode(self) -> str:
        return mode_name(self.chat_model)

    def transaction(self):
        return db.transaction(self.sessions)


def build_services(settings: Settings, *, embeddings: Embeddings | None = None,
                   model: BaseChatModel | None | bool = False) -> Services:
    """Open the stores and choose the seams; tests pass `embeddings` and `model` to swap them.

    `model=False` means "from settings"; `model=None` forces the offline guide.
    """
    engine = db.make_engine(settings)
    db.migrate(engine)
    index = Index(make_chroma_client(settings), embeddings or make_embeddings(settings))
    return Services(
        settings=settings,
        engine=engine,
        sessions=db.session_factory(engine),
        index=index,
        chat_model=chat_model(settings) if model is False else model,
    )
