"""Texts of the review area: error texts merged into companion.core.error_texts, the AI labels, drafting prompts."""

MESSAGES: dict[str, dict[str, str]] = {
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

# The AI label and statuses of a downloaded suggestion (companion/review/exports.py).
EXPORT_LABELS = {
    "nl": {"ai": "Gemaakt met AI", "by": "opgesteld door", "prompt": "promptversie", "status": "status",
           "comment": "Toelichting van de begeleider", "draft": "concept", "offline guide": "de offline gids",
           "pending": "wacht op beoordeling", "approved": "goedgekeurd", "edited": "bewerkt en goedgekeurd",
           "rejected": "afgewezen", "note": "Dit is een AI-concept: het telt pas als je begeleider het goedkeurt."},
    "en": {"ai": "Made with AI", "by": "drafted by", "prompt": "prompt version", "status": "status",
           "comment": "The expert's comment", "draft": "draft", "offline guide": "the offline guide",
           "pending": "awaiting review", "approved": "approved", "edited": "edited and approved",
           "rejected": "rejected", "note": "This is an AI draft: it counts only once your expert approves it."},
}

# The label under an approved suggestion's portfolio entry (companion/review/suggestions.py).
AI_LABEL = {
    "nl": "AI-concept ({drafted_by}), beoordeeld door {reviewer} op {date}: {status}.",
    "en": "AI draft ({drafted_by}), reviewed by {reviewer} on {date}: {status}.",
}
DRAFT_HEADING = {"nl": "Oorspronkelijk AI-concept", "en": "Original AI draft"}
STATUS_WORDS = {"nl": {"approved": "goedgekeurd", "edited": "bewerkt en goedgekeurd"},
                "en": {"approved": "approved", "edited": "edited and approved"}}

# What the drafting model is told after the system prompt, and after an invalid answer (companion/review/drafting.py).
DRAFT_ASK = {"nl": "Maak nu het concept als één JSON-object.", "en": "Now write the draft as one JSON object."}
DRAFT_RETRY = {"nl": "Dat antwoord was niet geldig ({reason}). Geef alleen één JSON-object volgens het schema.",
               "en": "That answer was not valid ({reason}). Reply with only one JSON object following the schema."}
