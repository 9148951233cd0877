"""Every model call besides the chat stream (product drafts, account wording, week plans) under the same rules.

`guarded(services)` gives the chat model wrapped so that `invoke` goes through the process's circuit breaker
and the bounded retries of `resilience`: an open breaker or a failed call raises ModelUnavailable at once,
and each caller falls back to its offline text (template, offline draft) on that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel

from companion.core.errors import ModelUnavailable
from companion.llm import provider, resilience

# Failures that mean the model answered: a 4xx (e.g. no structured output here) or unreadable output. They
# say nothing against the model's health, and callers handle them themselves (retry as text, fall back).
ANSWERED = {"rejected", "malformed"}


class GuardedModel:
    """A chat model (or a runnable made from one) whose `invoke` obeys the breaker and the retry policy."""

    def __init__(self, runnable: Any, breaker: resilience.CircuitBreaker, policy: resilience.RetryPolicy,
                 sleep: Callable[[float], None] = time.sleep, model: BaseChatModel | None = None):
        self._runnable = runnable
        self._model = model if model is not None else runnable
        self.breaker, self.policy, self._sleep = breaker, policy, sleep

    def __getattr__(self, name: str) -> Any:  # model_name and the like, for mode names
        return getattr(self._model, name)

    def with_structured_output(self, *args: Any, **kwargs: Any) -> GuardedModel:
        return GuardedModel(self._runnable.with_structured_output(*args, **kwargs), self.breaker, self.policy,
                            self._sleep, self._model)

    def invoke(self, messages: Any, **kwargs: Any) -> Any:
        """The call's result; ModelUnavailable when the breaker is open or every allowed attempt failed."""
        if not self.breaker.allow():
            raise ModelUnavailable("llm_breaker_open", seconds=max(1, round(self.breaker.retry_in())))
        deadline = time.monotonic() + self.policy.timeout
        attempt = 0
        while True:
            attempt += 1
            try:
                result = self._runnable.invoke(messages, **kwargs)
            except Exception as exc:
                kind, retryable = resilience.classify(exc)
                if kind in ANSWERED:  # the model is up and said no (or said nonsense): the caller decides
                    self.breaker.success()
                    raise
                asked = resilience.retry_after(exc)
                wait = asked if asked is not None else self.policy.delay(attempt)
                if retryable and attempt <= self.policy.max_retries and wait < deadline - time.monotonic():
                    self._sleep(wait)
                    continue
                self.breaker.failure()
                raise resilience.fault(kind, self.policy, asked) from exc
            self.breaker.success()
            return result


def guard(model: BaseChatModel | None, breaker: resilience.CircuitBreaker, policy: resilience.RetryPolicy,
          sleep: Callable[[float], None] = time.sleep) -> GuardedModel | None:
    """`model` under the breaker and retries (its client's own retries off, so they never multiply); None stays None."""
    if model is None:
        return None
    return GuardedModel(provider.single_attempt(model), breaker, policy, sleep, model)


def guarded(services: Any) -> GuardedModel | None:
    """The services' chat model guarded by their breaker and their settings' retry policy."""
    return guard(services.chat_model, services.breaker, resilience.RetryPolicy.from_settings(services.settings))
