"""Parsing outside the request's process: a child with a time budget and a memory cap.

A hostile or pathological file (a PDF whose pages recurse, HTML nested a million deep) must not take the
API's memory or CPU with it: the parser runs in a child process forked from a small, single-threaded
server (multiprocessing's forkserver, which preloads the parsers), so the API keeps answering meanwhile,
and the child is killed when it outlives its budget. The child's address space is capped, so it runs out
of memory on its own instead of taking the machine's.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

from companion.core.errors import CompanionError, Invalid, TooLarge

log = logging.getLogger(__name__)
PARSE_SECONDS = 120.0
MEMORY_BYTES = 2_000_000_000  # on top of what the child starts with
PRELOAD = ["companion.knowledge.ingest", "companion.knowledge.ingest.docx", "companion.knowledge.ingest.pdf",
           "companion.knowledge.ingest.html", "docx", "pypdf", "bs4"]
_RAISED = {cls.__name__: cls for cls in (Invalid, TooLarge)}  # what a parser raises, by name across the pipe
_context: multiprocessing.context.BaseContext | None = None
_context_lock = threading.Lock()


def _ctx() -> multiprocessing.context.BaseContext:
    global _context
    with _context_lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def _cap_memory(extra: int) -> None:
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            vm = next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:")), 0)
        limit = vm + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):  # not Linux: the time budget still holds
        pass


def _child(conn, fn: Callable[..., Any], args: tuple, memory: int) -> None:  # noqa: ANN001
    _cap_memory(memory)
    try:
        conn.send(("ok", fn(*args)))
    except CompanionError as exc:
        conn.send(("error", type(exc).__name__, exc.code, exc.params))
    except MemoryError:
        conn.send(("error", "TooLarge", "knowledge_file_too_complex", {}))
    except Exception as exc:  # noqa: BLE001 - a parser's own crash is the file's fault, reported as unreadable
        conn.send(("error", "Invalid", "knowledge_file_corrupt", {"kind": type(exc).__name__[:40]}))
    finally:
        conn.close()


def run(fn: Callable[..., Any], *args: Any, seconds: float | None = None, memory: int = MEMORY_BYTES) -> Any:
    """fn(*args) in a child process; its CompanionError is raised here, a time-out as a clear refusal."""
    seconds = PARSE_SECONDS if seconds is None else seconds
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, fn, args, memory), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            log.warning("parsing took over %.0f s: stopped", seconds)
            raise Invalid("knowledge_parse_timeout", seconds=round(seconds))
        try:
            outcome = receive.recv()
        except EOFError as exc:  # the child died without a word: killed by the system, most likely for memory
            raise TooLarge("knowledge_file_too_complex") from exc
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome[0] == "ok":
        return outcome[1]
    _, kind, code, params = outcome
    raise _RAISED.get(kind, Invalid)(code, **params)
