"""The catalogue of domain error texts: a stable code → an English and a Dutch template with {param} placeholders.

A `CompanionError` carries a code and its params; the API renders the text in the language the request asks
for (Accept-Language), logs and the command line use English. Every code in here has both languages with the
same placeholders, and every raise site uses a code from here (tests/test_messages.py checks both).
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"  # API clients that send no Accept-Language get English

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
    "password_too_short": {
        "en": "The password must be at least {min_chars} characters long.",
        "nl": "Het wachtwoord moet minstens {min_chars} tekens lang zijn.",
    },
    "language_invalid": {
        "en": "The language must be nl or en.",
        "nl": "De taal moet nl of en zijn.",
    },
    # --- conversations and the chat turn -------------------------------------------------------------------
    "conversation_not_found": {
        "en": "This conversation was not found.",
        "nl": "Dit gesprek is niet gevonden.",
    },
    "cycle_invalid": {
        "en": "Unknown reflection cycle; choose one of: {choices}.",
        "nl": "Onbekende reflectiecyclus; kies uit: {choices}.",
    },
    "message_empty": {
        "en": "Your message is empty.",
        "nl": "Je bericht is leeg.",
    },
    "message_too_long": {
        "en": "Your message is longer than {max_chars} characters.",
        "nl": "Je bericht is langer dan {max_chars} tekens.",
    },
    "title_empty": {
        "en": "The title cannot be empty.",
        "nl": "De titel mag niet leeg zijn.",
    },
    "title_too_long": {
        "en": "The title is longer than {max_chars} characters.",
        "nl": "De titel is langer dan {max_chars} tekens.",
    },
    "situation_not_described": {
        "en": "Describe the situation in the conversation first.",
        "nl": "Vertel eerst in het gesprek over de situatie.",
    },
    "nothing_to_save": {
        "en": "There is nothing to save yet: answer a few questions first.",
        "nl": "Er is nog niets om te bewaren: beantwoord eerst een paar vragen.",
    },
    # --- work situations and portfolio entries -------------------------------------------------------------
    "situation_not_found": {
        "en": "This work situation was not found.",
        "nl": "Deze werksituatie is niet gevonden.",
    },
    "situation_incomplete": {
        "en": "A work situation needs a title and a description.",
        "nl": "Een werksituatie heeft een titel en een beschrijving nodig.",
    },
    "description_empty": {
        "en": "The description cannot be empty.",
        "nl": "De beschrijving mag niet leeg zijn.",
    },
    "entry_not_found": {
        "en": "This portfolio entry was not found.",
        "nl": "Dit portfolio-item is niet gevonden.",
    },
    "entry_incomplete": {
        "en": "A portfolio entry needs a title and some text.",
        "nl": "Een portfolio-item heeft een titel en een tekst nodig.",
    },
    "body_empty": {
        "en": "The text cannot be empty.",
        "nl": "De tekst mag niet leeg zijn.",
    },
    "entry_kind_invalid": {
        "en": "Unknown kind of entry; choose one of: {choices}.",
        "nl": "Onbekende soort item; kies uit: {choices}.",
    },
    "visibility_invalid": {
        "en": "Unknown visibility; choose one of: {choices}.",
        "nl": "Onbekende zichtbaarheid; kies uit: {choices}.",
    },
    # --- knowledge documents and uploads -------------------------------------------------------------------
    "document_not_found": {
        "en": "This knowledge document was not found.",
        "nl": "Dit kennisdocument is niet gevonden.",
    },
    "upload_too_large": {
        "en": "The file is too large: it may be at most {max_size}.",
        "nl": "Het bestand is te groot: het mag maximaal {max_size} zijn.",
    },
    "upload_binary": {
        "en": "This is not a text file (it contains binary data).",
        "nl": "Dit is geen tekstbestand (het bevat binaire gegevens).",
    },
    "upload_not_utf8": {
        "en": "The file is not valid UTF-8 text; save it as UTF-8 and try again.",
        "nl": "Het bestand is geen geldige UTF-8-tekst; sla het op als UTF-8 en probeer het opnieuw.",
    },
    "upload_empty": {
        "en": "The file is empty.",
        "nl": "Het bestand is leeg.",
    },
    "front_matter_invalid": {
        "en": "The front matter at the top of the file is not valid YAML (around line {line}).",
        "nl": "De front matter bovenaan het bestand is geen geldige YAML (rond regel {line}).",
    },
    "document_empty": {
        "en": "The document has no text.",
        "nl": "Het document bevat geen tekst.",
    },
    # --- storage -------------------------------------------------------------------------------------------
    "conflict": {
        "en": "This conflicts with existing data; reload and try again.",
        "nl": "Dit botst met gegevens die er al zijn; laad de pagina opnieuw en probeer het nog eens.",
    },
}


def _merge_areas() -> None:
    """Add each area's catalogue (companion/texts/*.py); a code defined twice is a bug, caught at import."""
    from companion.core.texts import knowledge, review, rhythm, trust

    for area in (knowledge, review, rhythm, trust):
        for code, templates in area.MESSAGES.items():
            if code in MESSAGES:
                raise RuntimeError(f"error code {code!r} is defined twice")
            MESSAGES[code] = templates


_merge_areas()


def render(code: str, language: str = DEFAULT_LANGUAGE, params: dict[str, Any] | None = None) -> str:
    """The text for `code` in `language` (English when unknown), with `params` filled in.

    Never raises: an unregistered code or a missing param is a programming error that tests catch, and on
    an error path it must not turn a clear 4xx into a 500.
    """
    templates = MESSAGES.get(code)
    if templates is None:
        log.error("unregistered error code %r", code)
        return code
    template = templates.get(language) or templates[DEFAULT_LANGUAGE]
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        log.error("error code %r rendered with params %r", code, params)
        return template


def language_from_header(accept_language: str | None) -> str:
    """The language of an Accept-Language header: the supported one the client prefers most, else English.

    "nl-NL,nl;q=0.9,en;q=0.8" → "nl"; "en-GB,en;q=0.9,nl;q=0.5" → "en"; "fr", "*" or nothing → "en".
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, *options = [piece.strip() for piece in part.split(";")]
        primary = tag.split("-")[0].lower()
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
