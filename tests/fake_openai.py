"""A fake OpenAI-compatible server for tests: POST /v1/chat/completions, JSON or streamed, scripted per request.

Each request takes the next behaviour from a queue (or `default` when the queue is empty) and records the
request body in `requests`. A behaviour is any object with `respond(body) -> Response`, so new faults
(429/500, a hang, malformed chunks) are one small class each.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.conftest import LiveServer

DEFAULT_TEXT = "Wat deed jij op dat moment?"


class Behaviour(Protocol):
    def respond(self, body: dict[str, Any]) -> Response: ...


class DroppedConnection(Exception):
    """Raised inside a stream so uvicorn closes the connection without finishing the response."""


def words(text: str) -> list[str]:
    """The text cut into content chunks the way models stream: "Wat", " deed", " jij" ..."""
    parts = text.split(" ")
    return [p if n == 0 else " " + p for n, p in enumerate(parts)]


def _completion(body: dict[str, Any], text: str, finish_reason: str) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": 1, "completion_tokens": len(words(text)), "total_tokens": 1 + len(words(text))}}


def _chunk(body: dict[str, Any], delta: dict[str, Any], finish_reason: str | None = None) -> str:
    data = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


@dataclass
class Reply:
    """A normal reply, or a stream cut after N content chunks.

    `drop_after`: the connection breaks (no end of body, no [DONE]), as when a server or proxy dies.
    `end_after`: the body ends cleanly but without finish_reason or [DONE], as when a proxy gives up politely.
    `pause`: seconds to wait before each content chunk, to see tokens arrive one by one.
    """

    text: str = DEFAULT_TEXT
    drop_after: int | None = None
    end_after: int | None = None
    finish_reason: str = "stop"
    pause: float = 0.0

    def respond(self, body: dict[str, Any]) -> Response:
        if not body.get("stream"):
            return JSONResponse(_completion(body, self.text, self.finish_reason))
        return StreamingResponse(self.events(body), media_type="text/event-stream")

    def events(self, body: dict[str, Any]) -> Iterator[str]:
        yield _chunk(body, {"role": "assistant", "content": ""})
        for n, piece in enumerate(words(self.text) if self.text else []):
            if self.drop_after is not None and n >= self.drop_after:
                raise DroppedConnection(f"dropped after {n} chunks")
            if self.end_after is not None and n >= self.end_after:
                return
            time.sleep(self.pause)  # a sync generator runs in Starlette's threadpool: sleeping blocks no one
            yield _chunk(body, {"content": piece})
        yield _chunk(body, {}, self.finish_reason)
        yield "data: [DONE]\n\n"


class FakeOpenAI:
    """The fake server on a free loopback port; `url` is its root, so base_url is f"{url}/v1"."""

    def __init__(self, default: Behaviour | None = None):
        self.default = default or Reply()
        self.requests: list[dict[str, Any]] = []
        self._queue: list[Behaviour] = []
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._completions, methods=["POST"])])
        self._server = LiveServer(self.app)
        self.url = self._server.url

    def enqueue(self, *behaviours: Behaviour | str) -> FakeOpenAI:
        """Script the next responses, in order; a plain string is a normal Reply with that text."""
        with self._lock:
            self._queue.extend(Reply(b) if isinstance(b, str) else b for b in behaviours)
        return self

    def _next(self) -> Behaviour:
        with self._lock:
            return self._queue.pop(0) if self._queue else self.default

    async def _completions(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        return self._next().respond(body)

    @property
    def last(self) -> dict[str, Any]:
        """The body of the most recent request."""
        return self.requests[-1]

    def __enter__(self) -> FakeOpenAI:
        self._server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._server.__exit__(*exc)
