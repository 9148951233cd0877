"""A person's own data: export all of it (JSON or a readable document), erase the account."""

import json
from datetime import date

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.trust import privacy
from companion.trust.privacy_document import render_markdown

router = APIRouter(prefix="/privacy", tags=["privacy"])


class ErasureRequest(BaseModel):
    confirmation: str = Field(max_length=100, description="the phrase WIS MIJN ACCOUNT (or ERASE MY ACCOUNT)")
    password: str = Field(max_length=400)


def _download(body: str, media_type: str, name: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@router.get("/export", responses={200: {"content": {"application/json": {}}}})
def export_json(me: PrincipalDep, session: SessionDep) -> Response:
    """Everything linked to me as JSON (GDPR Art. 15 and 20)."""
    data = privacy.export(session, me)
    return _download(json.dumps(data, ensure_ascii=False, indent=2), "application/json",
                     f"companion-{me.username}-{date.today().isoformat()}.json")


@router.get("/export.md", responses={200: {"content": {"text/markdown": {}}}})
def export_document(me: PrincipalDep, session: SessionDep) -> Response:
    """The same data as a readable portfolio document (Markdown)."""
    return _download(render_markdown(privacy.export(session, me)), "text/markdown; charset=utf-8",
                     f"companion-{me.username}-{date.today().isoformat()}.md")


@router.post("/erase", status_code=204)
def erase_account(body: ErasureRequest, me: PrincipalDep, services: ServicesDep) -> Response:
    """Erase my account and all my data for good (GDPR Art. 17); needs the phrase and my password."""
    privacy.erase(services, me, body.confirmation, body.password)
    return Response(status_code=204)
