"""The verbs and activity types each learning event becomes: registered IRIs only (ADL, Activity Streams, TinCan).

There is no registered "reflected" verb. Rather than mint one that no LRS report knows, a reflection is told as
ADL's *completed* on an activity whose type and name say it is a reflection (a cycle phase, a whole cycle, a
week's reflection): every dashboard counts completions, and the activity says what was completed.

A product's approval is told from the learner's side, as ADL's *satisfied* ("the authority determined the actor
fulfilled the criteria"): the record is the learner's, and Activity Streams' *approve* would make the expert the
actor, whose data they never agreed to send. docs/xapi.md keeps this table for people; keep both in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.core import events


@dataclass(frozen=True)
class Verb:
    iri: str
    en: str
    nl: str

    def as_xapi(self) -> dict:
        return {"id": self.iri, "display": {"en-US": self.en, "nl-NL": self.nl}}


CREATED = Verb("http://activitystrea.ms/schema/1.0/create", "created", "heeft gemaakt")
COMPLETED = Verb("http://adlnet.gov/expapi/verbs/completed", "completed", "heeft afgerond")
SUBMITTED = Verb("http://activitystrea.ms/schema/1.0/submit", "submitted", "heeft ingediend")
SATISFIED = Verb("https://w3id.org/xapi/adl/verbs/satisfied", "satisfied", "heeft voldaan aan")
SHARED = Verb("http://adlnet.gov/expapi/verbs/shared", "shared", "heeft gedeeld")

# The activity types (all registered): what the object of a statement is.
SITUATION_TYPE = "http://activitystrea.ms/schema/1.0/event"  # something that happened at work
CYCLE_TYPE = "http://adlnet.gov/expapi/activities/module"  # a reflection cycle: a unit made of phases
PHASE_TYPE = "http://adlnet.gov/expapi/activities/lesson"  # one phase of a cycle
PRODUCT_TYPE = "http://id.tincanapi.com/activitytype/document"  # an action plan, advice note, learning goal...
WEEK_TYPE = "http://adlnet.gov/expapi/activities/module"  # a week of the weekly rhythm, reflected on
TEAM_SESSION_TYPE = "http://id.tincanapi.com/activitytype/meeting"  # a peer consultation (intervisie)

# event kind -> (verb, type of its object)
VERBS: dict[str, tuple[Verb, str]] = {
    events.SITUATION_CAPTURED: (CREATED, SITUATION_TYPE),
    events.PHASE_COMPLETED: (COMPLETED, PHASE_TYPE),
    events.CYCLE_COMPLETED: (COMPLETED, CYCLE_TYPE),
    events.PRODUCT_DRAFTED: (CREATED, PRODUCT_TYPE),
    events.PRODUCT_SUBMITTED: (SUBMITTED, PRODUCT_TYPE),
    events.PRODUCT_APPROVED: (SATISFIED, PRODUCT_TYPE),
    events.WEEK_REFLECTED: (COMPLETED, WEEK_TYPE),
    events.TEAM_CONTRIBUTED: (SHARED, TEAM_SESSION_TYPE),
}


def verb_table() -> list[dict[str, str]]:
    """The table docs/integrations.md and docs/xapi.md show, from the code itself (a test keeps them in step)."""
    return [{"event": kind, "verb": verb.iri, "display": verb.en, "activity_type": kind_type}
            for kind, (verb, kind_type) in VERBS.items()]
