"""Domain errors raised by services; the API maps each to one HTTP status and a localised reason.

Every error carries a stable `code` (a key of `error_texts.MESSAGES`) and the `params` its text needs;
`str(exc)` and `exc.message` are the English text (logs, the command line), `exc.text(language)` any
supported language.
"""

from __future__ import annotations

from typing import Any

from companion.core import error_texts


class CompanionError(Exception):
    """Base class: `status` is the HTTP status, `code` says what went wrong, `params` fill in its text."""

    status = 400

    def __init__(self, code: str, /, **params: Any):
        self.code = code
        self.params = params
        self.message = error_texts.render(code, "en", params)
        super().__init__(self.message)

    def text(self, language: str) -> str:
        """The reason in `language` (English when it is not supported)."""
        return error_texts.render(self.code, language, self.params)


class NotFound(CompanionError):
    """Unknown id, or an item the caller may not see (never reveal which)."""

    status = 404


class Invalid(CompanionError):
    status = 422


class TooLarge(CompanionError):
    status = 413


class Forbidden(CompanionError):
    status = 403


class Conflict(CompanionError):
    status = 409


class Unauthorized(CompanionError):
    status = 401


class TooManyRequests(CompanionError):
    """A limit was reached; `retry_after` (seconds) becomes the Retry-After header."""

    status = 429
    retry_after = 60


class ModelUnavailable(CompanionError):
    """The chat model failed before it said anything; the code says how (time-out, busy, unreachable ...)."""

    status = 503


class ServiceBusy(CompanionError):
    """The server cannot take this request now (every database connection busy); Retry-After says when to retry."""

    status = 503


class BadModelOutput(CompanionError):
    """The language model answered, but never with valid output (after the retries); nothing was saved."""

    status = 502


class ScopeError(RuntimeError):
    """A read path was called without a scope: a programming error, never 'everything'."""
