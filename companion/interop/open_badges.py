"""An approved learning goal or product as an Open Badges 3.0 credential (an OpenBadgeCredential, JSON).

The issuer is the person's organisation, the subject the person (by name: the owner downloads it to share it),
the achievement the approved goal or product, with as evidence the approved product at its API address. The
credential is **unsigned**: it carries no proof, because the companion holds no issuer keys; a platform that
issues verifiable badges signs it (or re-issues it) with its own keys. Only the owner gets it, and only for an
entry their expert approved (409 otherwise); every download is recorded in the suggestion's audit trail.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import Conflict, Forbidden
from companion.core.principal import Principal
from companion.core.texts.portfolio_interop import BADGE_LABELS
from companion.models import Organisation
from companion.reflection import portfolio
from companion.review import audit, products, suggestions

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
BADGE_KINDS = ("learning_goal", "product")  # the entry kinds an approval makes
ACHIEVEMENT_TYPES = {"learning_goal": "Competency", "product": "Assignment"}  # OB 3.0 AchievementType values


def _urn(*parts: object) -> str:
    """A stable URN for one thing of this installation: the same badge gets the same ids when downloaded again."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(str(p) for p in parts))}"


def _stamp(value: datetime | None) -> str:
    value = value or datetime.now(UTC)
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def approved_suggestion(session: Session, me: Principal, entry_id: int):
    """The caller's own entry and the approved suggestion it came from; 404/403 as for the entry, 409 if none."""
    entry = portfolio.get_entry(session, me, entry_id)
    if entry.owner_id != me.person_id:
        raise Forbidden("entry_owner_only")
    s = next((s for s in suggestions.list_mine(session, me, "approved") if s.entry_id == entry.id), None)
    if s is None or entry.kind not in BADGE_KINDS:
        raise Conflict("badge_entry_not_approved")
    return entry, s


def credential(session: Session, me: Principal, entry_id: int, *, base_url: str, prompts_dir: Path) -> dict[str, Any]:
    """The OpenBadgeCredential of an approved entry of the caller; its download is audited."""
    entry, s = approved_suggestion(session, me, entry_id)
    base = base_url.rstrip("/")
    labels = BADGE_LABELS.get(s.language, BADGE_LABELS["nl"])
    org = db.get(session, Organisation, me.org_id)
    org_name = org.name if org else ""
    final = s.final or suggestions.sent_version(s)
    # what the goal or product achieves, in its own words: the goal, the plan's goal, the advice's effect
    description = next((v for v in (final.get(k) for k in ("goal", "learning_goal", "expected_effect"))
                        if isinstance(v, str) and v.strip()), entry.title)
    kind_word = (products.product_name(prompts_dir, s.kind, s.language) if s.kind in products.PRODUCT_TYPES
                 else labels.get(entry.kind, entry.kind))
    issuer = {"id": _urn(base, "organisations", me.org_id), "type": ["Profile"], "name": org_name}
    body = {
        "@context": CONTEXT,
        "id": _urn(base, "badges", entry.id, s.id),
        "type": TYPE,
        "name": s.title,
        "issuer": issuer,
        "validFrom": _stamp(s.reviewed_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": False,
                            "identityHash": me.display_name}],
            "achievement": {
                "id": _urn(base, "achievements", s.id),
                "type": ["Achievement"],
                "achievementType": ACHIEVEMENT_TYPES[entry.kind],
                "name": s.title,
                "description": description,
                "criteria": {"narrative": labels["criteria"].format(org=org_name, title=s.title)},
                "creator": issuer,
            },
        },
        "evidence": [{
            "id": f"{base}/api/suggestions/{s.id}",
            "type": ["Evidence"],
            "name": s.title,
            "description": labels["evidence"].format(kind=kind_word.lower()),
            "genre": kind_word,
        }],
    }
    audit.record(session, s.id, me.person_id, "downloaded", format="open_badges")
    session.commit()
    return body
