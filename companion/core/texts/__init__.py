"""The server's bilingual texts per area: error texts (MESSAGES, merged into companion.core.error_texts) and
named constants for every other text it writes in Dutch and English (labels, headings, prompts, notices)."""
