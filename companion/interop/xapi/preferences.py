"""Who shares with the LRS: the organisation's setting (an admin's) and each person's own choice (off by default).

The LRS secret is stored encrypted with the server's secret key and is never given back: the API says only
whether one is set. A new server secret makes the stored one unreadable; the admin enters it again.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from companion.core.errors import Invalid
from companion.core.principal import Principal
from companion.interop.xapi import statements
from companion.models import Person, XapiPreference, XapiSettings, XapiStatement

_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[^@\s<>\"]{1,190}\.[A-Za-z]{2,24}$")


def _fernet(server_secret: str) -> Fernet:
    digest = hashlib.sha256(f"companion-xapi|{server_secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(secret: str, server_secret: str) -> str:
    return _fernet(server_secret).encrypt(secret.encode()).decode() if secret else ""


def decrypt(token: str, server_secret: str) -> str | None:
    """The LRS secret, or None when the server's secret changed since it was stored."""
    if not token:
        return ""
    try:
        return _fernet(server_secret).decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def org_settings(session: Session, org_id: int) -> XapiSettings | None:
    return session.get(XapiSettings, org_id)


def org_view(row: XapiSettings | None) -> dict[str, Any]:
    """The organisation's setting as the admin sees it: never the secret, the key only by its last characters."""
    if row is None:
        return {"enabled": False, "endpoint": "", "base_url": "", "key_hint": "", "secret_set": False}
    hint = f"…{row.key[-4:]}" if len(row.key) > 4 else ("…" if row.key else "")
    return {"enabled": row.enabled, "endpoint": row.endpoint, "base_url": row.base_url, "key_hint": hint,
            "secret_set": bool(row.secret)}


def update_org(session: Session, me: Principal, server_secret: str, *, enabled: bool | None = None,
               endpoint: str | None = None, base_url: str | None = None, key: str | None = None,
               secret: str | None = None) -> XapiSettings:
    """Change what is given; a secret of None keeps the stored one, "" removes it. Sending needs all four."""
    me.require_role("admin")
    row = session.get(XapiSettings, me.org_id)
    if row is None:
        row = XapiSettings(org_id=me.org_id, enabled=False, endpoint="", base_url="", key="", secret="")
        session.add(row)
    if endpoint is not None:
        row.endpoint = _url(endpoint, "endpoint")
    if base_url is not None:
        row.base_url = _url(base_url, "base_url")
    if key is not None:
        row.key = key.strip()
    if secret is not None:
        row.secret = encrypt(secret, server_secret)
    if enabled is not None:
        row.enabled = enabled
    if row.enabled and not (row.endpoint and row.base_url and row.key and row.secret):
        raise Invalid("xapi_incomplete")
    session.flush()
    return row


def _url(value: str, field: str) -> str:
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password \
            or parts.query or parts.fragment:
        raise Invalid("xapi_url_invalid", field=field)
    return value


def preference(session: Session, person_id: int) -> XapiPreference | None:
    return session.get(XapiPreference, person_id)


def person_view(session: Session, me: Principal) -> dict[str, Any]:
    """My choice, and whether my organisation sends at all (otherwise my choice waits)."""
    pref = session.get(XapiPreference, me.person_id)
    org = session.get(XapiSettings, me.org_id)
    return {"share": bool(pref and pref.share), "named": bool(pref and pref.named),
            "email": pref.email if pref else "", "organisation_sends": bool(org and org.enabled),
            "pseudonym": pref.pseudonym if pref else None}


def update_person(session: Session, me: Principal, *, share: bool | None = None, named: bool | None = None,
                  email: str | None = None) -> dict[str, Any]:
    """Opt in or out, and choose to be named (with an e-mail address as mbox, if given) or pseudonymous."""
    pref = session.get(XapiPreference, me.person_id)
    if pref is None:  # the pseudonym is random: nothing about the person can be read back from it
        pref = XapiPreference(person_id=me.person_id, share=False, named=False, email="",
                              pseudonym=str(uuid.uuid4()))
        session.add(pref)
    if email is not None:
        email = email.strip()
        if email and not _EMAIL.match(email):
            raise Invalid("xapi_email_invalid", email=email[:80])
        pref.email = email
    if share is not None:
        pref.share = share
    if named is not None:
        pref.named = named
    session.flush()
    _restate_pending(session, pref)
    return person_view(session, me)


def _restate_pending(session: Session, pref: XapiPreference) -> None:
    """What is not sent yet follows the person's choice now: dropped on opting out, re-addressed on a new name."""
    if not pref.share:
        session.execute(delete(XapiStatement).where(XapiStatement.person_id == pref.person_id,
                                                    XapiStatement.status != "sent"))
        return
    person = session.get(Person, pref.person_id)
    org = session.get(XapiSettings, person.org_id)
    if org is None:
        return
    agent = statements.actor(org.base_url, pseudonym=pref.pseudonym, named=pref.named,
                             display_name=person.display_name, username=person.username, email=pref.email)
    for row in session.scalars(select(XapiStatement).where(XapiStatement.person_id == pref.person_id,
                                                           XapiStatement.status != "sent")):
        if row.statement.get("actor") != agent:
            row.statement = {**row.statement, "actor": agent}  # a new dict: JSON columns track assignment only


def sharing(session: Session, person: Person) -> tuple[XapiSettings, XapiPreference] | None:
    """The organisation's LRS and the person's choice when both say yes; None when nothing may be sent."""
    org = session.get(XapiSettings, person.org_id)
    if org is None or not org.enabled:
        return None
    pref = session.get(XapiPreference, person.id)
    if pref is None or not pref.share:
        return None
    return org, pref
