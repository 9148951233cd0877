"""Team products: drafted from a session (advice note, action plan, annual plan) with credit for who contributed
what, commented on by the team, sent to the team's expert through the review queue (kind "team_product"), and in
the team portfolio only once approved. The case owner's chosen actions can become their own action-plan draft.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import BadModelOutput, Conflict, Forbidden, Invalid, ModelUnavailable, NotFound
from companion.core.principal import Principal
from companion.core.texts.teams import CREDITS_HEADING, FORMER_MEMBER, PHASE_WORDS, TEAM_PRODUCT_LABEL
from companion.llm.provider import mode_name
from companion.models import Person, Suggestion, Team, TeamProduct, TeamProductComment, TeamSession
from companion.retrieval.team_items import product_item
from companion.review import drafting, kinds, products, sharing, suggestions
from companion.teams import access, flow, product_drafts, sessions
from companion.teams.taking_part import clean_text

log = logging.getLogger(__name__)
KIND = "team_product"
TEAM_PRODUCT_KINDS = ("advice_note", "action_plan", "annual_plan")
READY_PHASES = ("evaluation", "closed")
EDITABLE = ("draft", "rejected")


class Credit(BaseModel):
    """Who contributed what to the session the product came from."""

    name: str = Field(max_length=200, description="The member as the team knows them, or 'oud-teamlid'.")
    contributed: str = Field(max_length=500, description="What they contributed, e.g. 'de casus, 3 vragen, advies'.")


class TeamProductPayload(BaseModel):
    """What the expert reviews: the product itself, the team it is for, and the credits."""

    team_product_id: int
    product_kind: str = Field(description="advice_note, action_plan or annual_plan")
    team: str = Field(max_length=200)
    product: dict[str, Any]
    credits: list[Credit] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _product_valid(self) -> TeamProductPayload:
        if self.product_kind not in TEAM_PRODUCT_KINDS:
            raise ValueError(f"product_kind must be one of {', '.join(TEAM_PRODUCT_KINDS)}")
        self.product = products.PRODUCT_TYPES[self.product_kind].model_validate(self.product).model_dump(mode="json")
        return self


def render_payload(payload: dict[str, Any], language: str) -> str:
    """The product under its template's headings, then who contributed what."""
    lang = language if language in CREDITS_HEADING else "nl"
    body = products.render(payload["product_kind"], payload["product"], lang)
    credits = [f"- **{c['name']}**: {c['contributed']}" for c in payload.get("credits") or []]
    head = [f"*{TEAM_PRODUCT_LABEL[lang].format(team=payload['team'])}*", ""] if payload.get("team") else []
    return "\n".join([*head, body, "", f"## {CREDITS_HEADING[lang]}", "", *credits]).strip()


def on_approved(approval: kinds.Approval) -> int | None:
    """The expert approved: the (possibly edited) product enters the team portfolio and the team's search unit."""
    s = approval.suggestion
    product = approval.session.scalar(select(TeamProduct).where(TeamProduct.suggestion_id == s.id))
    if product is None:  # the team product was removed meanwhile: nothing to file
        return None
    final = s.final or suggestions.sent_version(s)
    product.payload = dict(final.get("product") or product.payload)
    product.title = str(product.payload.get("title") or product.title)[:200]
    product.status, product.approved_at = "approved", s.reviewed_at
    approval.session.flush()
    approval.index.upsert_team(product.team_id, [product_item(product)])
    return None  # a team product is no personal portfolio entry


def sync(session: Session, product: TeamProduct) -> TeamProduct:
    """Follow the review: pending, rejected (editable again) or approved, as the suggestion says."""
    s = db.get(session, Suggestion, product.suggestion_id) if product.suggestion_id else None
    if product.status == "pending" and (s is None or s.status in ("rejected", "withdrawn")):
        # rejected, taken back by its sender, or gone with the sender's erased account: the team's to send again
        product.status = "rejected" if s is not None and s.status == "rejected" else "draft"
        session.commit()
    return product


def _credits(session: Session, ts: TeamSession, language: str) -> list[dict[str, Any]]:
    """Per person: the case they brought in and how many contributions of each kind, in the order they spoke."""
    current = sessions.current_people(session, ts)
    counts: dict[int | None, Counter] = {}
    case = flow.case_of(session, ts)
    if case is not None:
        counts.setdefault(case.owner_id, Counter())["case"] += 1
    for p in flow.said_in_session(session, ts):
        counts.setdefault(p.author_id, Counter())[p.kind] += 1
    names = access.names(session, [i for i in counts if i])
    out = []
    for person_id, kinds_said in counts.items():
        known = person_id in current
        parts = [("casus" if language == "nl" else "the case") if k == "case" else
                 f"{n}× {PHASE_WORDS.get(k, {}).get(language, k)}" for k, n in kinds_said.items()]
        out.append({"person_id": person_id if known else None,
                    "name": names.get(person_id, "") if known else FORMER_MEMBER.get(language, FORMER_MEMBER["nl"]),
                    "contributed": ", ".join(parts)})
    return out


def _roles(session: Session, ts: TeamSession) -> dict[str, str]:
    """The session as the roles a product template fills: the case, the answers, analysis, advice, the choice."""
    by_kind: dict[str, list[str]] = {}
    for p in flow.said_in_session(session, ts):
        if not p.erased:
            by_kind.setdefault(p.kind, []).append(p.text)
    case = flow.case_of(session, ts)
    join = lambda *ks: "\n".join(t for k in ks for t in by_kind.get(k, []))  # noqa: E731
    return {"situation": case.text if case else "", "reflection": join("answer", "harvest"),
            "insight": join("analysis"), "options": join("advice"), "trial": join("choice", "agreement"),
            "success": ts.agreement}


def _model_draft(session: Session, ts: TeamSession, ctx: flow.Context, kind: str, roles: dict[str, str],
                 team: str) -> BaseModel | None:
    """The model's draft from the session's transcript (review.drafting's prompts), or None to draft offline."""
    if ctx.drafter is None:
        return None
    names = access.names(session, [p.author_id for p in flow.said_in_session(session, ts) if p.author_id])
    transcript = "\n".join(f"[{p.phase}] {names.get(p.author_id, '-')}: {p.text}"
                            for p in flow.said_in_session(session, ts) if not p.erased)
    case = flow.case_of(session, ts)
    context = {"cycle": ts.method, "team": team, "today": ctx.clock.now().date().isoformat(),
               "answers": "\n".join(f"{role}: {text}" for role, text in roles.items() if text),
               "situations": case.title if case else "-", "transcript": transcript[-drafting.MAX_TRANSCRIPT_CHARS:]}
    try:
        return drafting.llm_draft(ctx.drafter, ctx.prompts_dir, kind, ts.language, context)[0]
    except (ModelUnavailable, BadModelOutput) as failed:
        log.warning("team product drafted offline: the model gave no draft (%s)", failed.code)
        return None


def draft(session: Session, me: Principal, ctx: flow.Context, session_id: int, kind: str) -> TeamProduct:
    """A team product drafted from the session: by the model when configured, else by the offline templates."""
    ts, team = sessions.load(session, me, session_id, ctx)
    if kind not in TEAM_PRODUCT_KINDS:
        raise Invalid("team_product_kind_invalid", choices=", ".join(TEAM_PRODUCT_KINDS))
    if ts.phase not in READY_PHASES:
        raise Conflict("team_product_too_early")
    roles = _roles(session, ts)
    made, drafted_by = _model_draft(session, ts, ctx, kind, roles, team.team.name), None
    if made is not None:
        drafted_by = "model:" + mode_name(ctx.drafter).removeprefix("llm:")
    else:  # no model, or it is unavailable or kept answering wrongly: the templates draft from their words
        made = product_drafts.draft(ctx.prompts_dir, kind, ts.language,
                                    product_drafts.material(session, ts, team.team.name, ts.language),
                                    ctx.clock.now().date())
    payload = made.model_dump(mode="json")
    product = TeamProduct(team_id=ts.team_id, session_id=ts.id, kind=kind, title=str(payload["title"])[:200],
                          payload=payload, credits=_credits(session, ts, ts.language),
                          drafted_by=drafted_by or suggestions.OFFLINE_DRAFTER, created_by_id=me.person_id,
                          status="draft")
    session.add(product)
    session.commit()
    return product


def _visible(session: Session, me: Principal, product_id: int) -> tuple[TeamProduct, access.TeamAccess]:
    product = db.get(session, TeamProduct, product_id)
    if product is None:
        raise NotFound("team_product_not_found")
    try:
        team = access.team_access(session, me, product.team_id)
    except NotFound:
        raise NotFound("team_product_not_found") from None
    return sync(session, product), team


def get(session: Session, me: Principal, product_id: int) -> TeamProduct:
    return _visible(session, me, product_id)[0]


def list_for_team(session: Session, me: Principal, team_id: int, portfolio: bool = False) -> list[TeamProduct]:
    """The team's products (its members and expert); `portfolio`: the approved ones only, the team portfolio."""
    access.team_access(session, me, team_id)
    stmt = select(TeamProduct).where(TeamProduct.team_id == team_id)
    if portfolio:
        stmt = stmt.where(TeamProduct.status == "approved")
    rows = list(session.scalars(stmt.order_by(TeamProduct.updated_at.desc(), TeamProduct.id.desc())))
    return [sync(session, p) for p in rows]


def edit(session: Session, me: Principal, product_id: int, *, title: str | None = None,
         payload: dict[str, Any] | None = None) -> TeamProduct:
    """A member changes the draft (or a rejected one) before it is sent again."""
    product, team = _visible(session, me, product_id)
    if not team.is_member:
        raise Conflict("team_members_only")
    if product.status not in EDITABLE:
        raise Conflict("team_product_not_editable", status=product.status)
    if payload is not None:
        try:
            product.payload = products.PRODUCT_TYPES[product.kind].model_validate(payload).model_dump(mode="json")
        except ValueError as exc:
            raise Invalid("suggestion_payload_invalid", reason=str(exc)[:200]) from exc
    if title is not None:
        product.title = sessions._title(title)
        product.payload = {**product.payload, "title": product.title}
    session.commit()
    return product


def comment(session: Session, me: Principal, product_id: int, text: str) -> TeamProductComment:
    product, _team = _visible(session, me, product_id)
    if product.status == "approved":
        raise Conflict("team_product_not_editable", status=product.status)
    row = TeamProductComment(product_id=product.id, author_id=me.person_id, text=clean_text(text, 2000))
    session.add(row)
    session.commit()
    return row


def comments(session: Session, me: Principal, product: TeamProduct) -> list[dict[str, Any]]:
    rows = list(session.scalars(select(TeamProductComment).where(TeamProductComment.product_id == product.id)
                                .order_by(TeamProductComment.id)))
    current = set(access.member_ids(session, product.team_id)) | set(access.expert_ids(session, product.team_id))
    names = access.names(session, [r.author_id for r in rows if r.author_id])
    former = FORMER_MEMBER.get(me.language, FORMER_MEMBER["nl"])
    return [{"id": r.id, "author_name": names.get(r.author_id, former) if r.author_id in current else former,
             "mine": r.author_id == me.person_id, "text": r.text, "created_at": flow.utc(r.created_at)} for r in rows]


def send(session: Session, me: Principal, product_id: int) -> TeamProduct:
    """A member sends the draft to the team's expert: a suggestion of kind "team_product" in the review queue."""
    product, team = _visible(session, me, product_id)
    if not team.is_member:
        raise Conflict("team_members_only")
    if product.status not in EDITABLE:
        raise Conflict("team_product_not_editable", status=product.status)
    if not access.expert_ids(session, product.team_id):
        raise Conflict("team_product_no_expert")
    owner = db.get(session, Person, me.person_id)
    payload = {"team_product_id": product.id, "product_kind": product.kind, "team": team.team.name,
               "product": product.payload,
               "credits": [{"name": c["name"], "contributed": c["contributed"]} for c in product.credits or []]}
    s = suggestions.create_suggestion(session, owner, KIND, product.title, payload, drafted_by=product.drafted_by,
                                      prompt_version="team-product-v1", commit=False)
    sharing.send(session, me, s.id, "draft", commit=False)  # the member previewed it: this is the sending
    product.suggestion_id, product.status = s.id, "pending"
    session.commit()
    return product


def personal_plan(session: Session, me: Principal, ctx: flow.Context, session_id: int) -> Suggestion:
    """The case owner's chosen actions as their own action-plan draft: theirs to edit, send or throw away."""
    ts, team = sessions.load(session, me, session_id, ctx)
    if ts.case_owner_id != me.person_id:
        raise Forbidden("team_plan_owner_only")
    roles = _roles(session, ts)
    if not roles["trial"]:
        raise Conflict("team_plan_nothing_chosen")
    # their plan holds the advice they ticked and the agreement, in their own words, in the first person
    plan = product_drafts.draft(ctx.prompts_dir, "action_plan", ts.language,
                                product_drafts.material(session, ts, team.team.name, ts.language),
                                ctx.clock.now().date(), personal=True)
    payload = plan.model_dump(mode="json")
    owner = db.get(session, Person, me.person_id)
    return suggestions.create_suggestion(session, owner, "action_plan", payload["title"], payload,
                                         drafted_by=suggestions.OFFLINE_DRAFTER, prompt_version="team-session-v1",
                                         language=ts.language)


def product_dict(session: Session, me: Principal, product: TeamProduct) -> dict[str, Any]:
    lang = me.language
    s = db.get(session, Suggestion, product.suggestion_id) if product.suggestion_id else None
    team = session.get(Team, product.team_id)
    payload = {"team_product_id": product.id, "product_kind": product.kind, "team": team.name if team else "",
               "product": product.payload, "credits": product.credits or []}
    return {"id": product.id, "team_id": product.team_id, "session_id": product.session_id, "kind": product.kind,
            "title": product.title, "status": product.status, "payload": product.payload,
            "credits": [{"name": c["name"], "contributed": c["contributed"]} for c in product.credits or []],
            "markdown": render_payload(payload, lang), "drafted_by": product.drafted_by,
            "suggestion_id": product.suggestion_id, "review_comment": s.review_comment if s else "",
            "approved_at": flow.utc(product.approved_at), "created_at": flow.utc(product.created_at),
            "comments": comments(session, me, product)}
