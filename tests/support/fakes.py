"""Fakes for tests only: a scriptable chat model that records what it was sent, and hashed embeddings."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr


class ScriptedChatModel(BaseChatModel):
    """Replies with queued texts (or raises queued exceptions); `history` holds every prompt it was sent."""

    model_name: str = "scripted"
    default_reply: str = "Wat deed jij op dat moment?"
    fail_after_chunks: int | None = None
    _queue: list[Any] = PrivateAttr(default_factory=list)
    _history: list[list[BaseMessage]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def enqueue(self, *replies: str | Exception) -> ScriptedChatModel:
        self._queue.extend(replies)
        return self

    @property
    def history(self) -> list[list[BaseMessage]]:
        return self._history

    def _next(self, messages: list[BaseMessage]) -> str:
        self._history.append(list(messages))
        reply = self._queue.pop(0) if self._queue else self.default_reply
        if isinstance(reply, Exception):
            raise reply
        return reply

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self._next(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages)
        for n, word in enumerate(text.split(" ")):
            if self.fail_after_chunks is not None and n >= self.fail_after_chunks:
                raise ConnectionError("stream dropped")
            yield ChatGenerationChunk(message=AIMessageChunk(content=word if n == 0 else " " + word))


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: fast, no model, similar texts get similar vectors."""

    model_id = "hash64"

    def __init__(self, dim: int = 64):
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            h = int(hashlib.md5(word.encode()).hexdigest(), 16)
            vec[h % self.dim] += 1.0 if (h >> 8) % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec] if any(vec) else [1.0 / math.sqrt(self.dim)] * self.dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
