"""Pydantic types of the teams API: sessions (intervisie), cases, contributions, team products, trajectory schedules."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from companion.api.schemas.general import UTCDateTime

Method = Literal["incident", "roddel", "action_learning"]
Kind = Literal["question", "answer", "analysis", "advice", "choice", "evaluation", "agreement", "harvest", "report"]


class SessionIn(BaseModel):
    title: str = Field(max_length=200)
    method: Method = "incident"
    mode: Literal["live", "async"] | None = Field(None, description="default: async for roddel, else live")
    language: Literal["nl", "en"] | None = Field(None, description="default: the caller's language")
    deadlines: dict[str, int] = Field(default_factory=dict, description="phase id -> minutes from the phase's start")
    quorum: int = Field(0, ge=0, le=1000, description="async: contributors that complete a phase (0: everyone)")
    previous_id: int | None = Field(None, description="action learning: the session this one follows up")
    schedule_id: int | None = Field(None, description="the trajectory's planned session this one holds")


class CaseIn(BaseModel):
    source: Literal["new", "situation", "entry"] = "new"
    source_id: int | None = Field(None, description="with source situation/entry: one of the caller's own")
    title: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=24000)


class VoteIn(BaseModel):
    case_id: int


class ContributionIn(BaseModel):
    kind: Kind
    text: str = Field(max_length=6000)
    refs: list[int] = Field(default_factory=list, max_length=50, description="a choice: the advice ids chosen")


class AdvanceIn(BaseModel):
    expected_phase: str | None = Field(None, max_length=30, description="the phase the caller saw (409 if it moved)")


class Named(BaseModel):
    id: int | None
    name: str


class PhaseOut(BaseModel):
    id: str
    label: str
    asks: str = ""
    state: str = ""


class MethodOut(BaseModel):
    id: str
    name: str
    summary: str
    asynchronous: bool
    series: bool
    phases: list[PhaseOut]


class TeamOut(BaseModel):
    id: int
    name: str
    role: Literal["member", "expert"]
    members: list[Named]
    experts: list[Named]
    open_sessions: list[SessionRow]


class SessionRow(BaseModel):
    id: int
    team_id: int
    title: str
    method: str
    mode: str
    phase: str
    phase_label: str
    phase_deadline: UTCDateTime | None
    case_title: str | None
    created_at: UTCDateTime
    finished_at: UTCDateTime | None
    agreement: str
    new_since_last_visit: int
    asked_of_me: list[str]


class CaseOut(BaseModel):
    id: int
    title: str
    text: str
    owner_id: int | None
    owner_name: str
    source_kind: str
    shared_from_own_work: bool
    mine: bool
    votes: int
    revocable: bool


class ContributionOut(BaseModel):
    id: int
    phase: str
    kind: str
    by_companion: bool
    author_id: int | None
    author_name: str
    text: str
    flags: list[str]
    refs: list[int]
    erased: bool
    created_at: UTCDateTime


class HiddenAdvice(BaseModel):
    given: int
    expected: int
    text: str


class MeInSession(BaseModel):
    role: Literal["member", "expert"]
    is_case_owner: bool
    is_facilitator: bool
    may_post: list[str]
    may_advance: bool
    may_vote: bool
    may_bring_case: bool


class Previous(BaseModel):
    id: int
    title: str
    agreement: str
    agreement_outcome: str


class SinceLastVisit(BaseModel):
    last_seen_at: UTCDateTime | None
    last_seen_id: int
    phase_then: str | None
    phase_now: str
    phase_changed: bool
    new_count: int
    new_ids: list[int]


class SessionOut(BaseModel):
    id: int
    team_id: int
    team_name: str
    title: str
    method: str
    method_name: str
    mode: str
    language: str
    phase: str
    phase_label: str
    phase_asks: str
    phases: list[PhaseOut]
    phase_started_at: UTCDateTime
    phase_deadline: UTCDateTime | None
    seconds_left: int | None
    deadlines: dict[str, int]
    quorum: int
    facilitator: Named | None
    case: CaseOut | None
    cases: list[CaseOut]
    my_vote: int | None
    contributions: list[ContributionOut]
    latest_id: int
    hidden_advice: HiddenAdvice | None
    not_spoken: list[str]
    not_spoken_text: str
    me: MeInSession
    agreement: str
    agreement_outcome: str
    previous: Previous | None
    since_last_visit: SinceLastVisit
    facilitation_mode: Literal["offline", "model"]
    created_at: UTCDateTime
    finished_at: UTCDateTime | None


class PostedOut(BaseModel):
    contribution: ContributionOut
    nudge: ContributionOut | None
    phase: str = Field(description="the session's phase after the post (an async quorum may have moved it)")


class TeamHit(BaseModel):
    id: str
    kind: str
    title: str
    snippet: str
    score: float
    ref_id: int | None
    created: str | None


TeamOut.model_rebuild()
