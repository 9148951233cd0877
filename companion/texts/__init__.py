"""Domain error texts per area, merged into companion.messages.MESSAGES."""
