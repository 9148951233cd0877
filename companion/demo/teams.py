"""Learning as a team in the demo: Wijkteam Noord's intervisie, all through the teams services.

One incidentmethode session finished three weeks ago: Anne shared her own situation about the evening handover, the
team voted for it, asked, analysed and advised, Anne chose two pieces of advice, Eva set a follow-up agreement, and
the advice note the team wrote is approved into the team portfolio. A second session runs now, in the question
round about Bram's conversation with a client's daughter: three colleagues asked, Anne has not yet (so her week
shows the reminder). Every step runs at its own moment of a stepped clock, so the timeline reads like real life.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from companion.core.clock import FixedClock
from companion.core.principal import Principal
from companion.demo import seeding
from companion.models import (
    Organisation,
    Person,
    Suggestion,
    Team,
    TeamContribution,
    TeamProduct,
    TeamSession,
    WorkSituation,
)
from companion.review import suggestions
from companion.services import Services
from companion.teams import flow, sessions, taking_part, team_products
from companion.trust import people

log = logging.getLogger(__name__)
STEP = "teams"
DEMO_ORG = "Zorggroep De Linde (demo)"
TEAM = "Wijkteam Noord"  # anne, bram and eight simulated colleagues, coached by eva

QUESTIONS = [
    ("c1", "Wie had die avond de leiding over de overdracht, volgens het rooster?"),
    ("bram", "Wat maakte dat je op dat moment niets zei?"),
    ("c2", "Was het de eerste keer dat de overdracht zo liep?"),
    ("c1", "Wat had je nodig gehad om in te grijpen?"),
]
ANSWERS = [
    "Niemand eigenlijk. De teamleider was er wel, maar die zat met zijn hoofd bij de planning.",
    "Ik wilde niet de betweter zijn. Ik ben pas een half jaar in dit team en de anderen werken er al jaren.",
    "Nee, het gebeurt vaker op drukke avonden. Deze keer merkte een cliënt het, daarom zit het me zo dwars.",
    "Een afspraak vooraf over wie de overdracht leidt. Dan voelt ingrijpen niet als voordringen.",
]
ANALYSES = [
    ("bram", "Ik hoor vooral dat er geen vaste volgorde is. Dan wint wie het hardst praat."),
    ("c2", "Het gaat ook over je plek in het team: je weet het wel, maar je vindt dat je het niet mag zeggen."),
    ("c1", "De teamleider is aanwezig maar neemt geen regie. Dat laat een gat dat niemand durft te vullen."),
]
ADVICE = [
    ("bram", "Stel in het teamoverleg een vaste volgorde voor: cliënt, risico's, afspraken. Dan ligt het niet "
             "aan jou als je iemand onderbreekt."),
    ("c1", "Spreek per dienst af wie de overdracht leidt, en wissel dat. Begin zelf, dan is het ijs gebroken."),
    ("c2", "Vraag na afloop één collega hoe zij de overdracht vond. Zo merk je of je zorg gedeeld wordt."),
]
CHOICE = ("Ik kies voor de vaste volgorde en een wisselende voorzitter. Die twee versterken elkaar; ik neem het "
          "voorstel mee naar het teamoverleg van volgende week.")
EVALUATIONS = [
    ("anne", "Het luchtte op dat anderen hetzelfde zien. Ik voel me minder de zeurpiet."),
    ("bram", "Goed dat we niet meteen met advies kwamen; de vragen brachten het echte probleem boven."),
]
AGREEMENT = ("Anne brengt de vaste volgorde in het teamoverleg in; over vier weken vertelt ze in de intervisie hoe "
             "de eerste overdrachten gingen.")
PRODUCT_TITLE = "Adviesnotitie: rust en regie in de overdracht"
COMMENT = "Mooi dat de wisselende voorzitter erin staat. Zullen we erbij zetten dat de nachtdienst ook meedoet?"
OTHER_CASE = ("Nieuwe collega durft niet te bellen", "Een nieuwe collega belt de huisarts niet als het nodig is "
              "en vraagt het steeds aan mij. Ik weet niet hoe ik haar zelfstandiger krijg zonder haar te laten vallen.")

RUNNING_QUESTIONS = [
    ("c1", "Wat wist je van haar verwachtingen voordat ze boos werd?"),
    ("c2", "Hoe reageerde ze toen je het rooster uitlegde?"),
    ("c3", "Wat zou je haar nu willen vragen, als je het gesprek over mocht doen?"),
]


class _Team:
    """The people of the demo team as principals, and a stepped clock to act at chosen moments."""

    def __init__(self, services: Services, team_id: int, me: dict[str, Principal], start: datetime):
        self.services, self.team_id, self.me = services, team_id, me
        self.clock = FixedClock(start)
        base = flow.context_of(services)
        self.ctx = flow.Context(clock=self.clock, index=base.index, wording=base.wording)

    def at(self, **delta: float) -> None:
        self.clock.advance(**delta)

    def post(self, session_id: int, who: str, kind: str, text: str, refs: list[int] | None = None) -> int:
        with self.services.sessions() as s:
            done = taking_part.post(s, self.me[who], self.ctx, session_id, kind=kind, text=text, refs=refs)
            self._dated(s, done["contribution"], done["nudge"])
            return done["contribution"].id

    def advance(self, session_id: int, who: str = "eva") -> None:
        with self.services.sessions() as s:
            ts, team = sessions.load(s, self.me[who], session_id, self.ctx)
            before = s.scalar(select(func.max(TeamContribution.id)).where(TeamContribution.session_id == ts.id))
            flow.advance_by(s, ts, self.ctx, is_lead=sessions.is_lead(ts, self.me[who], team), expected=ts.phase)
            s.flush()
            self._dated(s, *s.scalars(select(TeamContribution).where(TeamContribution.session_id == ts.id,
                                                                      TeamContribution.id > (before or 0))))
            s.commit()

    def seen(self, session_id: int, *who: str) -> None:
        """They read the session up to now (their "since your last visit" starts here)."""
        with self.services.sessions() as s:
            for key in who:
                sessions.mark_seen(s, self.me[key], self.ctx, session_id)

    def _dated(self, s, *posts) -> None:
        """Stored at the stepped clock's moment, not the seeding's: the timeline a member scrolls through."""
        for p in posts:
            if p is not None:
                p.created_at = self.clock.now()
        s.commit()


def seed_demo_teams(services: Services) -> bool:
    """Wijkteam Noord's finished and running intervisie (False when the team is missing or already has them)."""
    with services.sessions() as session:
        org_id = session.scalar(select(Organisation.id).where(Organisation.name == DEMO_ORG))
        team = session.scalar(select(Team).where(Team.org_id == org_id, Team.name == TEAM)) if org_id else None
        if team is None:
            return False
        _clear_interrupted(session, team.id)
        persons = {p.username: p for p in session.scalars(select(Person).where(Person.org_id == org_id))}
        colleagues = sorted((p for p in persons.values() if p.team_id == team.id and p.role == "professional"
                             and p.username not in ("anne", "bram")), key=lambda p: p.id)
        if len(colleagues) < 3:
            return False
        cast = {"anne": persons["anne"], "bram": persons["bram"], "eva": persons["eva"],
                **{f"c{n}": p for n, p in enumerate(colleagues[:3], 1)}}
        handover = session.scalar(select(WorkSituation.id).where(WorkSituation.owner_id == persons["anne"].id,
                                                                 WorkSituation.title == "Overdracht liep uit de hand"))
        family = session.scalar(select(WorkSituation.id).where(
            WorkSituation.owner_id == persons["bram"].id, WorkSituation.title.like("Lastig gesprek met familie%")))
        cast = {key: people.principal_of(p) for key, p in cast.items()}
        team_id = team.id
    now = services.clock.now()
    t = _Team(services, team_id, cast, now - timedelta(days=21, hours=2))
    _finished(t, handover)
    t.clock.set(now - timedelta(hours=26))
    _running(t, family)
    seeding.record(services, STEP)
    log.info("demo teams: a finished and a running intervisie for %s", TEAM)
    return True


def _clear_interrupted(session, team_id: int) -> None:
    """What an interrupted earlier run of this step left (its services commit as they go) is removed, so the step
    starts over; the demo's last step then drops their items from the index too."""
    products = list(session.scalars(select(TeamProduct).where(TeamProduct.team_id == team_id)))
    for product in products:
        if product.suggestion_id:
            session.execute(delete(Suggestion).where(Suggestion.id == product.suggestion_id))
        session.delete(product)
    session.execute(delete(TeamSession).where(TeamSession.team_id == team_id))
    session.commit()


def _finished(t: _Team, handover: int | None) -> None:
    """The incidentmethode from the first case to the approved advice note in the team portfolio."""
    with t.services.sessions() as s:
        ts = sessions.create(s, t.me["eva"], t.ctx, team_id=t.team_id, title="Intervisie: de overdracht in de "
                             "avonddienst", method="incident", mode="live", language="nl")
        sid = ts.id
        t._dated(s, *s.scalars(select(TeamContribution).where(TeamContribution.session_id == sid)))
        if handover:
            taking_part.bring_case(s, t.me["anne"], t.ctx, sid, source="situation", source_id=handover)
        else:
            taking_part.bring_case(s, t.me["anne"], t.ctx, sid, title="Overdracht liep uit de hand",
                                   text="Bij de overdracht praatte iedereen door elkaar; een cliënt kreeg zijn "
                                        "medicatie te laat.")
        taking_part.bring_case(s, t.me["c2"], t.ctx, sid, title=OTHER_CASE[0], text=OTHER_CASE[1])
    t.at(minutes=5)
    t.advance(sid)
    with t.services.sessions() as s:
        cases = sessions.view(s, t.me["anne"], t.ctx, sid)["cases"]
        for who, case in (("anne", 0), ("bram", 0), ("c1", 0), ("c2", 1), ("c3", 0)):
            taking_part.vote(s, t.me[who], t.ctx, sid, cases[case]["id"])
    for kind, rows in (("question", QUESTIONS), ("answer", [("anne", a) for a in ANSWERS]),
                       ("analysis", ANALYSES), ("advice", ADVICE)):
        t.at(minutes=3)
        t.advance(sid)
        for who, text in rows:
            t.at(minutes=2)
            t.post(sid, who, kind, text)
    t.at(minutes=3)
    t.advance(sid)  # the advice shows once the choice opens: only then can Anne tick the advice she takes
    with t.services.sessions() as s:
        advice = [c["id"] for c in sessions.view(s, t.me["anne"], t.ctx, sid)["contributions"] if c["kind"] == "advice"]
    t.at(minutes=2)
    t.post(sid, "anne", "choice", CHOICE, refs=advice[:2])
    t.at(minutes=3)
    t.advance(sid)
    for who, text in EVALUATIONS:
        t.at(minutes=2)
        t.post(sid, who, "evaluation", text)
    t.post(sid, "eva", "agreement", AGREEMENT)
    t.at(minutes=2)
    t.advance(sid)
    t.seen(sid, "anne", "bram", "c1", "c2", "c3", "eva")
    t.at(days=1)
    with t.services.sessions() as s:
        pid = team_products.draft(s, t.me["anne"], t.ctx, sid, "advice_note").id
        team_products.edit(s, t.me["anne"], pid, title=PRODUCT_TITLE)
        comment = team_products.comment(s, t.me["bram"], pid, COMMENT)
        comment.created_at = t.clock.now()
        s.commit()
    t.at(days=1)
    with t.services.sessions() as s:
        suggestion_id = team_products.send(s, t.me["anne"], pid).suggestion_id
    t.at(days=2)
    with t.services.sessions() as s:
        suggestions.decide(s, t.services.index, t.me["eva"], suggestion_id, "approved",
                           "Een helder advies, in jullie eigen woorden. Mooi dat iedereen erin terug te vinden is.")


def _running(t: _Team, family: int | None) -> None:
    """Bram's case in the question round: three colleagues asked, Anne not yet (her week reminds her)."""
    with t.services.sessions() as s:
        ts = sessions.create(s, t.me["bram"], t.ctx, team_id=t.team_id, title="Intervisie: een boze dochter aan de "
                             "telefoon", method="incident", mode="async", language="nl",
                             deadlines={"questions": 7 * 24 * 60, "answers": 3 * 24 * 60})
        sid = ts.id
        t._dated(s, *s.scalars(select(TeamContribution).where(TeamContribution.session_id == sid)))
        if family:
            taking_part.bring_case(s, t.me["bram"], t.ctx, sid, source="situation", source_id=family)
        else:
            taking_part.bring_case(s, t.me["bram"], t.ctx, sid, title="Lastig gesprek met familie van een cliënt",
                                   text="De dochter van een cliënt was boos over de planning van de thuiszorg.")
    t.at(hours=1)
    t.advance(sid, "bram")  # one case: the vote is a formality
    t.at(minutes=1)
    t.advance(sid, "bram")
    for who, text in RUNNING_QUESTIONS:
        t.at(hours=5)
        t.post(sid, who, "question", text)
        t.seen(sid, who)
