"""Domain error texts of the knowledge area: code → {"en": ..., "nl": ...}; merged into companion.messages."""

MESSAGES: dict[str, dict[str, str]] = {}
