"""Demo organisation for `make run`: people, earlier situations and the starter documents."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import func, select

from companion.demo.rhythm import seed_rhythm
from companion.knowledge import documents
from companion.models import Organisation, PortfolioEntry, WorkSituation
from companion.retrieval.index_sync import entry_item, situation_item
from companion.services import Services
from companion.trust import people

log = logging.getLogger(__name__)
DEMO_ORG = "Zorggroep De Linde (demo)"
TEAM = "Wijkteam Noord"
# (username, password, display name, role): printed by `make run`, refused in production mode
DEMO_PEOPLE = [
    ("anne", "anne-demo", "Anne de Vries", "professional"),
    ("bram", "bram-demo", "Bram Jansen", "professional"),
    ("eva", "eva-demo1", "Eva Bakker", "expert"),
    ("admin", "admin-demo", "Beheerder", "admin"),
]

SITUATIONS = [
    ("anne", datetime(2026, 3, 12, tzinfo=UTC), {
        "title": "Overdracht liep uit de hand",
        "description": "Bij de overdracht van de avonddienst vielen belangrijke punten weg omdat iedereen tegelijk "
                       "praatte. Een cliënt kreeg daardoor zijn medicatie te laat.",
        "involved": "twee collega's van de avonddienst, de teamleider",
        "wanted": "Ik wilde dat de overdracht rustig en volledig zou zijn.",
        "did": "Ik heb niets gezegd en later alles zelf nagelopen.",
        "thought": "Ik dacht dat het niet aan mij was om de overdracht te leiden.",
        "felt": "Ik voelde me gefrustreerd en een beetje schuldig.",
    }),
    ("anne", datetime(2026, 6, 2, tzinfo=UTC), {
        "title": "Collega nam mijn voorstel over in het teamoverleg",
        "description": "In het teamoverleg presenteerde een collega mijn idee voor een vaste werkdrukcheck als het "
                       "zijne. Ik reageerde niet.",
        "involved": "collega, teamleider, het hele team",
        "wanted": "Ik wilde erkenning voor mijn idee.",
        "did": "Ik zweeg en ging na afloop snel weg.",
        "thought": "Ik dacht: als ik nu iets zeg, lijkt het of ik me aanstel.",
        "felt": "Ik voelde me boos en onzichtbaar.",
    }),
    ("bram", datetime(2026, 5, 20, tzinfo=UTC), {
        "title": "Lastig gesprek met familie van een cliënt",
        "description": "De dochter van een cliënt was boos over de planning van de thuiszorg en verhief haar stem.",
        "involved": "dochter van een cliënt",
        "wanted": "Ik wilde haar geruststellen.",
        "did": "Ik legde uitgebreid het rooster uit.",
        "thought": "Ik dacht dat uitleg zou helpen.",
        "felt": "Ik voelde me onzeker.",
    }),
]

ENTRIES = [
    ("anne", datetime(2026, 3, 20, tzinfo=UTC), "learning_goal", "Leerdoel: de overdracht structureren",
     "Voor 1 juli leid ik minstens vier overdrachten met een vaste volgorde (cliënt, risico's, afspraken), "
     "zodat er geen punten meer wegvallen. Ik vraag na elke overdracht één collega om feedback."),
]


def seed_demo(services: Services) -> bool:
    """Create the demo organisation once; returns False when any organisation already exists."""
    with services.sessions() as session:
        if session.scalar(select(func.count()).select_from(Organisation)):
            return False
        org = people.get_or_create_org(session, DEMO_ORG)
        persons = {}
        for username, password, name, role in DEMO_PEOPLE:
            persons[username] = people.create_person(session, org_id=org.id, username=username, password=password,
                                                     display_name=name, role=role, team=TEAM)
        for username, when, values in SITUATIONS:
            session.add(WorkSituation(owner_id=persons[username].id, created_at=when, updated_at=when, **values))
        for username, when, kind, title, body in ENTRIES:
            session.add(PortfolioEntry(owner_id=persons[username].id, kind=kind, title=title, body=body,
                                       created_at=when, updated_at=when))
        seed_rhythm(session, services, persons)  # rhythm area: Anne's weeks, both agreements
        session.commit()
        for s in session.scalars(select(WorkSituation)):
            services.index.upsert_personal(s.owner_id, [situation_item(s)])
        for e in session.scalars(select(PortfolioEntry)):
            services.index.upsert_personal(e.owner_id, [entry_item(e)])
        results = documents.ingest_path(session, services.index, org.id, services.settings.knowledge_dir)
        log.info("demo organisation created with %d knowledge documents", len(results))
    from companion.demo.reviews import seed_demo_suggestions  # review area: a pending suggestion in the expert's queue

    seed_demo_suggestions(services)
    from companion.demo.year import seed_demo_year  # accountability area: a simulated year for the dashboard

    seed_demo_year(services)
    return True
