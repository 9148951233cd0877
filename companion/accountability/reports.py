"""Giving account (verantwoording): at the end of a period both sides account for what happened.

The companion drafts the account from the data (templates in prompts/account.<lang>.yaml, optionally worded by
the language model); the professional marks each organisation commitment delivered / partly / not with a note,
may edit the text, and submits it: it is then sent (the account only, there is no conversation behind it) to expert
review as a suggestion of kind "account", which the professional may withdraw until it is decided; only the
approved text counts. The professional alone decides which sections the organisation sees (nothing by default),
and the organisation sees them only once approved.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.accountability import report_facts
from companion.accountability.report_wording import (
    commitment_label,
    draft_sections,
    organisation_section,
    period_title,
)
from companion.core import db
from companion.core.errors import Conflict, Forbidden, Invalid, NotFound
from companion.core.principal import Principal
from companion.core.texts.accountability import REPORT_HEADINGS
from companion.models import Person, Suggestion
from companion.models.accountability import ACCOUNT_SECTIONS, COMMITMENT_MARKS, Account
from companion.review import sharing, suggestions

log = logging.getLogger(__name__)
KIND = report_facts.ACCOUNT_KIND
MAX_SECTION = 4000
MAX_NOTE = 500
MAX_PERIOD_DAYS = 400
EDITABLE = ("draft", "rejected")


class CommitmentPayload(BaseModel):
    """One commitment of the organisation as the expert sees it: plain text fields, so a table can edit them."""

    commitment: str
    mark: Literal["delivered", "partly", "not", ""] = Field("", description="'' when not assessed")
    note: str = Field("", max_length=MAX_NOTE)


class AccountPayload(BaseModel):
    """What the expert reviews: the account's text per section (flat, so each can be edited) and the marks."""

    account_id: int
    period_start: date
    period_end: date
    professional: str = Field(max_length=MAX_SECTION)
    organisation: str = Field(max_length=MAX_SECTION)
    ahead: str = Field(max_length=MAX_SECTION)
    commitments: list[CommitmentPayload] = []


def render_payload(payload: dict[str, Any], language: str) -> str:
    heads = REPORT_HEADINGS[language if language == "en" else "nl"]
    parts = [f"{payload['period_start']} – {payload['period_end']}", ""]
    for key in ACCOUNT_SECTIONS:
        if payload.get(key):
            parts += [f"## {heads[key]}", "", str(payload[key]).strip(), ""]
    return "\n".join(parts).strip()



# --- periods --------------------------------------------------------------------------------------------

def quarter_of(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    nxt = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def default_period(session: Session, person_id: int, today: date) -> tuple[date, date]:
    """The agreement's review period when its review date is near (within two weeks), else the quarter so far.

    In the first month of a quarter, the quarter that just ended (the usual moment to give account).
    """
    version = report_facts.agreed_version(session, person_id)
    if version is not None and version.review_date and abs((version.review_date - today).days) <= 14:
        start = version.created_at.date() if version.created_at else version.review_date - timedelta(days=90)
        return min(start, version.review_date), version.review_date
    start, end = quarter_of(today)
    if (today - start).days < 31:
        return quarter_of(start - timedelta(days=1))
    return start, today


# --- drafting -------------------------------------------------------------------------------------------

def _owned(session: Session, me: Principal, account_id: int) -> Account:
    account = db.get(session, Account, account_id)
    if account is None or account.owner_id != me.person_id:
        raise NotFound("account_not_found")
    return sync(session, account)


def sync(session: Session, account: Account) -> Account:
    """Carry a rejection or a withdrawal in the review queue over to the account (approval arrives by the hook)."""
    if account.status == "in_review" and account.suggestion_id:
        s = db.get(session, Suggestion, account.suggestion_id)
        if s is not None and s.status == "withdrawn":
            account.status = "draft"  # taken back by the professional: editable, and sent anew when submitted
            session.commit()
        elif s is None or s.status == "rejected":
            account.status = "rejected"
            session.commit()
    return account


def create(session: Session, me: Principal, *, today: date, model=None, prompts_dir=None,
           period_start: date | None = None, period_end: date | None = None) -> Account:
    """Draft a new account for the caller's period (default: see `default_period`) from what happened in it."""
    if me.role != "professional":
        raise Forbidden("account_professionals_only")
    if (period_start is None) != (period_end is None):
        raise Invalid("account_period_invalid")
    start, end = (period_start, period_end) if period_start else default_period(session, me.person_id, today)
    if end < start or (end - start).days > MAX_PERIOD_DAYS or start > today:
        raise Invalid("account_period_invalid")
    version = report_facts.agreed_version(session, me.person_id)
    account = Account(owner_id=me.person_id, org_id=me.org_id, period_start=start, period_end=end,
                      language=me.language, status="draft", shared=[],
                      agreement_id=version.agreement_id if version else None,
                      commitments=report_facts.organisation_commitments(version))
    _draft(session, account, model, prompts_dir)
    session.add(account)
    session.commit()
    return account


def _draft(session: Session, account: Account, model, prompts_dir) -> None:
    account.facts = report_facts.period_facts(session, account.owner_id, account.period_start, account.period_end)
    account.sections, account.drafted_by = draft_sections(prompts_dir, account.language, account.facts,
                                                          account.commitments, account.period_start,
                                                          account.period_end, model)


def redraft(session: Session, me: Principal, account_id: int, *, model=None, prompts_dir=None) -> Account:
    """Draft the text again from the current data and marks (only before review, or after a rejection)."""
    account = _owned(session, me, account_id)
    if account.status not in EDITABLE:
        raise Conflict("account_not_editable")
    _draft(session, account, model, prompts_dir)
    account.status = "draft"
    session.commit()
    return account


def update(session: Session, me: Principal, account_id: int, values: dict[str, Any], *, prompts_dir=None) -> Account:
    """Mark commitments, edit section text (before review), or choose what the organisation may see (any time)."""
    account = _owned(session, me, account_id)
    if "shared" in values and values["shared"] is not None:
        shared = list(dict.fromkeys(values["shared"]))
        if any(key not in ACCOUNT_SECTIONS for key in shared):
            raise Invalid("account_section_invalid", choices=", ".join(ACCOUNT_SECTIONS))
        account.shared = [key for key in ACCOUNT_SECTIONS if key in shared]
    text_change = any(values.get(key) is not None for key in ("commitments", "sections"))
    if text_change and account.status not in EDITABLE:
        raise Conflict("account_not_editable")
    if values.get("commitments") is not None:
        _mark(account, values["commitments"], prompts_dir)
    if values.get("sections") is not None:
        sections = dict(account.sections)
        for key, text in values["sections"].items():
            if key not in ACCOUNT_SECTIONS:
                raise Invalid("account_section_invalid", choices=", ".join(ACCOUNT_SECTIONS))
            if len(text) > MAX_SECTION:
                raise Invalid("account_section_too_long", max_chars=MAX_SECTION)
            sections[key] = text.replace("\x00", "").strip()
        account.sections = sections
    if text_change:
        account.status = "draft"
    session.commit()
    return account


def _mark(account: Account, marks: list[dict[str, Any]], prompts_dir) -> None:
    if len(marks) != len(account.commitments):
        raise Invalid("account_marks_mismatch", count=len(account.commitments))
    updated = []
    for item, mark in zip(account.commitments, marks, strict=True):
        if mark.get("mark") not in (*COMMITMENT_MARKS, None):
            raise Invalid("account_mark_invalid", choices=", ".join(COMMITMENT_MARKS))
        note = " ".join(str(mark.get("note") or "").split())
        if len(note) > MAX_NOTE:
            raise Invalid("account_section_too_long", max_chars=MAX_NOTE)
        updated.append({**item, "mark": mark.get("mark"), "note": note})
    account.commitments = updated
    sections = dict(account.sections)
    sections["organisation"] = organisation_section(prompts_dir, account.language, updated)
    account.sections = sections


def submit(session: Session, me: Principal, account_id: int) -> Account:
    """Send the account to the professional's expert as a suggestion of kind "account"."""
    account = _owned(session, me, account_id)
    if account.status not in EDITABLE:
        raise Conflict("account_not_editable")
    owner = db.get(session, Person, account.owner_id)
    title = period_title(None, account.language, account.period_start, account.period_end)
    payload = {"account_id": account.id, "period_start": account.period_start.isoformat(),
               "period_end": account.period_end.isoformat(),
               **{key: account.sections.get(key, "") for key in ACCOUNT_SECTIONS},
               "commitments": [{"commitment": commitment_label(None, account.language, item),
                                "mark": item.get("mark") or "", "note": item.get("note") or ""}
                               for item in account.commitments]}
    suggestion = suggestions.create_suggestion(session, owner, KIND, title, payload, drafted_by=account.drafted_by,
                                          prompt_version="account-v1", language=account.language, commit=False)
    sharing.send(session, me, suggestion.id, "draft", commit=False)  # the professional previewed it: this is sending
    account.suggestion_id, account.status = suggestion.id, "in_review"
    session.commit()
    return account


def on_approved(approval: suggestions.Approval) -> int | None:
    """The expert approved (possibly edited) the account: its text becomes the approved text; no portfolio entry."""
    s = approval.suggestion
    account = approval.session.scalar(select(Account).where(Account.suggestion_id == s.id))
    if account is None:  # the professional deleted it meanwhile: nothing to approve
        return None
    final = s.final or s.draft
    account.sections = {key: str(final.get(key, "")) for key in ACCOUNT_SECTIONS}
    reviewed = final.get("commitments") or []
    account.commitments = [{**item, "mark": reviewed[n].get("mark") or None, "note": reviewed[n].get("note", "")}
                           if n < len(reviewed) else item for n, item in enumerate(account.commitments)]
    account.status = "approved"
    account.approved_at = s.reviewed_at
    return None


def delete(session: Session, me: Principal, account_id: int) -> None:
    account = _owned(session, me, account_id)
    session.delete(account)
    session.commit()


def list_mine(session: Session, me: Principal) -> list[Account]:
    rows = list(session.scalars(select(Account).where(Account.owner_id == me.person_id)
                                .order_by(Account.period_end.desc(), Account.id.desc())))
    return [sync(session, a) for a in rows]


def get(session: Session, me: Principal, account_id: int) -> Account:
    return _owned(session, me, account_id)


def review_comment(session: Session, account: Account) -> str:
    s = db.get(session, Suggestion, account.suggestion_id) if account.suggestion_id else None
    return s.review_comment if s is not None else ""


def shared_with_organisation(session: Session, me: Principal) -> list[dict[str, Any]]:
    """For the organisation (admins, own organisation only): approved accounts, only the sections shared."""
    me.require_role("admin")
    rows = session.execute(select(Account, Person).join(Person, Person.id == Account.owner_id)
                           .where(Account.org_id == me.org_id, Person.org_id == me.org_id,
                                  Account.status == "approved")
                           .order_by(Account.period_end.desc(), Account.id.desc()))
    out = []
    for account, owner in rows:
        if not account.shared:
            continue
        out.append({"id": account.id, "owner": owner.display_name, "period_start": account.period_start,
                    "period_end": account.period_end, "approved_at": account.approved_at,
                    "sections": {key: account.sections.get(key, "") for key in account.shared},
                    "commitments": account.commitments if "organisation" in account.shared else []})
    return out
