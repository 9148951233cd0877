"""A zero-latency OpenAI-compatible chat model for load benchmarks: `python -m companion.benchmarks.stub_model`.

POST /v1/chat/completions answers at once: streamed as `chunks` SSE chunks (and a final one with
finish_reason "stop"), or as one JSON completion when the request does not ask for a stream. Plain asyncio,
HTTP/1.1 with keep-alive, loopback only: it should cost as little CPU as possible, so the benchmark measures
the companion, not the stub. Every response carries `x-stub-recv` (time.monotonic_ns() when the request was
read; the clock is system-wide, so a client on the same machine can compare).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import click

WORDS = ("Wat", "deed", "jij", "op", "dat", "moment", "en", "wat", "merkte", "je", "bij", "de", "ander")


def _reply_words(chunks: int) -> list[str]:
    return [(w if n == 0 else " " + w) for n, w in enumerate(WORDS[i % len(WORDS)] for i in range(chunks))]


def _stream_body(model: str, chunks: int) -> bytes:
    head = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": model}
    parts = []
    for n, word in enumerate(_reply_words(chunks)):
        delta = {"role": "assistant", "content": word} if n == 0 else {"content": word}
        parts.append({**head, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
    parts.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                  "usage": {"prompt_tokens": 100, "completion_tokens": chunks, "total_tokens": 100 + chunks}})
    return b"".join(b"data: " + json.dumps(p).encode() + b"\n\n" for p in parts) + b"data: [DONE]\n\n"


def _json_body(model: str, chunks: int) -> bytes:
    return json.dumps({"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": model,
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(
                           _reply_words(chunks))}, "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": 100, "completion_tokens": chunks,
                                 "total_tokens": 100 + chunks}}).encode()


class StubModel:
    """The server; `start()` runs it in a background thread (for tests), `serve()` in the foreground."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, chunks: int = 64):
        self.host, self.port, self.chunks = host, port, chunks
        self.requests = 0
        self._cache: dict[tuple[str, bool], bytes] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()

    def _body(self, model: str, stream: bool) -> bytes:
        key = (model, stream)
        if key not in self._cache:
            self._cache[key] = _stream_body(model, self.chunks) if stream else _json_body(model, self.chunks)
        return self._cache[key]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                received = time.monotonic_ns()
                lines = head.decode("latin-1").split("\r\n")
                method, path = lines[0].split(" ")[:2]
                headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
                body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
                self.requests += 1
                if method != "POST" or not path.endswith("/chat/completions"):
                    payload, status, kind = b'{"error": {"message": "not found"}}', "404 Not Found", "application/json"
                else:
                    request = json.loads(body or b"{}")
                    stream = bool(request.get("stream"))
                    payload = self._body(str(request.get("model", "stub")), stream)
                    status, kind = "200 OK", "text/event-stream" if stream else "application/json"
                writer.write(f"HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {len(payload)}\r\n"
                             f"x-stub-recv: {received}\r\nconnection: keep-alive\r\n\r\n".encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()

    async def _main(self) -> None:
        server = await asyncio.start_server(self._handle, self.host, self.port, backlog=256)
        self.port = server.sockets[0].getsockname()[1]
        self._loop = asyncio.get_running_loop()
        self._ready.set()
        async with server:
            await server.serve_forever()

    def serve(self) -> None:
        asyncio.run(self._main())

    def start(self) -> StubModel:
        threading.Thread(target=self.serve, daemon=True, name="stub-model").start()
        self._ready.wait(10)
        return self

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"


@click.command()
@click.option("--port", default=0, show_default=True)
@click.option("--chunks", default=64, show_default=True, help="Chunks per streamed completion.")
def main(port: int, chunks: int) -> None:
    """Serve the stub model on 127.0.0.1; prints the port it listens on."""
    stub = StubModel(port=port, chunks=chunks)
    threading.Thread(target=lambda: (stub._ready.wait(), print(stub.port, flush=True)), daemon=True).start()
    stub.serve()


if __name__ == "__main__":
    main()
