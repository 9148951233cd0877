"""UI texts of the portfolio's exports (Leap2A for Mahara, Open Badges), Dutch and English with the same keys;
merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "px_title": "Exporteren",
    "px_help": "Neem je portfolio mee naar een e-portfolio zoals Mahara, of deel een goedgekeurd leerdoel of product "
               "als badge.",
    "px_leap2a": "Portfolio als Leap2A (Mahara)",
    "px_leap2a_help": "Een zip met je werksituaties, portfolio-items en goedgekeurde producten met hun acties en "
                      "documenten. In Mahara: Portfolio → Importeren → Leap2A.",
    "px_badge": "Badge (Open Badges 3.0)",
    "px_badge_help": "Dit goedgekeurde item als Open Badges 3.0-credential (JSON, niet ondertekend).",
}

EN: dict[str, str] = {
    "px_title": "Export",
    "px_help": "Take your portfolio to an e-portfolio such as Mahara, or share an approved learning goal or product "
               "as a badge.",
    "px_leap2a": "Portfolio as Leap2A (Mahara)",
    "px_leap2a_help": "A zip with your work situations, portfolio entries and approved products with their actions "
                      "and documents. In Mahara: Portfolio → Import → Leap2A.",
    "px_badge": "Badge (Open Badges 3.0)",
    "px_badge_help": "This approved entry as an Open Badges 3.0 credential (JSON, unsigned).",
}
