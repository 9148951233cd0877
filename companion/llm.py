"""The chat-model seam: the only place that knows providers."""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from .config import Settings

OFFLINE_MODE = "offline"
# Endings that mean the model was stopped before its reply was done (chat completions and Responses API).
CUT_OFF = {"length", "content_filter", "max_output_tokens", "incomplete"}


class IncompleteReply(Exception):
    """The model's stream ended, but the reply was cut off before it was finished."""


def chat_model(settings: Settings) -> BaseChatModel | None:
    """A streaming ChatOpenAI for OpenAI or any OpenAI-compatible server; None means the offline guide."""
    if not settings.llm_enabled:
        return None
    import openai
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.chat_model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        # Passed explicitly so the openai client's own defaults (2 retries, 10 minutes) never apply; a short
        # connect timeout lets an unreachable host fall back to the offline guide quickly.
        timeout=openai.Timeout(settings.llm_timeout, connect=min(settings.llm_connect_timeout, settings.llm_timeout)),
        max_retries=settings.llm_max_retries,
        temperature=0.4,
        streaming=True,
        # ChatOpenAI switches some model names to the Responses API by itself; OpenAI-compatible servers
        # (vLLM, Ollama, ...) reliably speak only chat completions.
        use_responses_api=False if settings.openai_base_url else None,
    )


def mode_name(model: BaseChatModel | None) -> str:
    """What the UI shows as the active mode."""
    if model is None:
        return OFFLINE_MODE
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    return f"llm:{name}"


def _reports_ending(model: BaseChatModel) -> bool:
    """OpenAI streams always say how they ended, so a stream that does not say so was cut."""
    return type(model).__module__.startswith("langchain_openai")


def _ending(meta: dict) -> str | None:
    """How a chunk says the reply ended: chat completions' finish_reason, or the Responses API's status."""
    if meta.get("finish_reason"):
        return meta["finish_reason"]
    if meta.get("status") == "incomplete":
        return (meta.get("incomplete_details") or {}).get("reason") or "incomplete"
    return meta.get("status")


def stream_reply(model: BaseChatModel, messages: list[BaseMessage]) -> Iterator[str]:
    """The reply's text pieces from the model's real stream; IncompleteReply if it ended unfinished.

    Transport errors (unreachable, timeout, dropped connection) propagate as the provider raises them.
    """
    finish = None
    stream = model.stream(messages)
    try:
        for chunk in stream:
            # .text, not .content: content may be a list of blocks (LC_OUTPUT_VERSION=v1, Responses API).
            if text := str(chunk.text):
                yield text
            finish = _ending(chunk.response_metadata) or finish
    finally:
        if hasattr(stream, "close"):  # releases the HTTP connection now, also when our caller stops listening
            stream.close()
    if finish in CUT_OFF:
        raise IncompleteReply(f"the reply ended with {finish!r}")
    if finish is None and _reports_ending(model):
        raise IncompleteReply("the stream ended without saying how")
