"""UI texts of xAPI (learning records to an LRS), Dutch and English with the same keys; merged into ui.i18n."""

NL: dict[str, str] = {
    # Mijn gegevens
    "xapi_mine_title": "Leerregistratie (xAPI)",
    "xapi_mine_help": "Je organisatie kan in haar leerregistratiesysteem (LRS) bijhouden dát je leert: een "
                      "werksituatie vastgelegd, een reflectiefase of -cyclus afgerond, een product gemaakt, "
                      "ingediend of goedgekeurd, een weekreflectie gedaan. Wát je schrijft gaat nooit mee. "
                      "Standaard staat dit uit.",
    "xapi_mine_org_off": "Je organisatie heeft geen leerregistratiesysteem gekoppeld; je keuze geldt zodra ze "
                         "dat doet.",
    "xapi_mine_share": "Deel mijn leeractiviteiten met het leerregistratiesysteem",
    "xapi_mine_named": "Met mijn naam (anders onder een schuilnaam)",
    "xapi_mine_email": "E-mailadres voor het leerregistratiesysteem (optioneel)",
    "xapi_mine_pseudonym": "Het leerregistratiesysteem kent je als: `{pseudonym}`",
    "xapi_mine_save": "Keuze opslaan",
    "xapi_mine_saved": "Je keuze is opgeslagen.",
    # Beheer
    "xapi_admin_tab": "xAPI / LRS",
    "xapi_admin_help": "Stuur leeractiviteiten (nooit de inhoud) naar het leerregistratiesysteem van de "
                       "organisatie. Alleen van mensen die daar zelf voor kiezen; standaard onder een schuilnaam.",
    "xapi_admin_enabled": "Versturen aan",
    "xapi_admin_endpoint": "LRS-adres (statements gaan naar <adres>/statements)",
    "xapi_admin_base_url": "Webadres van de organisatie (basis van de activiteit-IRI's)",
    "xapi_admin_key": "Sleutel",
    "xapi_admin_key_hint": "Opgeslagen sleutel eindigt op {hint}; laat leeg om hem te houden.",
    "xapi_admin_secret": "Geheim",
    "xapi_admin_secret_set": "Er is een geheim opgeslagen (het wordt nooit getoond); laat leeg om het te houden.",
    "xapi_admin_save": "Opslaan",
    "xapi_admin_saved": "De koppeling is opgeslagen.",
    "xapi_admin_counts": "Wachtrij: {pending} wachtend, {sent} verstuurd, {dead} geweigerd",
    "xapi_admin_send_now": "Nu versturen",
    "xapi_admin_sent": "Verstuurd: {sent}; later opnieuw: {retrying}; geweigerd: {dead}.",
    "xapi_admin_dead": "Geweigerde statements",
    "xapi_admin_dead_none": "Het leerregistratiesysteem heeft niets definitief geweigerd.",
    "xapi_admin_dead_event": "Gebeurtenis",
    "xapi_admin_dead_error": "Antwoord van het LRS",
    "xapi_admin_dead_attempts": "Pogingen",
    "xapi_admin_dead_created": "Vastgelegd",
    "xapi_admin_retry_all": "Alle geweigerde opnieuw versturen",
    "xapi_admin_retried": "{count} statements staan weer in de wachtrij.",
}

EN: dict[str, str] = {
    "xapi_mine_title": "Learning records (xAPI)",
    "xapi_mine_help": "Your organisation can keep in its Learning Record Store (LRS) that you are learning: a work "
                      "situation captured, a reflection phase or cycle completed, a product drafted, submitted or "
                      "approved, a weekly reflection done. What you write is never sent. This is off by default.",
    "xapi_mine_org_off": "Your organisation has not connected a Learning Record Store; your choice applies once it "
                         "does.",
    "xapi_mine_share": "Share my learning activities with the Learning Record Store",
    "xapi_mine_named": "With my name (otherwise under a pseudonym)",
    "xapi_mine_email": "E-mail address for the Learning Record Store (optional)",
    "xapi_mine_pseudonym": "The Learning Record Store knows you as: `{pseudonym}`",
    "xapi_mine_save": "Save my choice",
    "xapi_mine_saved": "Your choice is saved.",
    "xapi_admin_tab": "xAPI / LRS",
    "xapi_admin_help": "Send learning activities (never their content) to the organisation's Learning Record "
                       "Store. Only of people who choose so themselves; under a pseudonym by default.",
    "xapi_admin_enabled": "Sending on",
    "xapi_admin_endpoint": "LRS address (statements go to <address>/statements)",
    "xapi_admin_base_url": "The organisation's web address (base of the activity IRIs)",
    "xapi_admin_key": "Key",
    "xapi_admin_key_hint": "The stored key ends in {hint}; leave empty to keep it.",
    "xapi_admin_secret": "Secret",
    "xapi_admin_secret_set": "A secret is stored (it is never shown); leave empty to keep it.",
    "xapi_admin_save": "Save",
    "xapi_admin_saved": "The connection is saved.",
    "xapi_admin_counts": "Outbox: {pending} waiting, {sent} sent, {dead} refused",
    "xapi_admin_send_now": "Send now",
    "xapi_admin_sent": "Sent: {sent}; again later: {retrying}; refused: {dead}.",
    "xapi_admin_dead": "Refused statements",
    "xapi_admin_dead_none": "The Learning Record Store has refused nothing for good.",
    "xapi_admin_dead_event": "Event",
    "xapi_admin_dead_error": "The LRS's answer",
    "xapi_admin_dead_attempts": "Attempts",
    "xapi_admin_dead_created": "Recorded",
    "xapi_admin_retry_all": "Send all refused ones again",
    "xapi_admin_retried": "{count} statements are back in the outbox.",
}
