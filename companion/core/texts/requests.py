"""Error texts for requests the API cannot read at all (FastAPI's own validation): code → {"en", "nl"}."""

MESSAGES: dict[str, dict[str, str]] = {
    "request_body_invalid": {
        "en": "The request could not be read: its body is not valid JSON or not the expected form.",
        "nl": "Het verzoek kon niet gelezen worden: de inhoud is geen geldige JSON of niet in de verwachte vorm.",
    },
    "request_field_missing": {
        "en": "The field ‘{field}’ is missing.",
        "nl": "Het veld ‘{field}’ ontbreekt.",
    },
    "request_field_too_long": {
        "en": "The field ‘{field}’ is too long.",
        "nl": "Het veld ‘{field}’ is te lang.",
    },
    "request_field_too_short": {
        "en": "The field ‘{field}’ is too short or empty.",
        "nl": "Het veld ‘{field}’ is te kort of leeg.",
    },
    "request_field_type": {
        "en": "The field ‘{field}’ has a value of the wrong kind (for example text where a number belongs).",
        "nl": "Het veld ‘{field}’ heeft een waarde van de verkeerde soort (bijvoorbeeld tekst waar een getal hoort).",
    },
    "request_field_choice": {
        "en": "The field ‘{field}’ must be one of: {choices}.",
        "nl": "Het veld ‘{field}’ moet een van deze waarden zijn: {choices}.",
    },
    "request_field_range": {
        "en": "The field ‘{field}’ is out of range.",
        "nl": "Het veld ‘{field}’ valt buiten het toegestane bereik.",
    },
    "request_field_invalid": {
        "en": "The field ‘{field}’ is not valid.",
        "nl": "Het veld ‘{field}’ is niet geldig.",
    },
}
