"""UI texts of the trust area, Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "page_my_data": "Mijn gegevens",
}

EN: dict[str, str] = {
    "page_my_data": "My data",
}
