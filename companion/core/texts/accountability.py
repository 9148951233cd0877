"""Texts of the accountability area (giving account, the pulse survey): error texts merged into
companion.core.error_texts, and the headings of an account."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- accounts (verantwoording) and the pulse survey (D2) -------------------------------------------------
    "account_not_found": {
        "en": "This account was not found.",
        "nl": "Deze verantwoording is niet gevonden.",
    },
    "account_professionals_only": {
        "en": "Only professionals give account of their own learning period.",
        "nl": "Alleen professionals leggen verantwoording af over hun eigen leerperiode.",
    },
    "account_period_invalid": {
        "en": "Choose a period with a start and an end date, at most about a year long, that has already begun.",
        "nl": "Kies een periode met een begin- en einddatum, hooguit ongeveer een jaar lang, die al begonnen is.",
    },
    "account_not_editable": {
        "en": "This account is with your expert or approved; its text can no longer be changed.",
        "nl": "Deze verantwoording ligt bij je begeleider of is goedgekeurd; de tekst kan niet meer veranderen.",
    },
    "account_section_invalid": {
        "en": "Unknown section; choose from: {choices}.",
        "nl": "Onbekend onderdeel; kies uit: {choices}.",
    },
    "account_section_too_long": {
        "en": "This text is longer than {max_chars} characters.",
        "nl": "Deze tekst is langer dan {max_chars} tekens.",
    },
    "account_marks_mismatch": {
        "en": "Give a mark for each of the {count} commitments of the organisation.",
        "nl": "Geef bij elk van de {count} toezeggingen van de organisatie aan wat ervan terechtkwam.",
    },
    "account_mark_invalid": {
        "en": "Unknown mark; choose from: {choices}.",
        "nl": "Onbekende beoordeling; kies uit: {choices}.",
    },
    "survey_professionals_only": {
        "en": "The pulse survey is for professionals.",
        "nl": "De korte peiling is voor professionals.",
    },
    "survey_score_invalid": {
        "en": "Answer '{question}' with a whole number from 1 to 5.",
        "nl": "Beantwoord '{question}' met een heel getal van 1 tot en met 5.",
    },
    "survey_comment_too_long": {
        "en": "Your comment is longer than {max_chars} characters.",
        "nl": "Je opmerking is langer dan {max_chars} tekens.",
    },
    "survey_already_answered": {
        "en": "You already answered the survey for these four weeks; thank you.",
        "nl": "Je hebt de peiling voor deze vier weken al ingevuld; dank je wel.",
    },
}

# The section headings of an account's text (companion/accountability/reports.py).
REPORT_HEADINGS = {"nl": {"professional": "Wat ik deed", "organisation": "Wat de organisatie deed",
                          "ahead": "Vooruitblik"},
                   "en": {"professional": "What I did", "organisation": "What the organisation did",
                          "ahead": "Looking ahead"}}
