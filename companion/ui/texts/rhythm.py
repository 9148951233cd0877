"""UI texts of the rhythm area, Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "page_week": "Mijn week",
    "page_agreement": "Leerafspraak",
    "page_dashboard": "Dashboard",
}

EN: dict[str, str] = {
    "page_week": "My week",
    "page_agreement": "Learning agreement",
    "page_dashboard": "Dashboard",
}
