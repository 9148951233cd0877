"""Texts of xAPI (statements to a Learning Record Store): error texts merged into companion.core.error_texts."""

MESSAGES: dict[str, dict[str, str]] = {
    "xapi_url_invalid": {
        "en": "The {field} must be a web address starting with https:// (or http://), without a password in it.",
        "nl": "Het veld {field} moet een webadres zijn dat begint met https:// (of http://), zonder wachtwoord erin.",
    },
    "xapi_incomplete": {
        "en": "To switch sending on, fill in the LRS address, the organisation's web address, the key and the secret.",
        "nl": "Vul het LRS-adres, het webadres van de organisatie, de sleutel en het geheim in om verzenden aan te "
              "zetten.",
    },
    "xapi_email_invalid": {
        "en": "This is not an e-mail address: '{email}'.",
        "nl": "Dit is geen e-mailadres: '{email}'.",
    },
    "xapi_statement_not_found": {
        "en": "This statement is not in the outbox.",
        "nl": "Dit statement staat niet in de uitgaande wachtrij.",
    },
    "xapi_status_invalid": {
        "en": "The status must be one of: {choices}.",
        "nl": "De status moet een van deze zijn: {choices}.",
    },
    "xapi_not_dead": {
        "en": "Only a statement the LRS refused for good can be sent again; this one is {status}.",
        "nl": "Alleen een statement dat de LRS definitief weigerde kan opnieuw worden verstuurd; dit is {status}.",
    },
}
