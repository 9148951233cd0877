"""Pydantic types of team products and of the overviews: drafts, credits, comments, schedules, participation."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from companion.api.schemas.general import UTCDateTime
from companion.api.schemas.teams import Method

ProductKind = Literal["advice_note", "action_plan", "annual_plan"]


class ProductIn(BaseModel):
    kind: ProductKind = "advice_note"


class ProductEdit(BaseModel):
    title: str | None = Field(None, max_length=200)
    payload: dict[str, Any] | None = None


class CommentIn(BaseModel):
    text: str = Field(max_length=2000)


class PlannedIn(BaseModel):
    title: str = Field(max_length=200)
    method: Method = "incident"
    planned_on: date


class CreditOut(BaseModel):
    name: str
    contributed: str


class CommentOut(BaseModel):
    id: int
    author_name: str
    mine: bool
    text: str
    created_at: UTCDateTime


class TeamProductOut(BaseModel):
    id: int
    team_id: int
    session_id: int | None
    kind: str
    title: str
    status: Literal["draft", "pending", "approved", "rejected"]
    payload: dict[str, Any]
    credits: list[CreditOut]
    markdown: str
    drafted_by: str
    suggestion_id: int | None
    review_comment: str
    approved_at: UTCDateTime | None
    created_at: UTCDateTime
    comments: list[CommentOut]


class PersonalPlanOut(BaseModel):
    suggestion_id: int
    kind: str
    title: str
    status: str


class PlannedOut(BaseModel):
    id: int
    trajectory_id: int
    title: str
    method: str
    planned_on: date


class Participation(BaseModel):
    person_id: int
    name: str
    contributions: int
    share: float


class OverviewSession(BaseModel):
    id: int
    title: str
    method: str
    mode: str
    phase: str
    phase_label: str
    phase_deadline: UTCDateTime | None
    schedule_id: int | None
    finished_at: UTCDateTime | None


class OverviewPlanned(BaseModel):
    id: int
    title: str
    method: str
    planned_on: date
    started: bool


class OpenAgreement(BaseModel):
    session_id: int
    title: str
    agreement: str
    since: UTCDateTime | None


class TeamOverviewOut(BaseModel):
    team_id: int
    team_name: str
    sessions: list[OverviewSession]
    planned: list[OverviewPlanned]
    open_agreements: list[OpenAgreement]
    participation: list[Participation]


class TeamCell(BaseModel):
    team_id: int
    team_name: str
    suppressed: str | None = Field(description="too_small / differencing: the figures are hidden (k >= 5)")
    members: int | None = None
    sessions: int | None = None
    finished: int | None = None
    open_agreements: int | None = None
    members_contributing: float | None = None


class TrajectoryOverviewOut(BaseModel):
    trajectory_id: int
    k: int
    planned: int
    teams: list[TeamCell]
