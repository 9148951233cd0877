"""Giving account (verantwoording): draft from the data, mark commitments, choose what to share, submit to review."""

from datetime import date
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from companion.accountability import reports
from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import UTCDateTime
from companion.llm.guarded import guarded

router = APIRouter(prefix="/accountability-reports", tags=["giving account"])


class AccountCreate(BaseModel):
    period_start: date | None = Field(None, description="with period_end; default: the agreement's review "
                                                        "period when near, else the (just ended) quarter")
    period_end: date | None = None


class CommitmentMark(BaseModel):
    mark: str | None = Field(None, description="delivered, partly, not, or null")
    note: str = Field("", max_length=2000)


class AccountPatch(BaseModel):
    commitments: list[CommitmentMark] | None = Field(None, description="one mark per organisation commitment, "
                                                                       "in order; redrafts the organisation section")
    sections: dict[str, str] | None = Field(None, description="edited text per section (before review)")
    shared: list[str] | None = Field(None, description="sections the organisation may see once approved")


class AccountOut(BaseModel):
    id: int
    period_start: date
    period_end: date
    language: str
    status: str = Field(description="draft, in_review, approved or rejected")
    facts: dict[str, Any]
    commitments: list[dict[str, Any]]
    sections: dict[str, str]
    shared: list[str]
    suggestion_id: int | None
    drafted_by: str
    review_comment: str = ""
    approved_at: UTCDateTime | None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class SharedAccountOut(BaseModel):
    id: int
    owner: str
    period_start: date
    period_end: date
    approved_at: UTCDateTime | None
    sections: dict[str, str]
    commitments: list[dict[str, Any]]


def _out(session, account) -> AccountOut:
    out = AccountOut.model_validate(account, from_attributes=True)
    out.review_comment = reports.review_comment(session, account)
    return out


@router.post("", response_model=AccountOut, status_code=201)
def create_account(body: AccountCreate, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    account = reports.create(session, me, today=services.clock.now().date(), model=guarded(services),
                              prompts_dir=services.settings.prompts_dir, period_start=body.period_start,
                              period_end=body.period_end)
    return _out(session, account)


@router.get("", response_model=list[AccountOut])
def list_accounts(me: PrincipalDep, session: SessionDep):
    return [_out(session, a) for a in reports.list_mine(session, me)]


@router.get("/shared", response_model=list[SharedAccountOut])
def shared_accounts(me: PrincipalDep, session: SessionDep):
    """Admins: what professionals of the organisation chose to share, from approved accounts only."""
    return reports.shared_with_organisation(session, me)


@router.get("/{account_id}", response_model=AccountOut)
def read_account(account_id: int, me: PrincipalDep, session: SessionDep):
    return _out(session, reports.get(session, me, account_id))


@router.patch("/{account_id}", response_model=AccountOut)
def update_account(account_id: int, body: AccountPatch, me: PrincipalDep, services: ServicesDep,
                   session: SessionDep):
    values = body.model_dump(exclude_unset=True)
    account = reports.update(session, me, account_id, values, prompts_dir=services.settings.prompts_dir)
    return _out(session, account)


@router.post("/{account_id}/redraft", response_model=AccountOut)
def redraft_account(account_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    account = reports.redraft(session, me, account_id, model=guarded(services),
                               prompts_dir=services.settings.prompts_dir)
    return _out(session, account)


@router.post("/{account_id}/submit", response_model=AccountOut)
def submit_account(account_id: int, me: PrincipalDep, session: SessionDep):
    return _out(session, reports.submit(session, me, account_id))


@router.delete("/{account_id}", status_code=204)
def delete_account(account_id: int, me: PrincipalDep, session: SessionDep):
    reports.delete(session, me, account_id)
    return Response(status_code=204)
