"""The companion as an OpenAI-compatible chat API: its modes as models, a client's chat as one companion conversation.

Chat clients (Open WebUI, LibreChat, the `openai` SDK) keep no state on the server: each request resends the whole
history. Every turn still goes through the companion's own chat turn (the message stored first, the cycle state,
retrieval in the person's scope, citations, limits), in one conversation the person also sees in the UI: which one
is found from the history (`openai_history`), or named by `metadata.conversation_id` or the header
`X-Companion-Conversation-Id`. System and developer messages are not instructions to the companion (its own
prompts steer it) and are ignored, like any text from outside.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from companion.core.errors import CompanionError, Invalid, NotFound, TooManyRequests, Unauthorized
from companion.core.principal import Principal
from companion.interop.openai_history import Dialogue, client_id_for, find_conversation, from_first_user
from companion.llm import token_count
from companion.reflection import chat_turn, conversations, cycles
from companion.services import Services

log = logging.getLogger(__name__)

BASE_MODEL = "companion"
MODEL_CREATED = 1764547200  # 2025-12-01: when these modes were first offered (OpenAI's `created` of a model)
IGNORED_ROLES = ("system", "developer")


# --- models ------------------------------------------------------------------------------------------------------
def model_ids() -> list[str]:
    return [BASE_MODEL, *(f"{BASE_MODEL}-{c}" for c in cycles.CYCLES)]


def list_models() -> dict[str, Any]:
    """GET /v1/models, in exactly OpenAI's shape."""
    return {"object": "list", "data": [model_card(m) for m in model_ids()]}


def model_card(model: str) -> dict[str, Any]:
    cycle_for_model(model)
    return {"id": model, "object": "model", "created": MODEL_CREATED, "owned_by": "companion"}


def cycle_for_model(model: str) -> str:
    """The reflection cycle a new conversation with this model starts in; NotFound for unknown models."""
    if model == BASE_MODEL:
        return cycles.DEFAULT_CYCLE
    cycle = model.removeprefix(f"{BASE_MODEL}-")
    if model.startswith(f"{BASE_MODEL}-") and cycles.known(cycle):
        return cycle
    raise NotFound("model_not_found", model=str(model)[:100], choices=", ".join(model_ids()))


# --- the request, in OpenAI's wire format ---------------------------------------------------------------------
class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(max_length=40)
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, refusal ...: accepted and ignored
    role: str = Field(max_length=40)
    content: str | list[ContentPart] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class ChatRequest(BaseModel):
    """POST /v1/chat/completions. Sampling options (temperature, max_tokens, tools ...) are accepted and ignored:
    the companion's own settings and the reflection cycle decide how it answers."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=2000)
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int | None = None
    user: str | None = None
    metadata: dict[str, Any] | None = None


def _text(message: ChatMessage) -> tuple[str, bool]:
    """The message's text, and whether it also held something else (an image, audio, a file)."""
    if message.content is None or isinstance(message.content, str):
        return message.content or "", False
    text = "\n".join(part.text or "" for part in message.content if part.type == "text")
    return text, any(part.type != "text" for part in message.content)


def read_dialogue(request: ChatRequest) -> Dialogue:
    """The user and assistant turns of a request; system and developer messages are left out (see the module)."""
    if request.n not in (None, 1):
        raise Invalid("chat_n_unsupported")
    turns: list[tuple[str, str]] = []
    ignored: list[str] = []
    prompt_tokens = 0
    other = False
    for message in request.messages:
        text, other = _text(message)  # only the last message's other content matters: earlier turns are history
        prompt_tokens += token_count.count(text)
        if message.role in IGNORED_ROLES:
            ignored.append(message.role)
        elif message.role in ("user", "assistant"):
            turns.append((message.role, text))
        elif message.role not in ("tool", "function"):  # tool results: this companion calls no tools
            raise Invalid("chat_role_unsupported", role=message.role[:40])
    if other:
        raise Invalid("chat_content_unsupported")
    if not turns or turns[-1][0] != "user" or not turns[-1][1].strip():
        raise Invalid("chat_last_message_not_user")
    return Dialogue(history=from_first_user(turns[:-1]), last=turns[-1][1], prompt_tokens=prompt_tokens,
                    ignored=ignored)


# --- which conversation ---------------------------------------------------------------------------------------
def _named_conversation(request: ChatRequest, header: str | None) -> int | None:
    raw = (request.metadata or {}).get("conversation_id") or header
    if raw is None or not str(raw).strip():
        return None
    raw = str(raw).strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise Invalid("chat_conversation_id_invalid")
    return int(raw)


# --- the turn -------------------------------------------------------------------------------------------------
@dataclass
class Completion:
    """A prepared chat completion: the user message is stored; `respond()` or `stream()` gives the reply."""

    turn: chat_turn.Turn
    model: str
    created: int
    prompt_tokens: int
    include_usage: bool = False

    @property
    def conversation_id(self) -> int:
        return self.turn.conversation_id

    @property
    def id(self) -> str:
        return f"chatcmpl-{self.turn.conversation_id}-{self.turn.user_message_id}"

    def _usage(self, reply: str) -> dict[str, int]:
        completion = token_count.count(reply)
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": completion,
                "total_tokens": self.prompt_tokens + completion}

    def _extra(self, result: dict[str, Any]) -> dict[str, Any]:
        """What only the companion says: where the turn landed and what it cited (clients ignore unknown keys)."""
        return {"conversation_id": self.conversation_id, "phase": result.get("phase", self.turn.phase),
                "mode": result.get("mode", self.turn.mode),
                "sources": [{"kind": s.get("kind"), "title": s.get("title"), "id": s.get("ref_id") or s.get("id")}
                            for s in result.get("sources") or []]}

    def respond(self) -> dict[str, Any]:
        """The whole reply as one `chat.completion`."""
        result = self.turn.run()
        reply = result.get("content", "")
        return {"id": self.id, "object": "chat.completion", "created": self.created, "model": self.model,
                "system_fingerprint": None,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply, "refusal": None},
                             "logprobs": None, "finish_reason": _finish(result)}],
                "usage": self._usage(reply), "companion": self._extra(result)}

    def _chunk(self, delta: dict[str, Any] | None, finish: str | None = None, **extra: Any) -> str:
        body: dict[str, Any] = {"id": self.id, "object": "chat.completion.chunk", "created": self.created,
                                "model": self.model, "system_fingerprint": None,
                                "choices": [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None,
                                                                      "finish_reason": finish}]}
        if self.include_usage:
            body["usage"] = None
        body.update(extra)
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    def stream(self) -> Iterator[str]:
        """Server-sent events: a role chunk, content chunks as the reply comes, a closing chunk, usage, [DONE].

        A client that goes away mid-stream closes the turn, which stores what came, marked incomplete."""
        yield self._chunk({"role": "assistant", "content": ""})
        sent: list[str] = []
        result: dict[str, Any] = {}
        with closing(self.turn.events()) as events:
            for event, data in events:
                if event == "token":
                    sent.append(data["text"])
                    yield self._chunk({"content": data["text"]})
                elif event == "done":
                    result = data
        if not sent and result.get("content"):  # a repeated request: the stored reply, in one piece
            sent.append(result["content"])
            yield self._chunk({"content": result["content"]})
        yield self._chunk({}, _finish(result), companion=self._extra(result))
        if self.include_usage:
            yield self._chunk(None, usage=self._usage("".join(sent)))
        yield "data: [DONE]\n\n"


def _finish(result: dict[str, Any]) -> str:
    # a reply the model broke off is stored incomplete; "length" is OpenAI's word for a reply that was cut short
    return "stop" if result.get("complete", True) else "length"


def start_completion(services: Services, me: Principal, request: ChatRequest, *,
                     conversation_header: str | None = None) -> Completion:
    """Find or start the conversation, then prepare the companion's chat turn for the last user message."""
    cycle = cycle_for_model(request.model)
    dialogue = read_dialogue(request)
    if dialogue.ignored:
        log.info("chat completion for person %s: ignored %s message(s) as instructions", me.person_id,
                 "/".join(sorted(set(dialogue.ignored))))
    named = _named_conversation(request, conversation_header)
    now = services.clock.now()
    with services.sessions() as session:
        if named is not None:
            conversation_id = conversations.get_owned(session, me, named).id
        else:
            found = find_conversation(session, me, dialogue)
            conversation_id = found.id if found is not None else conversations.start(
                session, services.settings.prompts_dir, me, None, cycle).id
    turn = chat_turn.prepare_turn(services, me, conversation_id, dialogue.last, client_id_for(dialogue))
    include_usage = bool(request.stream and request.stream_options and request.stream_options.include_usage)
    return Completion(turn=turn, model=request.model, created=int(now.timestamp()),
                      prompt_tokens=dialogue.prompt_tokens, include_usage=include_usage)


# --- errors in OpenAI's shape ---------------------------------------------------------------------------------
def error_body(exc: CompanionError, language: str, param: str | None = None) -> tuple[int, dict[str, Any]]:
    """(status, {"error": {"message", "type", "param", "code"}}) as OpenAI answers, for a companion error."""
    status, kind, code = exc.status, "invalid_request_error", exc.code
    if isinstance(exc, Unauthorized):
        code = "invalid_api_key"
    elif isinstance(exc, TooManyRequests):
        kind, code = ("tokens" if exc.code == "token_budget_spent" else "requests"), "rate_limit_exceeded"
    elif exc.code == "model_not_found":
        param = "model"
    elif status in (413, 422):
        status = 400  # OpenAI answers every request it cannot take with 400
    elif status == 403:
        kind = "permission_error"
    elif status >= 500:
        kind = "server_error"
    return status, {"error": {"message": exc.text(language), "type": kind, "param": param, "code": code}}

