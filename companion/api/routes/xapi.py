"""xAPI: the organisation's LRS (admin), its outbox and dead letters (admin), and my own choice (everyone)."""

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from companion.api.deps import AdminDep, PrincipalDep, ServicesDep, SessionDep
from companion.interop import xapi

router = APIRouter(tags=["xapi"])


class XapiSettingsOut(BaseModel):
    enabled: bool
    endpoint: str = Field(description="the LRS base; statements go to <endpoint>/statements")
    base_url: str = Field(description="the organisation's web address: activity IRIs and the actors' homePage")
    key_hint: str = Field(description="the last characters of the basic-auth key; the key itself is not shown")
    secret_set: bool = Field(description="whether a secret is stored; it is never returned")
    counts: dict[str, int] = Field(description="statements per status: pending, sent, dead")


class XapiSettingsIn(BaseModel):
    enabled: bool | None = None
    endpoint: str | None = Field(default=None, max_length=500)
    base_url: str | None = Field(default=None, max_length=500)
    key: str | None = Field(default=None, max_length=200)
    secret: str | None = Field(default=None, max_length=500, description="write-only; \"\" removes it")


class OutboxRow(BaseModel):
    id: int
    statement_id: str
    event: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    verb: str
    object: str


class SendReport(BaseModel):
    sent: int
    retrying: int
    dead: int
    requests: int
    skipped_orgs: int


class RetriedOut(BaseModel):
    retried: int


class MyXapiOut(BaseModel):
    share: bool = Field(description="my learning events go to the organisation's LRS (off unless I turn it on)")
    named: bool = Field(description="with my name (and e-mail, if given) instead of a pseudonym")
    email: str
    organisation_sends: bool = Field(description="whether my organisation has an LRS switched on")
    pseudonym: str | None = Field(description="the opaque id the LRS knows me by")


class MyXapiIn(BaseModel):
    share: bool | None = None
    named: bool | None = None
    email: str | None = Field(default=None, max_length=254)


def _settings_out(session, me) -> XapiSettingsOut:
    view = xapi.preferences.org_view(xapi.preferences.org_settings(session, me.org_id))
    return XapiSettingsOut(**view, counts=xapi.outbox.counts(session, me))


@router.get("/admin/xapi", response_model=XapiSettingsOut)
def read_settings(me: AdminDep, session: SessionDep) -> XapiSettingsOut:
    """The organisation's LRS and how many statements are pending, sent and dead."""
    return _settings_out(session, me)


@router.put("/admin/xapi", response_model=XapiSettingsOut)
def update_settings(body: XapiSettingsIn, me: AdminDep, services: ServicesDep, session: SessionDep) -> XapiSettingsOut:
    """Set the LRS; leave a field out to keep it. The secret is stored encrypted and never shown again."""
    xapi.preferences.update_org(session, me, services.settings.secret_key.get_secret_value(),
                                **body.model_dump(exclude_unset=True))
    session.commit()
    return _settings_out(session, me)


@router.get("/admin/xapi/outbox", response_model=list[OutboxRow])
def list_outbox(me: AdminDep, session: SessionDep, status: Literal["pending", "sent", "dead"] | None = None,
                limit: int = Query(default=50, ge=1, le=200), offset: int = Query(default=0, ge=0, le=10**9)):
    """The outbox, newest first; `status=dead` lists what the LRS refused for good."""
    return [xapi.outbox.view(r) for r in xapi.outbox.listing(session, me, status=status, limit=limit, offset=offset)]


@router.post("/admin/xapi/outbox/retry-dead", response_model=RetriedOut)
def retry_all_dead(me: AdminDep, services: ServicesDep, session: SessionDep) -> RetriedOut:
    """Send every dead letter again (after fixing the LRS setting)."""
    count = xapi.outbox.retry_dead(session, me, now=services.clock.now())
    session.commit()
    return RetriedOut(retried=count)


@router.post("/admin/xapi/outbox/{statement_row_id}/retry", response_model=OutboxRow)
def retry_one(statement_row_id: int, me: AdminDep, services: ServicesDep, session: SessionDep):
    """Send one dead letter again, from its first attempt."""
    row = xapi.outbox.retry(session, me, statement_row_id, now=services.clock.now())
    session.commit()
    return xapi.outbox.view(row)


@router.post("/admin/xapi/send", response_model=SendReport)
def send_now(me: AdminDep, services: ServicesDep) -> SendReport:
    """Send my organisation's due statements now, instead of waiting for the next round."""
    return SendReport(**xapi.send_due(services, org_id=me.org_id).as_dict())


@router.get("/me/xapi", response_model=MyXapiOut)
def read_mine(me: PrincipalDep, session: SessionDep) -> MyXapiOut:
    """Do my learning events go to the organisation's Learning Record Store, and under which name?"""
    return MyXapiOut(**xapi.preferences.person_view(session, me))


@router.patch("/me/xapi", response_model=MyXapiOut)
def update_mine(body: MyXapiIn, me: PrincipalDep, session: SessionDep) -> MyXapiOut:
    """Opt in or out; choose a pseudonym (the default) or my name."""
    view = xapi.preferences.update_person(session, me, **body.model_dump(exclude_unset=True))
    session.commit()
    return MyXapiOut(**view)
