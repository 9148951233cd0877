"""Calling the chat model safely: bounded retries before the first token, Retry-After, and a circuit breaker.

Rules (see docs/security.md, "Model endpoint faults"):
- Retry only before the first token reached the person, so a retry can never repeat text; at most
  `llm_max_retries` times, and only while the whole attempt fits in `llm_timeout` seconds.
- A time-out is not retried: it already used the whole time budget.
- 429 waits for Retry-After when that fits in the budget, else fails at once and says when to try again.
- After `llm_breaker_failures` failed turns in a row the breaker opens: turns go straight to the offline guide
  for `llm_breaker_cooldown` seconds, then one turn probes the model (half-open); success closes it again.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from companion.core import metrics
from companion.core.config import Settings
from companion.core.errors import ModelUnavailable
from companion.llm import provider

log = logging.getLogger(__name__)
CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    """Shared by every request of the process: counts failed turns in a row and stops calling a dead model.

    Per worker process by design, not in the database: N workers let at most N x `failures` turns meet a dead
    model and probe it N times per cooldown, while a shared state would put a database round trip before
    every model call and tie calling the model to the database's health (docs/operations.md)."""

    def __init__(self, failures: int, cooldown: float, clock: Callable[[], float] = time.monotonic):
        self.threshold = max(1, failures)
        self.cooldown = cooldown
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None
        self.probing = False
        self.opened_count = 0
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self.opened_at is None:
            return CLOSED
        return HALF_OPEN if self.clock() - self.opened_at >= self.cooldown else OPEN

    def allow(self) -> bool:
        """May this turn call the model? In half-open state only one turn at a time probes it."""
        with self._lock:
            state = self._state()
            if state == CLOSED:
                return True
            if state == HALF_OPEN and not self.probing:
                self.probing = True
                return True
            return False

    def retry_in(self) -> float:
        """Seconds until the model is tried again (0 when it is tried now)."""
        with self._lock:
            if self.opened_at is None:
                return 0.0
            return max(0.0, self.cooldown - (self.clock() - self.opened_at))

    def success(self) -> None:
        with self._lock:
            if self.opened_at is not None:
                log.info("chat model is back: circuit closed")
            self.failures, self.opened_at, self.probing = 0, None, False

    def failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self.probing or self.failures >= self.threshold:
                if self.opened_at is None or self.probing:
                    self.opened_count += 1
                    log.warning("chat model failed %d turns in a row: circuit open for %.0f s", self.failures,
                                self.cooldown)
                self.opened_at = self.clock()
            self.probing = False

    def release(self) -> None:
        """A probe that ended without a verdict (the person went away before anything came back)."""
        with self._lock:
            self.probing = False

    def snapshot(self) -> dict:
        return {"state": self.state, "failures": self.failures, "retry_in": round(self.retry_in(), 1),
                "opened": self.opened_count}


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a turn may try the model before it says anything."""

    max_retries: int
    timeout: float
    backoff: float

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(max_retries=max(0, settings.llm_max_retries), timeout=settings.llm_timeout,
                   backoff=settings.llm_retry_backoff)

    def delay(self, attempt: int) -> float:
        """Exponential backoff with jitter, so many people's retries do not arrive together."""
        return self.backoff * (2 ** (attempt - 1)) * (0.5 + random.random() / 2)  # noqa: S311 (not crypto)


def breaker_for(settings: Settings) -> CircuitBreaker:
    return CircuitBreaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown)


def retry_after(exc: BaseException) -> float | None:
    """Seconds from a Retry-After(-Ms) header of the failed response, if it has one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if value := headers.get("retry-after-ms"):
            return max(0.0, float(value) / 1000)
        if value := headers.get("retry-after"):
            try:
                return max(0.0, float(value))
            except ValueError:
                when = email.utils.parsedate_to_datetime(value)
                return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None
    return None


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def classify(exc: BaseException) -> tuple[str, bool]:
    """(kind, worth retrying) of a failure before the first token."""
    names = _names(exc)
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if names & {"APITimeoutError", "TimeoutError", "TimeoutException", "ReadTimeout"}:
        return "timeout", False  # the whole budget is spent already
    if "RateLimitError" in names or status == 429:
        return "busy", True
    if isinstance(status, int) and (status >= 500 or status in (408, 409)):
        return "server_error", True
    if isinstance(status, int) and status >= 400:
        return "rejected", False  # wrong key, model name or request: trying again gives the same answer
    if names & {"APIConnectionError", "ConnectionError", "ConnectError", "RemoteProtocolError", "ReadError",
                "OSError"}:
        return "unavailable", True
    if isinstance(exc, (json.JSONDecodeError, ValueError, KeyError, TypeError, AttributeError)) or names & {
            "APIResponseValidationError", "ValidationError", "DecodingError"}:
        return "malformed", False
    return "unavailable", True


def fault(kind: str, policy: RetryPolicy, wait: float | None = None) -> ModelUnavailable:
    """The person-facing error for a failure kind (each code literal, so the catalogue check sees it)."""
    if kind == "timeout":
        return ModelUnavailable("llm_timeout", seconds=round(policy.timeout))
    if kind == "busy":
        return ModelUnavailable("llm_busy", seconds=max(1, round(wait or 30)))
    if kind == "server_error":
        return ModelUnavailable("llm_server_error")
    if kind == "malformed":
        return ModelUnavailable("llm_malformed")
    if kind == "rejected":
        return ModelUnavailable("llm_rejected")
    return ModelUnavailable("llm_unavailable")


class StreamBroken(Exception):
    """The model stopped after some tokens reached the person; never retried (that would repeat text)."""

    def __init__(self, streamed: int, cause: BaseException):
        super().__init__(f"stream broke after {streamed} pieces: {cause!r}")
        self.streamed = streamed
        self.cause = cause


def guarded_stream(model: BaseChatModel, messages: list[BaseMessage], breaker: CircuitBreaker,
                   policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep) -> Iterator[str]:
    """The reply's pieces. Raises ModelUnavailable before the first piece, StreamBroken or
    provider.IncompleteReply after it. Timed and counted for /metrics."""
    return _measured(_guarded_stream(model, messages, breaker, policy, sleep))


def _measured(pieces: Iterator[str]) -> Iterator[str]:
    """Pass the pieces on, recording the call's latency, its time to the first piece and how it ended."""
    started = time.monotonic()
    outcome, count = "ok", 0
    try:
        for piece in pieces:
            if not count:
                metrics.MODEL_FIRST_PIECE.observe(time.monotonic() - started)
            count += 1
            yield piece
    except GeneratorExit:
        outcome = "went_away"
        raise
    except ModelUnavailable as exc:
        outcome = exc.code
        raise
    except Exception:
        outcome = "broken"
        raise
    finally:
        pieces.close()
        elapsed = time.monotonic() - started
        metrics.MODEL_SECONDS.labels(outcome=outcome).observe(elapsed)
        if outcome not in ("ok", "went_away"):
            metrics.MODEL_ERRORS.labels(kind=outcome).inc()
        log.info("model call: %s, %d pieces in %.2f s", outcome, count, elapsed)


def _guarded_stream(model: BaseChatModel, messages: list[BaseMessage], breaker: CircuitBreaker,
                    policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep) -> Iterator[str]:
    if not breaker.allow():
        raise ModelUnavailable("llm_breaker_open", seconds=max(1, round(breaker.retry_in())))
    model = provider.single_attempt(model)  # our retries only: the client's own would multiply them
    deadline = time.monotonic() + policy.timeout
    streamed = 0
    attempt = 0
    while True:
        attempt += 1
        try:
            # a retry may only use what is left of the time budget
            budget = None if attempt == 1 else max(0.5, deadline - time.monotonic())
            for piece in provider.stream_reply(model, messages, timeout=budget):
                streamed += 1
                yield piece
        except GeneratorExit:  # the person went away: no verdict on the model unless it was talking
            if streamed:
                breaker.success()
            else:
                breaker.release()
            raise
        except provider.IncompleteReply as exc:
            if exc.finish is not None:  # the model itself stopped (length, content filter): it is up
                breaker.success()
                raise
            breaker.failure()
            if not streamed:  # a 200 whose body held no reply a client can read
                raise fault("malformed", policy) from exc
            raise StreamBroken(streamed, exc) from exc
        except Exception as exc:
            if streamed:
                breaker.failure()
                raise StreamBroken(streamed, exc) from exc
            kind, retryable = classify(exc)
            asked = retry_after(exc)
            wait = asked if asked is not None else policy.delay(attempt)
            left = deadline - time.monotonic()
            log.warning("chat model attempt %d failed (%s): %r", attempt, kind, exc)
            if retryable and attempt <= policy.max_retries and wait < left:
                sleep(wait)
                continue
            breaker.failure()
            raise fault(kind, policy, asked) from exc
        breaker.success()
        return
