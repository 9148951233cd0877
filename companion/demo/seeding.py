"""The demo is seeded in steps that can each be interrupted (a killed first start) and run again.

Every step records a SeedStep row together with its data (one transaction) or after its idempotent parts, and
its data goes into the index only once committed. The last step brings the whole index in line with SQL, as
`companion doctor --repair` does, so whatever an interrupted start left unindexed is indexed on the next one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion import doctor
from companion.core import startup
from companion.models import SeedStep
from companion.services import Services

STEPS = ("organisation", "knowledge", "reviews", "year", "teams", "index")  # "index" done = the demo is complete


def done_steps(session: Session) -> set[str]:
    return set(session.scalars(select(SeedStep.step)))


def mark(session: Session, step: str) -> None:
    """Record `step` as done when the session commits (with the step's own data, where it is one transaction)."""
    if session.get(SeedStep, step) is None:
        session.add(SeedStep(step=step))


def record(services: Services, step: str) -> None:
    """Record `step` as done on its own (a step of several transactions, each safe to repeat)."""
    with services.sessions() as session:
        mark(session, step)
        session.commit()


def complete_index(services: Services) -> int:
    """Index what SQL holds and the index lacks (and drop what it should not hold); returns the items added."""
    report = doctor.Report()
    reporter = startup.current()
    with services.sessions() as session:
        problems = doctor.compare_index(session, services.index, report)
        expected = report._expected  # noqa: SLF001 - what a rebuild from SQL would write
        total = sum(len((d["missing_lexical"] | d.get("missing_vectors", set())) & set(expected.units.get(u, {})))
                    for u, d in problems.items())
        reporter.stage("indexing", "index", total)
        added = [0]

        def advance(n: int) -> None:
            added[0] = n
            reporter.advance(n)

        if problems:
            doctor.repair_index(services.index, expected, problems, report, advance)
        mark(session, "index")
        session.commit()
    return added[0]
