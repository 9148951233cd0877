"""Domain error texts of the trust area: code → {"en": ..., "nl": ...}; merged into companion.messages."""

MESSAGES: dict[str, dict[str, str]] = {}
