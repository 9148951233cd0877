"""Knowledge tables: documents curated by admins, their chunks, versions, and who may see them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from companion.models.core import Base, Timestamped, TrajectoryTeam, utcnow


class KnowledgeDocument(Timestamped, Base):
    __tablename__ = "knowledge_documents"
    __table_args__ = (UniqueConstraint("org_id", "source_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    source_name: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(5))
    tags: Mapped[list[Any]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    file_format: Mapped[str] = mapped_column(String(20), default="markdown")
    chunks: Mapped[list[KnowledgeChunk]] = relationship(
        back_populates="document", order_by="KnowledgeChunk.ord", cascade="all, delete-orphan"
    )
    versions: Mapped[list[KnowledgeVersion]] = relationship(
        order_by="KnowledgeVersion.version", cascade="all, delete-orphan", passive_deletes=True
    )
    team_links: Mapped[list[KnowledgeDocumentTeam]] = relationship(cascade="all, delete-orphan",
                                                                   passive_deletes=True)
    trajectory_links: Mapped[list[KnowledgeDocumentTrajectory]] = relationship(cascade="all, delete-orphan",
                                                                               passive_deletes=True)

    @property
    def team_ids(self) -> list[int]:
        return sorted(link.team_id for link in self.team_links)

    @property
    def trajectory_ids(self) -> list[int]:
        return sorted(link.trajectory_id for link in self.trajectory_links)

    def audience_team_ids(self) -> list[int]:
        """Teams that may see this document: its own teams and its trajectories' teams; [] = whole organisation."""
        teams = set(self.team_ids)
        session = object_session(self)
        if self.trajectory_ids and session is not None:
            teams |= set(session.scalars(select(TrajectoryTeam.team_id).where(
                TrajectoryTeam.trajectory_id.in_(self.trajectory_ids))))
        if self.trajectory_links and not teams:
            return [0]  # assigned to trajectories that no team follows (yet): nobody but admins, never everyone
        return sorted(teams)


class KnowledgeChunk(Base):
    __tablename__ = "knowledge_chunks"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("knowledge_documents.id", ondelete="CASCADE"), index=True)
    ord: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[int] = mapped_column(Integer, default=0)
    document: Mapped[KnowledgeDocument] = relationship(back_populates="chunks")


class KnowledgeVersion(Base):
    """One ingested version of a document: kept when a newer one replaces it, so admins see the history."""

    __tablename__ = "knowledge_versions"
    __table_args__ = (UniqueConstraint("document_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("knowledge_documents.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(300))
    file_format: Mapped[str] = mapped_column(String(20))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    chunk_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_by_name: Mapped[str] = mapped_column(String(200), default="")  # kept when the person is removed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class KnowledgeDocumentTeam(Base):
    """A document assigned to a team: only its members (and admins) see it."""

    __tablename__ = "knowledge_document_teams"
    document_id: Mapped[int] = mapped_column(ForeignKey("knowledge_documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)


class KnowledgeDocumentTrajectory(Base):
    """A document assigned to a trajectory: the members of the teams that follow it see it."""

    __tablename__ = "knowledge_document_trajectories"
    document_id: Mapped[int] = mapped_column(ForeignKey("knowledge_documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("trajectories.id", ondelete="CASCADE"), primary_key=True)
