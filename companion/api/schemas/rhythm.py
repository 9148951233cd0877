"""Pydantic types of the weekly-rhythm and learning-agreement API."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from companion.api.schemas.general import ORM, UTCDateTime

Outcome = Literal["tried", "partly", "not_tried"]


class CaptureIn(BaseModel):
    text: str = Field(max_length=2000, description="what happened, in a sentence or two")
    situation_id: int | None = Field(None, description="link to an existing work situation instead of a new one")


class CaptureOut(ORM):
    id: int
    text: str
    situation_id: int | None
    created_at: UTCDateTime


class PlanSuggestion(BaseModel):
    focus: str
    experiment: str
    source: str = Field(description="'template' (offline) or 'llm'")
    based_on: list[str] = Field(description="reflection, agreement, or fresh (a new start)")
    goal: str = ""


class NextSuggestion(PlanSuggestion):
    key: str


class PlanIn(BaseModel):
    focus: str = Field(max_length=1000)
    experiment: str = Field(max_length=1000)
    source: Literal["manual", "template", "llm"] = "manual"


class ReflectionIn(BaseModel):
    experiment_outcome: Outcome | None = None
    happened: str = Field("", max_length=4000)
    learned: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=4000)


class WeekOut(BaseModel):
    key: str = Field(description="ISO week, e.g. 2026-W48, in the person's time zone")
    year: int
    week: int
    timezone: str
    starts_on: date
    ends_on: date
    is_current: bool
    offset: int = Field(description="weeks from the current week (-1 last week, 1 next week)")
    status: Literal["open", "planned", "reflected", "missed"]
    focus: str
    experiment: str
    plan_source: str
    planned_at: UTCDateTime | None
    experiment_outcome: Outcome | None
    happened: str
    learned: str
    next_step: str
    reflected_at: UTCDateTime | None
    captures: list[CaptureOut]
    can_plan: bool
    can_reflect: bool
    welcome_back: bool = Field(description="back after one or more empty weeks: welcome, no catching up needed")
    reminder: str | None = Field(description="welcome_back, reflect_previous, plan_missing or reflect_due")
    suggestion: PlanSuggestion | None = Field(description="a prepared plan while this week has none")
    next_suggestion: NextSuggestion | None = Field(description="next week's prepared plan, once this week is reflected")


class WeekSummary(BaseModel):
    key: str
    status: str
    focus: str
    experiment: str
    experiment_outcome: Outcome | None
    captures: int
    reflected_at: UTCDateTime | None


class RhythmSettings(BaseModel):
    timezone: str
    plan_weekday: int = Field(description="0 = Monday … 6 = Sunday")
    plan_time: str = Field(description="local time, HH:MM")
    reflect_weekday: int
    reflect_time: str
    calendar_feed_active: bool


class RhythmSettingsIn(BaseModel):
    timezone: str | None = Field(None, max_length=64)
    plan_weekday: int | None = None
    plan_time: str | None = Field(None, max_length=5)
    reflect_weekday: int | None = None
    reflect_time: str | None = Field(None, max_length=5)


class CalendarLink(BaseModel):
    url: str = Field(description="secret feed address; shown once, keep it private")
    token: str


class AgreementFields(BaseModel):
    goals: str | None = Field(None, max_length=4000, description="the professional's learning goals")
    rhythm: str | None = Field(None, max_length=4000, description="the professional's weekly rhythm")
    time_minutes_per_week: int | None = Field(None, ge=0, le=2400, description="learning time the org gives")
    support: str | None = Field(None, max_length=4000, description="support the organisation gives")
    resources: str | None = Field(None, max_length=4000, description="resources the organisation provides")
    review_date: date | None = None
    change_note: str = Field("", max_length=4000, description="why this version")


class AgreementCreate(AgreementFields):
    person_id: int | None = Field(None, description="the professional; yourself when omitted")


class ConsentIn(BaseModel):
    version: int = Field(description="the version number you read and agree to")


class PersonRef(BaseModel):
    id: int
    display_name: str


class AgreementVersionOut(BaseModel):
    number: int
    goals: str
    rhythm: str
    time_minutes_per_week: int
    support: str
    resources: str
    review_date: date | None
    change_note: str
    changed_by: str | None
    created_at: UTCDateTime
    professional_agreed_at: UTCDateTime | None
    organisation_agreed_at: UTCDateTime | None
    organisation_agreed_by: str | None
    agreed: bool


class AgreementOut(BaseModel):
    id: int
    person_id: int
    person_name: str | None
    status: Literal["draft", "proposed", "agreed"]
    current_version: int
    agreed_version: int | None = Field(description="the version in force (both agreed), if any")
    current: AgreementVersionOut
    in_force: AgreementVersionOut | None
    my_side: Literal["professional", "organisation"]
    can_consent: bool
    review_due: bool
    updated_at: UTCDateTime
