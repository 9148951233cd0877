"""The summary-fidelity part of `companion bench intervisie`: scripted incidentmethode sessions of four members
(`eval/intervisie/sessions.yaml`) run through the service layer, and the companion's posts checked: every quote in
a round summary a verbatim part of a contribution under its author's name, no content words of its own beyond the
members' words and the bank's fixed phrases, and "not spoken yet" naming exactly who did not post.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from companion.core.config import PROJECT_ROOT, Settings
from companion.teams import facilitator, flow, methods, sessions, taking_part

SET_DIR = PROJECT_ROOT / "eval" / "intervisie"
PROMPTS = PROJECT_ROOT / "prompts"
COMPANION_KINDS = {"facilitation", "summary", "nudge"}
# Who is expected to speak in each summarised phase of the incidentmethode, from the API contract (not the code).
EXPECTED_SPEAKERS = {"questions": "others", "answers": "owner", "analysis": "others", "advice": "others",
                     "choice": "owner", "evaluation": "members"}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def load_sessions(path: Path = SET_DIR / "sessions.yaml") -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _template(pattern: str, **groups: str) -> re.Pattern:
    """A bank template ("- {name}: \"{quote}\"") as a regular expression with named groups."""
    regex = re.escape(pattern)
    for name, group in groups.items():
        regex = regex.replace(re.escape("{" + name + "}"), f"(?P<{name}>{group})")
    return re.compile(f"^{regex}$")


def _bank_words(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_bank_words(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_bank_words(v) for v in node)) if node else set()
    return _words(str(node))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _names(text: str, and_word: str) -> list[str]:
    head, sep, last = text.rpartition(f" {and_word} ")
    return [n for n in (head.split(", ") if sep else []) + [last] if n]


class SessionRun:
    """One scripted session driven through the service layer as its four members would through the API."""

    def __init__(self, services, script: dict[str, Any], org_id: int, number: int):
        from companion.trust import people

        self.services, self.script, self.ctx = services, script, flow.context_of(services)
        self.language = script["language"]
        with services.sessions() as s:
            self.people = {}
            for n, name in enumerate(script["members"]):
                person = people.create_person(s, org_id=org_id, username=f"s{number}m{n}", password=f"bench-pw-{n}x",
                                              role="professional", display_name=name, team=f"Bench {script['id']}",
                                              language=self.language)
                self.people[name] = people.principal_of(person)
            s.commit()
        self.lead = self.people[script["members"][0]]
        self.not_spoken_checks: list[dict[str, Any]] = []

    def _call(self, fn, *args, **kwargs):
        with self.services.sessions() as s:
            return fn(s, *args, **kwargs)

    def _view(self) -> dict[str, Any]:
        return self._call(sessions.view, self.lead, self.ctx, self.sid)

    def _advance(self) -> None:
        def go(s):
            ts, team = sessions.load(s, self.lead, self.sid, self.ctx)
            flow.advance_by(s, ts, self.ctx, is_lead=sessions.is_lead(ts, self.lead, team), expected=None)
            s.commit()
        self._call(go)

    def expected_silent(self, phase: str, owner: str) -> list[str]:
        rule = EXPECTED_SPEAKERS[phase]
        expected = [owner] if rule == "owner" else [m for m in self.script["members"]
                                                     if rule == "members" or m != owner]
        spoken = {post["by"] for post in self.script["rounds"].get(phase, [])}
        return [m for m in expected if m not in spoken]

    def run(self) -> list[dict[str, Any]]:
        script = self.script
        self.sid = self._call(lambda s: sessions.create(s, self.lead, self.ctx, team_id=self.lead.team_id,
                                                        title=script["title"], language=self.language).id)
        for case in script["cases"]:
            self._call(taking_part.bring_case, self.people[case["by"]], self.ctx, self.sid, title=case["title"],
                       text=case["text"])
        self._advance()
        case_ids = [c["id"] for c in self._view()["cases"]]
        for voter, index in (script.get("votes") or {}).items():
            self._call(taking_part.vote, self.people[voter], self.ctx, self.sid, case_ids[index])
        self._advance()
        owner = next(c["by"] for c in script["cases"] if c["title"] == self._view()["case"]["title"])
        advice_ids: list[int] = []
        while (phase := self._view()["phase"]) != methods.CLOSED:
            kind_of = methods.get("incident").phase(phase).posts
            for post in script["rounds"].get(phase, []):
                refs = [advice_ids[i] for i in post.get("refs", [])]
                out = self._call(taking_part.post, self.people[post["by"]], self.ctx, self.sid,
                                 kind=post.get("kind") or next(iter(kind_of)), text=post["text"], refs=refs)
                if phase == "advice":
                    advice_ids.append(out["contribution"].id)
            if phase in EXPECTED_SPEAKERS:
                self.not_spoken_checks.append({"phase": phase, "shown": self._view()["not_spoken"],
                                               "expected": self.expected_silent(phase, owner)})
            self._advance()
        self.owner = owner
        return self._call(sessions.view, self.lead, self.ctx, self.sid)["contributions"]


def check_session(run: SessionRun, posts: list[dict[str, Any]], prompts_dir: Path = PROMPTS) -> dict[str, Any]:
    """Quotes verbatim and attributed, no content words of the companion's own, "not spoken" exact."""
    bank = facilitator.bank(prompts_dir, run.language)
    line = _template(bank["summary"]["line"], name=".+?", quote=".*")
    silent_line = _template(bank["summary"]["silent"], names=".+")
    said = [p for p in posts if not p["by_companion"]]
    # the bank's phrases (not its check patterns: those hold advice words) and everything the people wrote
    allowed = _bank_words({k: v for k, v in bank.items() if k != "checks"})
    allowed |= set().union(*(_words(p["text"]) for p in said))
    allowed |= set().union(*(_words(c["title"] + " " + c["text"]) for c in run.script["cases"]))
    allowed |= set().union(*(_words(n) for n in run.script["members"])) | _words(run.script["title"])
    out: dict[str, Any] = {"session": run.script["id"], "summaries": 0, "quotes": 0, "verbatim": 0, "attributed": 0,
                           "unattributed": [], "not_verbatim": [], "uncovered_contributions": 0,
                           "companion_posts": 0, "companion_posts_with_own_words": [], "companion_wrong_kind": 0,
                           "silent_checks": 0, "silent_exact": 0, "silent_mismatches": []}
    for post in posts:
        if not post["by_companion"]:
            continue
        out["companion_posts"] += 1
        out["companion_wrong_kind"] += post["kind"] not in COMPANION_KINDS
        if own := sorted(_words(post["text"]) - allowed):
            out["companion_posts_with_own_words"].append({"id": post["id"], "kind": post["kind"], "words": own})
        if post["kind"] != "summary":
            continue
        out["summaries"] += 1
        in_phase = [p for p in said if p["phase"] == post["phase"]]
        quoted: set[int] = set()
        silent_names: list[str] = []
        for text_line in post["text"].splitlines():
            if m := line.match(text_line):
                out["quotes"] += 1
                q = m["quote"].removesuffix("…")
                sources = [p for p in said if q and q in _norm(p["text"])]
                by_name = [p for p in sources if p["author_name"] == m["name"]]
                out["verbatim"] += bool(sources)
                out["attributed"] += bool(by_name)
                quoted |= {p["id"] for p in by_name}
                if not sources:
                    out["not_verbatim"].append({"summary": post["id"], "name": m["name"], "quote": m["quote"]})
                elif not by_name:
                    out["unattributed"].append({"summary": post["id"], "name": m["name"], "quote": m["quote"]})
            elif m := silent_line.match(text_line):
                silent_names = _names(m["names"], bank["and_word"])
        out["uncovered_contributions"] += sum(p["id"] not in quoted for p in in_phase)
        if post["phase"] in EXPECTED_SPEAKERS:
            expected = run.expected_silent(post["phase"], run.owner)
            out["silent_checks"] += 1
            if sorted(silent_names) == sorted(expected):
                out["silent_exact"] += 1
            else:
                out["silent_mismatches"].append({"where": "summary", "phase": post["phase"], "shown": silent_names,
                                                 "expected": expected})
    for check in run.not_spoken_checks:
        out["silent_checks"] += 1
        if sorted(check["shown"]) == sorted(check["expected"]):
            out["silent_exact"] += 1
        else:
            out["silent_mismatches"].append({"where": "room", **check})
    return out


def run_scripts(services, scripts: list[dict[str, Any]]) -> list[tuple[SessionRun, list[dict[str, Any]]]]:
    """Every script run as a session on `services`: the run and the contributions its lead sees at the end."""
    from companion.trust import people

    with services.sessions() as s:
        org_id = people.get_or_create_org(s, "Intervisie bench").id
        s.commit()
    runs = []
    for number, script in enumerate(scripts):
        run = SessionRun(services, script, org_id, number)
        runs.append((run, run.run()))
    return runs


def fidelity(services, scripts: list[dict[str, Any]]) -> dict[str, Any]:
    """Every script run as a session and checked; totals over all of them."""
    return totals([check_session(run, posts, services.settings.prompts_dir)
                   for run, posts in run_scripts(services, scripts)])


def totals(per_session: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts summed over the sessions, and the rates the README reports."""
    keys = ("summaries", "quotes", "verbatim", "attributed", "uncovered_contributions", "companion_posts",
            "companion_wrong_kind", "silent_checks", "silent_exact")
    out: dict[str, Any] = {k: sum(r[k] for r in per_session) for k in keys}
    for k in ("unattributed", "not_verbatim", "companion_posts_with_own_words", "silent_mismatches"):
        out[k] = sum(len(r[k]) for r in per_session)
    out.update(sessions=len(per_session), verbatim_rate=_ratio(out["verbatim"], out["quotes"]),
                  attributed_rate=_ratio(out["attributed"], out["quotes"]),
                  silent_exact_rate=_ratio(out["silent_exact"], out["silent_checks"]),
                  companion_clean_rate=_ratio(out["companion_posts"] - out["companion_posts_with_own_words"],
                                              out["companion_posts"]))
    return {"totals": out, "sessions": per_session}


def fidelity_offline(scripts: list[dict[str, Any]]) -> dict[str, Any]:
    """The fidelity part on a fresh data folder with the offline facilitator (no model, hashed embeddings)."""
    from companion.benchmarks.crash import HashingEmbeddings
    from companion.services import build_services

    with tempfile.TemporaryDirectory(prefix="bench-intervisie-") as tmp:
        services = build_services(Settings(data_dir=Path(tmp)), embeddings=HashingEmbeddings(), model=None)
        try:
            return fidelity(services, scripts)
        finally:
            services.engine.dispose()
