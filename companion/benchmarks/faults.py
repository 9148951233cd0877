"""`companion bench faults`: how long a person waits before they hear why the model failed, per fault kind.

A small OpenAI-compatible server on a loopback port misbehaves on purpose (slow, 429 with Retry-After, 500,
hang, dropped stream, malformed data; a closed port for refused connections). The real ChatOpenAI goes through
the same guarded stream a chat turn uses (resilience.py). Reported per kind: outcome, attempts (requests the
server saw), time to the outcome (median and max over the runs), and the breaker's time to fall back once open.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import click

from companion.core.config import Settings
from companion.core.errors import CompanionError
from companion.llm import provider, resilience

KINDS = ("ok", "slow", "429_short", "429_long", "500", "refused", "hang", "drop", "malformed")


def _chunk(text: str | None, finish: str | None = None) -> str:
    delta = {"content": text} if text is not None else {}
    data = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "fake",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n"


class FaultServer:
    """Answers every request according to `kind`; counts requests."""

    def __init__(self) -> None:
        import uvicorn
        from starlette.applications import Starlette
        from starlette.routing import Route

        self.kind = "ok"
        self.requests = 0
        self.stop = threading.Event()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        app = Starlette(routes=[Route("/v1/chat/completions", self._serve, methods=["POST"])])
        # log level critical: the dropped streams are on purpose, their tracebacks are noise
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="critical"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    async def _serve(self, request):
        from starlette.responses import JSONResponse, Response, StreamingResponse

        await request.body()
        self.requests += 1
        kind = self.kind
        if kind == "429_short":
            kind = "ok" if self.requests % 2 == 0 else "429"
            if kind == "429":
                return JSONResponse({"error": {"message": "busy"}}, status_code=429, headers={"retry-after": "1"})
        if kind == "429_long":
            return JSONResponse({"error": {"message": "busy"}}, status_code=429, headers={"retry-after": "120"})
        if kind == "500":
            return JSONResponse({"error": {"message": "boom"}}, status_code=500)
        if kind == "hang":
            while not self.stop.is_set():
                await asyncio.sleep(0.05)
            return Response(status_code=503)
        if kind == "malformed":
            return StreamingResponse(iter(["data: {not json\n\n"]), media_type="text/event-stream")
        words = "Wat deed jij precies op dat moment ?".split()

        async def body():
            for n, word in enumerate(words):
                if kind == "drop" and n == 3:
                    raise ConnectionResetError("dropped")
                if kind == "slow":
                    await asyncio.sleep(0.2)
                yield _chunk(("" if n == 0 else " ") + word)
            yield _chunk(None, "stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(body(), media_type="text/event-stream")

    def __enter__(self) -> FaultServer:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _turn(settings: Settings, breaker: resilience.CircuitBreaker) -> tuple[str, int, float]:
    """(outcome, pieces streamed, seconds) of one guarded model call."""
    from langchain_core.messages import HumanMessage, SystemMessage

    model = provider.chat_model(settings)
    policy = resilience.RetryPolicy.from_settings(settings)
    pieces = 0
    started = time.perf_counter()
    try:
        for _ in resilience.guarded_stream(model, [SystemMessage("Je bent een coach."), HumanMessage("Hoi")],
                                           breaker, policy):
            pieces += 1
        outcome = "reply"
    except CompanionError as exc:
        outcome = exc.code
    except resilience.StreamBroken:
        outcome = "broken (partial kept)"
    except provider.IncompleteReply:
        outcome = "cut off"
    return outcome, pieces, time.perf_counter() - started


@click.command("faults")
@click.option("--runs", default=5, show_default=True, help="Runs per fault kind.")
@click.option("--timeout", "llm_timeout", default=5.0, show_default=True, help="COMPANION_LLM_TIMEOUT for the run.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-faults.json"), show_default=True)
def faults_command(runs: int, llm_timeout: float, out: Path) -> None:
    """Time to a clear error (or reply) per model fault kind, retries made, and the breaker's fallback time."""
    results: dict[str, Any] = {}
    with FaultServer() as server:
        for kind in KINDS:
            port = _closed_port() if kind == "refused" else server.port
            settings = Settings(openai_api_key="bench", openai_base_url=f"http://127.0.0.1:{port}/v1",
                                chat_model="fake", llm_timeout=llm_timeout, llm_connect_timeout=1,
                                llm_breaker_failures=10_000)
            server.kind = kind
            times, outcomes, attempts = [], set(), []
            for _ in range(runs):
                before = server.requests
                outcome, _, took = _turn(settings, resilience.breaker_for(settings))
                times.append(took)
                outcomes.add(outcome)
                attempts.append(server.requests - before)
            seen = "-" if kind == "refused" else max(attempts)  # refused attempts never reach a server
            results[kind] = {"outcome": sorted(outcomes), "median_s": round(statistics.median(times), 3),
                             "max_s": round(max(times), 3), "max_requests": seen}
            click.echo(f"{kind:10} {', '.join(sorted(outcomes)):28} median {statistics.median(times):6.2f} s  "
                       f"max {max(times):6.2f} s  requests/turn ≤ {seen}")
        settings = Settings(openai_api_key="bench", openai_base_url=f"http://127.0.0.1:{server.port}/v1",
                            chat_model="fake", llm_timeout=llm_timeout, llm_max_retries=0)
        breaker = resilience.breaker_for(settings)
        server.kind = "500"
        for _ in range(settings.llm_breaker_failures):
            _turn(settings, breaker)
        before = server.requests
        outcome, _, took = _turn(settings, breaker)
        calls = server.requests - before
        results["breaker_open"] = {"outcome": [outcome], "median_s": round(took, 4), "requests": calls}
        click.echo(f"breaker open after {settings.llm_breaker_failures} failed turns: {outcome} in "
                   f"{took * 1000:.1f} ms, {calls} requests")
    out.write_text(json.dumps({"llm_timeout": llm_timeout, "runs": runs, "kinds": results}, indent=2))
    click.echo(f"wrote {out}")
