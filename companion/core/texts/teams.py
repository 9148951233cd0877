"""Texts of the teams area (intervisie sessions, team products): error texts merged into companion.core.error_texts,
and the labels the server writes (the companion's name on its posts, a former member, product headings)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- teams and sessions --------------------------------------------------------------------------------
    "team_not_found": {
        "en": "This team does not exist, or you are not in it.",
        "nl": "Dit team bestaat niet, of je hoort er niet bij.",
    },
    "team_session_not_found": {
        "en": "This team session does not exist, or you are not in its team.",
        "nl": "Deze teamsessie bestaat niet, of je hoort niet bij het team.",
    },
    "team_method_unknown": {
        "en": "Unknown method '{method}'; choose one of: {choices}.",
        "nl": "Onbekende methode '{method}'; kies uit: {choices}.",
    },
    "team_mode_unknown": {
        "en": "A session is 'live' or 'async'.",
        "nl": "Een sessie is 'live' of 'async' (asynchroon).",
    },
    "team_deadline_invalid": {
        "en": "A phase deadline is a number of minutes from 1 to 43200 for a phase of this method ({phases}).",
        "nl": "Een deadline per fase is een aantal minuten van 1 tot 43200, voor een fase van deze methode ({phases}).",
    },
    "team_quorum_invalid": {
        "en": "The quorum is between 0 (everyone) and the number of members ({members}).",
        "nl": "Het quorum ligt tussen 0 (iedereen) en het aantal teamleden ({members}).",
    },
    "team_title_empty": {
        "en": "Give the session a title.",
        "nl": "Geef de sessie een titel.",
    },
    "team_text_empty": {
        "en": "Write a few words first.",
        "nl": "Schrijf eerst een paar woorden.",
    },
    "team_text_too_long": {
        "en": "This text is too long (at most {max_chars} characters).",
        "nl": "Deze tekst is te lang (hoogstens {max_chars} tekens).",
    },
    "team_previous_invalid": {
        "en": "The previous session must be a finished action learning session of the same team.",
        "nl": "De vorige sessie moet een afgeronde actieleersessie van hetzelfde team zijn.",
    },
    "team_schedule_invalid": {
        "en": "This scheduled session is not in a trajectory your team follows.",
        "nl": "Deze geplande sessie hoort niet bij een traject dat je team volgt.",
    },
    "team_lead_only": {
        "en": "Only the session's facilitator or the team's expert moves the session to the next phase.",
        "nl": "Alleen de gespreksleider van de sessie of de expert van het team zet de sessie in de volgende fase.",
    },
    "team_members_only": {
        "en": "Only the team's members take part in this; the expert guides.",
        "nl": "Alleen de teamleden doen hieraan mee; de expert begeleidt.",
    },
    # --- phase rules (409: stable codes the UI can rely on) -------------------------------------------------
    "team_session_closed": {
        "en": "This session is finished; nothing can be added to it.",
        "nl": "Deze sessie is afgerond; er kan niets meer aan worden toegevoegd.",
    },
    "team_phase_moved": {
        "en": "The session is no longer in the phase '{expected}' but in '{phase}'; reload and look again.",
        "nl": "De sessie is niet meer in de fase '{expected}' maar in '{phase}'; laad opnieuw en kijk nog eens.",
    },
    "team_phase_no_posts": {
        "en": "Nobody posts contributions in the phase '{phase}'; it is done with the buttons of the room.",
        "nl": "In de fase '{phase}' plaatst niemand bijdragen; die fase gaat met de knoppen in de sessie.",
    },
    "team_kind_not_in_phase": {
        "en": "A contribution of the kind '{kind}' does not belong in the phase '{phase}'.",
        "nl": "Een bijdrage van het soort '{kind}' hoort niet in de fase '{phase}'.",
    },
    "team_no_advice_yet": {
        "en": "This is the question round: ask open, clarifying questions only. Advice comes later, in the advice "
              "round.",
        "nl": "Dit is de vragenronde: stel alleen open, verhelderende vragen. Advies geef je later, in de "
              "adviesronde.",
    },
    "team_case_owner_listens": {
        "en": "In the phase '{phase}' the case owner listens and does not write; your turn comes next.",
        "nl": "In de fase '{phase}' luistert de inbrenger en schrijft niet mee; jouw beurt komt hierna.",
    },
    "team_case_owner_only": {
        "en": "In the phase '{phase}' only the case owner writes.",
        "nl": "In de fase '{phase}' schrijft alleen de inbrenger.",
    },
    "team_cases_closed": {
        "en": "Cases are brought in at the start of a session; this session is past that.",
        "nl": "Casussen breng je in aan het begin van een sessie; deze sessie is daar voorbij.",
    },
    "team_case_locked": {
        "en": "The session has started; a case brought in can no longer be withdrawn.",
        "nl": "De sessie is begonnen; een ingebrachte casus kan niet meer worden teruggetrokken.",
    },
    "team_case_not_found": {
        "en": "This case does not exist in this session.",
        "nl": "Deze casus bestaat niet in deze sessie.",
    },
    "team_case_not_yours": {
        "en": "Only the member who brought in a case can withdraw it.",
        "nl": "Alleen wie de casus inbracht kan hem terugtrekken.",
    },
    "team_case_source_unknown": {
        "en": "This situation or entry is not one of yours.",
        "nl": "Deze situatie of dit portfolio-item is niet van jou.",
    },
    "team_case_twice": {
        "en": "You already brought in this situation.",
        "nl": "Deze situatie heb je al ingebracht.",
    },
    "team_vote_not_now": {
        "en": "Voting for a case happens in the phase '{phase}'; the session is in '{current}'.",
        "nl": "Stemmen op een casus gebeurt in de fase '{phase}'; de sessie is in '{current}'.",
    },
    "team_no_cases": {
        "en": "Nobody has brought in a case yet.",
        "nl": "Er is nog geen casus ingebracht.",
    },
    "team_no_votes": {
        "en": "Nobody has voted yet; the team chooses a case by vote.",
        "nl": "Er is nog niet gestemd; het team kiest een casus door te stemmen.",
    },
    "team_choice_unknown_advice": {
        "en": "You can only choose advice given in this session.",
        "nl": "Je kunt alleen advies kiezen dat in deze sessie is gegeven.",
    },
    # --- team products ----------------------------------------------------------------------------------------
    "team_product_not_found": {
        "en": "This team product does not exist, or you are not in its team.",
        "nl": "Dit teamproduct bestaat niet, of je hoort niet bij het team.",
    },
    "team_product_kind_invalid": {
        "en": "A team product is one of: {choices}.",
        "nl": "Een teamproduct is een van: {choices}.",
    },
    "team_product_too_early": {
        "en": "A team product is drafted once the case owner has chosen what to act on.",
        "nl": "Een teamproduct maak je zodra de inbrenger heeft gekozen waarmee hij of zij aan de slag gaat.",
    },
    "team_product_not_editable": {
        "en": "This team product is {status} and can no longer be changed.",
        "nl": "Dit teamproduct is {status} en kan niet meer worden gewijzigd.",
    },
    "team_product_no_expert": {
        "en": "Your team has no expert to review this product yet.",
        "nl": "Je team heeft nog geen expert die dit product kan beoordelen.",
    },
    "team_plan_owner_only": {
        "en": "Only the case owner turns their chosen actions into a personal action plan.",
        "nl": "Alleen de inbrenger maakt van de gekozen acties een persoonlijk actieplan.",
    },
    "team_plan_nothing_chosen": {
        "en": "Nothing has been chosen to act on yet.",
        "nl": "Er is nog niets gekozen om mee aan de slag te gaan.",
    },
    # --- trajectories ---------------------------------------------------------------------------------------
    "trajectory_session_invalid": {
        "en": "A scheduled session needs a title, a method and a date within the trajectory.",
        "nl": "Een geplande sessie heeft een titel, een methode en een datum binnen het traject nodig.",
    },
}

COMPANION_NAME = {"nl": "Companion (gespreksbegeleiding)", "en": "Companion (facilitation)"}
FORMER_MEMBER = {"nl": "oud-teamlid", "en": "former member"}
ERASED_TEXT = {"nl": "[verwijderd op verzoek van de schrijver]", "en": "[removed at the writer's request]"}
EXPERT_SUFFIX = {"nl": "expert", "en": "expert"}
# a situation shared as a case keeps its fields, labelled in the sharer's own voice
CASE_FIELD_LABELS = {
    "nl": {"involved": "Betrokkenen", "thought": "Wat ik dacht", "felt": "Wat ik voelde", "wanted": "Wat ik wilde",
           "did": "Wat ik deed"},
    "en": {"involved": "Involved", "thought": "What I thought", "felt": "What I felt", "wanted": "What I wanted",
           "did": "What I did"},
}
CREDITS_HEADING = {"nl": "Wie droeg wat bij", "en": "Who contributed what"}
TEAM_PRODUCT_LABEL = {"nl": "Teamproduct van {team}", "en": "Team product of {team}"}
PHASE_WORDS = {"question": {"nl": "vragen", "en": "questions"}, "answer": {"nl": "antwoorden", "en": "answers"},
               "analysis": {"nl": "analyse", "en": "analysis"}, "advice": {"nl": "advies", "en": "advice"},
               "choice": {"nl": "keuze", "en": "choice"}, "evaluation": {"nl": "evaluatie", "en": "evaluation"},
               "agreement": {"nl": "vervolgafspraak", "en": "follow-up agreement"},
               "harvest": {"nl": "oogst", "en": "harvest"}, "report": {"nl": "terugblik", "en": "report back"}}
