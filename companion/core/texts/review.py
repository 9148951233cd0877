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
    "suggestion_not_yours": {
        "en": "Only the person this draft is for can edit, send, withdraw or discard it.",
        "nl": "Alleen degene voor wie dit concept is, kan het bewerken, versturen, terugtrekken of weggooien.",
    },
    "suggestion_already_sent": {
        "en": "This draft was already sent ({status}); withdraw it first to change it.",
        "nl": "Dit concept is al verstuurd ({status}); trek het eerst terug om het te wijzigen.",
    },
    "suggestion_not_sent": {
        "en": "This draft was not sent, so there is nothing to withdraw.",
        "nl": "Dit concept is niet verstuurd, dus er valt niets terug te trekken.",
    },
    "suggestion_sent_cannot_discard": {
        "en": "A sent draft cannot be thrown away ({status}); withdraw it first, as long as it is not decided.",
        "nl": "Een verstuurd concept kun je niet weggooien ({status}); trek het eerst terug, zolang er nog niet "
              "over besloten is.",
    },
    "suggestion_edit_empty": {
        "en": "Nothing to change: send a new title or new content.",
        "nl": "Er is niets om te wijzigen: stuur een nieuwe titel of nieuwe inhoud mee.",
    },
    "share_scope_invalid": {
        "en": "Choose what your expert may see: {choices}.",
        "nl": "Kies wat je begeleider mag zien: {choices}.",
    },
    "share_no_conversation": {
        "en": "This draft has no conversation to share; send the draft only.",
        "nl": "Bij dit concept hoort geen gesprek om te delen; verstuur alleen het concept.",
    },
    "share_messages_missing": {
        "en": "Choose at least one message of the conversation to share, or send the draft only.",
        "nl": "Kies minstens één bericht uit het gesprek om te delen, of verstuur alleen het concept.",
    },
    "share_message_unknown": {
        "en": "Message {message_id} is not part of the conversation this draft came from.",
        "nl": "Bericht {message_id} hoort niet bij het gesprek waar dit concept uit kwam.",
    },
    "share_messages_without_scope": {
        "en": "Chosen messages are shared only with the scope 'messages'.",
        "nl": "Gekozen berichten worden alleen gedeeld als je 'messages' (gekozen berichten) kiest.",
    },
    "suggestion_no_reviewer": {
        "en": "Nobody can review this yet: your team has no expert. Ask your admin to add one; your draft stays "
              "here, unsent.",
        "nl": "Niemand kan dit nog beoordelen: je team heeft geen begeleider. Vraag je beheerder er een toe te "
              "voegen; je concept blijft hier staan, onverstuurd.",
    },
    "conversation_not_shared": {
        "en": "The owner did not share the conversation behind this draft.",
        "nl": "De eigenaar heeft het gesprek achter dit concept niet gedeeld.",
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

# The labels and statuses of a downloaded suggestion (companion/review/exports.py).
EXPORT_LABELS = {
    "nl": {"ai": "Gemaakt met AI", "offline": "Opgesteld met de offline gids", "by": "opgesteld door",
           "status": "status", "comment": "Toelichting van de begeleider", "draft": "concept (alleen jij ziet het)",
           "offline guide": "de offline gids", "owner_edit": "aangepast door {owner}",
           "pending": "wacht op beoordeling", "approved": "goedgekeurd", "edited": "bewerkt en goedgekeurd",
           "rejected": "afgewezen", "withdrawn": "teruggetrokken",
           "note": "Dit is een concept: het telt pas als je begeleider het goedkeurt."},
    "en": {"ai": "Made with AI", "offline": "Drafted by the offline guide", "by": "drafted by",
           "status": "status", "comment": "The expert's comment", "draft": "draft (only you see it)",
           "offline guide": "the offline guide", "owner_edit": "edited by {owner}",
           "pending": "awaiting review", "approved": "approved", "edited": "edited and approved",
           "rejected": "rejected", "withdrawn": "withdrawn",
           "note": "This is a draft: it counts only once your expert approves it."},
}

# The label under an approved suggestion's portfolio entry (companion/review/suggestions.py).
AI_LABEL = {
    "nl": "AI-concept ({drafted_by}), beoordeeld door {reviewer} op {date}: {status}.",
    "en": "AI draft ({drafted_by}), reviewed by {reviewer} on {date}: {status}.",
}
OFFLINE_LABEL = {  # the offline guide fills a template from the person's answers: no AI made it
    "nl": "Opgesteld met de offline gids, beoordeeld door {reviewer} op {date}: {status}.",
    "en": "Drafted by the offline guide, reviewed by {reviewer} on {date}: {status}.",
}
OWNER_EDIT_NOTE = {"nl": "Aangepast door {owner} voor het versturen.", "en": "Edited by {owner} before sending."}
DRAFT_HEADING = {  # above the version the expert changed, kept below the final one
    "nl": {"ai": "Oorspronkelijk AI-concept", "offline": "Oorspronkelijk concept van de offline gids",
           "owner": "Verstuurde versie"},
    "en": {"ai": "Original AI draft", "offline": "Original draft of the offline guide", "owner": "Version sent"},
}
STATUS_WORDS = {"nl": {"approved": "goedgekeurd", "edited": "bewerkt en goedgekeurd"},
                "en": {"approved": "approved", "edited": "edited and approved"}}

# What the drafting model is told after the system prompt, and after an invalid answer (companion/review/drafting.py).
DRAFT_ASK = {"nl": "Maak nu het concept als één JSON-object.", "en": "Now write the draft as one JSON object."}
DRAFT_RETRY = {"nl": "Dat antwoord was niet geldig ({reason}). Geef alleen één JSON-object volgens het schema.",
               "en": "That answer was not valid ({reason}). Reply with only one JSON object following the schema."}
