"""All UI text, in Dutch (the default) and English: one dict per language, the same keys in both.

The texts every page shares are here; each area keeps its own in companion/ui/texts/<area>.py, merged below.

An error the API explains itself (with a `code`) is shown in the API's own words, which come in the UI's
language (see `common.error_text`); the texts with a {detail} here wrap only reasons without a code: an
unreachable server, FastAPI's validation errors, an error page of a proxy.
"""

from __future__ import annotations

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT = "nl"

NL: dict[str, str] = {
    "app_title": "Companion",
    "tagline": "Je leercompanion voor werkplekleren",
    "language": "Taal",
    # login and session
    "login": "Inloggen",
    "login_intro": "Log in om verder te gaan met je reflecties en je portfolio.",
    "username": "Gebruikersnaam",
    "password": "Wachtwoord",
    "login_button": "Inloggen",
    "login_failed": "Inloggen is niet gelukt: {detail}",
    "login_missing": "Vul je gebruikersnaam en wachtwoord in.",
    "session_expired": "Je sessie is verlopen. Log opnieuw in.",
    "logout": "Uitloggen",
    "logged_in_as": "Ingelogd als **{name}** · {role}",
    "api_unreachable": "De companion-server is niet bereikbaar ({detail}). Probeer het later opnieuw.",
    "api_error": "Er ging iets mis ({status}): {detail}",
    "role_professional": "professional",
    "role_expert": "begeleider",
    "role_admin": "beheerder",
    # mode
    "mode_offline": "Offline reflectiegids (geen taalmodel ingesteld)",
    "mode_llm": "Taalmodel: {model}",
    "mode_fallback": "Offline reflectiegids (taalmodel niet bereikbaar)",
    "mode_label": "Werkwijze",
    # pages
    "page_chat": "Gesprek",
    "page_portfolio": "Portfolio",
    "page_search": "Zoeken",
    "page_knowledge": "Kennisbank",
    "page_admin": "Beheer",
    # what many pages share: an item's details, editing and deleting it
    "details": "Details",
    "not_found": "Niet gevonden of niet (meer) zichtbaar voor jou.",
    "created": "Aangemaakt op {date}",
    "kind": "Soort",
    "title": "Titel",
    "body": "Tekst",
    "edit": "Bewerken",
    "save": "Opslaan",
    "saved": "Opgeslagen.",
    "delete": "Verwijderen",
    "confirm_delete": "Weet je zeker dat je \"{title}\" wilt verwijderen? Dit kan niet ongedaan worden gemaakt.",
    "confirm_yes": "Ja, verwijderen",
    "cancel": "Annuleren",
    "deleted": "\"{title}\" is verwijderd.",
    # search
    "search_title": "Zoeken",
    "search_intro": "Zoek in je eigen situaties en portfolio, en in de kennisbank van je organisatie.",
    "search_query": "Zoekvraag",
    "search_k": "Aantal resultaten",
    "search_button": "Zoeken",
    "search_placeholder": "bijvoorbeeld: overdracht, feedback geven, werkdruk",
    "search_empty": "Typ eerst waar je naar zoekt.",
    "no_results": "Niets gevonden voor \"{q}\".",
    "results": "{n} resultaten",
    "results_one": "1 resultaat",
    # knowledge
    "knowledge_title": "Kennisbank",
    "knowledge_intro": "Documenten die je organisatie voor jullie heeft verzameld.",
    "no_documents": "Er staan nog geen documenten in de kennisbank.",
    "no_documents_match": "Geen documenten die hierbij passen.",
    "knowledge_filter": "Zoek op titel",
    "all_documents": "Alle documenten",
    "version": "Versie",
    "updated": "Bijgewerkt",
    "choose_document": "Kies een document",
    "document_meta": "Bestand: {source} · taal: {language} · versie {version}",
    "tags": "Labels",
    "inactive": "niet meer actief",
    "sections": "{n} onderdelen",
    # admin
    "admin_title": "Beheer",
    "admin_people": "Mensen",
    "admin_add_person": "Persoon toevoegen",
    "display_name": "Naam",
    "role": "Rol",
    "team": "Team",
    "person_language": "Taal",
    "person_added": "{name} is toegevoegd.",
    "add_person_failed": "Toevoegen lukte niet: {detail}",
    "admin_upload": "Kennisdocument uploaden",
    "upload_file": "Bestand (.md of .txt)",
    "upload_tags": "Labels (gescheiden door komma's)",
    "upload_button": "Uploaden",
    "upload_choose": "Kies eerst een bestand.",
    "upload_failed": "Uploaden lukte niet: {detail}",
    "upload_created": "\"{title}\" is toegevoegd ({chunks} onderdelen).",
    "upload_updated": "\"{title}\" is bijgewerkt naar versie {version} ({chunks} onderdelen).",
    "upload_unchanged": "\"{title}\" was al up-to-date; er is niets veranderd.",
    "admin_only": "Deze pagina is alleen voor beheerders.",
}

EN: dict[str, str] = {
    "app_title": "Companion",
    "tagline": "Your learning companion for workplace learning",
    "language": "Language",
    "login": "Log in",
    "login_intro": "Log in to continue with your reflections and your portfolio.",
    "username": "Username",
    "password": "Password",
    "login_button": "Log in",
    "login_failed": "Logging in failed: {detail}",
    "login_missing": "Please fill in your username and password.",
    "session_expired": "Your session has expired. Please log in again.",
    "logout": "Log out",
    "logged_in_as": "Logged in as **{name}** · {role}",
    "api_unreachable": "The companion server cannot be reached ({detail}). Please try again later.",
    "api_error": "Something went wrong ({status}): {detail}",
    "role_professional": "professional",
    "role_expert": "coach",
    "role_admin": "administrator",
    "mode_offline": "Offline reflection guide (no language model configured)",
    "mode_llm": "Language model: {model}",
    "mode_fallback": "Offline reflection guide (language model unreachable)",
    "mode_label": "Mode",
    "page_chat": "Conversation",
    "page_portfolio": "Portfolio",
    "page_search": "Search",
    "page_knowledge": "Knowledge base",
    "page_admin": "Administration",
    "details": "Details",
    "not_found": "Not found, or no longer visible to you.",
    "created": "Created on {date}",
    "kind": "Kind",
    "title": "Title",
    "body": "Text",
    "edit": "Edit",
    "save": "Save",
    "saved": "Saved.",
    "delete": "Delete",
    "confirm_delete": "Are you sure you want to delete \"{title}\"? This cannot be undone.",
    "confirm_yes": "Yes, delete",
    "cancel": "Cancel",
    "deleted": "\"{title}\" was deleted.",
    "search_title": "Search",
    "search_intro": "Search your own situations and portfolio, and your organisation's knowledge base.",
    "search_query": "Search query",
    "search_k": "Number of results",
    "search_button": "Search",
    "search_placeholder": "for example: handover, giving feedback, workload",
    "search_empty": "Type what you are looking for first.",
    "no_results": "Nothing found for \"{q}\".",
    "results": "{n} results",
    "results_one": "1 result",
    "knowledge_title": "Knowledge base",
    "knowledge_intro": "Documents your organisation collected for you.",
    "no_documents": "There are no documents in the knowledge base yet.",
    "no_documents_match": "No documents match.",
    "knowledge_filter": "Filter by title",
    "all_documents": "All documents",
    "version": "Version",
    "updated": "Updated",
    "choose_document": "Choose a document",
    "document_meta": "File: {source} · language: {language} · version {version}",
    "tags": "Tags",
    "inactive": "no longer active",
    "sections": "{n} sections",
    "admin_title": "Administration",
    "admin_people": "People",
    "admin_add_person": "Add a person",
    "display_name": "Name",
    "role": "Role",
    "team": "Team",
    "person_language": "Language",
    "person_added": "{name} was added.",
    "add_person_failed": "Adding failed: {detail}",
    "admin_upload": "Upload a knowledge document",
    "upload_file": "File (.md or .txt)",
    "upload_tags": "Tags (comma-separated)",
    "upload_button": "Upload",
    "upload_choose": "Choose a file first.",
    "upload_failed": "Uploading failed: {detail}",
    "upload_created": "\"{title}\" was added ({chunks} sections).",
    "upload_updated": "\"{title}\" was updated to version {version} ({chunks} sections).",
    "upload_unchanged": "\"{title}\" was already up to date; nothing changed.",
    "admin_only": "This page is for administrators only.",
}


def _merge_areas() -> None:
    """Add each area's texts (companion/ui/texts/*.py); a key defined twice is a bug, caught at import."""
    from companion.ui.texts import accountability, knowledge, reflection, review, rhythm, shell, trust
    from companion.ui.texts import portfolio_exports as export_texts
    from companion.ui.texts import teams as team_texts
    from companion.ui.texts import xapi as xapi_texts

    for area in (accountability, knowledge, reflection, review, rhythm, shell, trust, xapi_texts, export_texts,
                 team_texts):
        for ours, theirs in ((NL, area.NL), (EN, area.EN)):
            twice = set(ours) & set(theirs)
            if twice:
                raise RuntimeError(f"UI text keys defined twice: {sorted(twice)}")
            ours.update(theirs)


_merge_areas()
TEXTS: dict[str, dict[str, str]] = {"nl": NL, "en": EN}


def t(language: str, key: str, /, **values) -> str:
    """The text for `key` in `language` (Dutch when unknown), with `values` filled in."""
    table = TEXTS.get(language, NL)
    text = table.get(key) or NL.get(key) or key
    return text.format(**values) if values else text
