"""What erasing a person does to the team sessions they took part in (see docs/teams.md).

Their words are removed, not kept under a pseudonym: a contribution's text is emptied and marked erased (the room
shows "[verwijderd op verzoek van de schrijver]" under "oud-teamlid"), their comments on team products are
deleted, their name in the companion's summaries and nudges becomes "oud-teamlid" with the quote removed, and in
a team product's credits (and the review copy of it) their name becomes "oud-teamlid". The cases they brought in
are theirs and go with the account (the database cascades). What the team made together and the expert approved
stays the team's. Finished sessions they spoke in are re-indexed, so search no longer finds their words.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from companion.core.texts.teams import ERASED_TEXT, FORMER_MEMBER
from companion.models import Person, Suggestion, TeamContribution, TeamProduct, TeamProductComment, TeamSession
from companion.retrieval.scoped_index import Index
from companion.retrieval.team_items import reindex_session


def erase_team_traces(session: Session, person_id: int) -> list[int]:
    """Remove the person's words from their teams' sessions and products; returns the sessions touched."""
    person = session.get(Person, person_id)
    if person is None:
        return []
    touched = sorted(set(session.scalars(select(TeamContribution.session_id)
                                         .where(TeamContribution.author_id == person_id))))
    session.execute(update(TeamContribution).where(TeamContribution.author_id == person_id)
                    .values(text="", erased=True, flags=[], author_id=None))
    session.execute(delete(TeamProductComment).where(TeamProductComment.author_id == person_id))
    name = re.escape(person.display_name)
    for ts_id in touched:
        lang = session.scalar(select(TeamSession.language).where(TeamSession.id == ts_id)) or "nl"
        former, erased = FORMER_MEMBER.get(lang, FORMER_MEMBER["nl"]), ERASED_TEXT.get(lang, ERASED_TEXT["nl"])
        for post in session.scalars(select(TeamContribution).where(TeamContribution.session_id == ts_id,
                                                                   TeamContribution.by_companion.is_(True))):
            text = re.sub(rf'^- {name}: ".*"$', f'- {former}: "{erased}"', post.text, flags=re.MULTILINE)
            post.text = re.sub(rf"\b{name}\b", former, text)
    for product in session.scalars(select(TeamProduct)):
        credits = product.credits or []
        if not any(c.get("person_id") == person_id for c in credits):
            continue
        lang = session.scalar(select(TeamSession.language).where(TeamSession.id == product.session_id)) or "nl"
        former = FORMER_MEMBER.get(lang, FORMER_MEMBER["nl"])
        product.credits = [{**c, "person_id": None, "name": former} if c.get("person_id") == person_id else c
                           for c in credits]
        s = session.get(Suggestion, product.suggestion_id) if product.suggestion_id else None
        if s is not None:
            for field in ("draft", "owner_version", "final"):
                payload = getattr(s, field)
                if payload and isinstance(payload.get("credits"), list):
                    setattr(s, field, {**payload, "credits": [
                        {**c, "name": former} if c.get("name") == person.display_name else c
                        for c in payload["credits"]]})
    session.flush()
    return touched


def reindex_touched(session: Session, index: Index, session_ids: list[int]) -> None:
    for ts_id in session_ids:
        ts = session.get(TeamSession, ts_id)
        if ts is not None:
            reindex_session(session, index, ts)
