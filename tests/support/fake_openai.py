"""A fake OpenAI-compatible server for tests: POST /v1/chat/completions, JSON or streamed, scripted per request.

Each request takes the next behaviour from a queue (or `default` when the queue is empty) and records the
request body in `requests`. A behaviour is any object with `respond(body) -> Response` (or an awaitable of
one): `Reply` (normal, slow, dropped or cut-off streams), `Status` (429 with Retry-After, 500, ...), `Hang` and
`Malformed`. A refused connection needs no server at all: point the client at a closed port.
"""

from __future__ import annotations

import asyncio
import inspect
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

from tests.support.servers import LiveServer

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
    `stall_after`: after that many chunks, go silent for `stall` seconds (a model that stops mid-sentence).
    """

    text: str = DEFAULT_TEXT
    drop_after: int | None = None
    end_after: int | None = None
    finish_reason: str = "stop"
    pause: float = 0.0
    stall_after: int | None = None
    stall: float = 0.0

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
            if self.stall_after is not None and n == self.stall_after:
                time.sleep(self.stall)
            yield _chunk(body, {"content": piece})
        yield _chunk(body, {}, self.finish_reason)
        yield "data: [DONE]\n\n"


@dataclass
class Status:
    """An error status with a JSON error body, e.g. 429 with Retry-After or 500."""

    status: int = 500
    retry_after: str | None = None

    def respond(self, body: dict[str, Any]) -> Response:
        headers = {"retry-after": self.retry_after} if self.retry_after is not None else {}
        error = {"error": {"message": f"fake status {self.status}", "type": "server_error", "code": None}}
        return JSONResponse(error, status_code=self.status, headers=headers)


@dataclass
class Hang:
    """Never answers (no status, no headers) until `seconds` pass or the server stops."""

    seconds: float = 30.0
    released: threading.Event | None = None

    async def respond(self, body: dict[str, Any]) -> Response:
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline and not (self.released and self.released.is_set()):
            await asyncio.sleep(0.05)
        return JSONResponse(_completion(body, "te laat", "stop"))


@dataclass
class Malformed:
    """200 OK with data a client cannot read: `json` (a broken chunk), `html` (an error page), `shape`
    (valid JSON that is no completion chunk)."""

    kind: str = "json"

    def respond(self, body: dict[str, Any]) -> Response:
        if self.kind == "html":
            return Response("<html><body>502 Bad Gateway</body></html>", media_type="text/html")
        if self.kind == "shape":
            return StreamingResponse(iter(['data: {"unexpected": true, "choices": "nope"}\n\n', "data: [DONE]\n\n"]),
                                     media_type="text/event-stream")
        return StreamingResponse(iter(["data: {this is not json\n\n", "data: [DONE]\n\n"]),
                                 media_type="text/event-stream")


class FakeOpenAI:
    """The fake server on a free loopback port; `url` is its root, so base_url is f"{url}/v1"."""

    def __init__(self, default: Behaviour | None = None):
        self.default = default or Reply()
        self.requests: list[dict[str, Any]] = []
        self._queue: list[Behaviour] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
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
        behaviour = self._next()
        if isinstance(behaviour, Hang) and behaviour.released is None:
            behaviour.released = self._stopping
        response = behaviour.respond(body)
        return await response if inspect.isawaitable(response) else response

    @property
    def last(self) -> dict[str, Any]:
        """The body of the most recent request."""
        return self.requests[-1]

    def __enter__(self) -> FakeOpenAI:
        self._server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()  # a hanging request lets go, so the server can stop
        self._server.__exit__(*exc)
