"""Pydantic types of the review area: products, suggestions (drafts, sending, review), audit events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from companion.api.schemas.general import MessageOut, UTCDateTime

ProductKind = Literal["action_plan", "advice_note", "annual_plan", "learning_goal"]
Status = Literal["draft", "pending", "approved", "rejected", "withdrawn"]
Scope = Literal["draft", "conversation", "messages"]


class ProductDraftIn(BaseModel):
    conversation_id: int = Field(description="your conversation to draft from")
    kind: ProductKind
    mode: Literal["auto", "offline", "model"] = Field(
        "auto", description="'auto': the language model if one is configured, else the offline guide")
    situation_ids: list[int] = Field([], max_length=20, description="your own work situations to link as well")


class ProductKindOut(BaseModel):
    kind: str
    name: str
    labels: dict[str, str] = Field(description="the headings of the product's fields, in the asked language")
    json_schema: dict[str, Any] = Field(description="JSON schema of the product's payload")


class SharedOut(BaseModel):
    scope: Scope = Field(description="'draft': the draft only; 'conversation': also the conversation as it was "
                                     "when sent; 'messages': also the chosen messages of it")
    message_ids: list[int] = Field(description="the messages of the conversation the expert may read")


class SuggestionOut(BaseModel):
    id: int
    kind: str
    title: str
    language: str
    ai_made: bool = Field(description="true when a language model drafted it; false for the offline guide, "
                                      "which fills a template from the person's own answers")
    status: Status = Field(description="draft (only its owner sees it), pending (sent), approved, rejected, "
                                       "withdrawn (taken back by the owner before a decision)")
    display_status: Literal["draft", "pending", "approved", "edited", "rejected", "withdrawn"] = Field(
        description="'edited' when approved with the expert's changes to the version sent")
    owner_id: int
    owner_name: str
    conversation_id: int | None
    situation_ids: list[int]
    drafted_by: str = Field(description="'model:<name>' or 'offline guide'")
    prompt_version: str
    draft: dict[str, Any] | None = Field(description="the draft as it was made; for others than the owner null "
                                                     "when the owner changed it before sending")
    draft_markdown: str | None
    owner_edited: bool = Field(description="the owner changed the draft before sending")
    proposal: dict[str, Any] = Field(description="what the owner sends (or sent): their edit, else the draft")
    proposal_markdown: str
    final: dict[str, Any] | None = Field(description="the approved version (None until approved)")
    final_markdown: str | None
    shared: SharedOut | None = Field(description="what the owner shared when sending; null before")
    sent_at: UTCDateTime | None
    reviewer_name: str | None
    review_comment: str
    reviewed_at: UTCDateTime | None
    entry_id: int | None = Field(description="the portfolio entry made on approval")
    created_at: UTCDateTime
    updated_at: UTCDateTime


class SuggestionEdit(BaseModel):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    payload: dict[str, Any] | None = Field(None, description="the whole edited content, checked against its kind")


class SuggestionSend(BaseModel):
    share: Scope = Field("draft", description="what your expert may see besides the draft")
    message_ids: list[int] = Field([], max_length=500, description="with share='messages': the messages to share")


class ReviewIn(BaseModel):
    decision: Literal["approved", "rejected"]
    comment: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)] = Field(
        description="why: required for every decision")
    final: dict[str, Any] | None = Field(None, description="the edited product, when approving with changes")


class AuditEventOut(BaseModel):
    id: int
    action: str
    actor_id: int | None
    actor: str = Field(description="the person's name, or the drafter ('model:<name>', 'offline guide')")
    actor_role: str
    detail: dict[str, Any]
    at: UTCDateTime


class SourceConversationOut(BaseModel):
    id: int
    title: str
    language: str
    cycle: str
    shared: SharedOut | None = Field(description="for the expert: what the owner shared; null for the owner")
    messages: list[MessageOut]
