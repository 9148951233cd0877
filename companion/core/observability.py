"""Logs that follow a request: a request id in a context variable, stamped on every log record, as text or JSON.

The API middleware sets the id (X-Request-ID from the proxy, or a new one) for the whole request; FastAPI runs
sync endpoints and streamed bodies with a copy of the context, so the chat turn, retrieval and model calls of
that request all log with the same id. COMPANION_LOG_FORMAT=json writes one JSON object per line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def accept_request_id(given: str | None) -> str:
    """The caller's (a proxy's) id when it is a sane token, else a fresh one: never log what a client injects."""
    if given and _VALID.match(given):
        return given
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (a handler filter: also records of libraries and other threads)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and the exception when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
               "level": record.levelname, "logger": record.name, "msg": record.getMessage(),
               "request_id": getattr(record, "request_id", request_id.get())}
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


# the level first: `companion run` shows the warnings of a starting API by how its lines begin
TEXT_FORMAT = "%(levelname)s %(asctime)s %(name)s [%(request_id)s] %(message)s"


def configure_logging(log_format: str = "text", level: int = logging.INFO) -> None:
    """The root handler of an API process: text or JSON lines on stderr, each with the request id."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):  # uvicorn's own lines in the same format
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
