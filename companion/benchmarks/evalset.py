"""Loading a retrieval evaluation set (eval/retrieval format) and indexing it under its owners' scopes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from companion.core.principal import Scope
from companion.retrieval.scoped_index import Index, IndexItem

DEFAULT_SET = Path(__file__).resolve().parents[2] / "eval" / "retrieval"
KIND_PREFIX = {"situation": "situation", "entry": "entry", "knowledge": "chunk"}


@dataclass
class EvalDoc:
    id: str
    owner: str  # "person:<n>" or "org:<n>"
    kind: str
    title: str
    text: str
    teams: list[int] = field(default_factory=list)

    @property
    def index_id(self) -> str:
        return f"{KIND_PREFIX[self.kind]}:{self.id}"


@dataclass
class EvalQuery:
    id: str
    person: int
    query: str
    groups: list[str]
    relevant: dict[str, int]


@dataclass
class EvalSet:
    people: dict[int, dict]
    docs: dict[str, EvalDoc]
    queries: list[EvalQuery]

    def scope(self, person: int) -> Scope:
        p = self.people[person]
        teams = frozenset({int(p["team"])}) if p.get("team") is not None else frozenset()
        return Scope(person_id=person, org_id=int(p["org"]), team_ids=teams)

    def visible(self, doc: EvalDoc, scope: Scope) -> bool:
        """Ground truth for leaks: may this scope ever see this document?"""
        kind, _, owner = doc.owner.partition(":")
        if kind == "person":
            return int(owner) == scope.person_id
        return int(owner) == scope.org_id and (not doc.teams or bool(set(doc.teams) & scope.team_ids))


def _read(path: Path) -> dict:
    if path.is_dir():
        data: dict = {}
        for name in ("docs.yaml", "queries.yaml"):
            data.update(yaml.safe_load((path / name).read_text(encoding="utf-8")) or {})
        return data
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load(path: Path = DEFAULT_SET) -> EvalSet:
    """A set from a folder holding docs.yaml and queries.yaml, or from one YAML file with both parts."""
    data = _read(Path(path))
    people = {int(p["person"]): p for p in data["people"]}
    docs = {}
    for d in data["docs"]:
        doc = EvalDoc(id=str(d["id"]), owner=d["owner"], kind=d["kind"], title=d["title"], text=d["text"],
                      teams=[int(t) for t in d.get("teams") or []])
        if doc.id in docs:
            raise ValueError(f"document id {doc.id} appears twice")
        docs[doc.id] = doc
    queries = []
    for q in data["queries"]:
        rel = {str(k): int(v) for k, v in (q.get("relevant") or {}).items()}
        unknown = set(rel) - set(docs)
        if unknown:
            raise ValueError(f"query {q['id']} names unknown documents {sorted(unknown)}")
        queries.append(EvalQuery(id=str(q["id"]), person=int(q["person"]), query=q["query"],
                                 groups=list(q.get("groups") or []), relevant=rel))
    return EvalSet(people=people, docs=docs, queries=queries)


def index_set(index: Index, evalset: EvalSet) -> None:
    """Index every document under its owner: a person's unit, or its organisation's (team) knowledge."""
    personal: dict[int, list[IndexItem]] = {}
    knowledge: dict[int, list[IndexItem]] = {}
    for doc in evalset.docs.values():
        kind, _, owner = doc.owner.partition(":")
        item = IndexItem(id=doc.index_id, kind=doc.kind, title=doc.title, text=doc.text,
                         meta={"doc": doc.id, "teams": doc.teams} if kind == "org" else {"doc": doc.id})
        (personal if kind == "person" else knowledge).setdefault(int(owner), []).append(item)
    for person, items in personal.items():
        index.upsert_personal(person, items)
    for org, items in knowledge.items():
        index.upsert_knowledge(org, items)
