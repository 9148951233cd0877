"""The chat-model seam: the only place that knows providers."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from .config import Settings

OFFLINE_MODE = "offline"


def chat_model(settings: Settings) -> BaseChatModel | None:
    """A streaming ChatOpenAI for OpenAI or any OpenAI-compatible server; None means the offline guide."""
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.chat_model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=0.4,
        streaming=True,
    )


def mode_name(model: BaseChatModel | None) -> str:
    """What the UI shows as the active mode."""
    if model is None:
        return OFFLINE_MODE
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    return f"llm:{name}"
