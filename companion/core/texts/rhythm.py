"""Domain error texts of the rhythm area: code → {"en": ..., "nl": ...}; merged into companion.core.error_texts."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- weeks ---------------------------------------------------------------------------------------------
    "week_key_invalid": {
        "en": "This is not a week: '{key}'; use the form 2026-W05 (ISO year and week).",
        "nl": "Dit is geen week: '{key}'; gebruik de vorm 2026-W05 (ISO-jaar en weeknummer).",
    },
    "week_closed": {
        "en": "Week {key} is over and can no longer be changed.",
        "nl": "Week {key} is voorbij en kan niet meer worden gewijzigd.",
    },
    "week_too_far_ahead": {
        "en": "You can plan this week and next week; {key} is further ahead.",
        "nl": "Je kunt deze week en volgende week plannen; {key} ligt verder weg.",
    },
    "week_not_started": {
        "en": "Week {key} has not started yet, so there is nothing to reflect on.",
        "nl": "Week {key} is nog niet begonnen, dus er valt nog niets op terug te kijken.",
    },
    "plan_incomplete": {
        "en": "A week plan needs a focus and one experiment.",
        "nl": "Een weekplan heeft een focus en één experiment nodig.",
    },
    "rhythm_text_too_long": {
        "en": "This text is too long (at most {max_chars} characters).",
        "nl": "Deze tekst is te lang (hoogstens {max_chars} tekens).",
    },
    "capture_empty": {
        "en": "Write a few words about what happened.",
        "nl": "Schrijf in een paar woorden wat er gebeurde.",
    },
    "capture_not_found": {
        "en": "This capture does not exist.",
        "nl": "Deze notitie bestaat niet.",
    },
    "experiment_outcome_invalid": {
        "en": "The experiment's outcome must be one of: {choices}.",
        "nl": "De uitkomst van het experiment moet een van deze zijn: {choices}.",
    },
    "reflection_empty": {
        "en": "Answer at least what happened or what you learned.",
        "nl": "Beantwoord minstens wat er gebeurde of wat je hebt geleerd.",
    },
    "timezone_invalid": {
        "en": "This time zone is unknown: '{timezone}'; use a name like Europe/Amsterdam.",
        "nl": "Deze tijdzone is onbekend: '{timezone}'; gebruik een naam als Europe/Amsterdam.",
    },
    "weekday_invalid": {
        "en": "A weekday is a number from 0 (Monday) to 6 (Sunday).",
        "nl": "Een weekdag is een getal van 0 (maandag) tot 6 (zondag).",
    },
    "time_of_day_invalid": {
        "en": "A time of day looks like 08:45.",
        "nl": "Een tijdstip ziet eruit als 08:45.",
    },
    "rhythm_order_invalid": {
        "en": "The planning day must come before the reflection day.",
        "nl": "De plandag moet vóór de dag van de weekafsluiting liggen.",
    },
    "calendar_feed_not_found": {
        "en": "This calendar link does not exist or was revoked.",
        "nl": "Deze agendalink bestaat niet of is ingetrokken.",
    },
    # --- learning agreements ---------------------------------------------------------------------------------
    "agreement_not_found": {
        "en": "This learning agreement does not exist.",
        "nl": "Deze leerafspraak bestaat niet.",
    },
    "agreement_person_not_found": {
        "en": "This person does not exist.",
        "nl": "Deze persoon bestaat niet.",
    },
    "agreement_for_professionals": {
        "en": "A learning agreement is made with a professional.",
        "nl": "Een leerafspraak maak je met een professional.",
    },
    "agreement_exists": {
        "en": "There is already a learning agreement; change it to make a new version.",
        "nl": "Er is al een leerafspraak; wijzig die om een nieuwe versie te maken.",
    },
    "agreement_goals_empty": {
        "en": "Write down at least one learning goal.",
        "nl": "Schrijf minstens één leerdoel op.",
    },
    "agreement_minutes_invalid": {
        "en": "Time per week must be between 0 and {max_minutes} minutes.",
        "nl": "De tijd per week moet tussen 0 en {max_minutes} minuten liggen.",
    },
    "agreement_review_date_missing": {
        "en": "Choose a date on which you will review the agreement together.",
        "nl": "Kies een datum waarop jullie de afspraak samen evalueren.",
    },
    "agreement_review_date_past": {
        "en": "The review date must lie in the future.",
        "nl": "De evaluatiedatum moet in de toekomst liggen.",
    },
    "agreement_unchanged": {
        "en": "Nothing changed, so no new version was made.",
        "nl": "Er is niets gewijzigd, dus er is geen nieuwe versie gemaakt.",
    },
    "agreement_version_stale": {
        "en": "You agreed to version {version}, but the current version is {current}; read it first.",
        "nl": "Je stemde in met versie {version}, maar de huidige versie is {current}; lees die eerst.",
    },
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
