"""Drafting a product from a conversation: offline from the template, or by the LLM with structured output.

Either way the draft is stored as a suggestion that only its owner sees (status "draft"): they preview and edit it
and decide whether to send it to their expert (``review.sharing``); it is never a portfolio entry. With an LLM,
output that does not validate against the product's pydantic model is retried (`MAX_ATTEMPTS` in all); after that
a clear error, and nothing is saved.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import warnings
from datetime import date
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core import db
from companion.core.errors import BadModelOutput, Invalid, ModelUnavailable
from companion.core.principal import Principal
from companion.core.texts.review import DRAFT_ASK, DRAFT_RETRY
from companion.llm import prompt_files
from companion.llm.guarded import guarded
from companion.llm.provider import mode_name
from companion.models import Conversation, Person, Suggestion, WorkSituation
from companion.reflection import conversations, cycle_state, cycles
from companion.reflection.portfolio import get_situation
from companion.review import suggestions
from companion.review.products import (
    PRODUCT_KINDS,
    PRODUCT_TYPES,
    answers_by_role,
    offline_draft,
    product_name,
    template,
)
from companion.services import Services

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
MAX_TRANSCRIPT_CHARS = 6000
MODES = ("auto", "offline", "model")


DraftFailed = (BadModelOutput, ModelUnavailable)  # what a failed draft raises: nothing was saved


def _situations(session: Session, me: Principal, conv: Conversation, extra_ids: list[int]) -> list[WorkSituation]:
    """Situations linked to the draft: asked for, saved from this conversation, or brought up in it."""
    found = {s.id: s for s in (get_situation(session, me, i) for i in extra_ids)}  # own only: 404 otherwise
    stmt = select(WorkSituation).where(WorkSituation.conversation_id == conv.id, WorkSituation.owner_id == me.person_id)
    found.update({s.id: s for s in session.scalars(stmt)})
    for ref in conv.state.get("referenced") or []:
        kind, _, raw = str(ref).partition(":")
        s = db.get(session, WorkSituation, int(raw)) if kind == "situation" and raw.isdigit() else None
        if s is not None and s.owner_id == me.person_id:
            found[s.id] = s
    return sorted(found.values(), key=lambda s: s.id)


def _team_name(session: Session, me: Principal) -> str:
    person = db.get(session, Person, me.person_id)
    return person.team.name if person is not None and person.team is not None else ""


def draft(services: Services, me: Principal, conversation_id: int, kind: str, *, mode: str = "auto",
          situation_ids: list[int] | tuple[int, ...] = ()) -> Suggestion:
    """Draft `kind` from the caller's conversation and store it as the caller's draft (nothing is shared yet)."""
    if kind not in PRODUCT_KINDS:
        raise Invalid("product_kind_invalid", choices=", ".join(PRODUCT_KINDS))
    if mode not in MODES:
        raise Invalid("product_mode_invalid", choices=", ".join(MODES))
    settings = services.settings
    with services.sessions() as session:
        conv = conversations.get_owned(session, me, conversation_id)
        language = conv.language
        roles = answers_by_role(settings.prompts_dir, conv.cycle, language, conv.state)
        if not roles.get("situation"):
            raise Invalid("product_nothing_to_draft")
        situations = _situations(session, me, conv, list(situation_ids))
        team = _team_name(session, me)
        model = guarded(services) if mode != "offline" else None  # the breaker and bounded retries apply
        if mode == "model" and model is None:
            raise Invalid("product_model_missing")
        product = None
        if model is not None:
            context = {"cycle": conv.cycle, "team": team or "-", "today": date.today().isoformat(),
                       "answers": _answers_text(settings.prompts_dir, conv), "situations": _situations_text(situations),
                       "transcript": _transcript(conv)}
            try:
                product, version = llm_draft(model, settings.prompts_dir, kind, language, context)
                drafted_by = "model:" + mode_name(model).removeprefix("llm:")
            except ModelUnavailable as unavailable:
                if mode == "model":  # asked for the model's draft: say it is not there rather than substitute
                    if unavailable.code == "product_model_unreachable":
                        raise
                    raise ModelUnavailable("product_model_unreachable",
                                           reason=unavailable.text(language)) from unavailable
                log.warning("model unavailable for a %s draft, drafting offline: %s", kind, unavailable.code)
        if product is None:  # offline chosen, no model, or the model is unavailable: the templates draft it
            product = offline_draft(settings.prompts_dir, kind, language, roles, team=team,
                                    situations=[s.title for s in situations])
            drafted_by, version = suggestions.OFFLINE_DRAFTER, template(settings.prompts_dir, kind, language)["version"]
        return suggestions.create_suggestion(
            session, me, kind, product.title, product.model_dump(mode="json"), drafted_by=drafted_by,
            prompt_version=version, conversation_id=conv.id, situation_ids=[s.id for s in situations],
            language=language)


# --- the LLM path -------------------------------------------------------------------------------------------

def _answers_text(prompts_dir, conv: Conversation) -> str:
    cycle = cycles.load_cycle(prompts_dir, conv.cycle, conv.language)
    lines = []
    for _pid, label, said in cycle_state.answers_by_phase(cycle, conv.state):
        lines.append(f"## {label}")
        lines += [f"- {slot}: {text}" for slot, text in said] or ["- -"]
    return "\n".join(lines)


def _situations_text(situations: list[WorkSituation]) -> str:
    if not situations:
        return "-"
    return "\n".join(f"- {s.created_at:%Y-%m-%d} {s.title}: {s.description}"[:600] for s in situations)


def _transcript(conv: Conversation) -> str:
    """The person's own messages, newest kept when it is too long."""
    said = [m.content for m in conv.messages if m.role == "user"]
    text, total = [], 0
    for content in reversed(said):
        total += len(content) + 2
        if total > MAX_TRANSCRIPT_CHARS:
            break
        text.append(content)
    return "\n\n".join(reversed(text)) or "-"


def draft_prompt(prompts_dir, kind: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """The system prompt for drafting `kind`, and its version (file name and content hash)."""
    path = prompts_dir / "products" / f"{kind}.draft.{language}.md"
    if not path.exists():
        path = prompts_dir / "products" / f"{kind}.draft.nl.md"
    raw = path.read_text(encoding="utf-8")
    schema = json.dumps(PRODUCT_TYPES[kind].model_json_schema(), ensure_ascii=False)
    text = prompt_files.render(raw, schema=schema, **context)
    return text, f"{path.stem}@{hashlib.sha256(raw.encode()).hexdigest()[:8]}"


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def parse_product(schema: type[BaseModel], text: str) -> BaseModel:
    """The product in a model's text reply: a JSON object, perhaps in a code fence or with words around it."""
    body = _FENCE.sub("", text.strip())
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object in the reply")
    return schema.model_validate_json(body[start:end + 1])


def _structured(model: BaseChatModel, schema: type[BaseModel]):
    """The model with native structured output (tool calling / JSON schema), or None if it has none."""
    try:
        return model.with_structured_output(schema, include_raw=True)
    except NotImplementedError:
        return None


def _provider_error(exc: Exception) -> bool:
    return type(exc).__module__.split(".")[0] in ("openai", "langchain_openai", "httpx", "httpcore")


def _status_code(exc: BaseException | None) -> int | None:
    """The HTTP status of a provider error (langchain-openai wraps openai's error, which has it)."""
    while exc is not None:
        if isinstance(getattr(exc, "status_code", None), int):
            return exc.status_code
        exc = exc.__cause__
    return None


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc']) or 'object'}: {err['msg']}"
    return str(exc)[:200]


def llm_draft(model: BaseChatModel, prompts_dir, kind: str, language: str,
              context: dict[str, Any]) -> tuple[BaseModel, str]:
    """Ask the model for the product; invalid output is retried with the reason, up to MAX_ATTEMPTS in all."""
    schema = PRODUCT_TYPES[kind]
    system, version = draft_prompt(prompts_dir, kind, language, context)
    messages: list[BaseMessage] = [SystemMessage(system), HumanMessage(DRAFT_ASK.get(language, DRAFT_ASK["nl"]))]
    structured = _structured(model, schema)
    reason = ""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        raw_text = ""
        try:
            if structured is not None:
                with warnings.catch_warnings():  # langchain's raw+parsed dict trips a harmless serializer warning
                    warnings.filterwarnings("ignore", message="Pydantic serializer warnings", category=UserWarning)
                    out = structured.invoke(messages)
                raw, parsed, error = out.get("raw"), out.get("parsed"), out.get("parsing_error")
                if parsed is not None:
                    return (parsed if isinstance(parsed, schema) else schema.model_validate(parsed)), version
                raw_text = str(getattr(raw, "text", "") or "")
                raise error if isinstance(error, ValueError) else ValueError(str(error or "no structured output"))
            raw_text = str(model.invoke(messages).text)
            return parse_product(schema, raw_text), version
        except ValueError as invalid:  # also pydantic's ValidationError and a stream's unparsable JSON
            reason = _short(invalid)
        except (ConnectionError, TimeoutError, OSError) as transport:
            raise ModelUnavailable("product_model_unreachable", reason=_short(transport)) from transport
        except Exception as other:  # the provider's own errors
            if not _provider_error(other):
                raise
            if structured is not None and _status_code(other) in (400, 422):
                structured, reason = None, _short(other)  # the server cannot do structured output: ask for text
            else:
                raise ModelUnavailable("product_model_unreachable", reason=_short(other)) from other
        log.info("draft of %s attempt %d invalid: %s", kind, attempt, reason)
        retry = DRAFT_RETRY.get(language, DRAFT_RETRY["nl"])
        messages += [AIMessage(raw_text or "-"), HumanMessage(retry.format(reason=reason))]
    raise BadModelOutput("product_draft_failed", product=product_name(prompts_dir, kind, language),
                      attempts=MAX_ATTEMPTS, reason=reason)

