"""The weekly rhythm: plan, quick capture, weekly reflection, calendar feed."""

from fastapi import APIRouter, Request, Response

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.rhythm import (
    CalendarLink,
    CaptureIn,
    CaptureOut,
    PlanIn,
    PlanSuggestion,
    ReflectionIn,
    RhythmSettings,
    RhythmSettingsIn,
    WeekOut,
    WeekSummary,
)
from companion.llm.guarded import guarded
from companion.models import Person
from companion.rhythm import calendar_feed, iso_weeks, week_plan, weeks

router = APIRouter(prefix="/weeks", tags=["weeks"])
ICS = "text/calendar; charset=utf-8"


@router.get("/current", response_model=WeekOut)
def current_week(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return weeks.view(session, me, services.clock)


@router.get("/history", response_model=list[WeekSummary])
def week_history(me: PrincipalDep, services: ServicesDep, session: SessionDep, count: int = 12):
    return weeks.history(session, me, services.clock, count)


@router.post("/current/captures", response_model=CaptureOut, status_code=201)
def quick_capture(body: CaptureIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return weeks.capture(session, services.index, me, services.clock, body.text, body.situation_id)


@router.delete("/captures/{capture_id}", status_code=204)
def delete_capture(capture_id: int, me: PrincipalDep, session: SessionDep):
    weeks.delete_capture(session, me, capture_id)
    return Response(status_code=204)


@router.get("/settings", response_model=RhythmSettings)
def rhythm_settings(me: PrincipalDep, session: SessionDep):
    return weeks.preferences_view(session, me)


@router.patch("/settings", response_model=RhythmSettings)
def update_rhythm_settings(body: RhythmSettingsIn, me: PrincipalDep, session: SessionDep):
    return weeks.update_preferences(session, me, body.model_dump(exclude_unset=True))


@router.get("/calendar.ics", response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
def calendar_download(me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """The weekly moments as a file to import once."""
    person = session.get(Person, me.person_id)
    return Response(calendar_feed.build(session, person, services.clock), media_type=ICS,
                    headers={"Content-Disposition": 'attachment; filename="weekritme.ics"'})


@router.post("/calendar/link", response_model=CalendarLink, status_code=201)
def calendar_link(request: Request, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """A new secret feed address for a calendar app to subscribe to; the previous one stops working."""
    token = calendar_feed.new_token(session, me, services.clock)
    return {"url": str(request.url_for("calendar_subscription", token=token)), "token": token}


@router.delete("/calendar/link", status_code=204)
def revoke_calendar_link(me: PrincipalDep, session: SessionDep):
    calendar_feed.revoke_token(session, me)
    return Response(status_code=204)


@router.get("/feed/{token}.ics", name="calendar_subscription", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def calendar_subscription(token: str, services: ServicesDep, session: SessionDep):
    """The feed itself: no login, the secret token is the key."""
    person = calendar_feed.person_for_token(session, token)
    return Response(calendar_feed.build(session, person, services.clock), media_type=ICS,
                    headers={"Cache-Control": "private, max-age=3600"})


@router.get("/{key}", response_model=WeekOut)
def read_week(key: str, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return weeks.view(session, me, services.clock, key)


@router.post("/{key}/prepare", response_model=PlanSuggestion)
def prepare_plan(key: str, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """A prepared plan, worded by the LLM when one is configured (offline template otherwise)."""
    return week_plan.prepare_with_llm(session, guarded(services), me.person_id, iso_weeks.parse_week_key(key),
                                      me.language)


@router.put("/{key}/plan", response_model=WeekOut)
def save_plan(key: str, body: PlanIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    weeks.save_plan(session, me, services.clock, key, body.model_dump())
    return weeks.view(session, me, services.clock, key)


@router.put("/{key}/reflection", response_model=WeekOut)
def save_reflection(key: str, body: ReflectionIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    weeks.reflect(session, me, services.clock, key, body.model_dump())
    return weeks.view(session, me, services.clock, key)
