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
    retrieval: str = Field(default="hybrid", description="'hybrid' (vectors + BM25) or 'lexical' (no embedding model)")
    retrieval_notice: str | None = Field(default=None, description="why retrieval is lexical only, if it is")
    model_breaker: Literal["closed", "open", "half_open"] | None = Field(
        default=None, description="the language model's circuit breaker; 'open': turns go to the offline guide")


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


class SlotOut(BaseModel):
    key: str = Field(description="'<phase>.<slot>'")
    label: str
    text: str | None = Field(None, description="what the person said for this slot")
    status: Literal["said", "skipped", "open"]


class PhaseOut(BaseModel):
    id: str
    label: str
    goal: str
    status: Literal["done", "current", "incomplete", "todo"] = Field(
        description="done: every slot said; incomplete: passed with a slot left open; current; todo")
    captured: dict[str, str] = Field(description="slot label → what the person said")
    slots: list[SlotOut] = []


class CyclePhaseOut(BaseModel):
    id: str
    label: str
    goal: str
    slots: list[dict[str, str]]


class CycleOut(BaseModel):
    id: str = Field(description="alact, starr or gibbs")
    name: str
    short: str = Field(description="a short name, e.g. for a button")
    summary: str = Field(description="one line: what the cycle is and when it fits")
    phases: list[CyclePhaseOut]


class ProposalOut(BaseModel):
    cycle: str = Field(description="the proposed cycle")
    reason: str = Field(description="why, in one sentence")
    accepted: bool
    current: str = Field(description="the cycle the conversation is in now")


class CycleChoice(BaseModel):
    cycle: str = Field(description="alact, starr or gibbs: accept the proposal or switch (only early on)")


class PhaseBack(BaseModel):
    phase: str = Field(description="id of an earlier phase of the conversation's cycle")


class ConversationCreate(BaseModel):
    language: Language | None = None
    cycle: str | None = Field("alact", description="alact, starr or gibbs; null or 'propose' lets the companion "
                                                   "propose one from the first message")


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
    completed: bool = Field(False, description="every phase of the cycle complete: all it needs was said")
    created_at: UTCDateTime
    updated_at: UTCDateTime


class ConversationOut(ConversationSummary):
    phases: list[PhaseOut]
    messages: list[MessageOut]
    finished: bool = Field(False, description="walked past the last phase (some slots may have been left open)")
    chosen_by: str = Field("person", description="person, proposal, or pending (proposed after the first message)")
    proposal: ProposalOut | None = None
    can_switch_cycle: bool = Field(False, description="the cycle may still be changed (nothing substantial said)")
    back_targets: list[str] = Field([], description="phases the person may go back to")


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
    owner_id: int
    kind: str
    title: str
    body: str
    visibility: str = Field(description="who may read it besides its owner: private (nobody), expert (the experts "
                                        "coaching the owner's team), team (those experts and the team's members)")
    situation_id: int | None
    conversation_id: int | None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class SharedEntryOut(EntryOut):
    owner_name: str = Field(description="whose entry it is")


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
    team: str | None = Field(None, max_length=200, description="an existing team of your organisation (see GET "
                                                               "/api/admin/teams), or a new one with new_team")
    new_team: bool = Field(False, description="create `team` as a new team (refused when it exists)")
    language: Language = "nl"


class PersonOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    team: str | None
    language: str
    active: bool = True


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
