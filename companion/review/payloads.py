"""A suggestion's payload: checked against its kind's model, and rendered as Markdown (by the kind, or generically)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from companion.core.errors import Invalid
from companion.review import kinds


def validate_payload(kind: str, payload: Any) -> dict[str, Any]:
    """The payload as plain JSON, checked against the kind's registered model (422 with the reason if wrong)."""
    if not isinstance(payload, dict) or not payload:
        raise Invalid("suggestion_payload_invalid", reason="expected a JSON object")
    registered = kinds.get(kind)
    model = registered.payload if registered else None
    if model is None:
        return payload
    try:
        return model.model_validate(payload).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or kind
        raise Invalid("suggestion_payload_invalid", reason=f"{where}: {first['msg']}") from exc


def render_markdown(kind: str, payload: dict[str, Any], language: str) -> str:
    """The payload's Markdown body: the kind's renderer, else each field as a heading with its value."""
    registered = kinds.get(kind)
    if registered is not None and registered.render is not None:
        try:
            return registered.render(payload, language)
        except (KeyError, TypeError, AttributeError):  # stored before its type had these fields: show it anyway
            pass
    lines: list[str] = []
    for key, value in payload.items():
        lines += [f"## {key.replace('_', ' ').capitalize()}", ""]
        if isinstance(value, list):
            lines += [f"- {_plain(v)}" for v in value]
        else:
            lines.append(_plain(value))
        lines.append("")
    return "\n".join(lines).strip()


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)
