"""/v1: the OpenAI-compatible API (models, chat completions) for chat clients; its errors in OpenAI's shape."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, StreamingResponse

from companion.api.deps import PrincipalDep, ServicesDep
from companion.core.error_texts import language_from_header
from companion.core.errors import CompanionError, TooManyRequests
from companion.interop import openai_api

PREFIX = "/v1"
router = APIRouter(tags=["openai-compatible"])
CONVERSATION_HEADER = "X-Companion-Conversation-Id"

@router.get("/models")
def list_models(me: PrincipalDep) -> dict[str, Any]:
    """The companion's modes as models: `companion` (reflection, default cycle) and one per reflection cycle."""
    return openai_api.list_models()

@router.get("/models/{model}")
def retrieve_model(model: str, me: PrincipalDep) -> dict[str, Any]:
    return openai_api.model_card(model)

@router.post("/chat/completions", responses={200: {"content": {"text/event-stream": {}}}})
def chat_completions(body: openai_api.ChatRequest, me: PrincipalDep, services: ServicesDep,
                     conversation: Annotated[str | None, Header(alias=CONVERSATION_HEADER, max_length=40)] = None):
    """One turn of a companion conversation; the client's history says which one (see the README)."""
    completion = openai_api.start_completion(services, me, body, conversation_header=conversation)
    headers = {CONVERSATION_HEADER: str(completion.conversation_id)}
    if body.stream:
        return StreamingResponse(completion.stream(), media_type="text/event-stream",
                                 headers={**headers, "Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return JSONResponse(completion.respond(), headers=headers)

def handles(request: Request) -> bool:
    """Whether a request is one of this API's: its errors then take OpenAI's shape, not the companion's."""
    path = request.url.path
    return path == PREFIX or path.startswith(PREFIX + "/")

def error_response(request: Request, exc: CompanionError, param: str | None = None) -> JSONResponse:
    language = language_from_header(request.headers.get("accept-language"))
    status, body = openai_api.error_body(exc, language, param)
    headers = {"Content-Language": language}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, TooManyRequests):
        headers["Retry-After"] = str(exc.retry_after)
    return JSONResponse(body, status_code=status, headers=headers)

def invalid_request(request: Request, error: CompanionError, problems: list[dict]) -> JSONResponse:
    """FastAPI's own 422 for a body it cannot read, as OpenAI's 400 naming the first field at fault."""
    loc = [str(p) for p in (problems[0].get("loc") or ()) if p != "body"] if problems else []
    return error_response(request, error, ".".join(loc) or None)

