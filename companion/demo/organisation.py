"""Demo organisation for `make run`: people, earlier situations and the starter documents, seeded in steps."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import func, select

from companion.core import startup
from companion.demo import seeding
from companion.demo.rhythm import seed_rhythm
from companion.knowledge import documents
from companion.models import KnowledgeDocument, Organisation, PortfolioEntry, WorkSituation
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
    """Create the demo organisation, or finish the one an interrupted first start left; False when there is
    nothing to do (the demo is complete, or the database holds another organisation)."""
    from companion.demo import reviews, teams, year  # looked up at call time: benchmarks and tests wrap their steps

    with services.sessions() as session:
        done = seeding.done_steps(session)
        org_id = session.scalar(select(Organisation.id).where(Organisation.name == DEMO_ORG))
        if "index" in done or (org_id is None and session.scalar(select(func.count()).select_from(Organisation))):
            return False
    reporter = startup.current()
    if org_id is None:
        reporter.stage("seeding", "organisation")
        org_id = seed_organisation(services)
    seeding.record(services, "organisation")  # already recorded, unless a version that recorded no steps made it
    if "knowledge" not in done:
        seed_knowledge(services, org_id)
    if "reviews" not in done:
        reporter.stage("seeding", "reviews")
        reviews.seed_demo_suggestions(services)
        seeding.record(services, "reviews")
    if "year" not in done:
        year.seed_demo_year(services)  # records its step with its data; an older version's year is kept as it is
        seeding.record(services, "year")
    if "teams" not in done:
        reporter.stage("seeding", "teams")
        teams.seed_demo_teams(services)  # Wijkteam Noord's intervisie, through the teams services
        seeding.record(services, "teams")
    added = seeding.complete_index(services)
    log.info("demo organisation complete; %d item(s) indexed at the end", added)
    return True


def seed_organisation(services: Services) -> int:
    """The organisation, its people, their situations, an entry and the rhythm: one transaction, so all or none."""
    with services.sessions() as session:
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
        seeding.mark(session, "organisation")
        session.commit()  # indexed by the last step, once committed
        return org.id


def seed_knowledge(services: Services, org_id: int) -> None:
    """The starter documents: each stored and indexed in its own transaction; one already stored is skipped."""
    files = documents.files_of(services.settings.knowledge_dir)
    reporter = startup.current()
    reporter.stage("seeding", "knowledge", len(files))
    with services.sessions() as session:
        stored = set(session.scalars(select(KnowledgeDocument.source_name).where(KnowledgeDocument.org_id == org_id)))
        for n, (file, source) in enumerate(files, 1):
            if source not in stored:
                documents.ingest_file(session, services.index, org_id, file, source)
            reporter.advance(n)
        seeding.mark(session, "knowledge")
        session.commit()
    log.info("demo knowledge: %d document(s)", len(files))
