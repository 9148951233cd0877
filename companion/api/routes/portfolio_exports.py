"""The caller's portfolio in other systems' formats: Leap2A (a zip Mahara imports) and Open Badges 3.0."""

from fastapi import APIRouter, Request, Response

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.interop import leap2a, open_badges

router = APIRouter(prefix="/portfolio", tags=["portfolio"])


def _base(request: Request) -> str:
    """Where this API is reached: the ids and evidence links in an export point here."""
    return str(request.base_url).rstrip("/")


@router.get("/export/leap2a", response_class=Response, responses={200: {"content": {"application/zip": {}}}})
def export_leap2a(request: Request, me: PrincipalDep, services: ServicesDep, session: SessionDep) -> Response:
    """Your whole portfolio as a Leap2A 2010-07 zip (`leap2a.xml` and the approved products as PDF), for Mahara."""
    export = leap2a.export_portfolio(session, me, base_url=_base(request), clock=services.clock)
    return Response(export.content, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{export.filename}"',
                             "Cache-Control": "no-store"})


@router.get("/{entry_id}/badge", responses={200: {"content": {"application/json": {}}}})
def entry_badge(entry_id: int, request: Request, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Your approved learning goal or product as an unsigned Open Badges 3.0 credential (409 when not approved)."""
    return open_badges.credential(session, me, entry_id, base_url=_base(request),
                                  prompts_dir=services.settings.prompts_dir)
