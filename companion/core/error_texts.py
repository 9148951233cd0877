"""The catalogue of domain error texts: a stable code → an English and a Dutch template with {param} placeholders.

A `CompanionError` carries a code and its params; the API renders the text in the language the request asks
for (Accept-Language), logs and the command line use English. Each area keeps its codes, with every other
bilingual text the server writes, in companion/core/texts/<area>.py; they are merged here. Every code has both
languages with the same placeholders, and every raise site uses a registered code (tests/test_messages.py).
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"  # API clients that send no Accept-Language get English

MESSAGES: dict[str, dict[str, str]] = {  # the codes of no one area; the areas' codes are added below
    # --- storage -------------------------------------------------------------------------------------------
    "conflict": {
        "en": "This conflicts with existing data; reload and try again.",
        "nl": "Dit botst met gegevens die er al zijn; laad de pagina opnieuw en probeer het nog eens.",
    },
}


def _merge_areas() -> None:
    """Add each area's catalogue (companion/core/texts/*.py); a code defined twice is a bug, caught at import."""
    from companion.core.texts import (
        accountability,
        knowledge,
        operations,
        portfolio_interop,
        reflection,
        requests,
        review,
        rhythm,
        teams,
        trust,
    )
    from companion.core.texts import openai_api as openai_api_texts
    from companion.core.texts import xapi as xapi_texts

    for area in (accountability, knowledge, reflection, requests, review, rhythm, teams, trust,
                 portfolio_interop, xapi_texts, openai_api_texts, operations):
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
