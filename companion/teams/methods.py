"""Peer-consultation methods as explicit state machines: their phases, and who may post what in each phase.

A method is data, like a reflection cycle: an ordered list of phases, each with the kinds of contribution it takes
and who may post each kind. The server enforces these rules (:func:`check_post`); the words for each phase (label,
what is asked now, the facilitator's opening) live in the question bank `prompts/questions/intervisie.<lang>.yaml`.

Who posts, per kind:
- ``others``: the team's members except the case owner (questions, analysis, advice);
- ``owner``: the case owner only (answers, the choice, the harvest, their action);
- ``members``: every member of the team (the report back in an action learning set);
- ``everyone``: every member and the team's expert (the evaluation);
- ``lead``: the case owner, the facilitator or the team's expert (the follow-up agreement).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.core.errors import Conflict

CASES, CHOOSE, CLOSED = "cases", "choose", "closed"
DEFAULT_METHOD = "incident"
HIDDEN_UNTIL_ALL = "advice"  # the kind nobody sees before everyone gave theirs (or the deadline passed)
KINDS = ("question", "answer", "analysis", "advice", "choice", "evaluation", "agreement", "harvest", "report")


@dataclass(frozen=True)
class Phase:
    id: str
    posts: dict[str, str] = field(default_factory=dict)  # kind -> who may post it
    silent_owner: bool = False  # the case owner only listens (analysis, gossip)
    summarise: bool = True  # the facilitator summarises the round when it ends

    def takes(self, kind: str) -> bool:
        return kind in self.posts


@dataclass(frozen=True)
class Method:
    id: str
    phases: tuple[Phase, ...]
    asynchronous: bool = False  # meant for teams that do not meet at one time (deadlines and a quorum)
    series: bool = False  # one of several sessions, each opening with what came of the last agreement

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def phase_ids(self) -> list[str]:
        return [p.id for p in self.phases]

    def first(self) -> str:
        return self.phases[0].id

    def next_phase(self, phase_id: str) -> str:
        ids = self.phase_ids()
        return ids[min(ids.index(phase_id) + 1, len(ids) - 1)]

    def is_before(self, phase_id: str, other: str) -> bool:
        ids = self.phase_ids()
        return ids.index(phase_id) < ids.index(other)


_START = (Phase(CASES, summarise=False), Phase(CHOOSE, summarise=False))
_END = (Phase("evaluation", {"evaluation": "everyone", "agreement": "lead"}), Phase(CLOSED, summarise=False))

METHODS: dict[str, Method] = {
    "incident": Method("incident", (
        *_START,
        Phase("questions", {"question": "others"}),
        Phase("answers", {"answer": "owner"}),
        Phase("analysis", {"analysis": "others"}, silent_owner=True),
        Phase("advice", {"advice": "others"}, silent_owner=True),
        Phase("choice", {"choice": "owner"}),
        *_END,
    )),
    "roddel": Method("roddel", (
        *_START,
        Phase("questions", {"question": "others", "answer": "owner"}),
        Phase("gossip", {"analysis": "others"}, silent_owner=True),
        Phase("harvest", {"harvest": "owner"}),
        *_END,
    ), asynchronous=True),
    "action_learning": Method("action_learning", (
        Phase("report", {"report": "members"}),
        *_START,
        Phase("questions", {"question": "others"}),
        Phase("answers", {"answer": "owner"}),
        Phase("action", {"agreement": "owner"}),
        Phase("evaluation", {"evaluation": "everyone"}),
        Phase(CLOSED, summarise=False),
    ), series=True),
}
METHOD_IDS = tuple(METHODS)


def get(method_id: str) -> Method:
    return METHODS[method_id]


@dataclass(frozen=True)
class Poster:
    """Who is posting, relative to the session: a member (and whether they own the case), or the team's expert."""

    is_member: bool
    is_expert: bool
    is_case_owner: bool
    is_facilitator: bool


def may_post(phase: Phase, kind: str, who: Poster) -> bool:
    rule = phase.posts.get(kind)
    if rule is None:
        return False
    return {"others": who.is_member and not who.is_case_owner,
            "owner": who.is_case_owner,
            "members": who.is_member,
            "everyone": who.is_member or who.is_expert,
            "lead": who.is_case_owner or who.is_facilitator or who.is_expert}[rule]


def kinds_for(phase: Phase, who: Poster) -> list[str]:
    """The kinds this person may post now (what the UI offers)."""
    return [kind for kind in phase.posts if may_post(phase, kind, who)]


def check_post(method: Method, phase_id: str, kind: str, who: Poster, label: str) -> None:
    """Raise the 409 that says why `who` may not post `kind` now; `label` names the phase in the caller's words."""
    if phase_id == CLOSED:
        raise Conflict("team_session_closed")
    phase = method.phase(phase_id)
    if may_post(phase, kind, who):
        return
    if not phase.posts:
        raise Conflict("team_phase_no_posts", phase=label)
    if kind == "advice" and phase_id == "questions":
        raise Conflict("team_no_advice_yet")
    if who.is_case_owner and (phase.silent_owner or (phase.takes(kind) and phase.posts[kind] == "others")):
        raise Conflict("team_case_owner_listens", phase=label)
    if phase.takes(kind) and phase.posts[kind] == "owner":
        raise Conflict("team_case_owner_only", phase=label)
    if phase.takes(kind) and not who.is_member:
        raise Conflict("team_members_only")
    raise Conflict("team_kind_not_in_phase", kind=kind, phase=label)
