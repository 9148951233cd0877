"""UI texts of the knowledge area, Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {}

EN: dict[str, str] = {}
