"""Knowledge documents: everyone reads what their teams may see; admins upload, curate, retire and re-index."""

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from companion.api.deps import AdminDep, PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.knowledge import (
    DocumentDetail,
    DocumentOut,
    DocumentUpdate,
    IngestOut,
    ReindexOut,
    VersionOut,
)
from companion.knowledge import access, curation, documents

router = APIRouter(prefix="/knowledge", tags=["knowledge"])
FileField = Annotated[UploadFile, File(description="a .md, .txt, .pdf, .docx or .html file")]
TagsField = Annotated[str, Form(description="comma-separated tags, added to those in the file")]
LanguageField = Annotated[Literal["nl", "en"] | None, Form(description="overrides the detected language")]


def read_limited(file: UploadFile, limit: int) -> bytes:
    """At most limit + 1 bytes: enough to know a file is too large without reading all of it."""
    return file.file.read(limit + 1)


def ingest_response(doc, status: str, response: Response) -> IngestOut:
    if status in ("unchanged", "restored"):
        response.status_code = 200
    return IngestOut(document=DocumentOut.model_validate(doc), status=status, chunks=len(doc.chunks))


@router.get("", response_model=list[DocumentOut])
def list_documents(me: PrincipalDep, session: SessionDep,
                   tag: Annotated[str | None, Query(max_length=50)] = None,
                   language: Annotated[Literal["nl", "en"] | None, Query()] = None,
                   status: Annotated[Literal["active", "retired", "all"] | None, Query(
                       description="admins: all when left out; others always see active documents")] = None,
                   q: Annotated[str | None, Query(max_length=200, description="words in the title")] = None):
    """The documents the caller may see; admins see every document of their organisation."""
    status = status or ("all" if me.is_admin else "active")
    return access.list_documents(session, me, tag=tag, language=language, status=status, query=q)


@router.post("", response_model=IngestOut, status_code=201)
def upload(me: AdminDep, services: ServicesDep, session: SessionDep, response: Response, file: FileField,
           tags: TagsField = "", language: LanguageField = None) -> IngestOut:
    """Add a document (201), replace a changed one with the same file name (201, version + 1), bring back a
    retired one uploaded unchanged (200, "restored"), or report it unchanged (200)."""
    limit = services.settings.max_upload_bytes
    doc, status = documents.ingest_upload(session, services.index, me, file.filename or "",
                                          read_limited(file, limit), limit, tags=tags, language=language)
    return ingest_response(doc, status, response)


@router.post("/reindex", response_model=ReindexOut)
def reindex_all(me: AdminDep, services: ServicesDep, session: SessionDep) -> ReindexOut:
    """Embed every document of the organisation again (retired ones are only taken out)."""
    return ReindexOut(**curation.reindex_organisation(session, services.index, me))


@router.get("/{document_id}", response_model=DocumentDetail)
def read_document(document_id: int, me: PrincipalDep, session: SessionDep):
    return access.get_document(session, me, document_id)


@router.patch("/{document_id}", response_model=DocumentOut)
def update_document(document_id: int, body: DocumentUpdate, me: AdminDep, services: ServicesDep,
                    session: SessionDep):
    """Edit title, tags or language, or assign to teams and trajectories (re-indexes the document)."""
    return curation.update_document(session, services.index, me, document_id,
                                              body.model_dump(exclude_unset=True))


@router.post("/{document_id}/file", response_model=IngestOut, status_code=201)
def upload_version(document_id: int, me: AdminDep, services: ServicesDep, session: SessionDep,
                   response: Response, file: FileField, tags: TagsField = "",
                   language: LanguageField = None) -> IngestOut:
    """A new version of this document from any supported file (its name may differ from the first one)."""
    doc = access.document_for_admin(session, me, document_id)
    limit = services.settings.max_upload_bytes
    doc, status = documents.ingest_upload(session, services.index, me, file.filename or "",
                                          read_limited(file, limit), limit, tags=tags, language=language,
                                          document=doc)
    return ingest_response(doc, status, response)


@router.post("/{document_id}/retire", response_model=DocumentOut)
def retire(document_id: int, me: AdminDep, services: ServicesDep, session: SessionDep):
    """Take the document out of retrieval and out of view (admins still see it, and can restore it)."""
    return curation.retire(session, services.index, me, document_id)


@router.post("/{document_id}/restore", response_model=DocumentOut)
def restore(document_id: int, me: AdminDep, services: ServicesDep, session: SessionDep):
    return curation.restore(session, services.index, me, document_id)


@router.post("/{document_id}/reindex", response_model=DocumentOut)
def reindex_one(document_id: int, me: AdminDep, services: ServicesDep, session: SessionDep):
    return curation.reindex_document(session, services.index, me, document_id)


@router.get("/{document_id}/versions", response_model=list[VersionOut])
def versions(document_id: int, me: AdminDep, session: SessionDep):
    """Every version of the document, newest first: number, hash, date, who, chunk count."""
    return curation.versions(session, me, document_id)
