"""The ground every area stands on: settings, the database, the injectable clock, errors with their texts in
Dutch and English, who is calling (principal and scope), the lock that keeps one process per data folder, and
what operations watch: request ids in the logs (observability) and Prometheus metrics (metrics).

Nothing in here imports another area of the companion.
"""

from companion.core import clock, datalock, db, events, metrics, observability, startup, texts
from companion.core.clock import Clock, FixedClock, SystemClock, clock_from_settings
from companion.core.config import PROJECT_ROOT, Settings, get_settings
from companion.core.error_texts import language_from_header
from companion.core.errors import (
    BadModelOutput,
    CompanionError,
    Conflict,
    Forbidden,
    Invalid,
    ModelUnavailable,
    NotFound,
    ScopeError,
    ServiceBusy,
    TooLarge,
    TooManyRequests,
    Unauthorized,
)
from companion.core.principal import Principal, Scope

__all__ = [
    "PROJECT_ROOT", "BadModelOutput", "Clock", "CompanionError", "Conflict", "FixedClock", "Forbidden", "Invalid",
    "ModelUnavailable", "NotFound", "Principal", "Scope", "ScopeError", "ServiceBusy", "Settings", "SystemClock",
    "TooLarge", "TooManyRequests", "Unauthorized", "clock", "clock_from_settings", "datalock", "db", "events",
    "get_settings", "language_from_header", "metrics", "observability", "startup", "texts",
]
