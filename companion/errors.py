"""Domain errors raised by services; the API maps each to one HTTP status with its reason."""


class CompanionError(Exception):
    """Base class: `status` is the HTTP status, the message is the reason shown to the user."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


class ScopeError(RuntimeError):
    """A read path was called without a scope: a programming error, never 'everything'."""
