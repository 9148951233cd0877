"""The pulse survey: is it open for me now, answer it, my own answers."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from companion.accountability import surveys
from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import UTCDateTime

router = APIRouter(prefix="/surveys", tags=["surveys"])


class SurveyNow(BaseModel):
    due: bool = Field(description="true when the caller (a professional) has not answered this window yet")
    answered: bool
    period_start: date
    period_end: date
    questions: list[str] = Field(description="satisfaction, applied, fits_week; the UI holds their wording")
    scale: list[int]


class SurveyAnswer(BaseModel):
    satisfaction: int = Field(strict=True, description="1-5: how satisfied with learning this way")
    applied: int = Field(strict=True, description="1-5: I applied what I learned at work as intended")
    fits_week: int = Field(strict=True, description="1-5: the rhythm fits in my working week")
    comment: str = Field("", max_length=4000, description="optional; never shown to the organisation by name")


class SurveyResponseOut(BaseModel):
    id: int
    period_start: date
    satisfaction: int
    applied: int
    fits_week: int
    comment: str
    created_at: UTCDateTime


@router.get("/current", response_model=SurveyNow)
def current(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return surveys.current(session, me, services.clock.now().date())


@router.post("/responses", response_model=SurveyResponseOut, status_code=201)
def answer(body: SurveyAnswer, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return SurveyResponseOut.model_validate(surveys.answer(session, me, body.model_dump(), services.clock.now()),
                                            from_attributes=True)


@router.get("/responses", response_model=list[SurveyResponseOut])
def mine(me: PrincipalDep, session: SessionDep):
    return [SurveyResponseOut.model_validate(r, from_attributes=True) for r in surveys.mine(session, me)]
