"""Texts of the reflection area: error texts merged into companion.core.error_texts, month names, chat notices."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "entry_owner_only": {
        "en": "This portfolio entry was shared with you to read; only its owner can change or delete it.",
        "nl": "Dit portfolio-item is met je gedeeld om te lezen; alleen de eigenaar kan het wijzigen of verwijderen.",
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
}

# Month names for dates in offline replies and products (companion/reflection/offline_guide.py).
MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "en": "January February March April May June July August September October November December".split(),
}

# The notice beside a chat reply the model did not finish or did not give (companion/reflection/chat_turn.py).
CHAT_ERRORS = {
    "nl": {"broken": "Het taalmodel stopte halverwege. Wat er al stond is bewaard; stuur je bericht gerust opnieuw.",
           "fallback": "Het taalmodel is nu niet bereikbaar; de offline reflectiegids neemt deze beurt over.",
           "deleted": "Dit gesprek is verwijderd; het antwoord is niet bewaard."},
    "en": {"broken": "The language model stopped halfway. What came so far is saved; feel free to send again.",
           "fallback": "The language model cannot be reached right now; the offline guide takes this turn.",
           "deleted": "This conversation was deleted; the reply was not saved."},
}
