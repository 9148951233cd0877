"""Aggregates for admins of the organisation: the dashboard as JSON and as CSV, small groups suppressed."""

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from companion.accountability import analytics
from companion.api.deps import PrincipalDep, ServicesDep, SessionDep

router = APIRouter(prefix="/analytics", tags=["analytics"])


class CellOut(BaseModel):
    metric: str
    group: str = Field(description="'org', 'team:<id>' or 'trajectory:<id>'")
    period: str = Field(description="'' for the whole 52 weeks, or an ISO week like '2026-W05'")
    value: float | None = Field(description="None when not shown")
    n: int | None = Field(description="how many people the value is about; None when suppressed")
    status: str = Field(description="shown, too_small (< k people), differencing, no_data or not_yet")


class GroupOut(BaseModel):
    key: str
    kind: str
    label: str
    size: int


class DashboardOut(BaseModel):
    organisation: str
    generated_at: datetime
    k: int = Field(description="the smallest group a shown value may describe")
    period_start: date
    period_end: date
    weeks: list[str]
    groups: list[GroupOut]
    cells: list[CellOut]
    benchmarks: list[dict[str, Any]] = Field(description="the published research figures to compare with")
    comments: dict[str, Any] = Field(description="survey comments of the whole organisation, without name, team "
                                                 "or date, sorted; only when at least k people wrote one")


@router.get("/dashboard", response_model=DashboardOut)
def dashboard(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return analytics.dashboard(session, me, services.clock.now())


@router.get("/export.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Response:
    board = analytics.dashboard(session, me, services.clock.now())
    name = f"companion-dashboard-{board['period_end'].isoformat()}.csv"
    return Response(analytics.to_csv(board), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
