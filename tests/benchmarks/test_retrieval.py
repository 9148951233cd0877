"""`companion bench retrieval` runs on any set of the public format and writes valid JSON."""

import json

import yaml
from click.testing import CliRunner

from companion.benchmarks import retrieval
from companion.cli import main
from tests.support.fakes import HashEmbeddings

SET = {
    "people": [{"person": 1, "org": 1, "team": 1}, {"person": 2, "org": 1, "team": 2}],
    "docs": [
        {"id": "a1", "owner": "person:1", "kind": "situation", "title": "Werkdruk", "text": "druk op het werk"},
        {"id": "b1", "owner": "person:2", "kind": "situation", "title": "Werkdruk", "text": "werkdruk werkdruk"},
        {"id": "k1", "owner": "org:1", "kind": "knowledge", "teams": [], "title": "Werkdruk",
         "text": "werkdruk bespreken"},
        {"id": "k2", "owner": "org:1", "kind": "knowledge", "teams": [2], "title": "Rooster", "text": "werkdruk"},
    ],
    "queries": [
        {"id": "q1", "person": 1, "groups": ["nl", "trap"], "query": "werkdruk", "relevant": {"a1": 3, "k1": 2}},
        {"id": "q2", "person": 2, "groups": ["nl"], "query": "rooster werkdruk", "relevant": {"k2": 3, "b1": 2}},
    ],
}


def test_bench_retrieval_reports_all_three_modes_per_group(tmp_path, monkeypatch):
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(SET), encoding="utf-8")
    monkeypatch.setattr(retrieval, "make_embedder", lambda name: HashEmbeddings())
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["bench", "retrieval", "--set", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert set(report["runs"]) == {"e5-dense", "bm25", "e5-hybrid"}
    for run in report["runs"].values():
        assert run["all"]["leaks"] == 0
        assert set(run["groups"]) == {"nl", "trap"}
        assert 0 <= run["all"]["recall@5"] <= 1 and 0 <= run["all"]["ndcg@10"] <= 1 and run["all"]["mrr"] > 0
    assert "recall@5" in result.output and "bm25" in result.output


def test_the_public_set_is_large_and_consistent():
    from companion.benchmarks.evalset import load

    evalset = load()
    assert len(evalset.docs) >= 150 and len(evalset.queries) >= 50
    assert len({d.owner for d in evalset.docs.values()}) >= 8
    for q in evalset.queries:
        scope = evalset.scope(q.person)
        assert all(evalset.visible(evalset.docs[d], scope) for d in q.relevant), q.id
    groups = {g for q in evalset.queries for g in q.groups}
    assert {"nl", "en", "cross", "paraphrase", "compound", "trap"} <= groups
