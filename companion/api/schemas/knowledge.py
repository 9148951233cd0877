"""API types of the knowledge area: documents, chunks, versions, curation changes and trajectories."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from companion.api.schemas.general import ORM, UTCDateTime


class DocumentOut(ORM):
    id: int
    title: str
    source_name: str = Field(description="the file name the document is known by; re-uploading it replaces it")
    language: str
    tags: list[Any]
    version: int
    active: bool = Field(description="false once retired: out of retrieval, visible to admins only")
    file_format: str = Field(description="markdown, text, pdf, docx or html")
    team_ids: list[int] = Field(description="teams the document is assigned to; none (and no trajectories) = "
                                            "the whole organisation")
    trajectory_ids: list[int] = Field(description="trajectories the document is assigned to")
    created_at: UTCDateTime
    updated_at: UTCDateTime


class ChunkOut(ORM):
    id: int
    ord: int
    section: str = Field(description="the heading the chunk sits under (PDF: the heading, or 'p. N' before one)")
    text: str
    tokens: int


class DocumentDetail(DocumentOut):
    body: str = Field(description="the document as Markdown, each section under its heading")
    chunks: list[ChunkOut]


class IngestOut(BaseModel):
    document: DocumentOut
    status: Literal["created", "updated", "restored", "unchanged"]
    chunks: int


class VersionOut(ORM):
    version: int
    content_hash: str
    source_name: str
    file_format: str
    size_bytes: int
    chunk_count: int
    created_by_name: str = Field(description="who uploaded it; empty for the command line")
    created_at: UTCDateTime


class DocumentUpdate(BaseModel):
    """Only the fields given change; chunks are re-indexed with the new metadata."""

    title: str | None = Field(None, max_length=300)
    tags: list[str] | None = Field(None, max_length=50)
    language: Literal["nl", "en"] | None = None
    team_ids: list[int] | None = Field(None, max_length=500, description="exactly these teams ([] = none)")
    trajectory_ids: list[int] | None = Field(None, max_length=500, description="exactly these trajectories")


class ReindexOut(BaseModel):
    documents: int
    chunks: int


class TeamOut(ORM):
    id: int
    name: str


class TrajectoryIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    starts_on: date | None = Field(None, description="today when left out")
    ends_on: date | None = None
    team_ids: list[int] = Field(default_factory=list, max_length=500)


class TrajectoryUpdate(BaseModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=10_000)
    starts_on: date | None = None
    ends_on: date | None = None
    team_ids: list[int] | None = Field(None, max_length=500)


class TrajectoryOut(ORM):
    id: int
    name: str
    description: str
    starts_on: date
    ends_on: date | None
    team_ids: list[int]
