"""Portfolio entries: the caller's own, and the entries others shared with them (read only)."""

from fastapi import APIRouter, Response

from companion.api.deps import PrincipalDep, ServicesDep, SessionDep
from companion.api.schemas.general import EntryIn, EntryKind, EntryOut, EntryPatch, SharedEntryOut
from companion.reflection import portfolio

router = APIRouter(prefix="/portfolio", tags=["portfolio"])


@router.post("", response_model=EntryOut, status_code=201)
def create_entry(body: EntryIn, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    return portfolio.create_entry(session, services.index, me, body.model_dump())


@router.get("", response_model=list[EntryOut])
def list_entries(me: PrincipalDep, session: SessionDep, kind: EntryKind | None = None):
    """Your own entries."""
    return portfolio.list_entries(session, me, kind)


@router.get("/shared", response_model=list[SharedEntryOut])
def shared_entries(me: PrincipalDep, session: SessionDep):
    """Entries of others you may read: shared with their expert (if you coach their team) or with their team."""
    return [SharedEntryOut(**EntryOut.model_validate(e).model_dump(), owner_name=owner.display_name)
            for e, owner in portfolio.shared_with_me(session, me)]


@router.get("/{entry_id}", response_model=EntryOut)
def read_entry(entry_id: int, me: PrincipalDep, session: SessionDep):
    """Your entry, or one shared with you; 404 otherwise."""
    return portfolio.get_entry(session, me, entry_id)


@router.patch("/{entry_id}", response_model=EntryOut)
def update_entry(entry_id: int, body: EntryPatch, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    """Only the owner changes an entry (403 for someone it is shared with)."""
    return portfolio.update_entry(session, services.index, me, entry_id, body.model_dump(exclude_unset=True))


@router.delete("/{entry_id}", status_code=204)
def delete_entry(entry_id: int, me: PrincipalDep, services: ServicesDep, session: SessionDep):
    portfolio.delete_entry(session, services.index, me, entry_id)
    return Response(status_code=204)
