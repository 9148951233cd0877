"""Knowledge documents of the caller's organisation (read-only for everyone in it)."""

from fastapi import APIRouter

from ... import knowledge
from ...schemas import DocumentDetail, DocumentOut
from ..deps import PrincipalDep, SessionDep

router = APIRouter(prefix="/knowledge", tags=["knowledge"])


@router.get("", response_model=list[DocumentOut])
def list_documents(me: PrincipalDep, session: SessionDep):
    docs = knowledge.list_documents(session, me)
    return [d for d in docs if d.active or me.is_admin]


@router.get("/{document_id}", response_model=DocumentDetail)
def read_document(document_id: int, me: PrincipalDep, session: SessionDep):
    return knowledge.get_document(session, me, document_id)
