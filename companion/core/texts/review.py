"""Domain error texts of the review area: code → {"en": ..., "nl": ...}; merged into companion.core.error_texts."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- reflection cycles (choose, switch, go back) -------------------------------------------------------
    "cycle_switch_too_late": {
        "en": "The cycle can only be changed at the start of a conversation; otherwise start a new conversation.",
        "nl": "Je kunt alleen aan het begin van een gesprek van cyclus wisselen; begin anders een nieuw gesprek.",
    },
    "proposal_needs_message": {
        "en": "Tell me first what happened; then I can propose a cycle.",
        "nl": "Vertel eerst wat er gebeurde; dan kan ik een cyclus voorstellen.",
    },
    "phase_invalid": {
        "en": "This cycle has no such phase; choose one of: {choices}.",
        "nl": "Deze cyclus heeft zo'n fase niet; kies uit: {choices}.",
    },
    "phase_not_earlier": {
        "en": "You can only go back to an earlier phase; '{phase}' is not behind you yet.",
        "nl": "Je kunt alleen teruggaan naar een eerdere fase; '{phase}' ligt nog niet achter je.",
    },
    # --- suggestions and review ---------------------------------------------------------------------------
    "suggestion_not_found": {
        "en": "This suggestion does not exist, or it is not yours to see.",
        "nl": "Dit voorstel bestaat niet, of je mag het niet inzien.",
    },
    "suggestion_kind_invalid": {
        "en": "There is no kind of suggestion called '{kind}'.",
        "nl": "Een soort voorstel '{kind}' bestaat niet.",
    },
    "suggestion_payload_invalid": {
        "en": "The content of the suggestion is not valid ({reason}).",
        "nl": "De inhoud van het voorstel klopt niet ({reason}).",
    },
    "suggestion_status_invalid": {
        "en": "Unknown status; choose one of: {choices}.",
        "nl": "Onbekende status; kies uit: {choices}.",
    },
    "suggestion_already_decided": {
        "en": "A decision was already made on this suggestion ({status}).",
        "nl": "Over dit voorstel is al besloten ({status}).",
    },
    "review_own_suggestion": {
        "en": "You cannot review your own suggestion; your expert does that.",
        "nl": "Je kunt je eigen voorstel niet beoordelen; dat doet je begeleider.",
    },
    "review_decision_invalid": {
        "en": "Unknown decision; choose one of: {choices}.",
        "nl": "Onbekend besluit; kies uit: {choices}.",
    },
    "review_comment_required": {
        "en": "Please add a comment that explains your decision.",
        "nl": "Geef een toelichting bij je besluit.",
    },
    "review_comment_too_long": {
        "en": "The comment is too long (at most {max_chars} characters).",
        "nl": "De toelichting is te lang (hoogstens {max_chars} tekens).",
    },
    "review_final_on_reject": {
        "en": "A rejected suggestion has no final version; leave 'final' out when you reject.",
        "nl": "Een afgewezen voorstel heeft geen definitieve versie; laat 'final' weg als je afwijst.",
    },
    # --- products ---------------------------------------------------------------------------------------
    "product_kind_invalid": {
        "en": "Unknown product; choose one of: {choices}.",
        "nl": "Onbekend product; kies uit: {choices}.",
    },
    "product_nothing_to_draft": {
        "en": "There is nothing to draft from yet: first tell about a situation in this conversation.",
        "nl": "Er is nog niets om een concept van te maken: vertel eerst in dit gesprek over een situatie.",
    },
    "product_draft_failed": {
        "en": "The language model gave no valid {product} after {attempts} attempts ({reason}); nothing was "
              "saved. Try again, or draft it with the offline guide.",
        "nl": "Het taalmodel gaf na {attempts} pogingen geen geldig(e) {product} ({reason}); er is niets "
              "bewaard. Probeer het opnieuw, of laat de offline gids het concept maken.",
    },
    "product_model_unreachable": {
        "en": "The language model could not be reached ({reason}); nothing was saved. Try again later, or "
              "draft it with the offline guide.",
        "nl": "Het taalmodel was niet bereikbaar ({reason}); er is niets bewaard. Probeer het later opnieuw, "
              "of laat de offline gids het concept maken.",
    },
    "product_model_missing": {
        "en": "No language model is configured; choose the offline guide to draft this.",
        "nl": "Er is geen taalmodel ingesteld; kies de offline gids om dit concept te maken.",
    },
    "product_mode_invalid": {
        "en": "Unknown drafting mode; choose one of: {choices}.",
        "nl": "Onbekende manier van opstellen; kies uit: {choices}.",
    },
    "export_format_invalid": {
        "en": "Unknown format; choose one of: {choices}.",
        "nl": "Onbekend formaat; kies uit: {choices}.",
    },
}
