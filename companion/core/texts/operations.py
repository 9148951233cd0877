"""Error texts of the operations endpoints (/metrics, readiness): code → {"en", "nl"}."""

MESSAGES: dict[str, dict[str, str]] = {
    "metrics_off": {
        "en": "Metrics are switched off here (set COMPANION_METRICS_TOKEN to switch them on).",
        "nl": "Metrieken staan hier uit (zet COMPANION_METRICS_TOKEN om ze aan te zetten).",
    },
    "database_busy": {
        "en": "The server is very busy right now; try again in a few seconds.",
        "nl": "Het is nu erg druk op de server; probeer het over een paar seconden opnieuw.",
    },
    "metrics_token_invalid": {
        "en": "The metrics token is missing or wrong.",
        "nl": "Het token voor de metrieken ontbreekt of klopt niet.",
    },
}
