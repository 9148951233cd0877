"""Pydantic types of the HTTP API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Role = Literal["professional", "expert", "admin"]
EntryKind = Literal["reflection", "learning_goal", "evidence", "product"]
Visibility = Literal["private", "expert", "team"]
Language = Literal["nl", "en"]


def _as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time we store is UTC, so say so in every response."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]


class ORM(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the token expires")


class Me(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    org_id: int
    organisation: str
    team: str | None
    language: Language
    mode: str = Field(description="'offline' for the offline reflection guide, else 'llm:<model>'")
    max_message_chars: int = Field(description="longest chat message the API accepts")
    max_upload_bytes: int = Field(description="largest knowledge upload the API accepts")


class MeUpdate(BaseModel):
    language: Language


class Health(BaseModel):
    status: str
    version: str
    mode: str
    embeddings: str
    database: str


class Source(BaseModel):
    id: str = Field(description="'<kind>:<id>', e.g. 'situation:3', 'entry:5' or 'chunk:12'")
    kind: str
    title: str
    snippet: str
    score: float
    ref_id: int | None = Field(None, description="id of the situation, entry or knowledge document")
    created: str | None = None


class MessageOut(BaseModel):
    id: int
    role: str
    content: str
    phase: str
    sources: list[Source] = []
    complete: bool = True
    mode: str = ""
    created_at: UTCDateTime


class PhaseOut(BaseModel):
    id: str
    label: str
    goal: str
    status: Literal["done", "current", "todo"]
    captured: dict[str, str]


class ConversationCreate(BaseModel):
    language: Language | None = None
    cycle: Literal["alact"] = "alact"


class ConversationPatch(BaseModel):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="the conversation's new title, 1-200 characters after stripping")


class ConversationSummary(ORM):
    id: int
    title: str
    language: str
    cycle: str
    phase: str
    message_count: int = Field(description="messages in the conversation, the opening question included")
    created_at: UTCDateTime
    updated_at: UTCDateTime


class ConversationOut(ConversationSummary):
    phases: list[PhaseOut]
    messages: list[MessageOut]


class MessageCreate(BaseModel):
    content: str = Field(description="what the professional says")
    client_id: str | None = Field(None, max_length=64, description="makes retries idempotent")


class ReplyOut(BaseModel):
    conversation_id: int
    user_message_id: int
    phase: str
    phases: list[PhaseOut]
    mode: str
    notice: str | None = None
    message: MessageOut


class SituationIn(BaseModel):
    title: str = Field(max_length=200)
    description: str = Field(max_length=20000)
    involved: str = Field("", max_length=5000)
    thought: str = Field("", max_length=5000)
    felt: str = Field("", max_length=5000)
    wanted: str = Field("", max_length=5000)
    did: str = Field("", max_length=5000)


class SituationPatch(BaseModel):
    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=20000)
    involved: str | None = Field(None, max_length=5000)
    thought: str | None = Field(None, max_length=5000)
    felt: str | None = Field(None, max_length=5000)
    wanted: str | None = Field(None, max_length=5000)
    did: str | None = Field(None, max_length=5000)


class SituationOut(ORM):
    id: int
    title: str
    description: str
    involved: str
    thought: str
    felt: str
    wanted: str
    did: str
    conversation_id: int | None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class EntryIn(BaseModel):
    kind: EntryKind = "reflection"
    title: str = Field(max_length=200)
    body: str = Field(max_length=50000)
    visibility: Visibility = "private"
    situation_id: int | None = None


class EntryPatch(BaseModel):
    kind: EntryKind | None = None
    title: str | None = Field(None, max_length=200)
    body: str | None = Field(None, max_length=50000)
    visibility: Visibility | None = None
    situation_id: int | None = None


class EntryOut(ORM):
    id: int
    kind: str
    title: str
    body: str
    visibility: str
    situation_id: int | None
    conversation_id: int | None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class SearchHit(BaseModel):
    id: str
    kind: str
    title: str
    snippet: str
    score: float
    ref_id: int | None = None


class PersonCreate(BaseModel):
    # lengths beyond these caps are checked by the service, so the person gets a message in their language
    username: str = Field(max_length=200)
    password: str = Field(max_length=200)
    display_name: str = Field("", max_length=200)
    role: Role = "professional"
    team: str | None = Field(None, max_length=200)
    language: Language = "nl"


class PersonOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    team: str | None
    language: str


class DocumentOut(ORM):
    id: int
    title: str
    source_name: str
    language: str
    tags: list[Any]
    version: int
    active: bool
    created_at: UTCDateTime
    updated_at: UTCDateTime


class ChunkOut(ORM):
    id: int
    ord: int
    section: str
    text: str


class DocumentDetail(DocumentOut):
    body: str
    chunks: list[ChunkOut]


class IngestOut(BaseModel):
    document: DocumentOut
    status: Literal["created", "updated", "unchanged"]
    chunks: int
