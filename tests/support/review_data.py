"""Helpers for the review-area tests: a reflected conversation, logins, a second organisation and team."""

from __future__ import annotations

import json

from sqlalchemy import select

from companion.models import Message, Person
from companion.reflection import conversations
from companion.trust import people

ANSWERS = {
    "action.what": "In het teamoverleg onderbrak een collega mij steeds toen ik een voorstel deed over de planning.",
    "action.involved": "Een collega en de teamleider.",
    "looking_back.self_want": "Ik wilde dat mijn voorstel serieus werd genomen.",
    "looking_back.self_do": "Ik zweeg en liet het erbij.",
    "looking_back.self_think": "Ik dacht dat het toch geen zin had.",
    "looking_back.self_feel": "Ik voelde me boos en onzichtbaar.",
    "awareness.essence": "Ik trek me terug als ik me niet gehoord voel.",
    "alternatives.options": "Rustig vragen of ik mijn zin mag afmaken.",
    "trial.plan": "In het volgende overleg vraag ik rustig of ik mijn zin mag afmaken.",
    "trial.success": "Als ik mijn voorstel helemaal kan uitleggen en er een besluit over komt.",
}

ACTION_PLAN = {
    "title": "Actieplan: uitpraten in het overleg",
    "learning_goal": "Vóór 1 maart maak ik in drie teamoverleggen mijn voorstel af, ook als iemand me onderbreekt.",
    "actions": [{"what": "Vragen of ik mijn zin mag afmaken", "who": "ik", "by_when": "2027-01-15"}],
    "success_criteria": ["Ik heb drie keer mijn voorstel afgemaakt."],
    "support_needed": ["De teamleider bewaakt de spreekvolgorde."],
    "first_step": "Deze week bereid ik mijn punt voor in drie zinnen.",
}
ADVICE_NOTE = {
    "title": "Adviesnotitie: spreekvolgorde in het overleg", "situation": "Collega's onderbreken elkaar.",
    "analysis": "Er is geen voorzitter.", "advice": ["Stel een voorzitter aan."],
    "expected_effect": "Iedereen komt aan het woord.", "risks": ["Het overleg duurt iets langer."],
}
ANNUAL_PLAN = {
    "title": "Jaarplan werkplekleren Team A 2027", "team": "Team A", "year": 2027,
    "quarters": [{"quarter": "Q1", "goals": ["Iedereen brengt een situatie in."]}],
    "activities": [{"what": "Intervisie", "owner": "teamleider", "when": "elke maand"}],
    "resources": ["Een uur per maand."], "progress_check": "Elk kwartaal bespreken we de voortgang.",
}
LEARNING_GOAL = {
    "title": "Leerdoel: uitpraten", "goal": "Vóór 1 maart maak ik mijn voorstellen af.",
    "why": "Ik trek me terug als ik me niet gehoord voel.", "success_criteria": ["Drie keer gelukt."],
    "by_when": "2027-03-01",
}
PAYLOADS = {"action_plan": ACTION_PLAN, "advice_note": ADVICE_NOTE, "annual_plan": ANNUAL_PLAN,
            "learning_goal": LEARNING_GOAL}


def principal(services, username: str):
    with services.sessions() as session:
        return people.principal_of(session.scalar(select(Person).where(Person.username == username)))


def reflected_conversation(services, username: str = "anne", answers: dict[str, str] | None = None,
                           language: str = "nl") -> int:
    """A conversation of `username` whose reflection state holds `answers` (ALACT slots), with the messages."""
    me = principal(services, username)
    with services.sessions() as session:
        conv = conversations.start(session, services.settings.prompts_dir, me, language, "alact")
        state = dict(conv.state)
        state["slots"] = dict(answers if answers is not None else ANSWERS)
        conv.state = state
        for text in state["slots"].values():
            session.add(Message(conversation_id=conv.id, role="user", content=text, phase="action"))
        session.commit()
        return conv.id


def add_other_org_and_team(services) -> None:
    """A second team in the same organisation (expert 'ivo', professional 'pim') and an org 'Elders' (admin2, olga)."""
    with services.sessions() as session:
        org = session.scalar(select(Person).where(Person.username == "anne")).org_id
        for username, role in [("ivo", "expert"), ("pim", "professional")]:
            people.create_person(session, org_id=org, username=username, password="password-1", role=role,
                                 display_name=username.capitalize(), team="Team B")
        other = people.get_or_create_org(session, "Elders")
        for username, role in [("admin2", "admin"), ("olga", "professional"), ("otto", "expert")]:
            people.create_person(session, org_id=other.id, username=username, password="password-1", role=role,
                                 display_name=username.capitalize(), team="Team A")
        session.commit()


def scripted_json(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)


def send(services, suggestion_id: int, username: str = "anne", share: str = "conversation",
         message_ids: tuple[int, ...] = ()):
    """The owner sends their draft to their expert, sharing the draft only, the conversation or chosen messages."""
    from companion.review import sharing

    with services.sessions() as session:
        return sharing.send(session, principal(services, username), suggestion_id, share, message_ids)
