"""UI texts of the review area, Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "page_suggestions": "Voorstellen",
    "page_review": "Beoordelen",
}

EN: dict[str, str] = {
    "page_suggestions": "Suggestions",
    "page_review": "Review",
}
