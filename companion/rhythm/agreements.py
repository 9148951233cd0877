"""The learning agreement (leerafspraak): commitments of a professional and their organisation, versioned.

Contract:
- One agreement per professional. Content lives in immutable `AgreementVersion`s: the professional's goals
  and rhythm; the organisation's time per week, support and resources; a review date; who changed it and why.
- Who may read and change it: the professional themself, the expert who coaches their team, and admins of
  their organisation. Anyone else gets 404, as if it did not exist.
- Who agrees: the professional for their side; for the organisation, an admin of the organisation **or**
  the professional's expert (the coach speaks for the organisation in day-to-day practice; the admin can
  always step in). Each consent is recorded with who and when.
- Every change creates a new version with no consent at all, even when the one changing it is a party:
  agreeing is always an explicit step. Consent is given to a specific version number; consenting to a
  version that is no longer current is refused (409), so nobody agrees to text they did not see.
- `status` describes the current version: draft (no consent yet), proposed (one side agreed), agreed
  (both). Only agreed versions count: `agreed_version` is the newest version both sides agreed to and stays
  in force while a later change waits for consent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.clock import Clock
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.models import AgreementVersion, LearningAgreement, Person
from companion.rhythm.week_store import person_zone
from companion.trust import people

CONTENT_FIELDS = ("goals", "rhythm", "time_minutes_per_week", "support", "resources", "review_date")
TEXT_LIMIT = 4000
MAX_MINUTES = 40 * 60


# --- who may do what -----------------------------------------------------------------------------

def _speaks_for_org(session: Session, me: Principal, person: Person) -> bool:
    if me.org_id != person.org_id or me.person_id == person.id:
        return False
    if me.role == "admin":
        return True
    return me.role == "expert" and person.team_id is not None and \
        person.team_id in people.coached_team_ids(session, me.person_id)


def _may_see(session: Session, me: Principal, person: Person) -> bool:
    return person.id == me.person_id or _speaks_for_org(session, me, person)


def side_of(session: Session, me: Principal, agreement: LearningAgreement) -> str:
    return "professional" if agreement.person_id == me.person_id else "organisation"


def get(session: Session, me: Principal, agreement_id: int) -> LearningAgreement:
    agreement = db.get(session, LearningAgreement, agreement_id)
    person = session.get(Person, agreement.person_id) if agreement else None
    if agreement is None or person is None or not _may_see(session, me, person):
        raise NotFound("agreement_not_found")
    return agreement


def get_mine(session: Session, me: Principal) -> LearningAgreement:
    agreement = session.scalar(select(LearningAgreement).where(LearningAgreement.person_id == me.person_id))
    if agreement is None:
        raise NotFound("agreement_not_found")
    return agreement


def list_visible(session: Session, me: Principal) -> list[LearningAgreement]:
    """Own agreement; for experts those of their coachees; for admins all of their organisation."""
    stmt = select(LearningAgreement).join(Person, Person.id == LearningAgreement.person_id)
    if me.role == "admin":
        stmt = stmt.where(LearningAgreement.org_id == me.org_id)
    elif me.role == "expert":
        teams = people.coached_team_ids(session, me.person_id)
        stmt = stmt.where(LearningAgreement.org_id == me.org_id, Person.team_id.in_(teams or [-1]))
    else:
        stmt = stmt.where(LearningAgreement.person_id == me.person_id)
    return list(session.scalars(stmt.order_by(Person.display_name, LearningAgreement.id)))


def candidates(session: Session, me: Principal) -> list[Person]:
    """Professionals the caller speaks for (coachees; the organisation's) who have no agreement yet."""
    if me.role not in ("admin", "expert"):
        return []
    stmt = select(Person).where(Person.org_id == me.org_id, Person.role == "professional", Person.active.is_(True),
                                Person.id.not_in(select(LearningAgreement.person_id)))
    if me.role == "expert":
        stmt = stmt.where(Person.team_id.in_(people.coached_team_ids(session, me.person_id) or [-1]))
    return list(session.scalars(stmt.order_by(Person.display_name)))


# --- content -------------------------------------------------------------------------------------

def _clean(values: dict[str, Any], today: date, base: AgreementVersion | None) -> dict[str, Any]:
    out = {f: getattr(base, f) for f in CONTENT_FIELDS} if base else \
        {"goals": "", "rhythm": "", "time_minutes_per_week": 0, "support": "", "resources": "", "review_date": None}
    for key in CONTENT_FIELDS:
        if key not in values or values[key] is None:
            continue
        value = values[key]
        if isinstance(value, str):
            value = value.replace("\x00", "").strip()
            if len(value) > TEXT_LIMIT:
                raise Invalid("rhythm_text_too_long", max_chars=TEXT_LIMIT)
        out[key] = value
    if not out["goals"]:
        raise Invalid("agreement_goals_empty")
    if not isinstance(out["time_minutes_per_week"], int) or not 0 <= out["time_minutes_per_week"] <= MAX_MINUTES:
        raise Invalid("agreement_minutes_invalid", max_minutes=MAX_MINUTES)
    if out["review_date"] is None:
        raise Invalid("agreement_review_date_missing")
    if values.get("review_date") is not None and out["review_date"] <= today:
        raise Invalid("agreement_review_date_past")
    return out


def current(agreement: LearningAgreement) -> AgreementVersion:
    return next(v for v in agreement.versions if v.number == agreement.current_version)


def in_force(agreement: LearningAgreement) -> AgreementVersion | None:
    return next((v for v in agreement.versions if v.number == agreement.agreed_version), None)


def _today(session: Session, me: Principal, clock: Clock) -> date:
    return clock.now().astimezone(person_zone(session, me)).date()


def create(session: Session, me: Principal, clock: Clock, values: dict[str, Any],
           person_id: int | None = None) -> LearningAgreement:
    """Start the agreement of a professional (oneself, or a coachee/employee when speaking for the org)."""
    person = db.get(session, Person, person_id or me.person_id)
    if person is None or not _may_see(session, me, person):
        raise NotFound("agreement_person_not_found")
    if person.role != "professional":
        raise Forbidden("agreement_for_professionals")
    if session.scalar(select(LearningAgreement.id).where(LearningAgreement.person_id == person.id)):
        raise Conflict("agreement_exists")
    data = _clean(values, _today(session, me, clock), None)
    agreement = LearningAgreement(person_id=person.id, org_id=person.org_id, status="draft", current_version=1,
                                  created_at=clock.now(), updated_at=clock.now())
    agreement.versions.append(AgreementVersion(number=1, changed_by_id=me.person_id, created_at=clock.now(),
                                               change_note=str(values.get("change_note") or "").strip()[:TEXT_LIMIT],
                                               **data))
    session.add(agreement)
    session.commit()
    return agreement


def revise(session: Session, me: Principal, clock: Clock, agreement_id: int, values: dict[str, Any]
           ) -> LearningAgreement:
    """A new version with the changed fields; consent starts over, the last agreed version stays in force."""
    agreement = get(session, me, agreement_id)
    base = current(agreement)
    data = _clean(values, _today(session, me, clock), base)
    if all(data[f] == getattr(base, f) for f in CONTENT_FIELDS):
        raise Invalid("agreement_unchanged")
    number = agreement.current_version + 1
    agreement.versions.append(AgreementVersion(number=number, changed_by_id=me.person_id, created_at=clock.now(),
                                               change_note=str(values.get("change_note") or "").strip()[:TEXT_LIMIT],
                                               **data))
    agreement.current_version = number
    agreement.status = "draft"
    agreement.updated_at = clock.now()
    session.commit()
    return agreement


def consent(session: Session, me: Principal, clock: Clock, agreement_id: int, version: int) -> LearningAgreement:
    """Agree to the current version for one's own side; both sides agreed → it is in force."""
    agreement = get(session, me, agreement_id)
    if version != agreement.current_version:
        raise Conflict("agreement_version_stale", version=version, current=agreement.current_version)
    v = current(agreement)
    if side_of(session, me, agreement) == "professional":
        v.professional_agreed_at = v.professional_agreed_at or clock.now()
    elif v.organisation_agreed_at is None:
        v.organisation_agreed_at, v.organisation_agreed_by_id = clock.now(), me.person_id
    if v.professional_agreed_at and v.organisation_agreed_at:
        agreement.status, agreement.agreed_version = "agreed", v.number
    else:
        agreement.status = "proposed"
    agreement.updated_at = clock.now()
    session.commit()
    return agreement


# --- views ---------------------------------------------------------------------------------------

def _name(session: Session, person_id: int | None) -> str | None:
    person = session.get(Person, person_id) if person_id else None
    return person.display_name if person else None


def version_view(session: Session, v: AgreementVersion) -> dict[str, Any]:
    return {**{f: getattr(v, f) for f in CONTENT_FIELDS}, "number": v.number, "change_note": v.change_note,
            "changed_by": _name(session, v.changed_by_id), "created_at": v.created_at,
            "professional_agreed_at": v.professional_agreed_at, "organisation_agreed_at": v.organisation_agreed_at,
            "organisation_agreed_by": _name(session, v.organisation_agreed_by_id),
            "agreed": bool(v.professional_agreed_at and v.organisation_agreed_at)}


def view(session: Session, me: Principal, clock: Clock, agreement: LearningAgreement) -> dict[str, Any]:
    cur, force = current(agreement), in_force(agreement)
    side = side_of(session, me, agreement)
    mine_done = cur.professional_agreed_at if side == "professional" else cur.organisation_agreed_at
    today = _today(session, me, clock)
    return {"id": agreement.id, "person_id": agreement.person_id, "person_name": _name(session, agreement.person_id),
            "status": agreement.status, "current_version": agreement.current_version,
            "agreed_version": agreement.agreed_version, "current": version_view(session, cur),
            "in_force": version_view(session, force) if force else None, "my_side": side,
            "can_consent": mine_done is None,
            "review_due": bool(force and force.review_date and force.review_date <= today),
            "updated_at": agreement.updated_at}
