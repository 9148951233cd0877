"""Server-sent events from a turn's synchronous event generator, with one thread per stream, not per token.

Starlette runs a synchronous iterator by handing every `next()` to its thread pool: two thread switches per
token, which cost the companion about 3x the raw SDK's time from the model request to `done`. Here one pool
thread runs the whole generator and appends formatted events to a buffer; the event loop wakes only when the
buffer was empty, and sends everything that piled up meanwhile as one chunk. Under load many tokens go out
in one write; with a slow model each token still goes out the moment it arrives.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# as many streams at once as Starlette's own thread pool would run (anyio's default is 40)
_pool = ThreadPoolExecutor(max_workers=64, thread_name_prefix="sse")


def sse_event(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


async def sse_stream(events: Iterator[tuple[str, dict[str, Any]]]) -> AsyncIterator[str]:
    """The events as SSE text; when the client goes away the generator is closed (the turn stores its part)."""
    loop = asyncio.get_running_loop()
    buffer: deque[str] = deque()
    lock = threading.Lock()
    wake = asyncio.Event()
    stop = threading.Event()
    finished = threading.Event()
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            for event, data in events:
                line = sse_event(event, data)
                with lock:
                    buffer.append(line)
                    first = len(buffer) == 1
                if first:
                    loop.call_soon_threadsafe(wake.set)
                if stop.is_set():
                    break
        except BaseException as exc:  # noqa: BLE001 - handed to the event loop, which raises it there
            failure.append(exc)
        finally:
            if stop.is_set() and hasattr(events, "close"):
                events.close()  # GeneratorExit inside the turn: its reply so far is stored
            finished.set()
            loop.call_soon_threadsafe(wake.set)

    loop.run_in_executor(_pool, produce)
    try:
        while True:
            await wake.wait()
            wake.clear()
            with lock:
                lines = list(buffer)
                buffer.clear()
            if lines:
                yield "".join(lines)
            if finished.is_set():
                with lock:
                    rest = list(buffer)
                    buffer.clear()
                if rest:
                    yield "".join(rest)
                break
    finally:  # also when the client went away: the producer closes the turn at its next event
        stop.set()
    if failure:
        raise failure[0]
