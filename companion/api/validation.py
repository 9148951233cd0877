"""FastAPI's own validation problems as a domain error: a stable code and a sentence in the caller's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from companion.core.errors import Invalid

_WHERE = ("body", "query", "path", "header", "cookie")


def field_name(loc: Sequence[Any]) -> str:
    """"content" for ("body", "content"), "steps.2" for ("body", "steps", 2); the body itself is "body"."""
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in _WHERE:
        parts = parts[1:]
    return ".".join(parts) or "body"


def request_invalid(problems: Sequence[dict[str, Any]]) -> Invalid:
    """The first problem, as the person can act on it (every problem stays listed in the response's errors)."""
    first = problems[0] if problems else {}
    kind = str(first.get("type", ""))
    loc = tuple(first.get("loc", ()))
    field = field_name(loc)
    if not problems or kind in ("json_invalid", "model_attributes_type") or (kind == "missing" and loc == ("body",)):
        return Invalid("request_body_invalid")
    if kind == "missing":
        return Invalid("request_field_missing", field=field)
    if kind in ("string_too_long", "too_long"):
        return Invalid("request_field_too_long", field=field)
    if kind in ("string_too_short", "too_short"):
        return Invalid("request_field_too_short", field=field)
    if kind in ("enum", "literal_error"):
        return Invalid("request_field_choice", field=field, choices=str((first.get("ctx") or {}).get("expected", "")))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return Invalid("request_field_range", field=field)
    if kind.endswith(("_type", "_parsing")):
        return Invalid("request_field_type", field=field)
    return Invalid("request_field_invalid", field=field)
