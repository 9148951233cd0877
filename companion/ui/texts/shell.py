"""UI texts of the app shell (navigation, the account menu, lists with search and paging, the chat's limits),
Dutch and English with the same keys; merged into companion.ui.i18n."""

NL: dict[str, str] = {
    "not_for_role": "Deze pagina hoort niet bij jouw rol.",
    "nav_agreements": "Afspraken",
    "nav_knowledge": "Kennis",
    "nav_own_learning": "Zelf leren",
    "go_home": "Naar je startpagina",
    "account_menu": "Account",
    "list_search": "Zoek in de lijst",
    "list_page": "Pagina",
    "list_count": "{shown} van {total}",
    "list_none": "Niets gevonden voor \"{q}\".",
    "list_previous": "Vorige",
    "list_next": "Volgende",
    "list_position": "Pagina {page} van {pages}",
    "chat_too_long": "Je bericht is niet verstuurd: het is {n} tekens en mag hoogstens {limit} tekens zijn. Het "
                     "staat nog in het invoerveld, zodat je het kunt inkorten of in delen kunt sturen.",
    "search_filter_hidden": "{n} resultaten verborgen door het filter.",
    "search_filter_hidden_one": "1 resultaat verborgen door het filter.",
    "search_show_all": "Toon alles",
}

EN: dict[str, str] = {
    "not_for_role": "This page is not part of your role.",
    "nav_agreements": "Agreements",
    "nav_knowledge": "Knowledge",
    "nav_own_learning": "Your own learning",
    "go_home": "To your start page",
    "account_menu": "Account",
    "list_search": "Search the list",
    "list_page": "Page",
    "list_count": "{shown} of {total}",
    "list_none": "Nothing found for \"{q}\".",
    "list_previous": "Previous",
    "list_next": "Next",
    "list_position": "Page {page} of {pages}",
    "chat_too_long": "Your message was not sent: it is {n} characters and at most {limit} are allowed. It is "
                     "still in the message field, so you can shorten it or send it in parts.",
    "search_filter_hidden": "{n} results hidden by the filter.",
    "search_filter_hidden_one": "1 result hidden by the filter.",
    "search_show_all": "Show all",
}
