"""Demo weekly rhythm and learning agreements: Anne's recent weeks and an agreement with a pending change.

Relative to the clock, so the demo's "current week" is always meaningful: the last five weeks (one of them
left empty: skipped, never counted against her), and this week planned with a capture.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from companion.core import clock
from companion.models import AgreementVersion, LearningAgreement, Person, QuickCapture, WeekCycle, WorkSituation
from companion.rhythm.iso_weeks import shift, week_bounds, week_of
from companion.services import Services

# weeks ago → (focus, experiment, outcome, happened, learned, next step); None = a week left empty
ANNE_WEEKS = {
    5: ("De overdracht structureren", "Bij één overdracht voorstellen om de vaste volgorde te gebruiken",
        "tried", "Collega's volgden de volgorde; het ging sneller.", "Een voorstel doen is minder eng dan ik dacht.",
        "Elke overdracht de volgorde op het whiteboard zetten"),
    4: ("Elke overdracht de volgorde op het whiteboard zetten", "Maandag en donderdag de volgorde opschrijven",
        "partly", "Maandag lukte het, donderdag was het te druk.", "Op drukke dagen moet het nog korter.",
        "Een kaartje met de drie punten maken"),
    3: None,
    2: ("Feedback vragen na de overdracht", "Na één overdracht een collega vragen wat beter kan",
        "tried", "Mijn collega zei dat ik rustiger praat dan vroeger.", "Vragen om feedback levert echt iets op.",
        "Ook in het teamoverleg iets inbrengen"),
    1: ("Ook in het teamoverleg iets inbrengen", "In het teamoverleg één idee zelf benoemen",
        "not_tried", "Het overleg ging niet door.", "Ik wil het wel, ik had het al voorbereid.",
        "In het volgende teamoverleg mijn idee voor de werkdrukcheck zelf benoemen"),
}
CAPTURE_NOW = "Bij de overdracht vroeg een nieuwe collega of we de volgorde op het whiteboard konden houden."


def _at(year: int, week: int, tz: str, days: float) -> object:
    return week_bounds(year, week, tz)[0] + timedelta(days=days)


def seed_weeks(session: Session, services: Services, anne: Person) -> None:
    tz = clock.zone(anne.timezone)
    current = week_of(services.clock.now(), tz)
    for ago, content in ANNE_WEEKS.items():
        if content is None:
            continue
        year, week = shift(*current, -ago)
        focus, experiment, outcome, happened, learned, next_step = content
        session.add(WeekCycle(person_id=anne.id, iso_year=year, iso_week=week, focus=focus, experiment=experiment,
                              plan_source="template", planned_at=_at(year, week, tz, 0.4), experiment_outcome=outcome,
                              happened=happened, learned=learned, next_step=next_step,
                              reflected_at=_at(year, week, tz, 4.6), created_at=_at(year, week, tz, 0.4),
                              updated_at=_at(year, week, tz, 4.6)))
    now = services.clock.now()
    captured_at = max(now - timedelta(minutes=30), week_bounds(*current, tz)[0])
    row = WeekCycle(person_id=anne.id, iso_year=current[0], iso_week=current[1], focus=ANNE_WEEKS[1][5],
                    experiment="Mijn idee vooraf in drie zinnen opschrijven en het als eerste agendapunt noemen",
                    plan_source="template", planned_at=min(now, _at(*current, tz, 0.4)))
    session.add(row)
    session.flush()
    situation = WorkSituation(owner_id=anne.id, title="Collega wil de whiteboard-volgorde houden",
                              description=CAPTURE_NOW, created_at=captured_at, updated_at=captured_at)
    session.add(situation)
    session.flush()
    session.add(QuickCapture(person_id=anne.id, week_id=row.id, text=CAPTURE_NOW, situation_id=situation.id,
                             created_at=captured_at))  # indexed once committed, by the demo's last step


def seed_agreements(session: Session, services: Services, persons: dict[str, Person]) -> None:
    now = services.clock.now()
    anne, eva, admin = persons["anne"], persons["eva"], persons["admin"]
    first = AgreementVersion(
        number=1, goals="- De overdracht structureren met een vaste volgorde\n- Mijn ideeën zelf inbrengen in het "
                        "teamoverleg", rhythm="Maandagochtend weekplan, vrijdagmiddag weekafsluiting",
        time_minutes_per_week=60, support="Maandelijks coachgesprek met Eva", resources="Scholingsbudget €500",
        review_date=(now + timedelta(days=60)).date(), change_note="Eerste afspraak", changed_by_id=anne.id,
        created_at=now - timedelta(days=70), professional_agreed_at=now - timedelta(days=69),
        organisation_agreed_at=now - timedelta(days=68), organisation_agreed_by_id=eva.id)
    second = AgreementVersion(
        number=2, goals=first.goals, rhythm=first.rhythm, time_minutes_per_week=90, support=first.support +
        "; een collega als maatje bij de overdracht", resources=first.resources, review_date=first.review_date,
        change_note="Meer leertijd nu de overdracht-aanpak in het hele team loopt", changed_by_id=admin.id,
        created_at=now - timedelta(days=2), organisation_agreed_at=now - timedelta(days=2),
        organisation_agreed_by_id=admin.id)
    session.add(LearningAgreement(person_id=anne.id, org_id=anne.org_id, status="proposed", current_version=2,
                                  agreed_version=1, versions=[first, second], created_at=first.created_at,
                                  updated_at=second.created_at))
    bram = persons["bram"]
    session.add(LearningAgreement(
        person_id=bram.id, org_id=bram.org_id, status="draft", current_version=1, created_at=now, updated_at=now,
        versions=[AgreementVersion(number=1, goals="- Rustig blijven in gesprekken met boze familie",
                                   rhythm="Elke week één gesprek voorbereiden", time_minutes_per_week=45,
                                   support="Intervisie eens per maand", resources="",
                                   review_date=(now + timedelta(days=90)).date(), changed_by_id=bram.id,
                                   created_at=now)]))


def seed_rhythm(session: Session, services: Services, persons: dict[str, Person]) -> None:
    """Anne's rhythm and both agreements (call inside the demo seeding session, before its commit)."""
    seed_weeks(session, services, persons["anne"])
    seed_agreements(session, services, persons)
