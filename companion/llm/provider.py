"""The chat-model seam: the only place that knows providers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from companion.core.config import Settings

OFFLINE_MODE = "offline"
# Endings that mean the model was stopped before its reply was done (chat completions and Responses API).
CUT_OFF = {"length", "content_filter", "max_output_tokens", "incomplete"}


class IncompleteReply(Exception):
    """The model's stream ended, but the reply was cut off before it was finished.

    `finish` is how the model said it ended ("length", ...), None when the stream just stopped (a broken
    connection or proxy rather than the model's own choice).
    """

    def __init__(self, message: str, finish: str | None = None):
        super().__init__(message)
        self.finish = finish


def _lean_chat_openai():
    """ChatOpenAI whose chat messages skip the openai SDK's per-request type transform.

    The SDK walks every message against a union of six TypedDicts before sending (for key aliases that chat
    messages do not have): 27 ms of CPU for a prompt with 40 history messages, as much as the query embedding.
    The messages go in `extra_body`, which the SDK merges into the JSON body unchanged: the same request.
    """
    from langchain_openai import ChatOpenAI

    class LeanChatOpenAI(ChatOpenAI):
        def _get_request_payload(self, input_, *, stop=None, **kwargs):  # noqa: ANN001, ANN202
            payload = super()._get_request_payload(input_, stop=stop, **kwargs)
            if isinstance(payload.get("messages"), list) and payload["messages"]:
                payload["extra_body"] = {**(payload.get("extra_body") or {}), "messages": payload["messages"]}
                payload["messages"] = []
            return payload

    return LeanChatOpenAI


@cache
def _draining_decoder_class() -> type:
    from openai._streaming import SSEDecoder

    class DrainingDecoder(SSEDecoder):
        """Reads the body to its end after [DONE]. The SDK stops reading there and closes the response, so the
        connection could not be reused: every streamed reply opened a new one (with a remote model, a TLS
        handshake per turn). A server ends the body right after [DONE]."""

        def iter_bytes(self, iterator):  # noqa: ANN001, ANN202
            for sse in super().iter_bytes(iterator):
                if sse.data.startswith("[DONE]"):
                    with contextlib.suppress(Exception):  # a complete reply never fails over its tail
                        for _ in iterator:
                            pass
                yield sse

    return DrainingDecoder


@cache
def _dict_chunk_class(base: type) -> type:
    from openai.types.chat import ChatCompletionChunk

    class DictChunkOpenAI(base):
        dict_chunks = True

        def _make_sse_decoder(self):  # noqa: ANN202
            return _draining_decoder_class()()

        def _process_response_data(self, *, data, cast_to, response):  # noqa: ANN001, ANN202
            if cast_to is ChatCompletionChunk and isinstance(data, dict):
                for choice in data.get("choices") or ():
                    if isinstance(choice, dict):
                        choice.setdefault("delta", {})  # LangChain reads choice["delta"]
                return data
            return super()._process_response_data(data=data, cast_to=cast_to, response=response)

    return DictChunkOpenAI


def _dict_chunks(root):  # noqa: ANN001, ANN202 - an openai.OpenAI
    """A copy of the openai client (the same connection pool) whose streamed chat chunks stay the JSON dicts
    they arrived as.

    LangChain turns every typed chunk straight back into a dict (`model_dump`); building the typed chunks first
    cost about 5 ms of CPU per 64-chunk reply, half of a turn's streaming. Its streams also keep their connection
    (DrainingDecoder). Only the plain `create` path uses this copy: structured output streams through
    `root_client`, whose helpers need the typed chunks."""
    if getattr(root, "dict_chunks", False):
        return root
    lean = root.with_options()  # shares root's HTTP client
    lean.__class__ = _dict_chunk_class(type(root))
    return lean


def chat_model(settings: Settings) -> BaseChatModel | None:
    """A streaming ChatOpenAI for OpenAI or any OpenAI-compatible server; None means the offline guide."""
    if not settings.llm_enabled:
        return None
    import openai

    ChatOpenAI = _lean_chat_openai()  # noqa: N806 - a class

    model = ChatOpenAI(
        model=settings.chat_model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        # Passed explicitly so the openai client's own defaults (2 retries, 10 minutes) never apply; a short
        # connect timeout lets an unreachable host fall back to the offline guide quickly. The chat turn makes
        # its own retries (resilience.py, through `single_attempt`); other callers keep the client's.
        timeout=openai.Timeout(settings.llm_timeout, connect=min(settings.llm_connect_timeout, settings.llm_timeout)),
        max_retries=settings.llm_max_retries,
        temperature=0.4,
        streaming=True,
        # ChatOpenAI switches some model names to the Responses API by itself; OpenAI-compatible servers
        # (vLLM, Ollama, ...) reliably speak only chat completions.
        use_responses_api=False if settings.openai_base_url else None,
    )
    if model.root_client is not None:
        model.client = _dict_chunks(model.root_client).chat.completions
    return model


_single: dict[int, tuple[BaseChatModel, BaseChatModel]] = {}


def single_attempt(model: BaseChatModel) -> BaseChatModel:
    """The same model with an HTTP client that never retries by itself, so the caller decides about retries."""
    root = getattr(model, "root_client", None)
    if root is None or not getattr(model, "max_retries", 0):
        return model
    cached = _single.get(id(model))
    if cached is None or cached[0] is not model:
        once = root.with_options(max_retries=0)
        lean = getattr(getattr(model.client, "_client", None), "dict_chunks", False)
        client = (_dict_chunks(once) if lean else once).chat.completions
        cached = (model, model.model_copy(update={"max_retries": 0, "root_client": once, "client": client}))
        _single[id(model)] = cached
    return cached[1]


def mode_name(model: BaseChatModel | None) -> str:
    """What the UI shows as the active mode."""
    if model is None:
        return OFFLINE_MODE
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    return f"llm:{name}"


def _reports_ending(model: BaseChatModel) -> bool:
    """OpenAI streams always say how they ended, so a stream that does not say so was cut."""
    return any(cls.__module__.startswith("langchain_openai") for cls in type(model).__mro__)


def _ending(meta: dict) -> str | None:
    """How a chunk says the reply ended: chat completions' finish_reason, or the Responses API's status."""
    if meta.get("finish_reason"):
        return meta["finish_reason"]
    if meta.get("status") == "incomplete":
        return (meta.get("incomplete_details") or {}).get("reason") or "incomplete"
    return meta.get("status")


def stream_reply(model: BaseChatModel, messages: list[BaseMessage], timeout: float | None = None) -> Iterator[str]:
    """The reply's text pieces from the model's real stream; IncompleteReply if it ended unfinished.

    Transport errors (unreachable, timeout, dropped connection) propagate as the provider raises them.
    `timeout` overrides the client's for this request (a retry gets only what is left of the time budget).
    """
    finish = None
    extra = {"timeout": timeout} if timeout is not None and _reports_ending(model) else {}
    stream = model.stream(messages, **extra)
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
        raise IncompleteReply(f"the reply ended with {finish!r}", finish)
    if finish is None and _reports_ending(model):
        raise IncompleteReply("the stream ended without saying how")
