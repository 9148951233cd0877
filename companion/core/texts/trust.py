"""Texts of the trust area: error texts merged into companion.core.error_texts, the erase phrase, export labels."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- logging in, tokens, roles (401, 403) ------------------------------------------------------------
    "wrong_credentials": {
        "en": "Wrong username or password.",
        "nl": "Gebruikersnaam of wachtwoord klopt niet.",
    },
    "not_authenticated": {
        "en": "You are not logged in; please log in first.",
        "nl": "Je bent niet ingelogd; log eerst in.",
    },
    "token_expired": {
        "en": "Your session has expired; please log in again.",
        "nl": "Je sessie is verlopen; log opnieuw in.",
    },
    "token_invalid": {
        "en": "Your session is not valid; please log in again.",
        "nl": "Je sessie is niet geldig; log opnieuw in.",
    },
    "role_required": {
        "en": "Only someone with the role {roles} may do this.",
        "nl": "Alleen iemand met de rol {roles} mag dit doen.",
    },
    # --- people (admin) ------------------------------------------------------------------------------------
    "username_invalid": {
        "en": "A username has 1 to 100 characters: letters, digits, '.', '-', '_' or '@'.",
        "nl": "Een gebruikersnaam heeft 1 tot 100 tekens: letters, cijfers, '.', '-', '_' of '@'.",
    },
    "username_taken": {
        "en": "The username '{username}' is already taken.",
        "nl": "De gebruikersnaam '{username}' is al in gebruik.",
    },
    "role_invalid": {
        "en": "Unknown role; choose one of: {choices}.",
        "nl": "Onbekende rol; kies uit: {choices}.",
    },
    "team_unknown": {
        "en": "There is no team '{team}' yet. Choose an existing team ({choices}), or create it as a new team.",
        "nl": "Er is nog geen team '{team}'. Kies een bestaand team ({choices}), of maak het aan als nieuw team.",
    },
    "team_exists": {
        "en": "The team '{team}' already exists; choose it instead of creating it again.",
        "nl": "Het team '{team}' bestaat al; kies het in plaats van het opnieuw aan te maken.",
    },
    "team_without_expert": {
        "en": "The team '{team}' has no expert yet, so nobody would review this professional's drafts. Add an "
              "expert to this team first.",
        "nl": "Het team '{team}' heeft nog geen begeleider, dus niemand zou de concepten van deze professional "
              "beoordelen. Voeg eerst een begeleider aan dit team toe.",
    },
    "password_too_short": {
        "en": "The password must be at least {min_chars} characters long.",
        "nl": "Het wachtwoord moet minstens {min_chars} tekens lang zijn.",
    },
    "language_invalid": {
        "en": "The language must be nl or en.",
        "nl": "De taal moet nl of en zijn.",
    },
    # --- accounts (C1) ----------------------------------------------------------------------------------------
    "token_revoked": {
        "en": "You have been logged out; please log in again.",
        "nl": "Je bent uitgelogd; log opnieuw in.",
    },
    "password_too_long": {
        "en": "The password may be at most {max_chars} characters long.",
        "nl": "Het wachtwoord mag hoogstens {max_chars} tekens lang zijn.",
    },
    "password_too_weak": {
        "en": "This password is too easy to guess; choose a longer or less common one.",
        "nl": "Dit wachtwoord is te makkelijk te raden; kies een langer of minder gangbaar wachtwoord.",
    },
    "current_password_wrong": {
        "en": "Your current password is not correct.",
        "nl": "Je huidige wachtwoord klopt niet.",
    },
    "person_not_found": {
        "en": "This person was not found.",
        "nl": "Deze persoon is niet gevonden.",
    },
    "cannot_deactivate_self": {
        "en": "You cannot deactivate your own account.",
        "nl": "Je kunt je eigen account niet uitzetten.",
    },
    "last_admin": {
        "en": "You are the only active admin of your organisation; make someone else admin first.",
        "nl": "Je bent de enige actieve beheerder van je organisatie; maak eerst iemand anders beheerder.",
    },
    "erase_confirmation_wrong": {
        "en": "Type {phrase} exactly to confirm that your account and all your data are erased.",
        "nl": "Typ precies {phrase} om te bevestigen dat je account en al je gegevens worden gewist.",
    },
    # --- limits (C1) ------------------------------------------------------------------------------------------
    "login_locked": {
        "en": "Too many failed login attempts; try again in {minutes} minutes.",
        "nl": "Te vaak een verkeerde inlogpoging; probeer het over {minutes} minuten opnieuw.",
    },
    "login_locked_one_minute": {
        "en": "Too many failed login attempts; try again in a minute.",
        "nl": "Te vaak een verkeerde inlogpoging; probeer het over een minuut opnieuw.",
    },
    "chat_rate": {
        "en": "You are sending messages very fast (at most {per_minute} a minute); wait a moment and try again.",
        "nl": "Je stuurt erg snel berichten (hoogstens {per_minute} per minuut); wacht even en probeer het opnieuw.",
    },
    "token_budget_spent": {
        "en": "You have used today's language-model budget ({budget} tokens); it resets at midnight (UTC).",
        "nl": "Je hebt het taalmodelbudget van vandaag ({budget} tokens) opgebruikt; om middernacht (UTC) begint "
              "het opnieuw.",
    },
    "request_too_large": {
        "en": "This request is too large (at most {max_mb} MB).",
        "nl": "Dit verzoek is te groot (hoogstens {max_mb} MB).",
    },
}

# The chat model failed before saying anything (companion/resilience.py); the offline guide answers instead.
MODEL_FAULTS: dict[str, dict[str, str]] = {
    "llm_unavailable": {
        "en": "The language model cannot be reached right now; the offline guide takes this turn.",
        "nl": "Het taalmodel is nu niet bereikbaar; de offline reflectiegids neemt deze beurt over.",
    },
    "llm_timeout": {
        "en": "The language model did not answer within {seconds} seconds; the offline guide takes this turn.",
        "nl": "Het taalmodel gaf binnen {seconds} seconden geen antwoord; de offline reflectiegids neemt deze "
              "beurt over.",
    },
    "llm_busy": {
        "en": "The language model is too busy right now (try again in about {seconds} seconds); the offline guide "
              "takes this turn.",
        "nl": "Het taalmodel heeft het nu te druk (probeer het over ongeveer {seconds} seconden opnieuw); de "
              "offline reflectiegids neemt deze beurt over.",
    },
    "llm_server_error": {
        "en": "The language model's server had an error; the offline guide takes this turn.",
        "nl": "De server van het taalmodel gaf een fout; de offline reflectiegids neemt deze beurt over.",
    },
    "llm_malformed": {
        "en": "The language model sent an answer that could not be read; the offline guide takes this turn.",
        "nl": "Het taalmodel stuurde een antwoord dat niet te lezen was; de offline reflectiegids neemt deze "
              "beurt over.",
    },
    "llm_rejected": {
        "en": "The language model refused the request (an administrator should check the model settings); the "
              "offline guide takes this turn.",
        "nl": "Het taalmodel weigerde het verzoek (een beheerder moet de modelinstellingen controleren); de "
              "offline reflectiegids neemt deze beurt over.",
    },
    "llm_breaker_open": {
        "en": "The language model failed several times in a row, so the offline guide takes over for now; the "
              "model is tried again in about {seconds} seconds.",
        "nl": "Het taalmodel viel een paar keer achter elkaar uit, dus de offline reflectiegids neemt het even "
              "over; over ongeveer {seconds} seconden proberen we het taalmodel opnieuw.",
    },
}
MESSAGES.update(MODEL_FAULTS)
MESSAGES["number_out_of_range"] = {
    "en": "A number in the request is too large (or too small) to be an id or a count here.",
    "nl": "Een getal in het verzoek is te groot (of te klein) voor een id of een aantal.",
}

# --- personal API keys (companion/trust/api_keys.py) ---------------------------------------------------------
MESSAGES.update({
    "api_key_invalid": {
        "en": "This API key is not valid. Check that you copied it completely, or create a new one in My data.",
        "nl": "Deze API-sleutel is niet geldig. Controleer of je hem helemaal hebt gekopieerd, of maak een nieuwe "
              "aan in Mijn gegevens.",
    },
    "api_key_revoked": {
        "en": "This API key has been revoked. Create a new one in My data.",
        "nl": "Deze API-sleutel is ingetrokken. Maak een nieuwe aan in Mijn gegevens.",
    },
    "api_key_expired": {
        "en": "This API key has expired. Create a new one in My data.",
        "nl": "Deze API-sleutel is verlopen. Maak een nieuwe aan in Mijn gegevens.",
    },
    "api_key_not_allowed": {
        "en": "API keys cannot manage API keys; log in to the companion itself to do this.",
        "nl": "Met een API-sleutel kun je geen API-sleutels beheren; log daarvoor in bij de companion zelf.",
    },
    "api_key_name_invalid": {
        "en": "Give the key a name of 1 to {max_chars} characters, so you recognise it later.",
        "nl": "Geef de sleutel een naam van 1 tot {max_chars} tekens, zodat je hem later herkent.",
    },
    "api_key_expiry_invalid": {
        "en": "A key is valid for 1 to {max_days} days.",
        "nl": "Een sleutel is 1 tot {max_days} dagen geldig.",
    },
    "api_key_limit": {
        "en": "You already have {max_keys} active API keys; revoke one you no longer use first.",
        "nl": "Je hebt al {max_keys} actieve API-sleutels; trek eerst een sleutel in die je niet meer gebruikt.",
    },
    "api_key_not_found": {
        "en": "This API key was not found.",
        "nl": "Deze API-sleutel is niet gevonden.",
    },
})

# Typed to confirm erasing an account (companion/trust/privacy.py); either language is accepted.
ERASE_PHRASES = {"nl": "WIS MIJN ACCOUNT", "en": "ERASE MY ACCOUNT"}

# The headings and labels of the readable export (companion/trust/privacy_document.py).
PRIVACY_DOCUMENT_LABELS = {
    "nl": {"title": "Mijn gegevens en portfolio", "exported": "Geëxporteerd op", "profile": "Profiel",
           "username": "Gebruikersnaam", "name": "Naam", "role": "Rol", "organisation": "Organisatie",
           "team": "Team", "situations": "Werksituaties", "entries": "Portfolio", "conversations": "Gesprekken",
           "other": "Overige gegevens", "authored": "Wat ik deed bij anderen", "description": "Wat er gebeurde",
           "involved": "Betrokkenen", "wanted": "Wat ik wilde", "did": "Wat ik deed", "thought": "Wat ik dacht",
           "felt": "Wat ik voelde", "you": "Ik", "companion": "Companion", "incomplete": "onvolledig",
           "none": "Niets opgeslagen.", "untitled": "Zonder titel",
           "intro": "Dit document bevat alles wat de companion over jou bewaart. Het JSON-bestand bevat "
                    "dezelfde gegevens in machineleesbare vorm."},
    "en": {"title": "My data and portfolio", "exported": "Exported on", "profile": "Profile",
           "username": "Username", "name": "Name", "role": "Role", "organisation": "Organisation", "team": "Team",
           "situations": "Work situations", "entries": "Portfolio", "conversations": "Conversations",
           "other": "Other data", "authored": "What I did on others' items", "description": "What happened",
           "involved": "Involved", "wanted": "What I wanted", "did": "What I did", "thought": "What I thought",
           "felt": "What I felt", "you": "Me", "companion": "Companion", "incomplete": "incomplete",
           "none": "Nothing stored.", "untitled": "Untitled",
           "intro": "This document holds everything the companion keeps about you. The JSON file holds the "
                    "same data in machine-readable form."},
}
