"""Texts of the OpenAI-compatible API (companion/interop/openai_api.py): its error texts, merged into
companion.core.error_texts."""

MESSAGES: dict[str, dict[str, str]] = {
    "model_not_found": {
        "en": "The model '{model}' does not exist. Choose one of: {choices}.",
        "nl": "Het model '{model}' bestaat niet. Kies uit: {choices}.",
    },
    "chat_last_message_not_user": {
        "en": "The last message must be a message of the user (role 'user') with text.",
        "nl": "Het laatste bericht moet een bericht van de gebruiker zijn (rol 'user') met tekst.",
    },
    "chat_content_unsupported": {
        "en": "Only text can be sent to the companion; images, audio and files are not supported.",
        "nl": "Je kunt alleen tekst naar de companion sturen; afbeeldingen, audio en bestanden worden niet "
              "ondersteund.",
    },
    "chat_role_unsupported": {
        "en": "Unknown message role '{role}'; use system, developer, user or assistant.",
        "nl": "Onbekende rol '{role}' in een bericht; gebruik system, developer, user of assistant.",
    },
    "chat_n_unsupported": {
        "en": "The companion gives one answer per message: n must be 1.",
        "nl": "De companion geeft één antwoord per bericht: n moet 1 zijn.",
    },
    "chat_conversation_id_invalid": {
        "en": "The conversation id in metadata must be a number: the id of one of your conversations.",
        "nl": "Het gesprek-id in metadata moet een getal zijn: het id van een van je gesprekken.",
    },
}
