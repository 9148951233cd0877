"""Domain error texts per area, merged into companion.core.error_texts.MESSAGES."""
