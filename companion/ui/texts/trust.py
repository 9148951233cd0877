"""UI texts of the trust area, Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "page_my_data": "Mijn gegevens",
    "my_data_intro": "Hier zie en beheer je wat de companion over jou bewaart: je gesprekken, werksituaties, "
                     "portfolio en alles wat daaraan vastzit. Je begeleider en je organisatie zien alleen wat "
                     "jij deelt.",
    "my_data_download": "Mijn gegevens downloaden",
    "my_data_download_help": "Een JSON-bestand met al je gegevens (om mee te nemen naar een ander systeem) en een "
                             "leesbaar portfoliodocument (Markdown).",
    "my_data_prepare": "Download voorbereiden",
    "my_data_json": "JSON downloaden",
    "my_data_document": "Portfoliodocument downloaden",
    "my_data_usage": "Taalmodelgebruik vandaag",
    "my_data_usage_text": "Je hebt vandaag {share} van je dagelijkse ruimte voor het taalmodel gebruikt; je kunt "
                          "hoogstens {per_minute} berichten per minuut sturen.",
    "my_data_usage_unlimited": "Er is geen dagelijkse grens voor het taalmodel ingesteld.",
    "my_data_sessions": "Sessies",
    "my_data_logout_all_help": "Log uit op alle apparaten waar je bent ingelogd, ook hier.",
    "my_data_logout_all": "Overal uitloggen",
    "logged_out_everywhere": "Je bent op alle apparaten uitgelogd.",
    "my_data_password": "Wachtwoord wijzigen",
    "my_data_current_password": "Huidig wachtwoord",
    "my_data_new_password": "Nieuw wachtwoord",
    "my_data_repeat_password": "Herhaal het nieuwe wachtwoord",
    "my_data_password_mismatch": "De nieuwe wachtwoorden zijn niet gelijk.",
    "my_data_password_changed": "Je wachtwoord is gewijzigd; andere sessies zijn uitgelogd.",
    "my_data_password_button": "Wachtwoord wijzigen",
    "my_data_erase": "Account wissen",
    "my_data_erase_warning": "Hiermee wis je je account en al je gegevens voorgoed: gesprekken, werksituaties, "
                             "portfolio, zoekindex. Dit kan niet ongedaan worden gemaakt. Download je gegevens eerst "
                             "als je ze wilt bewaren. Beoordelingen die je als begeleider gaf, blijven staan zonder "
                             "je naam.",
    "my_data_erase_phrase": "Typ {phrase} om te bevestigen",
    "my_data_erase_words": "WIS MIJN ACCOUNT",  # the API accepts it in either language
    "my_data_erase_password": "Je wachtwoord",
    "my_data_erase_button": "Mijn account voorgoed wissen",
    "account_erased": "Je account en al je gegevens zijn gewist.",
    "api_keys_title": "API-sleutels",
    "api_keys_help": "Met een persoonlijke API-sleutel praat je met de companion vanuit een andere chat-app "
                     "(Open WebUI, LibreChat, een app op je telefoon) of een MCP-client. Vul in die app als adres "
                     "{base_url} in en de sleutel als API key. Gesprekken komen gewoon hier in je gesprekken terecht. "
                     "Een sleutel werkt als jij: deel hem met niemand en trek hem in als je hem niet meer gebruikt.",
    "api_keys_name": "Naam van de sleutel",
    "api_keys_name_placeholder": "bijv. Open WebUI op mijn laptop",
    "api_keys_valid_for": "Geldig",
    "api_keys_days": "{days} dagen",
    "api_keys_create": "Sleutel aanmaken",
    "api_keys_created": "De sleutel '{name}' is aangemaakt.",
    "api_keys_copy_hint": "Kopieer de sleutel nu (knop rechtsboven in het vak) en bewaar hem veilig: je ziet hem "
                          "maar één keer. Kwijt? Trek hem in en maak een nieuwe aan.",
    "api_keys_none": "Je hebt nog geen API-sleutels.",
    "api_keys_row": "**{name}** · `{prefix}…` · {status}  \nAangemaakt {created} · verloopt {expires} · "
                    "laatst gebruikt: {used}",
    "api_keys_never_used": "nog nooit",
    "api_keys_status_active": "actief",
    "api_keys_status_expired": "verlopen",
    "api_keys_status_revoked": "ingetrokken",
    "api_keys_revoke": "Intrekken",
    "api_keys_revoked": "De sleutel '{name}' is ingetrokken en werkt niet meer.",
    "admin_person_status": "Persoon aan- of uitzetten",
    "admin_person_choose": "Persoon",
    "admin_deactivate": "Uitzetten (overal uitloggen)",
    "admin_reactivate": "Weer aanzetten",
    "admin_active": "Actief",
    "admin_person_deactivated": "{name} is uitgezet en overal uitgelogd.",
    "admin_person_reactivated": "{name} kan weer inloggen.",
    "admin_team_none": "Geen team",
    "admin_team_new": "Nieuw team…",
    "admin_team_new_name": "Naam van het nieuwe team (alleen bij 'Nieuw team…')",
    "admin_team_option": "{team} · begeleider: {experts}",
    "admin_team_no_expert": "{team} · nog geen begeleider",
    "admin_team_help": "Kies een bestaand team. Een nieuw team krijgt eerst een begeleider: voeg die als eerste toe, "
                       "dan kunnen professionals volgen.",
    "admin_team_new_missing": "Geef het nieuwe team een naam.",
}

EN: dict[str, str] = {
    "page_my_data": "My data",
    "my_data_intro": "See and manage what the companion keeps about you: your conversations, work situations, "
                     "portfolio and everything attached to them. Your coach and your organisation only see what "
                     "you share.",
    "my_data_download": "Download my data",
    "my_data_download_help": "A JSON file with all your data (to take to another system) and a readable portfolio "
                             "document (Markdown).",
    "my_data_prepare": "Prepare download",
    "my_data_json": "Download JSON",
    "my_data_document": "Download portfolio document",
    "my_data_usage": "Language model use today",
    "my_data_usage_text": "You used {share} of your daily room for the language model today; you can send at "
                          "most {per_minute} messages a minute.",
    "my_data_usage_unlimited": "No daily limit is set for the language model.",
    "my_data_sessions": "Sessions",
    "my_data_logout_all_help": "Log out on every device where you are logged in, this one too.",
    "my_data_logout_all": "Log out everywhere",
    "logged_out_everywhere": "You have been logged out on every device.",
    "my_data_password": "Change password",
    "my_data_current_password": "Current password",
    "my_data_new_password": "New password",
    "my_data_repeat_password": "Repeat the new password",
    "my_data_password_mismatch": "The new passwords are not the same.",
    "my_data_password_changed": "Your password is changed; other sessions have been logged out.",
    "my_data_password_button": "Change password",
    "my_data_erase": "Erase account",
    "my_data_erase_warning": "This erases your account and all your data for good: conversations, work situations, "
                             "portfolio, search index. It cannot be undone. Download your data first if you want to "
                             "keep it. Reviews you gave as a coach stay, without your name.",
    "my_data_erase_phrase": "Type {phrase} to confirm",
    "my_data_erase_words": "ERASE MY ACCOUNT",
    "my_data_erase_password": "Your password",
    "my_data_erase_button": "Erase my account for good",
    "account_erased": "Your account and all your data have been erased.",
    "api_keys_title": "API keys",
    "api_keys_help": "With a personal API key you talk to the companion from another chat app (Open WebUI, "
                     "LibreChat, an app on your phone) or an MCP client. In that app, enter {base_url} as the "
                     "address and the key as the API key. Conversations show up here among your conversations. "
                     "A key acts as you: share it with nobody and revoke it when you no longer use it.",
    "api_keys_name": "Name of the key",
    "api_keys_name_placeholder": "e.g. Open WebUI on my laptop",
    "api_keys_valid_for": "Valid for",
    "api_keys_days": "{days} days",
    "api_keys_create": "Create key",
    "api_keys_created": "The key '{name}' has been created.",
    "api_keys_copy_hint": "Copy the key now (button at the top right of the box) and keep it safe: you see it only "
                          "once. Lost it? Revoke it and create a new one.",
    "api_keys_none": "You have no API keys yet.",
    "api_keys_row": "**{name}** · `{prefix}…` · {status}  \nCreated {created} · expires {expires} · "
                    "last used: {used}",
    "api_keys_never_used": "never",
    "api_keys_status_active": "active",
    "api_keys_status_expired": "expired",
    "api_keys_status_revoked": "revoked",
    "api_keys_revoke": "Revoke",
    "api_keys_revoked": "The key '{name}' has been revoked and no longer works.",
    "admin_person_status": "Activate or deactivate a person",
    "admin_person_choose": "Person",
    "admin_deactivate": "Deactivate (log out everywhere)",
    "admin_reactivate": "Reactivate",
    "admin_active": "Active",
    "admin_person_deactivated": "{name} is deactivated and logged out everywhere.",
    "admin_person_reactivated": "{name} can log in again.",
    "admin_team_none": "No team",
    "admin_team_new": "New team…",
    "admin_team_new_name": "Name of the new team (only with 'New team…')",
    "admin_team_option": "{team} · expert: {experts}",
    "admin_team_no_expert": "{team} · no expert yet",
    "admin_team_help": "Choose an existing team. A new team gets its expert first: add them first, then "
                       "professionals can follow.",
    "admin_team_new_missing": "Give the new team a name.",
}
