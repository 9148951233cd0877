"""A simulated year for the demo organisation, so the dashboard of a fresh `make run` is alive.

Deterministic (a seeded random generator) and relative to the clock: the year always ends today. About thirty
colleagues in four teams follow two trajectories (one ended a year ago, one recently), keep the weekly rhythm with
their own habits, reflect, get products approved and answer the pulse survey. One small team of four shows how the
dashboard hides small groups. Everything is inserted in bulk and committed at once (with its seeding step);
every capture also goes into its owner's search index, because SQL and the index must agree (`companion doctor`
checks it). The captures are composed from parts (`work_texts`), so no two situations read the same.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from companion.accountability.report_facts import cycles_of, period_facts
from companion.accountability.report_wording import commitment_label, template_sections
from companion.accountability.surveys import window_of
from companion.core import startup
from companion.demo import seeding
from companion.demo.work_texts import WorkTexts
from companion.models import (
    Conversation,
    ExpertTeam,
    Message,
    Organisation,
    Person,
    Suggestion,
    Trajectory,
    TrajectoryTeam,
    WorkSituation,
)
from companion.models.accountability import Account, SurveyResponse
from companion.models.rhythm import QuickCapture, WeekCycle
from companion.retrieval.index_sync import situation_item
from companion.services import Services
from companion.trust import auth, people

log = logging.getLogger(__name__)
SEED = 2026
DEMO_ORG = "Zorggroep De Linde (demo)"
COLLEAGUE_PASSWORD = "collega-demo"  # the simulated colleagues share it (hashed once: keeps the first start fast)
# team → (number of simulated colleagues, trajectory); Wijkteam Noord also has anne and bram
TEAMS = {"Wijkteam Noord": (8, "wijk"), "Wijkteam Zuid": (9, "wijk"), "Team Dagbesteding": (8, "vitaal"),
         "Team Nacht": (4, "vitaal")}
FIRST_NAMES = ("Sanne Lars Fatima Joost Noor Mehmet Iris Daan Yara Tim Lotte Kees Amira Ruben Femke Sven Esra Bas "
               "Maud Jesse Naima Thijs Roos Wouter Ilse Stijn Hanna Koen Nadia Gijs").split()
LAST_NAMES = ["Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
              "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Kok", "Jacobs", "Vermeulen", "van Leeuwen"]
FOCUS = ["Rust brengen in de overdracht", "Eerst luisteren, dan uitleggen", "Grenzen aangeven bij extra diensten",
         "Feedback vragen aan een collega", "Familie betrekken bij het zorgplan", "Korter en duidelijker rapporteren",
         "Omgaan met onverwachte drukte", "Een collega inwerken", "Signalen van overbelasting eerder zien"]
EXPERIMENTS = ["Bij de overdracht de vaste volgorde gebruiken", "Eén gesprek beginnen met samenvatten wat ik hoor",
               "Eén keer nee zeggen en uitleggen waarom", "Na een lastig moment een collega om feedback vragen",
               "De familie vooraf bellen in plaats van achteraf", "Mijn rapportage in drie zinnen schrijven",
               "Vijf minuten plannen voordat de dienst begint"]
CAPTURES_PER_WEEK = {True: (0, 0, 1, 1, 2), False: (0,) * 9 + (1,)}  # drawn per active week
PRODUCT_KINDS = (("action_plan", "Actieplan"), ("advice_note", "Adviesnotitie"))


def seed_demo_year(services: Services) -> bool:
    """Add the simulated year to the demo organisation once (False when it is missing or already has it)."""
    started = time.perf_counter()
    with services.sessions() as session:
        org = session.scalar(select(Organisation).where(Organisation.name == DEMO_ORG))
        if org is None or session.scalar(select(func.count()).select_from(Trajectory)
                                         .where(Trajectory.org_id == org.id)):
            return False
        today = services.clock.now().astimezone(UTC).date()
        year = _Year(session, org.id, today, random.Random(SEED))
        year.build()
        seeding.mark(session, "year")
        session.commit()  # the whole year or none of it; what is not indexed below, the demo's last step indexes
        indexed = year.index_captures(services)
    log.info("demo year seeded: %d people, %d weeks, %d conversations, %d indexed, in %.2f s",
             len(year.people), year.weeks, year.conversations, indexed, time.perf_counter() - started)
    return True


class _Year:
    """The simulation: who is in which team, and what each of them did week by week."""

    def __init__(self, session: Session, org_id: int, today: date, rng: random.Random):
        self.session, self.org_id, self.today, self.rng = session, org_id, today, rng
        self.monday = today - timedelta(days=today.weekday())
        self.people: list[dict[str, Any]] = []
        self.weeks = self.conversations = 0
        self.situations_of: dict[int, list[int]] = {}
        self.words = WorkTexts(random.Random(SEED + 1))  # its own stream: the texts do not change who did what

    def build(self) -> None:
        teams = self._people()
        self._trajectories(teams)
        reporter = startup.current()
        reporter.stage("seeding", "year", len(self.people))
        for n, person in enumerate(self.people, 1):
            self._weeks(person)
            reporter.advance(n)
        self._products()
        self._surveys()
        self._accounts()

    # --- who ---------------------------------------------------------------------------------------------
    def _people(self) -> dict[str, int]:
        s = self.session
        teams = {name: people.get_or_create_team(s, self.org_id, name).id for name in TEAMS}
        shared_hash = auth.hash_password(COLLEAGUE_PASSWORD)
        rows, n = [], 0
        for name, (count, _) in TEAMS.items():
            for _ in range(count):
                first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n % len(LAST_NAMES)]
                rows.append({"org_id": self.org_id, "team_id": teams[name], "username": f"{first.lower()}.demo{n}",
                             "display_name": f"{first} {last}", "role": "professional", "password_hash": shared_hash,
                             "language": "nl", "timezone": "Europe/Amsterdam", "active": True})
                n += 1
        expert = Person(org_id=self.org_id, team_id=teams["Wijkteam Zuid"], username="ruud.demo",
                        display_name="Ruud Koster", role="expert", password_hash=shared_hash, language="nl")
        s.add(expert)
        s.execute(insert(Person), rows)
        s.flush()
        for name in ("Wijkteam Zuid", "Team Dagbesteding", "Team Nacht"):
            s.add(ExpertTeam(expert_id=expert.id, team_id=teams[name]))
        eva = s.scalar(select(Person).where(Person.org_id == self.org_id, Person.username == "eva"))
        self.reviewer_of = {teams[name]: expert.id for name in TEAMS}
        if eva is not None and eva.team_id:
            self.reviewer_of[eva.team_id] = eva.id
        trajectory_of_team = {teams[name]: kind for name, (_, kind) in TEAMS.items()}
        found = s.execute(select(Person.id, Person.username, Person.team_id).where(
            Person.org_id == self.org_id, Person.role == "professional")).all()
        for pid, username, team_id in found:
            demo_user = "." not in username  # anne and bram: the logins of the demo
            self.people.append({"id": pid, "team_id": team_id, "demo_user": demo_user,
                                "trajectory": trajectory_of_team.get(team_id, "wijk"),
                                "habit": 0.85 if demo_user else self.rng.uniform(0.45, 0.95),
                                "keeps_going": demo_user or self.rng.random() < 0.6})
        return teams

    def _trajectories(self, teams: dict[str, int]) -> None:
        wijk_end = self.monday - timedelta(weeks=54, days=3)  # ended a year ago, on a Thursday
        vitaal_end = self.monday - timedelta(weeks=8, days=3)
        self.ends = {"wijk": wijk_end, "vitaal": vitaal_end}
        self.starts = {"wijk": wijk_end - timedelta(weeks=26), "vitaal": vitaal_end - timedelta(weeks=30)}
        for kind, name, text in (("wijk", "Leren in de wijk 2025", "Reflecteren op lastige situaties in de wijk."),
                                 ("vitaal", "Vitaal werken 2026", "Werkdruk, grenzen en samenwerken.")):
            trajectory = Trajectory(org_id=self.org_id, name=name, description=text, starts_on=self.starts[kind],
                                    ends_on=self.ends[kind])
            self.session.add(trajectory)
            self.session.flush()
            for team_name, (_, team_kind) in TEAMS.items():
                if team_kind == kind:
                    self.session.add(TrajectoryTeam(trajectory_id=trajectory.id, team_id=teams[team_name]))

    # --- what each person did, week by week ----------------------------------------------------------------
    def _chance(self, person: dict[str, Any], week_start: date) -> float:
        start, end = self.starts[person["trajectory"]], self.ends[person["trajectory"]]
        if week_start < start:
            return 0.0
        if week_start <= end:
            return person["habit"]
        weeks_after = (week_start - end).days / 7
        if person["keeps_going"]:
            return person["habit"] * max(0.55, 1 - weeks_after / 120)
        return person["habit"] * 0.5 ** (weeks_after / 3)  # stops within a few weeks

    def _weeks(self, person: dict[str, Any]) -> None:
        rng, s = self.rng, self.session
        existing = {(y, w) for y, w in s.execute(select(WeekCycle.iso_year, WeekCycle.iso_week)
                                                 .where(WeekCycle.person_id == person["id"]))}
        first = self.starts[person["trajectory"]]
        week_start = first - timedelta(days=first.weekday())
        # complete weeks only, and never into weeks the rhythm demo wrote (its empty week is on purpose)
        until = min([self.monday, *(date.fromisocalendar(y, w, 1) for y, w in existing)])
        cycles, captures, chats = [], [], []
        while week_start < until:
            iso = week_start.isocalendar()
            if (iso.year, iso.week) not in existing and rng.random() < self._chance(person, week_start):
                planned = _at(week_start, 8, rng)
                reflected = rng.random() < 0.78
                outcome = rng.choices(("tried", "partly", "not_tried"), (6, 3, 1))[0] if reflected else None
                cycles.append({"person_id": person["id"], "iso_year": iso.year, "iso_week": iso.week,
                               "focus": rng.choice(FOCUS), "experiment": rng.choice(EXPERIMENTS),
                               "plan_source": "manual", "planned_at": planned, "experiment_outcome": outcome,
                               "happened": self.words.situation()[1] if reflected else "",
                               "learned": self.words.learned() if reflected else "",
                               "next_step": self.words.next_step() if reflected else "",
                               "reflected_at": _at(week_start + timedelta(days=4), 15, rng) if reflected else None,
                               "created_at": planned, "updated_at": planned})
                # the demo logins capture about once a week; the colleagues, whose portfolios nobody opens, less
                # often: each capture is a situation to embed, and that is most of the year's seeding time
                captures += [(iso.year, iso.week, _at(week_start + timedelta(days=rng.randint(0, 4)), 12, rng))
                             for _ in range(rng.choice(CAPTURES_PER_WEEK[person["demo_user"]]))]
                if not person["demo_user"] and rng.random() < 0.35:
                    chats.append(_at(week_start + timedelta(days=rng.randint(0, 4)), 13, rng))
            week_start += timedelta(weeks=1)
        if cycles:
            s.execute(insert(WeekCycle), cycles)
        self.weeks += len(cycles)
        self._captures(person, captures)
        self._conversations(person, chats)

    def _captures(self, person: dict[str, Any], captures: list[tuple[int, int, datetime]]) -> None:
        if not captures:
            return
        s = self.session
        week_ids = {(y, w): i for i, y, w in s.execute(select(WeekCycle.id, WeekCycle.iso_year, WeekCycle.iso_week)
                                                       .where(WeekCycle.person_id == person["id"]))}
        texts = [self.words.situation(person["id"]) for _ in captures]
        situation_ids = list(s.scalars(insert(WorkSituation).returning(WorkSituation.id, sort_by_parameter_order=True),
                                       [{"owner_id": person["id"], "title": title, "description": text,
                                         "created_at": when, "updated_at": when}
                                        for (title, text), (_, _, when) in zip(texts, captures, strict=True)]))
        s.execute(insert(QuickCapture), [{"person_id": person["id"], "week_id": week_ids[(y, w)], "text": text,
                                          "situation_id": sid, "created_at": when}
                                         for (_, text), sid, (y, w, when) in zip(texts, situation_ids, captures,
                                                                                 strict=True)
                                         if (y, w) in week_ids])
        self.situations_of[person["id"]] = situation_ids

    def _conversations(self, person: dict[str, Any], moments: list[datetime]) -> None:
        if not moments:
            return
        rng, s = self.rng, self.session
        rows, openings = [], []
        for when in moments:
            completed = rng.random() < 0.72
            state = {"cycle": "alact", "phase": "trial" if completed else rng.choice(("looking_back", "awareness")),
                     "slots": {}, "skipped": [], "asked": [], "pending": None, "attempts": {}, "referenced": [],
                     "completed": completed, "round": 1, "seed": 0, "turns": rng.randint(4, 12)}
            title, opening = self.words.situation()
            openings.append(opening)
            rows.append({"owner_id": person["id"], "title": title, "language": "nl", "cycle": "alact",
                         "phase": state["phase"], "state": state, "created_at": when, "updated_at": when})
        ids = list(s.scalars(insert(Conversation).returning(Conversation.id, sort_by_parameter_order=True), rows))
        s.execute(insert(Message), [{"conversation_id": cid, "role": "user", "content": opening,
                                     "phase": "action", "sources": [], "complete": True, "mode": "guide",
                                     "created_at": row["created_at"]}
                                    for cid, row, opening in zip(ids, rows, openings, strict=True)])
        self.conversations += len(rows)
        person["cycles"] = sum(cycles_of(r["state"])[1] for r in rows)

    # --- products, surveys, accounts ----------------------------------------------------------------------
    def _products(self) -> None:
        rng, rows = self.rng, []
        for person in self.people:
            if person["demo_user"]:
                continue  # their suggestions come from the review demo
            for _ in range(int(person.get("cycles", 0) * 0.5)):
                created = _at(self.monday - timedelta(days=rng.randint(7, 360)), 10, rng)
                kind, label = rng.choice(PRODUCT_KINDS)
                payload = {"title": label, "steps": [rng.choice(EXPERIMENTS)]}
                reviewed = created + timedelta(hours=rng.uniform(4, 24 * 6))
                rows.append({"owner_id": person["id"], "kind": kind, "title": f"{label}: {rng.choice(FOCUS)}",
                             "language": "nl", "draft": payload, "final": payload, "status": "approved",
                             "situation_ids": [], "drafted_by": "offline guide", "prompt_version": "demo",
                             "reviewer_id": self.reviewer_of.get(person["team_id"]), "review_comment": "Helder plan.",
                             "reviewed_at": reviewed, "created_at": created, "updated_at": reviewed})
        if rows:
            self.session.execute(insert(Suggestion), rows)

    def _surveys(self) -> None:
        rng, rows = self.rng, []
        start = window_of(self.monday - timedelta(weeks=52))[0]
        while start + timedelta(days=27) < self.today:
            for person in self.people:
                if person["demo_user"] or rng.random() > self._chance(person, start) * 0.8:
                    continue
                satisfaction = rng.choices((5, 4, 3, 2), (5, 4, 1, 0.3))[0]
                rows.append({"person_id": person["id"], "org_id": self.org_id, "team_id": person["team_id"],
                             "period_start": start, "satisfaction": satisfaction,
                             "applied": min(5, max(1, satisfaction - rng.choice((0, 0, 1)))),
                             "fits_week": rng.choice((2, 3, 3, 4, 4, 5)),
                             "comment": self.words.comment() if rng.random() < 0.12 else "",
                             "created_at": _at(start + timedelta(days=rng.randint(0, 20)), 16, rng)})
            start += timedelta(days=28)
        if rows:
            self.session.execute(insert(SurveyResponse), rows)

    def _accounts(self) -> None:
        """Three colleagues gave account of the last quarter and shared part of it with the organisation."""
        end = self.monday - timedelta(days=1)
        start = end - timedelta(weeks=13) + timedelta(days=1)
        colleagues = [p for p in self.people if not p["demo_user"] and p["keeps_going"]][:3]
        marks = ("delivered", "partly", "delivered")
        for n, person in enumerate(colleagues):
            facts = period_facts(self.session, person["id"], start, end)
            commitments = [{"key": "time", "minutes": 60, "text": "", "mark": marks[n], "note": ""},
                           {"key": "support", "text": "Maandelijks gesprek met de begeleider", "mark": "delivered",
                            "note": ""}]
            sections = template_sections(None, "nl", facts, commitments, start, end)
            approved = datetime.combine(end, datetime.min.time(), UTC) - timedelta(days=2)
            payload = {"account_id": 0, "period_start": start.isoformat(), "period_end": end.isoformat(), **sections,
                       "commitments": [{"commitment": commitment_label(None, "nl", item), "mark": item["mark"],
                                        "note": ""} for item in commitments]}
            suggestion = Suggestion(owner_id=person["id"], kind="account", title=f"Verantwoording {start} – {end}",
                                    language="nl", draft=payload, final=payload, status="approved",
                                    situation_ids=[], drafted_by="offline guide", prompt_version="account-v1",
                                    reviewer_id=self.reviewer_of.get(person["team_id"]),
                                    review_comment="Eerlijk beeld van het kwartaal.", reviewed_at=approved,
                                    created_at=approved - timedelta(days=3), updated_at=approved)
            self.session.add(suggestion)
            self.session.flush()
            self.session.add(Account(owner_id=person["id"], org_id=self.org_id, period_start=start, period_end=end,
                                     language="nl", status="approved", facts=facts, commitments=commitments,
                                     sections=sections, shared=["organisation"] if n else ["professional",
                                                                                          "organisation"],
                                     suggestion_id=suggestion.id, drafted_by="offline guide", approved_at=approved))

    def index_captures(self, services: Services) -> int:
        """Put everyone's captures in their search index, so SQL and the index agree."""
        count = 0
        reporter = startup.current()
        reporter.stage("indexing", "year", sum(len(ids) for ids in self.situations_of.values()))
        for person_id, ids in self.situations_of.items():
            rows = list(self.session.scalars(select(WorkSituation).where(WorkSituation.id.in_(ids))))
            if rows:
                services.index.upsert_personal(person_id, [situation_item(s) for s in rows])
                count += len(rows)
                reporter.advance(count)
        return count


def _at(day: date, hour: int, rng: random.Random) -> datetime:
    """A moment on `day` around `hour` (UTC), a little different each time."""
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=hour, minutes=rng.randint(0, 59))
