"""`companion bench dialogue` drives scripted conversations through the API and reports every measure."""

import json

from click.testing import CliRunner

from companion.benchmarks import dialogue
from companion.benchmarks.dialogue_report import ROWS, TARGETS
from companion.cli import main
from tests.support.fakes import HashEmbeddings


def test_two_public_conversations_run_end_to_end_and_the_report_has_its_shape(tmp_path, monkeypatch):
    monkeypatch.setattr(dialogue, "make_embeddings", HashEmbeddings)
    out = tmp_path / "dialogue.json"
    ids = ["nl-zorg-overdracht", "en-youth-fight"]
    result = CliRunner().invoke(main, ["bench", "dialogue", "--only", ids[0], "--only", ids[1], "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))

    assert set(report["languages"]) == {"nl", "en"}
    for summary in (report["overall"], *report["languages"].values()):
        assert {key for key, _ in ROWS} <= set(summary)
    assert report["overall"]["conversations"] == 2 and report["overall"]["replies"] == 7 + 6
    assert report["overall"]["errors"] == 0
    assert set(report["targets_met"]) == set(TARGETS)

    conversations = {c["id"]: c for c in report["conversations"]}
    assert set(conversations) == set(ids)
    overdracht = conversations["nl-zorg-overdracht"]
    assert overdracht["earlier_named"] is not None and overdracht["unrelated_named"] is not None
    assert overdracht["phases_visited"][0] == overdracht["initial_phase"]
    for turn in overdracht["turns"]:
        assert turn["status"] == 200 and turn["reply"] and turn["phase"] in overdracht["phase_order"]
    # the English conversation switches to Dutch: the expected language follows the person per message
    assert [t["language"] for t in conversations["en-youth-fight"]["turns"]] == ["en", "en"] + ["nl"] * 4
    assert "| measure | nl | en | all | aim |" in result.output
