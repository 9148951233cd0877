"""Texts of the rhythm area: error texts merged into companion.core.error_texts, calendar titles, plan templates."""

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
}

# The two weekly moments in the calendar feed (companion/rhythm/calendar_feed.py).
CALENDAR_TITLES = {
    "nl": {"plan": "Weekplan maken (5 min)", "reflect": "Weekafsluiting: terugblikken (10 min)",
           "plan_text": "Kies een focus en één klein experiment voor deze week. Open 'Mijn week' in de companion.",
           "reflect_text": "Kijk terug op je week en je experiment; dat voedt het plan van volgende week.",
           "calendar": "Mijn leerritme"},
    "en": {"plan": "Plan my week (5 min)", "reflect": "Weekly reflection (10 min)",
           "plan_text": "Choose a focus and one small experiment for this week. Open 'My week' in the companion.",
           "reflect_text": "Look back on your week and your experiment; it feeds next week's plan.",
           "calendar": "My learning rhythm"},
}

# The offline week plan proposals and the prompt that rewords them (companion/rhythm/week_plan.py).
WEEK_PLAN_TEMPLATES: dict[str, dict[str, str]] = {
    "nl": {
        "focus_from_next": "{next_step}",
        "experiment_from_next": "Kies één concreet moment deze week waarop je dit uitprobeert: {next_step_lower}. "
                                "Noteer daarna in één zin wat er gebeurde.",
        "experiment_retry": "Geef je experiment van vorige week een nieuwe, kleinere kans: {experiment_lower}",
        "focus_from_goal": "Werken aan mijn leerdoel: {goal}",
        "experiment_from_goal": "Zet deze week één kleine stap richting dit doel tijdens je gewone werk, "
                                "en noteer kort wat er gebeurde.",
        "focus_fresh": "Eén werksituatie bewust aanpakken",
        "experiment_fresh": "Kies een situatie die vaak terugkomt en probeer daar één keer iets anders dan je "
                            "gewend bent. Noteer kort wat er gebeurde.",
        "system": "Je helpt een drukke professional een weekplan te maken: één focus en één klein experiment op "
                  "het werk dat in vijf minuten te plannen is. Antwoord in het Nederlands, precies twee regels:\n"
                  "Focus: ...\nExperiment: ...",
    },
    "en": {
        "focus_from_next": "{next_step}",
        "experiment_from_next": "Pick one concrete moment this week to try this: {next_step_lower}. "
                                "Afterwards, write down in one sentence what happened.",
        "experiment_retry": "Give last week's experiment a new, smaller chance: {experiment_lower}",
        "focus_from_goal": "Working on my learning goal: {goal}",
        "experiment_from_goal": "Take one small step towards this goal during your normal work this week, "
                                "and note briefly what happened.",
        "focus_fresh": "Handling one work situation on purpose",
        "experiment_fresh": "Pick a situation that keeps coming back and try something different there once. "
                            "Note briefly what happened.",
        "system": "You help a busy professional make a week plan: one focus and one small experiment at work "
                  "that takes five minutes to plan. Answer in English, exactly two lines:\n"
                  "Focus: ...\nExperiment: ...",
    },
}
