"""GET|POST /api/me/api-keys, DELETE /api/me/api-keys/{id}: my personal API keys (with a login, never with a key)."""

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from companion.api.deps import LoginPrincipalDep, ServicesDep
from companion.api.schemas.general import UTCDateTime
from companion.trust import api_keys

router = APIRouter(prefix="/me/api-keys", tags=["me"])

class ApiKeyCreate(BaseModel):
    name: str = Field(max_length=api_keys.MAX_NAME * 2, description="to recognise the key, e.g. 'Open WebUI laptop'")
    expires_in_days: int = Field(default=api_keys.DEFAULT_DAYS, ge=1, le=api_keys.MAX_DAYS)

class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str = Field(description="the key's first characters, to recognise it")
    created_at: UTCDateTime
    expires_at: UTCDateTime
    last_used_at: UTCDateTime | None = Field(description="to the minute")
    revoked_at: UTCDateTime | None
    status: Literal["active", "expired", "revoked"]

class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="the key itself: shown this once, never again")

def _client(request: Request) -> str | None:
    return request.client.host if request.client else None

@router.get("", response_model=list[ApiKeyOut])
def list_keys(me: LoginPrincipalDep, services: ServicesDep) -> list[ApiKeyOut]:
    """My keys, newest first, with when each was last used; never the keys themselves."""
    with services.sessions() as session:
        return [ApiKeyOut(**k) for k in api_keys.list_keys(session, me, clock=services.clock)]

@router.post("", response_model=ApiKeyCreated, status_code=201)
def create_key(body: ApiKeyCreate, request: Request, response: Response, me: LoginPrincipalDep,
               services: ServicesDep) -> ApiKeyCreated:
    """A new key for an OpenAI-compatible client or MCP; the response holds the key, once."""
    response.headers["Cache-Control"] = "no-store"  # no proxy or browser cache keeps the key
    with services.transaction() as session:
        key, raw = api_keys.create(session, me, name=body.name, days=body.expires_in_days, clock=services.clock,
                                   client=_client(request))
        out = api_keys.view(key, services.clock.now())
    return ApiKeyCreated(**out, key=raw)

@router.delete("/{key_id}", status_code=204)
def revoke_key(key_id: int, request: Request, me: LoginPrincipalDep, services: ServicesDep) -> Response:
    """Revoke a key of mine: it stops working at once."""
    with services.transaction() as session:
        api_keys.revoke(session, me, key_id=key_id, clock=services.clock, client=_client(request))
    return Response(status_code=204, headers={"Cache-Control": "no-store"})

