"""Admin only: people and knowledge uploads for the admin's own organisation."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from sqlalchemy import select

from ... import knowledge, people
from ...models import Person
from ...schemas import DocumentOut, IngestOut, PersonCreate, PersonOut
from ..deps import AdminDep, ServicesDep, SessionDep

router = APIRouter(prefix="/admin", tags=["admin"])


def _person_out(p: Person) -> PersonOut:
    return PersonOut(id=p.id, username=p.username, display_name=p.display_name, role=p.role,
                     team=p.team.name if p.team else None, language=p.language)


@router.post("/people", response_model=PersonOut, status_code=201)
def create_person(body: PersonCreate, me: AdminDep, session: SessionDep) -> PersonOut:
    person = people.create_person(session, org_id=me.org_id, username=body.username, password=body.password,
                                  role=body.role, display_name=body.display_name, team=body.team,
                                  language=body.language)
    session.commit()
    return _person_out(person)


@router.get("/people", response_model=list[PersonOut])
def list_people(me: AdminDep, session: SessionDep) -> list[PersonOut]:
    rows = session.scalars(select(Person).where(Person.org_id == me.org_id).order_by(Person.username))
    return [_person_out(p) for p in rows]


@router.post("/knowledge", response_model=IngestOut, status_code=201)
def upload_knowledge(me: AdminDep, services: ServicesDep, session: SessionDep, response: Response,
                     file: Annotated[UploadFile, File(description="a .md or .txt file")],
                     tags: Annotated[str, Form(description="comma-separated tags")] = "") -> IngestOut:
    """Add a document (201), replace a changed one (201, version + 1), or report it unchanged (200)."""
    limit = services.settings.max_upload_bytes
    raw = file.file.read(limit + 1)
    text = knowledge.decode_upload(file.filename or "", raw, limit)
    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    doc, status = knowledge.ingest_text(session, services.index, me.org_id,
                                        (file.filename or "upload.md").rsplit("/", 1)[-1], text, tag_list)
    if status == "unchanged":
        response.status_code = 200
    return IngestOut(document=DocumentOut.model_validate(doc), status=status, chunks=len(doc.chunks))
